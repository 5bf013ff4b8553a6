/**
 * StatefulSet (k8sgpt core parity, minus the serviceName check that lives with the static reference checks):
 * fewer ready replicas than desired with the cause (FailedCreate refusal, or the failing pods' root cause, which for
 * a StatefulSet is often its claim → StorageClass), and volumeClaimTemplates naming a StorageClass that does not exist.
 */
import { cause, missingCause } from '../cause';
import type { V1Pod, V1StatefulSet, V1StorageClass } from '@kubernetes/client-node';
import { childrenOf, lookup } from '../context';
import { isDefaultClass } from '../explain/pvc';
import { workloadCause } from '../explain/workload';
import type { Analyzer, AnalyzerContext, Evidence, Finding } from '../types';
import { ref } from '../util';

function missingClasses(ctx: AnalyzerContext, sts: V1StatefulSet): Finding[] {
  const out: Finding[] = [];
  const ns = sts.metadata?.namespace ?? '';
  const name = sts.metadata?.name ?? '';
  for (const t of sts.spec?.volumeClaimTemplates ?? []) {
    const cls = t.spec?.storageClassName;
    if (cls === '') continue;
    if (cls === undefined || cls === null) {
      if (ctx.snapshot.storageClasses.some(isDefaultClass)) continue;
      out.push({
        severity: 'warning',
        analyzer: 'StatefulSet',
        kind: 'StatefulSet',
        namespace: ns,
        name,
        reason: 'NoDefaultStorageClass',
        message: `StatefulSet ${ns}/${name} volumeClaimTemplate ${t.metadata?.name} names no StorageClass and the cluster has no default.`,
        evidence: [
          {
            source: 'field',
            object: ref('StatefulSet', sts),
            text: `volumeClaimTemplates[${t.metadata?.name}].spec.storageClassName unset`,
          },
        ],
        rootCause: cause(ref('StatefulSet', sts), 'NoDefaultStorageClass', { template: t.metadata?.name }),
        suggestion: 'Set storageClassName on the template or mark a StorageClass as default.',
        commands: ['kubectl get storageclass'],
      });
      continue;
    }
    if (lookup<V1StorageClass>(ctx.snapshot, 'StorageClass', undefined, cls)) continue;
    out.push({
      severity: 'warning',
      analyzer: 'StatefulSet',
      kind: 'StatefulSet',
      namespace: ns,
      name,
      reason: 'StorageClassNotFound',
      message: `StatefulSet ${ns}/${name} volumeClaimTemplate ${t.metadata?.name} uses StorageClass "${cls}", which does not exist.`,
      evidence: [
        {
          source: 'field',
          object: ref('StatefulSet', sts),
          text: `volumeClaimTemplates[${t.metadata?.name}].spec.storageClassName=${cls}`,
        },
      ],
      rootCause: missingCause({ kind: 'StorageClass', name: cls }),
      suggestion: `Create StorageClass "${cls}" or change the template to an existing class (volumeClaimTemplates are immutable: recreate the StatefulSet with --cascade=orphan).`,
      commands: ['kubectl get storageclass', `kubectl get statefulset ${name} -n ${ns} -o yaml`],
    });
  }
  return out;
}

function availability(ctx: AnalyzerContext, sts: V1StatefulSet): Finding | undefined {
  const ns = sts.metadata?.namespace ?? '';
  const name = sts.metadata?.name ?? '';
  const desired = sts.spec?.replicas ?? 1;
  const ready = sts.status?.readyReplicas ?? 0;
  if (desired === 0 || ready >= desired) return undefined;
  const me = ref('StatefulSet', sts);
  const pods = childrenOf<V1Pod>(ctx.snapshot, sts, 'Pod').sort((a, b) =>
    (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '', undefined, { numeric: true }),
  );
  const evidence: Evidence[] = [
    {
      source: 'field',
      object: me,
      text: `spec.replicas=${desired}, status.readyReplicas=${ready}, currentReplicas=${sts.status?.currentReplicas ?? 0}, pods present: ${pods.map((p) => p.metadata?.name).join(', ') || 'none'}`,
    },
  ];
  const cause = workloadCause(ctx, [{ kind: 'StatefulSet', obj: sts }], pods);
  const severity = ready === 0 ? 'critical' : 'warning';
  const commands = [
    `kubectl describe statefulset ${name} -n ${ns}`,
    `kubectl get pods -n ${ns} -l ${Object.entries(sts.spec?.selector?.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',')}`,
  ];
  // Ordered pods start one at a time: the first pod that is not ready blocks the rest.
  const blocker = pods.find((p) => !p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  const ordered = sts.spec?.podManagementPolicy !== 'Parallel' && !!blocker;
  const order = ordered ? ` Pods start in order, so ${blocker?.metadata?.name} blocks the rest.` : '';
  const present = new Set(pods.map((p) => p.metadata?.name));
  const notCreated = Array.from({ length: desired }, (_, i) => `${name}-${i}`).filter((p) => !present.has(p));
  if (ordered && notCreated.length)
    evidence.push({
      source: 'field',
      object: me,
      text: `podManagementPolicy OrderedReady: ${blocker?.metadata?.name} is not ready, so ${notCreated.join(', ')} ${notCreated.length === 1 ? 'is' : 'are'} not created`,
    });
  return {
    severity,
    analyzer: 'StatefulSet',
    kind: 'StatefulSet',
    namespace: ns,
    name,
    reason: 'ReplicasUnavailable',
    message: `StatefulSet ${ns}/${name}: ${ready}/${desired} replicas ready${cause ? `; ${cause.via}: ${cause.rootCause.fact}` : ''}.${order}`,
    evidence: cause ? [...evidence, ...cause.evidence] : evidence,
    ...(cause
      ? { rootCause: cause.rootCause, suggestion: cause.suggestion }
      : { suggestion: 'Describe the StatefulSet and its first pod that is not ready.' }),
    commands: [...new Set([...commands, ...(cause?.commands ?? [])])],
  };
}

export const statefulSetAnalyzer: Analyzer = {
  name: 'StatefulSet',
  default: true,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const sts of ctx.snapshot.statefulSets) {
      const f = availability(ctx, sts);
      if (f) out.push(f);
      out.push(...missingClasses(ctx, sts));
    }
    return out;
  },
};
