/**
 * Write tools. Each is registered only behind its enable flag, and every call still passes lib/guard
 * (protected namespaces, allowed namespaces, denied kinds) and lands in the audit log, refused or not.
 */
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import {
  type BatchResult,
  type WriteOptions,
  type WriteResult,
  apply,
  create,
  patch,
  remove,
  rolloutRestart,
  rolloutUndo,
  scale,
  setImage,
  setResources,
} from '../../lib/kube';
import type { ToolDeps } from '../deps';
import { kindArg, LIMITS, nameArg, namespaceArg, record, ref } from './shared';
import { type ToolOutput, defineTool } from './types';

const dryRunArg = z
  .boolean()
  .optional()
  .describe('validate on the server without changing anything (recommended first)');
// MCP clients ask before destructive tools: anything that can overwrite, stop or replace running pods says so.
// Only create (adds, fails if the object exists) is not destructive.
const ADDITIVE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: false,
};
const UPDATE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: false,
};
const DESTRUCTIVE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: false,
};

const options = (deps: ToolDeps, dryRun: boolean | undefined): WriteOptions => ({
  policy: deps.policy,
  dryRun,
  audit: deps.audit,
  actor: 'mcp',
});

const one = (r: WriteResult): ToolOutput => ({
  text: [
    r.message,
    r.changed ? `before: ${JSON.stringify(r.before)}\nafter:  ${JSON.stringify(r.after)}` : '',
    ...r.warnings.map((w) => `warning: ${w}`),
  ]
    .filter(Boolean)
    .join('\n'),
  data: {
    verb: r.verb,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    dryRun: r.dryRun,
    changed: r.changed,
    before: r.before,
    after: r.after,
    audit: r.audit,
  },
});

const batch = (b: BatchResult): ToolOutput => ({
  text: [
    b.message,
    ...b.results.filter((r) => r.changed).map((r) => `${r.kind}/${r.name}: ${JSON.stringify(r.after)}`),
  ].join('\n'),
  data: { dryRun: b.dryRun, results: b.results.map((r) => one(r).data) },
});

export const applyResource = defineTool({
  name: 'apply_resource',
  title: 'Apply manifests (server-side apply)',
  description:
    'Server-side apply one or more YAML/JSON documents (field manager kube-aiops). All documents are dry-run first: if one is invalid or refused, nothing is applied.',
  input: {
    manifest: z.string().min(1).max(LIMITS.manifest).describe('YAML or JSON, several documents allowed'),
    namespace: namespaceArg.describe(
      "the call's namespace, like kubectl -n: documents that name none go there, a document naming another is refused",
    ),
    dryRun: dryRunArg,
    force: z.boolean().optional(),
  },
  annotations: UPDATE,
  requires: 'create',
  async run(a, deps) {
    return batch(
      await apply(deps.kube, a.manifest, {
        ...options(deps, a.dryRun),
        namespace: a.namespace,
        onlyNamespace: true,
        force: a.force,
      }),
    );
  },
});

export const createResource = defineTool({
  name: 'create_resource',
  title: 'Create objects',
  description: 'Create one or more objects from YAML/JSON (fails if they exist). All documents are dry-run first.',
  input: { manifest: z.string().min(1).max(LIMITS.manifest), namespace: namespaceArg, dryRun: dryRunArg },
  annotations: ADDITIVE,
  requires: 'create',
  async run(a, deps) {
    return batch(
      await create(deps.kube, a.manifest, { ...options(deps, a.dryRun), namespace: a.namespace, onlyNamespace: true }),
    );
  },
});

export const patchResource = defineTool({
  name: 'patch_resource',
  title: 'Patch an object',
  description:
    'Patch one object: strategic (default for built-in kinds), merge, or json (RFC 6902 operations). Returns the changed fields before/after.',
  input: {
    kind: kindArg,
    name: nameArg,
    namespace: namespaceArg,
    patch: z.string().min(1).max(LIMITS.patch).describe('the patch as JSON or YAML text'),
    type: z.enum(['strategic', 'merge', 'json']).optional(),
    dryRun: dryRunArg,
  },
  annotations: { ...UPDATE, idempotentHint: false },
  requires: 'update',
  async run(a, deps) {
    return one(await patch(deps.kube, { ...ref(a), patch: a.patch, type: a.type }, options(deps, a.dryRun)));
  },
});

