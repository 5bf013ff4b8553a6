/**
 * Storage (k8sgpt optional parity, without its noisy size rules): more than one default StorageClass, no default
 * at all (info), PersistentVolumes Failed (reclaim failed) or Released (retained, waiting for cleanup; info).
 * Pending/Lost claims are the PersistentVolumeClaim analyzer's job. `kubernetes.io/no-provisioner` is a valid
 * class for local volumes and is not flagged.
 */
import { cause } from '../cause';
import { isDefaultClass } from '../explain/pvc';
import type { Analyzer, Finding } from '../types';
import { clip, ref } from '../util';

export const storageAnalyzer: Analyzer = {
  name: 'Storage',
  default: true,
  analyze(ctx) {
    const s = ctx.snapshot;
    const out: Finding[] = [];
    const defaults = s.storageClasses.filter(isDefaultClass);
    if (defaults.length > 1) {
      const names = defaults.map((c) => c.metadata?.name ?? '');
      out.push({
        severity: 'warning',
        analyzer: 'Storage',
        kind: 'StorageClass',
        name: names[0],
        reason: 'MultipleDefaultStorageClasses',
        message: `${defaults.length} StorageClasses are marked default (${names.join(', ')}); claims without a class get the newest one, which may not be what you expect.`,
        evidence: defaults.map((c) => ({
          source: 'field' as const,
          object: ref('StorageClass', c),
          text: 'storageclass.kubernetes.io/is-default-class=true',
        })),
        rootCause: cause(ref('StorageClass', defaults[0]), 'MultipleDefaultStorageClasses', { storageClasses: names }),
        suggestion: 'Keep the default annotation on exactly one StorageClass.',
        commands: [
          'kubectl get storageclass',
          ...names
            .slice(1)
            .map((n) => `kubectl annotate storageclass ${n} storageclass.kubernetes.io/is-default-class-`),
        ],
      });
    } else if (defaults.length === 0 && s.storageClasses.length > 0) {
      out.push({
        severity: 'info',
        analyzer: 'Storage',
        kind: 'StorageClass',
        name: s.storageClasses[0].metadata?.name ?? '',
        reason: 'NoDefaultStorageClass',
        message: 'No StorageClass is marked default; claims without storageClassName stay Pending.',
        evidence: [
          { source: 'field', text: `StorageClasses: ${s.storageClasses.map((c) => c.metadata?.name).join(', ')}` },
        ],
        suggestion: 'Mark one StorageClass default if claims are expected to omit the class.',
        commands: ['kubectl get storageclass'],
      });
    }
    for (const pv of s.pvs) {
      const phase = pv.status?.phase;
      if (phase !== 'Failed' && phase !== 'Released') continue;
      const name = pv.metadata?.name ?? '';
      const claim = pv.spec?.claimRef ? `${pv.spec.claimRef.namespace}/${pv.spec.claimRef.name}` : '(none)';
      const msg = pv.status?.message;
      out.push({
        severity: phase === 'Failed' ? 'warning' : 'info',
        analyzer: 'Storage',
        kind: 'PersistentVolume',
        name,
        reason: phase === 'Failed' ? 'PersistentVolumeFailed' : 'PersistentVolumeReleased',
        message:
          phase === 'Failed'
            ? `PersistentVolume ${name} is Failed: ${clip(msg ?? 'automatic reclamation failed', 240)}`
            : `PersistentVolume ${name} is Released (claim ${claim} deleted, reclaimPolicy ${pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain'}); its storage is kept until someone cleans it up.`,
        evidence: [
          {
            source: 'field',
            object: ref('PersistentVolume', pv),
            text: `status.phase=${phase}${msg ? `, message=${clip(msg, 200)}` : ''}, claimRef=${claim}`,
          },
        ],
        ...(phase === 'Failed'
          ? {
              rootCause: cause(ref('PersistentVolume', pv), 'VolumeReclaimFailed', {
                message: msg ? clip(msg, 200) : undefined,
              }),
            }
          : {}),
        suggestion:
          phase === 'Failed'
            ? 'Fix what blocks reclamation (backend volume in use or gone), then delete the PV.'
            : 'Back up the data if needed, then delete the PV (and the backing disk) or clear claimRef to reuse it.',
        commands: [`kubectl describe pv ${name}`],
      });
    }
    return out;
  },
};
