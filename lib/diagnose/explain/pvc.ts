/**
 * Why a PersistentVolumeClaim is not bound: missing StorageClass, no default class, provisioner failure,
 * a static claim with no matching volume, or a lost volume. Used by the PVC analyzer and by the Pending-pod chain.
 */
import { cause, missingCause } from '../cause';
import type { V1PersistentVolume, V1PersistentVolumeClaim, V1StorageClass } from '@kubernetes/client-node';
import { lookup } from '../context';
import type { AnalyzerContext, Evidence, ObjectRef } from '../types';
import type { Explanation } from './explanation';
import { clip, ref } from '../util';

const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

export function isDefaultClass(sc: V1StorageClass): boolean {
  const a = sc.metadata?.annotations ?? {};
  return DEFAULT_CLASS_ANNOTATIONS.some((k) => a[k] === 'true');
}

function eventEvidence(obj: ObjectRef, reason: string, message: string): Evidence {
  return { source: 'event', object: obj, text: `${reason}: ${clip(message)}` };
}

/**
 * A PersistentVolume retained from an earlier claim of the same name (Released, its claimRef still carrying the old
 * claim's uid), or the one the claim names in spec.volumeName when it is reserved for another claim: the PV
 * controller never binds it to this claim ("volume … already bound to a different claim").
 */
function releasedVolumeFor(pvs: V1PersistentVolume[], pvc: V1PersistentVolumeClaim): V1PersistentVolume | undefined {
  const ns = pvc.metadata?.namespace;
  const name = pvc.metadata?.name;
  const uid = pvc.metadata?.uid;
  const wanted = pvc.spec?.volumeName;
  return pvs.find((pv) => {
    const cr = pv.spec?.claimRef;
    const reservedElsewhere =
      !!cr && (cr.namespace !== ns || cr.name !== name || (!!cr.uid && !!uid && cr.uid !== uid));
    if (wanted) return pv.metadata?.name === wanted && reservedElsewhere;
    // the same claim name, recreated: a Released volume waiting for the claim that is gone
    return pv.status?.phase === 'Released' && cr?.namespace === ns && cr?.name === name && !!cr?.uid && cr.uid !== uid;
  });
}

