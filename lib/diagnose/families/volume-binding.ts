/**
 * "node(s) didn't find available persistent volumes to bind": the scheduler's VolumeBinding plugin found, for an
 * unbound claim of the pod, neither a matching PersistentVolume on the node nor a way to provision one there. With
 * WaitForFirstConsumer that is either the StorageClass's allowedTopologies excluding every node the pod may use,
 * or a class without a provisioner (local volumes) with no free volume that fits.
 */
import type {
  V1Node,
  V1PersistentVolume,
  V1PersistentVolumeClaim,
  V1Pod,
  V1StorageClass,
} from '@kubernetes/client-node';
import type { ObjectRef, Snapshot } from '../types';
import { quantity } from '../util';
import { type FamilyCause, family } from './cause-data';
import { distinct, eligibleNodes, termsMatch } from './node-fit';
import { podClaims } from './pod-claims';

const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

function allowedOn(sc: V1StorageClass, node: V1Node): boolean {
  const terms = sc.allowedTopologies ?? [];
  if (!terms.length) return true;
  const labels = node.metadata?.labels ?? {};
  return terms.some((t) =>
    (t.matchLabelExpressions ?? []).every((e) => (e.values ?? []).includes(labels[e.key] ?? '')),
  );
}

function topologyText(sc: V1StorageClass): string {
  return (sc.allowedTopologies ?? [])
    .map((t) =>
      (t.matchLabelExpressions ?? []).map((e) => `${e.key} in (${(e.values ?? []).join(', ')})`).join(' and '),
    )
    .join(' or ');
}

/** A free volume of the class that is big enough and reachable from one of `nodes`. */
function fits(pv: V1PersistentVolume, pvc: V1PersistentVolumeClaim, className: string, nodes: V1Node[]): boolean {
  if (pv.status?.phase !== 'Available' || pv.spec?.claimRef) return false;
  if ((pv.spec?.storageClassName ?? '') !== className) return false;
  if (quantity(pv.spec?.capacity?.storage) < quantity(pvc.spec?.resources?.requests?.storage)) return false;
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  return !terms?.length || nodes.some((n) => termsMatch(n, terms));
}

export function volumeBindingCause(s: Snapshot, pod: V1Pod, specRef: ObjectRef): FamilyCause | undefined {
  const ns = pod.metadata?.namespace;
  const nodes = eligibleNodes(s.nodes, pod);
  for (const { name: claim, pvc } of podClaims(s, pod)) {
    if (!pvc || pvc.spec?.volumeName) continue;
    const className = pvc.spec?.storageClassName ?? '';
    const sc = s.storageClasses.find((c) => c.metadata?.name === className);
    if (!sc) continue;
    const scRef: ObjectRef = { kind: 'StorageClass', name: className };
    const zones = distinct(nodes.map((n) => n.metadata?.labels?.['topology.kubernetes.io/zone']));
    if (
      sc.provisioner !== NO_PROVISIONER &&
      (sc.allowedTopologies?.length ?? 0) &&
      !nodes.some((n) => allowedOn(sc, n))
    )
      return family({
        object: scRef,
        code: 'StorageClassTopologyMismatch',
        facts: {
          storageClass: className,
          claim,
          allowedTopologies: topologyText(sc),
          nodeZones: zones,
          eligibleNodes: nodes.length,
        },
        evidence: [{ source: 'field', object: scRef, text: `allowedTopologies: ${topologyText(sc)}` }],
        suggestion: `StorageClass ${className} may provision only where ${topologyText(sc)}, and none of the ${nodes.length} node(s) the pod may use is there: widen allowedTopologies to the nodes' zones (${zones.join(', ') || 'see the node labels'}), or add nodes in the allowed topology.`,
        commands: [`kubectl get storageclass ${className} -o yaml`, 'kubectl get nodes -L topology.kubernetes.io/zone'],
      });
    if (sc.provisioner === NO_PROVISIONER && !s.pvs.some((pv) => fits(pv, pvc, className, nodes))) {
      const ofClass = s.pvs.filter((pv) => (pv.spec?.storageClassName ?? '') === className);
      const free = ofClass.filter((pv) => pv.status?.phase === 'Available' && !pv.spec?.claimRef);
      return family({
        object: { kind: 'PersistentVolumeClaim', namespace: ns, name: claim },
        code: 'NoStaticVolume',
        facts: {
          storageClass: className,
          claim,
          request: pvc.spec?.resources?.requests?.storage,
          volumesOfClass: ofClass.length,
          freeVolumes: free.length,
        },
        evidence: [
          {
            source: 'field',
            object: scRef,
            text: `provisioner=${NO_PROVISIONER}; ${ofClass.length} PersistentVolume(s) of the class, ${free.length} Available`,
          },
        ],
        suggestion: `StorageClass ${className} has no provisioner: create a PersistentVolume of that class with at least ${pvc.spec?.resources?.requests?.storage ?? 'the requested size'} on a node the pod may use (local volumes need one per node and pod).`,
        commands: [`kubectl get pv -o wide | grep ${className}`],
      });
    }
  }
  return undefined;
}
