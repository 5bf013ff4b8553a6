/**
 * Create-only review resources (access reviews, token reviews, bindings). The simulator has one all-powerful
 * user, so every access review is allowed.
 */
import type { Cluster } from '../api/cluster';
import { randomBytes } from 'node:crypto';
import { badRequest, notFound } from '../errors';
import { deepClone, isJsonObject, obj, type Json, type JsonObject, scalar } from '../model';
import type { ResourceDef } from '../registry/resource';
import { sendJson, type RequestContext } from './context';

export const SIM_USER = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

function reviewStatus(kind: string): JsonObject {
  switch (kind) {
    case 'SelfSubjectRulesReview':
      return {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      };
    case 'SelfSubjectReview':
      return { userInfo: SIM_USER };
    case 'TokenReview':
      return { authenticated: true, user: SIM_USER, audiences: ['https://kubernetes.default.svc.cluster.local'] };
    default:
      return { allowed: true, reason: 'the simulator allows every request' };
  }
}

export function handleReview(
  cluster: Cluster,
  ctx: RequestContext,
  def: ResourceDef,
  ns: string | undefined,
  body: Json,
): void {
  if (!isJsonObject(body)) throw badRequest('the body of the request must be a JSON object');
  if (def.resource === 'bindings') return bind(cluster, ctx, ns, body);
  const out = deepClone(body);
  out.apiVersion = out.apiVersion ?? `${def.group}/${def.version}`;
  out.kind = def.kind;
  out.metadata = { creationTimestamp: null, ...obj(out.metadata) };
  out.status = reviewStatus(def.kind);
  sendJson(ctx, 201, out);
}

/** POST pods/binding or bindings: what the scheduler does — set spec.nodeName. */
export function bind(cluster: Cluster, ctx: RequestContext, ns: string | undefined, body: JsonObject): void {
  const podName = scalar(obj(body.metadata).name ?? '');
  const node = scalar(obj(body.target).name ?? '');
  const pods = cluster.registry.lookup('', 'v1', 'pods');
  if (!pods) throw notFound({ group: '', resource: 'pods' }, podName);
  cluster.patch(pods, ns, podName, 'merge', { spec: { nodeName: node } });
  sendJson(ctx, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}

/**
 * POST pods/<name>/eviction (kubectl drain): the pod goes, as when no PodDisruptionBudget objects;
 * serviceaccounts/<name>/token (kubectl create token): an opaque token; pods/<name>/binding: the scheduler's bind.
 */
export function handleAction(
  cluster: Cluster,
  ctx: RequestContext,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
  action: 'eviction' | 'token' | 'binding',
): void {
  cluster.get(def, ns, name);
  if (action === 'eviction') {
    cluster.delete(def, ns, name, { dryRun: ctx.query.getAll('dryRun').includes('All') });
    return sendJson(ctx, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  }
  if (action === 'binding') {
    const body = JSON.parse(ctx.body.toString('utf8') || '{}') as JsonObject;
    return bind(cluster, ctx, ns, { ...body, metadata: { ...obj(body.metadata), name } });
  }
  const expiration = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  sendJson(ctx, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace: ns ?? '', creationTimestamp: null },
    spec: {
      audiences: ['https://kubernetes.default.svc.cluster.local'],
      expirationSeconds: 3600,
      boundObjectRef: null,
    },
    status: { token: `sim.${randomBytes(24).toString('base64url')}`, expirationTimestamp: expiration },
  });
}
