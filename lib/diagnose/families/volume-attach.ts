/**
 * A volume that cannot be attached to the pod's node. The attach/detach controller's words
 * (pkg/controller/volume/attachdetach/reconciler): "Multi-Attach error for volume "pvc-…" Volume is already used by
 * pod(s) web-7d9-abcde" (or "… by N pod(s) in different namespaces", "… exclusively attached to one node and can't be
 * attached to another"): a ReadWriteOnce claim shared by pods on different nodes. And the CSI attacher's: "CSINode
 * node-1 does not contain driver ebs.csi.aws.com", "driver name ebs.csi.aws.com not found in the list of registered
 * CSI drivers": the driver's node plugin does not run on that node.
 */
import type { V1PersistentVolume, V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node';
import { lookup } from '../context';
import { podClaims } from './pod-claims';
import type { Evidence, ObjectRef, Snapshot } from '../types';
import { type FamilyCause, family, list } from './cause-data';

// the volume is a PV or pod-volume name (DNS characters only): it goes into the kubectl commands below
const MULTI_ATTACH =
  /Multi-Attach error for volume \\?"([\w.-]+)\\?"\s*(?:Volume is already (?:used by (?:pod\(s\) (.+)|(\d+) pod\(s\) in different namespaces)|exclusively attached to one node))?/i;
const CSI_MISSING =
  /CSINode ([\w.-]+) does not contain driver ([\w./-]+)|driver name ([\w./-]+) not found in the list of registered CSI drivers/i;

function claimOf(s: Snapshot, pod: V1Pod, volume: string): V1PersistentVolumeClaim | undefined {
  const ns = pod.metadata?.namespace;
  const pv = lookup<V1PersistentVolume>(s, 'PersistentVolume', undefined, volume);
  const byPv = pv?.spec?.claimRef?.name;
  for (const { name, pvc } of podClaims(s, pod)) {
    if (name === byPv || pvc?.spec?.volumeName === volume)
      return pvc ?? ({ metadata: { name, namespace: ns } } as V1PersistentVolumeClaim);
  }
  return undefined;
}

/** Pods other than `pod` that mount the claim, with their nodes. */
function holders(s: Snapshot, pod: V1Pod, claim: string): { name: string; node: string }[] {
  return s.pods
    .filter(
      (p) =>
        p !== pod &&
        p.metadata?.namespace === pod.metadata?.namespace &&
        !!p.spec?.nodeName &&
        (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim),
    )
    .map((p) => ({ name: p.metadata?.name ?? '', node: p.spec?.nodeName ?? '' }));
}

export function volumeAttachCause(
  s: Snapshot,
  pod: V1Pod,
  specRef: ObjectRef,
  message: string,
  evidence: Evidence,
): FamilyCause | undefined {
  const node = pod.spec?.nodeName ?? '';
  const ns = pod.metadata?.namespace;
  const multi = MULTI_ATTACH.exec(message);
  if (multi) {
    const volume = multi[1];
    const claim = claimOf(s, pod, volume);
    const claimName = claim?.metadata?.name;
    const others = claimName ? holders(s, pod, claimName).filter((h) => h.node !== node) : [];
    const named = multi[2]
      ? multi[2]
          .split(/,\s*/)
          .map((x) => x.trim())
          // pod names only: they are quoted into a grep below
          .filter((x) => /^[\w.-]+$/.test(x))
      : [];
    const usedBy = named.length ? named : others.map((o) => o.name);
    const accessModes = claim?.spec?.accessModes ?? [];
    return family({
      object: specRef,
      code: 'VolumeMultiAttach',
      facts: {
        volume,
        ...(claimName ? { claim: claimName } : {}),
        ...(accessModes.length ? { accessModes } : {}),
        node,
        ...(usedBy.length ? { usedBy } : {}),
        ...(others.length ? { otherNodes: [...new Set(others.map((o) => o.node))] } : {}),
      },
      evidence: [
        evidence,
        ...(claimName
          ? [
              {
                source: 'field' as const,
                object: { kind: 'PersistentVolumeClaim', namespace: ns, name: claimName },
                text: `accessModes ${accessModes.join(', ') || '(unset)'}; volume ${volume}`,
              },
            ]
          : []),
      ],
      suggestion: `A ${accessModes.join('/') || 'ReadWriteOnce'} volume attaches to one node at a time: run one replica (strategy Recreate), keep the replicas on one node, give each replica its own claim (a StatefulSet's volumeClaimTemplates), or use a ReadWriteMany storage class.`,
      commands: [
        `kubectl get pods -n ${ns} -o wide${usedBy.length ? ` | grep -E '${list(usedBy, 3).replace(/, /g, '|')}'` : ''}`,
        `kubectl get volumeattachments | grep ${volume}`,
      ],
    });
  }
  const csi = CSI_MISSING.exec(message);
  if (csi) {
    const driver = csi[2] ?? csi[3];
    const on = csi[1] ?? node;
    return family({
      object: { kind: 'Node', name: on },
      code: 'CSIDriverNotOnNode',
      facts: { driver, node: on },
      evidence: [evidence],
      suggestion: `The node plugin of CSI driver ${driver} is not registered on node ${on}: check its DaemonSet's pod on that node (its nodeSelector and tolerations), or keep pods that need this storage off the node.`,
      commands: [
        `kubectl get csinode ${on} -o yaml`,
        `kubectl get pods -A -o wide --field-selector spec.nodeName=${on}`,
      ],
    });
  }
  return undefined;
}