/** undefined when the claim is bound, or pending for a reason that is not a fault (WaitForFirstConsumer). */
export function explainPvc(ctx: AnalyzerContext, pvc: V1PersistentVolumeClaim): Explanation | undefined {
  const s = ctx.snapshot;
  const phase = pvc.status?.phase;
  const ns = pvc.metadata?.namespace;
  const name = pvc.metadata?.name ?? '';
  const me = ref('PersistentVolumeClaim', pvc);
  const describe = `kubectl describe pvc ${name} -n ${ns}`;
  if (phase === 'Lost') {
    const pv = pvc.spec?.volumeName;
    return {
      severity: 'critical',
      reason: 'PVCLost',
      message: `PersistentVolumeClaim ${ns}/${name} is Lost: its PersistentVolume ${pv ?? '(unknown)'} no longer exists.`,
      evidence: [{ source: 'field', object: me, text: `status.phase=Lost, spec.volumeName=${pv ?? ''}` }],
      rootCause: cause(pv ? { kind: 'PersistentVolume', name: pv } : me, 'BoundVolumeMissing', { volume: pv }),
      suggestion: 'Restore the PersistentVolume from backup or recreate the claim; pods using it cannot start.',
      commands: [describe, `kubectl get pv ${pv ?? ''}`.trim()],
    };
  }
  if (phase !== 'Pending') return undefined;

  const events = ctx.eventsFor('PersistentVolumeClaim', ns, name);
  const provisioningFailed = events.find((e) => e.reason === 'ProvisioningFailed');
  const failedBinding = events.find((e) => e.reason === 'FailedBinding');
  const evidence: Evidence[] = [];
  if (provisioningFailed) evidence.push(eventEvidence(me, 'ProvisioningFailed', provisioningFailed.message ?? ''));
  if (failedBinding) evidence.push(eventEvidence(me, 'FailedBinding', failedBinding.message ?? ''));

  const volumeName = pvc.spec?.volumeName;
  if (volumeName && !lookup<V1PersistentVolume>(s, 'PersistentVolume', undefined, volumeName)) {
    return {
      severity: 'critical',
      reason: 'PVCVolumeMissing',
      message: `PersistentVolumeClaim ${ns}/${name} asks for PersistentVolume ${volumeName}, which does not exist.`,
      evidence: [{ source: 'field', object: me, text: `spec.volumeName=${volumeName}` }, ...evidence],
      rootCause: missingCause({ kind: 'PersistentVolume', name: volumeName }),
      suggestion: `Create PersistentVolume ${volumeName} or remove spec.volumeName so the claim can be provisioned.`,
      commands: [describe, 'kubectl get pv'],
    };
  }

  const held = releasedVolumeFor(s.pvs, pvc);
  if (held) {
    const pvRef = ref('PersistentVolume', held);
    const policy = held.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
    const oldUid = held.spec?.claimRef?.uid;
    return {
      severity: 'critical',
      reason: 'VolumeReleased',
      message: `PersistentVolumeClaim ${ns}/${name} waits for PersistentVolume ${held.metadata?.name}, which is ${held.status?.phase ?? 'bound'} and still reserved for the deleted claim it was bound to (claimRef uid ${oldUid ?? '?'}).`,
      evidence: [
        {
          source: 'field',
          object: pvRef,
          text: `status.phase=${held.status?.phase ?? ''}, persistentVolumeReclaimPolicy=${policy}, claimRef=${held.spec?.claimRef?.namespace}/${held.spec?.claimRef?.name} uid=${oldUid ?? ''}`,
        },
        { source: 'field', object: me, text: `uid=${pvc.metadata?.uid ?? ''}, spec.volumeName=${volumeName ?? ''}` },
        ...evidence,
      ],
      rootCause: cause(pvRef, 'VolumeReleased', {
        volume: held.metadata?.name,
        phase: held.status?.phase,
        reclaimPolicy: policy,
        claim: `${ns}/${name}`,
        ...(oldUid ? { claimRefUid: oldUid } : {}),
      }),
      suggestion: `PersistentVolume ${held.metadata?.name} (reclaimPolicy ${policy}) keeps the claimRef of the deleted claim, so it never binds again: after checking the data is what you want, clear it with kubectl patch pv ${held.metadata?.name} --type=json -p '[{"op":"remove","path":"/spec/claimRef/uid"}]' (or remove claimRef) and the new claim binds.`,
      commands: [describe, `kubectl get pv ${held.metadata?.name} -o jsonpath='{.spec.claimRef}'`],
    };
  }

  const className = pvc.spec?.storageClassName;
  if (className === '') {
    return {
      severity: 'critical',
      reason: 'PVCNoMatchingVolume',
      message: `PersistentVolumeClaim ${ns}/${name} has no storage class, so it waits for a pre-created PersistentVolume and none matches.`,
      evidence: [{ source: 'field', object: me, text: 'spec.storageClassName=""' }, ...evidence],
      rootCause: cause(me, 'NoMatchingVolume', {}),
      suggestion: 'Create a matching PersistentVolume, or set spec.storageClassName to a class with a provisioner.',
      commands: [describe, 'kubectl get pv', 'kubectl get storageclass'],
    };
  }
  if (className === undefined || className === null) {
    const defaults = s.storageClasses.filter(isDefaultClass);
    if (defaults.length === 0) {
      return {
        severity: 'critical',
        reason: 'PVCNoStorageClass',
        message: `PersistentVolumeClaim ${ns}/${name} names no StorageClass and the cluster has no default StorageClass.`,
        evidence: [
          {
            source: 'field',
            object: me,
            text: 'spec.storageClassName unset; no StorageClass annotated storageclass.kubernetes.io/is-default-class=true',
          },
          ...evidence,
        ],
        rootCause: cause(me, 'NoDefaultStorageClass', {}),
        suggestion: 'Set spec.storageClassName on the claim, or mark one StorageClass as the default.',
        commands: [
          describe,
          'kubectl get storageclass',
          'kubectl patch storageclass <name> -p \'{"metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}\'',
        ],
      };
    }
  }
  const effective = className ?? s.storageClasses.find(isDefaultClass)?.metadata?.name;
  const sc = effective ? lookup<V1StorageClass>(s, 'StorageClass', undefined, effective) : undefined;
  if (effective && !sc) {
    return {
      severity: 'critical',
      reason: 'StorageClassNotFound',
      message: `PersistentVolumeClaim ${ns}/${name} uses StorageClass "${effective}", which does not exist, so no volume can be provisioned.`,
      evidence: [{ source: 'field', object: me, text: `spec.storageClassName=${effective}` }, ...evidence],
      rootCause: missingCause({ kind: 'StorageClass', name: effective }),
      suggestion: `Create StorageClass "${effective}" or change the claim to an existing class (${s.storageClasses.map((c) => c.metadata?.name).join(', ') || 'none exist'}).`,
      commands: [describe, 'kubectl get storageclass'],
    };
  }
  if (provisioningFailed && sc) {
    const text = provisioningFailed.message ?? '';
    return {
      severity: 'critical',
      reason: 'ProvisioningFailed',
      message: `PersistentVolumeClaim ${ns}/${name} cannot be provisioned by ${sc.provisioner}: ${clip(text, 200)}`,
      evidence: [
        { source: 'field', object: ref('StorageClass', sc), text: `provisioner=${sc.provisioner}` },
        ...evidence,
      ],
      rootCause: cause(ref('StorageClass', sc), 'ProvisioningFailed', {
        provisioner: sc.provisioner,
        message: clip(text, 240),
      }),
      suggestion:
        'Fix what the provisioner reports (parameters, quota, credentials, zone), then the claim binds on its own.',
      commands: [
        describe,
        `kubectl get storageclass ${sc.metadata?.name} -o yaml`,
        `kubectl get events -n ${ns} --field-selector involvedObject.name=${name}`,
      ],
    };
  }
  if (sc?.volumeBindingMode === 'WaitForFirstConsumer' && !failedBinding) return undefined;
  const external = events.find((e) => e.reason === 'ExternalProvisioning');
  if (sc && sc.provisioner === 'kubernetes.io/no-provisioner') {
    return {
      severity: 'critical',
      reason: 'PVCNoMatchingVolume',
      message: `PersistentVolumeClaim ${ns}/${name} uses StorageClass ${sc.metadata?.name}, which has no provisioner, and no PersistentVolume matches it.`,
      evidence: [
        { source: 'field', object: ref('StorageClass', sc), text: 'provisioner=kubernetes.io/no-provisioner' },
        ...evidence,
      ],
      rootCause: cause(me, 'NoStaticVolume', { storageClass: sc.metadata?.name }),
      suggestion:
        'Create a local PersistentVolume of that class with enough capacity, or use a class with a dynamic provisioner.',
      commands: [describe, 'kubectl get pv'],
    };
  }
  if (external && sc) {
    return {
      severity: 'warning',
      reason: 'ProvisionerNotResponding',
      message: `PersistentVolumeClaim ${ns}/${name} waits for the external provisioner ${sc.provisioner}, which has not created a volume.`,
      evidence: [eventEvidence(me, 'ExternalProvisioning', external.message ?? ''), ...evidence],
      rootCause: cause(ref('StorageClass', sc), 'ExternalProvisionerIdle', { provisioner: sc.provisioner }),
      suggestion: `Check that the CSI driver / provisioner ${sc.provisioner} is installed and its controller pods are running.`,
      commands: [describe, `kubectl get pods -A | grep -i csi`],
    };
  }
  if (failedBinding) {
    return {
      severity: 'warning',
      reason: 'FailedBinding',
      message: `PersistentVolumeClaim ${ns}/${name} is not bound: ${clip(failedBinding.message ?? '', 200)}`,
      evidence,
      rootCause: cause(me, 'ClaimNotBound', { message: clip(failedBinding.message ?? '', 240) }),
      suggestion: 'Create a PersistentVolume matching the claim, or use a StorageClass with a provisioner.',
      commands: [describe, 'kubectl get pv'],
    };
  }
  return undefined;
}
