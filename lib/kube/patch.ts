/** Patch and delete any object. */
import type { KubernetesObject } from '@kubernetes/client-node';
import { FIELD_MANAGER } from './apply';
import { KubeError } from './errors';
import { objectPath } from './paths';
import { checkPlainJson, checkTextNesting } from './plain-json';
import { getResolved, withTypeMeta } from './read';
import { write } from './retry';
import type { Supplied } from './leak-check';
import { predictJsonPatch, predictMergePatch } from './patch-predict';
import { redact } from './redact';
import { checkJsonPatch } from './write-checks';
import { scrubbingErrors, stringLeaves } from './scrub';
import { contextOf, refText, resolveRef, type ObjectRef, type ResolvedRef } from './target';
import { dryRunQuery, guardedWrite, type WriteOptions, type WriteResult } from './write-pipeline';
import type { KubeConnection } from './connect';

export type PatchType = 'strategic' | 'merge' | 'json';

const CONTENT_TYPES: Record<PatchType, string> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

export interface PatchRequest extends ObjectRef {
  /** an object (strategic, merge), an array of operations (json), or either as YAML/JSON text */
  patch: unknown;
  /** default: strategic for built-in kinds, merge for custom resources */
  type?: PatchType;
}

export async function patch(conn: KubeConnection, req: PatchRequest, opts: WriteOptions): Promise<WriteResult> {
  const ref = await resolveRef(conn, req);
  const body = typeof req.patch === 'string' ? parsePatchText(req.patch) : req.patch;
  checkPlainJson(body, 'the patch', 2 * MAX_PATCH_BYTES);
  const type = req.type ?? (isBuiltIn(ref.type.group) ? 'strategic' : 'merge');
  if (type === 'json' && Array.isArray(body) && body.length > MAX_PATCH_OPS)
    throw new KubeError(`a json patch of at most ${MAX_PATCH_OPS} operations`, { reason: 'BadInput' });
  if (type === 'json' && !Array.isArray(body)) {
    throw new KubeError(
      'a json patch is a list of operations, e.g. [{"op":"replace","path":"/spec/replicas","value":3}]',
      { reason: 'BadInput' },
    );
  }
  if (type !== 'json' && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    throw new KubeError(`a ${type} patch is an object holding the fields to change, e.g. {"spec":{"replicas":3}}`, {
      reason: 'BadInput',
    });
  }
  const context = contextOf(ref, 'patch');
  // a json patch's op names and paths are not secrets; only the values it writes may be
  const written = type === 'json' ? (body as { value?: unknown }[]).map((op) => op?.value) : body;
  const secretValues = ref.type.kind === 'Secret' ? stringLeaves(written) : [];
  return guardedWrite(
    ref,
    'patch',
    opts,
    scrubbingErrors(
      async (dryRun) => {
        const before = await getResolved<KubernetesObject>(conn, ref);
        const reading = type === 'json' ? checkJsonPatch(before, body as unknown[]) : undefined;
        if (reading) throw new KubeError(reading, { reason: 'PolicyDenied' });
        const after = await patchResolved(conn, ref, 'patch', type, body, dryRun);
        const supplied = suppliedBy(type, before, body);
        return { before, after, supplied, message: `patched ${refText(ref)} (${type} patch)` };
      },
      secretValues,
      context,
    ),
  );
}

/** One PATCH of an object already resolved, as kube-aiops's field manager; the answer carries apiVersion and kind. */
export async function patchResolved(
  conn: KubeConnection,
  ref: ResolvedRef,
  verb: string,
  type: PatchType,
  body: unknown,
  dryRun: boolean,
): Promise<KubernetesObject> {
  const res = await write<KubernetesObject>(conn, {
    method: 'PATCH',
    path: objectPath(ref.type, ref.name, ref.namespace),
    contentType: CONTENT_TYPES[type],
    body,
    query: { fieldManager: FIELD_MANAGER, ...dryRunQuery(dryRun) },
    context: contextOf(ref, verb),
  });
  return withTypeMeta(res.body, ref.type);
}

export interface DeleteRequest extends ObjectRef {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  gracePeriodSeconds?: number;
}

export async function remove(conn: KubeConnection, req: DeleteRequest, opts: WriteOptions): Promise<WriteResult> {
  const ref = await resolveRef(conn, req);
  const grace = req.gracePeriodSeconds;
  // the API takes an int64: 1e300 would reach it as "1e+300" and come back as a parse error
  if (grace !== undefined && !(Number.isSafeInteger(grace) && grace >= 0))
    throw new KubeError(`gracePeriodSeconds must be a whole number of seconds from 0 up, not ${String(grace)}`, {
      reason: 'BadInput',
    });
  return guardedWrite(ref, 'delete', opts, async (dryRun) => {
    const before = await getResolved<KubernetesObject>(conn, ref);
    await write(conn, {
      method: 'DELETE',
      path: objectPath(ref.type, ref.name, ref.namespace),
      query: {
        propagationPolicy: req.propagationPolicy,
        gracePeriodSeconds: req.gracePeriodSeconds,
        ...dryRunQuery(dryRun),
      },
      context: {
        verb: 'delete',
        kind: ref.type.kind,
        resource: ref.type.plural,
        namespace: ref.namespace,
        name: ref.name,
      },
    });
    const how = req.propagationPolicy ? ` (${req.propagationPolicy.toLowerCase()} propagation)` : '';
    return { before, deleted: true, message: `deleted ${refText(ref)}${how}` };
  });
}

/**
 * What the caller's patch itself puts where: for JSON and merge patches, the patch applied to the object as reads
 * show it, so every place is exact; a strategic patch is judged by its own body (its lists merge by key).
 */
function suppliedBy(type: PatchType, before: KubernetesObject, body: unknown): Supplied[] {
  if (type === 'strategic') return [{ at: [], value: body }];
  const predicted =
    type === 'json' ? predictJsonPatch(redact(before), body as unknown[]) : predictMergePatch(redact(before), body);
  return predicted === undefined ? [] : [{ at: [], value: predicted }];
}

const MAX_PATCH_BYTES = 128 * 1024;
const MAX_PATCH_OPS = 1000;

function parsePatchText(text: string): unknown {
  if (text.length > MAX_PATCH_BYTES)
    throw new KubeError(`the patch is over ${MAX_PATCH_BYTES} bytes`, { reason: 'BadInput' });
  checkTextNesting(text, 'the patch');
  let value: unknown;
  try {
    // loaded on first use, like the manifest parser (manifest.ts); an unknown tag is an error, not a dropped tag
    const { parseDocument } = require('yaml') as typeof import('yaml');
    const doc = parseDocument(text);
    const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
    if (problem) throw problem;
    value = doc.toJS();
  } catch (err) {
    throw new KubeError(
      `the patch is not valid JSON or YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      { reason: 'BadInput' },
    );
  }
  return value;
}

/** Groups served by kube-apiserver itself know strategic merge; custom resources (even under *.k8s.io) do not. */
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'certificates.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'resource.k8s.io',
]);

function isBuiltIn(group: string): boolean {
  return BUILT_IN_GROUPS.has(group);
}