export const deleteResource = defineTool({
  name: 'delete_resource',
  title: 'Delete an object',
  description: 'Delete one object; its dependents follow by ownerReferences unless propagationPolicy is Orphan.',
  input: {
    kind: kindArg,
    name: nameArg,
    namespace: namespaceArg,
    propagationPolicy: z.enum(['Foreground', 'Background', 'Orphan']).optional(),
    gracePeriodSeconds: z.number().int().min(0).optional(),
    dryRun: dryRunArg,
  },
  annotations: DESTRUCTIVE,
  requires: 'delete',
  async run(a, deps) {
    return one(
      await remove(
        deps.kube,
        { ...ref(a), propagationPolicy: a.propagationPolicy, gracePeriodSeconds: a.gracePeriodSeconds },
        options(deps, a.dryRun),
      ),
    );
  },
});

export const scaleTool = defineTool({
  name: 'scale',
  title: 'Scale a workload',
  description: 'Set the replica count of a Deployment, StatefulSet or ReplicaSet.',
  input: {
    kind: kindArg,
    name: nameArg,
    namespace: namespaceArg,
    replicas: z.number().int().min(0).max(10000),
    dryRun: dryRunArg,
  },
  annotations: UPDATE,
  requires: 'update',
  async run(a, deps) {
    return one(await scale(deps.kube, { ...ref(a), replicas: a.replicas }, options(deps, a.dryRun)));
  },
});

export const rolloutRestartTool = defineTool({
  name: 'rollout_restart',
  title: 'Rollout restart',
  description: 'Restart the pods of a Deployment, StatefulSet or DaemonSet the way kubectl rollout restart does.',
  input: { kind: kindArg, name: nameArg, namespace: namespaceArg, dryRun: dryRunArg },
  annotations: DESTRUCTIVE,
  requires: 'update',
  async run(a, deps) {
    return one(await rolloutRestart(deps.kube, ref(a), options(deps, a.dryRun)));
  },
});

export const rolloutUndoTool = defineTool({
  name: 'rollout_undo',
  title: 'Rollout undo',
  description: 'Roll a Deployment back to its previous revision (or toRevision), like kubectl rollout undo.',
  input: {
    kind: kindArg,
    name: nameArg,
    namespace: namespaceArg,
    toRevision: z.number().int().min(1).optional(),
    dryRun: dryRunArg,
  },
  annotations: DESTRUCTIVE,
  requires: 'update',
  async run(a, deps) {
    return one(await rolloutUndo(deps.kube, { ...ref(a), toRevision: a.toRevision }, options(deps, a.dryRun)));
  },
});

export const setImageTool = defineTool({
  name: 'set_image',
  title: 'Set container images',
  description: 'Change container images of a workload. images maps container name to image; "*" means every container.',
  input: {
    kind: kindArg,
    name: nameArg,
    namespace: namespaceArg,
    images: record(63, z.string().min(1).max(1024)),
    dryRun: dryRunArg,
  },
  annotations: UPDATE,
  requires: 'update',
  async run(a, deps) {
    return one(await setImage(deps.kube, { ...ref(a), images: a.images }, options(deps, a.dryRun)));
  },
});

export const setResourcesTool = defineTool({
  name: 'set_resources',
  title: 'Set requests and limits',
  description:
    'Change CPU/memory requests and limits of containers of a workload (e.g. raise a memory limit after OOMKilled).',
  input: {
    kind: kindArg,
    name: nameArg,
    namespace: namespaceArg,
    containers: z.array(z.string().max(63)).max(LIMITS.list).optional().describe('default: all containers'),
    requests: record(253, z.string().max(64)).optional().describe('e.g. {"cpu":"250m","memory":"256Mi"}'),
    limits: record(253, z.string().max(64)).optional().describe('e.g. {"memory":"512Mi"}'),
    dryRun: dryRunArg,
  },
  annotations: UPDATE,
  requires: 'update',
  async run(a, deps) {
    if (!a.requests && !a.limits) throw new Error('give requests and/or limits');
    return one(
      await setResources(
        deps.kube,
        { ...ref(a), containers: a.containers, requests: a.requests, limits: a.limits },
        options(deps, a.dryRun),
      ),
    );
  },
});
