/**
 * Create-only review resources (access reviews, token reviews, bindings). The simulator has one all-powerful
 * user, so every access review is allowed.
 */
import type { Cluster } from '../api/cluster';
import { badRequest, notFound } from '../errors';
import { deepClone, isJsonObject, obj, type Json, type JsonObject } from '../model';
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

export function handleReview(cluster: Cluster, ctx: RequestContext, def: ResourceDef, ns: string | undefined, body: Json): void {
  if (!isJsonObject(body)) throw badRequest('the body of the request must be a JSON object');
  if (def.resource === 'bindings') return bind(cluster, ctx, ns, body);
  const out = deepClone(body);
  out.apiVersion = out.apiVersion ?? `${def.group}/${def.version}`;
  out.kind = def.kind;
  out.metadata = { creationTimestamp: null, ...obj(out.metadata) } as JsonObject;
  out.status = reviewStatus(def.kind);
  sendJson(ctx, 201, out);
}

/** POST pods/binding or bindings: what the scheduler does — set spec.nodeName. */
export function bind(cluster: Cluster, ctx: RequestContext, ns: string | undefined, body: JsonObject): void {
  const podName = String(obj(body.metadata).name ?? '');
  const node = String(obj(body.target).name ?? '');
  const pods = cluster.registry.lookup('', 'v1', 'pods');
  if (!pods) throw notFound({ group: '', resource: 'pods' }, podName);
  cluster.patch(pods, ns, podName, 'merge', { spec: { nodeName: node } });
  sendJson(ctx, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
