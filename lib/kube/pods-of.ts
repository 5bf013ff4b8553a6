/** The pods behind an object: a workload's (by its selector), a Service's, a Node's; and which of them is failing. */
import type { KubernetesObject, V1LabelSelector, V1Pod } from '@kubernetes/client-node';
import { isFailingStatus, podStatus } from './pod-status';
import { listResolved } from './read';
import { resolveKind } from './resolve';
import { selectorMatches, selectorToString } from './selectors';
import type { KubeConnection } from './connect';

/** Kinds whose pods can be found; others return undefined. */
export async function podsOf(conn: KubeConnection, obj: KubernetesObject): Promise<V1Pod[] | undefined> {
  const podType = await resolveKind(conn, { apiVersion: 'v1', kind: 'Pod' });
  const ns = obj.metadata?.namespace;
  if (obj.kind === 'Node') {
    return (
      await listResolved<V1Pod>(conn, podType, {
        allNamespaces: true,
        fieldSelector: `spec.nodeName=${obj.metadata?.name}`,
        allPages: true,
      })
    ).items.filter((p) => p.spec?.nodeName === obj.metadata?.name);
  }
  const selector = selectorOf(obj);
  if (!selector) return undefined;
  const text = selectorToString(selector);
  if (!text) return [];
  const pods = (await listResolved<V1Pod>(conn, podType, { namespace: ns, labelSelector: text, allPages: true })).items;
  // the label selector already did this on a real API server; doing it again keeps results right on any server
  return pods.filter((p) => selectorMatches(selector, p.metadata?.labels));
}

function selectorOf(obj: KubernetesObject): V1LabelSelector | Record<string, string> | undefined {
  const spec = (obj as { spec?: { selector?: V1LabelSelector | Record<string, string> } }).spec;
  if (obj.kind === 'Service') return spec?.selector;
  if (
    ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController'].includes(obj.kind ?? '')
  ) {
    return spec?.selector;
  }
  return undefined;
}

/** Failing pods first (CrashLoopBackOff, errors), then not ready, then most restarts, then newest. */
export function rankPods(pods: V1Pod[]): V1Pod[] {
  const score = (p: V1Pod): number[] => {
    const s = podStatus(p);
    const created = new Date(String(p.metadata?.creationTimestamp ?? 0)).getTime() || 0;
    return [isFailingStatus(s.status) ? 0 : 1, s.readyCount < s.total ? 0 : 1, -s.restarts, -created];
  };
  return [...pods].sort((a, b) => {
    const x = score(a);
    const y = score(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return 0;
  });
}

/** Why a pod was picked, in words. */
export function pickReason(pod: V1Pod): string {
  const s = podStatus(pod);
  if (isFailingStatus(s.status)) return `failing (${s.status})`;
  if (s.readyCount < s.total) return `not ready (${s.ready}, ${s.status})`;
  if (s.restarts > 0) return `most restarts (${s.restarts})`;
  return 'newest pod';
}
