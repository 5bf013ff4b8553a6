/** Owner → dependents through metadata.ownerReferences, as the garbage collector follows them. */
import type { KubeObject } from '../model';
import type { ResourceDef } from '../registry/resource';
import type { StoredObject } from '../store/store';
import type { ClusterView } from './cluster-view';

export interface Dependent {
  def: ResourceDef;
  stored: StoredObject;
}

export function findDependents(cluster: ClusterView, owner: KubeObject, ownerDef: ResourceDef): Dependent[] {
  const uid = owner.metadata.uid;
  if (!uid) return [];
  const out: Dependent[] = [];
  for (const storage of cluster.store.storageKeys()) {
    const def = cluster.defForStorage(storage);
    if (!def) continue;
    // a namespaced owner only owns objects in its own namespace
    const ns = ownerDef.namespaced && def.namespaced ? owner.metadata.namespace : undefined;
    if (ownerDef.namespaced && !def.namespaced) continue;
    for (const [, stored] of cluster.store.iterate(def, ns)) {
      if (stored.object.metadata.ownerReferences?.some((r) => r.uid === uid)) out.push({ def, stored });
    }
  }
  return out;
}
