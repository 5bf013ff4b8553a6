import type { V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node';
import { lookup } from '../context';
import type { Snapshot } from '../types';

export interface PodClaim {
  /** the claim name the pod's volume asks for */
  name: string;
  /** the claim itself, when the snapshot holds it */
  pvc?: V1PersistentVolumeClaim;
}

/** The PersistentVolumeClaims a pod's volumes name, looked up by index in the pod's namespace. */
export function podClaims(s: Snapshot, pod: V1Pod): PodClaim[] {
  const ns = pod.metadata?.namespace;
  const out: PodClaim[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const name = v.persistentVolumeClaim?.claimName;
    if (name) out.push({ name, pvc: lookup<V1PersistentVolumeClaim>(s, 'PersistentVolumeClaim', ns, name) });
  }
  return out;
}
