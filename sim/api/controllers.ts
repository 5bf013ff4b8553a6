/**
 * The one controller every real cluster runs that clients notice: each namespace gets a `default`
 * ServiceAccount. It hangs off the store's write hook, the same way a rollout controller would.
 */
import type { ClusterView } from './cluster-view';

export function startServiceAccountController(cluster: ClusterView): void {
  const sa = cluster.registry.lookup('', 'v1', 'serviceaccounts');
  if (!sa) return;
  cluster.store.onWrite((e) => {
    if (e.type !== 'ADDED' || e.def.storage !== '/namespaces') return;
    const ns = e.object.metadata.name ?? '';
    if (cluster.find(sa, ns, 'default')) return;
    cluster.load({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
  });
}
