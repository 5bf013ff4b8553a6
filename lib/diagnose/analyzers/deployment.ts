/**
 * Deployment (k8sgpt core parity): fewer ready replicas than desired, Progressing=False (ProgressDeadlineExceeded),
 * ReplicaFailure. Our addition: the cause, from the newest ReplicaSet (FailedCreate: quota, webhook, …) or from the
 * pods of that ReplicaSet (the same root cause as the Pod finding, so the engine can merge them).
 */
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { childrenOf } from '../context';
import { workloadCause } from '../explain/workload';
import type { Analyzer, AnalyzerContext, Evidence, Finding } from '../types';
import { clip, millis, ref } from '../util';

function revision(rs: V1ReplicaSet): number {
  return Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
}

export function newestReplicaSet(ctx: AnalyzerContext, d: V1Deployment): V1ReplicaSet | undefined {
  const rss = childrenOf<V1ReplicaSet>(ctx.snapshot, d, 'ReplicaSet');
  return rss.sort(
    (a, b) =>
      revision(b) - revision(a) || millis(b.metadata?.creationTimestamp) - millis(a.metadata?.creationTimestamp),
  )[0];
}

function analyzeOne(ctx: AnalyzerContext, d: V1Deployment): Finding | undefined {
  const ns = d.metadata?.namespace ?? '';
  const name = d.metadata?.name ?? '';
  const desired = d.spec?.replicas ?? 1;
  const ready = d.status?.readyReplicas ?? 0;
  const available = d.status?.availableReplicas ?? 0;
  const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
  const stuck = progressing?.status === 'False';
  if (d.spec?.paused || (desired === 0 && !stuck) || (ready >= desired && !stuck)) return undefined;

  const me = ref('Deployment', d);
  const evidence: Evidence[] = [
    {
      source: 'field',
      object: me,
      text: `spec.replicas=${desired}, status.readyReplicas=${ready}, availableReplicas=${available}, updatedReplicas=${d.status?.updatedReplicas ?? 0}`,
    },
  ];
  if (stuck)
    evidence.push({
      source: 'condition',
      object: me,
      text: `Progressing=False reason=${progressing?.reason ?? ''}: ${clip(progressing?.message ?? '', 300)}`,
    });

  const rs = newestReplicaSet(ctx, d);
  const pods = rs ? childrenOf<V1Pod>(ctx.snapshot, rs, 'Pod') : [];
  const cause = workloadCause(
    ctx,
    rs
      ? [
          { kind: 'ReplicaSet', obj: rs },
          { kind: 'Deployment', obj: d },
        ]
      : [{ kind: 'Deployment', obj: d }],
    pods,
  );

  const state =
    stuck && ready >= desired
      ? `rollout is stuck (${progressing?.reason ?? 'Progressing=False'}); the old ReplicaSet still serves ${ready}/${desired}`
      : `${ready}/${desired} replicas ready${stuck ? `, rollout stuck (${progressing?.reason ?? 'Progressing=False'})` : ''}`;
  const severity = ready === 0 && desired > 0 ? 'critical' : 'warning';
  const commands = [
    `kubectl rollout status deployment/${name} -n ${ns}`,
    `kubectl describe deployment ${name} -n ${ns}`,
  ];
  if (!cause) {
    // Without a failing pod or a refusal this is most likely a rollout still under way.
    return {
      severity: stuck || ready === 0 ? severity : 'info',
      analyzer: 'Deployment',
      kind: 'Deployment',
      namespace: ns,
      name,
      reason: stuck ? (progressing?.reason ?? 'RolloutStuck') : 'ReplicasUnavailable',
      message: `Deployment ${ns}/${name}: ${state}.`,
      evidence,
      suggestion: 'Describe the newest ReplicaSet and its pods to see why they do not become ready.',
      commands: [
        ...commands,
        `kubectl get rs,pods -n ${ns} -l ${Object.entries(d.spec?.selector?.matchLabels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}`,
      ],
    };
  }
  return {
    severity: cause.severity === 'critical' || severity === 'critical' ? severity : 'warning',
    analyzer: 'Deployment',
    kind: 'Deployment',
    namespace: ns,
    name,
    reason: stuck ? (progressing?.reason ?? 'RolloutStuck') : 'ReplicasUnavailable',
    message: `Deployment ${ns}/${name}: ${state}; ${cause.via}: ${cause.rootCause.fact}.`,
    evidence: [...evidence, ...cause.evidence],
    rootCause: cause.rootCause,
    suggestion: cause.suggestion,
    commands: [...new Set([...commands, ...cause.commands])],
  };
}

export const deploymentAnalyzer: Analyzer = {
  name: 'Deployment',
  default: true,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const d of ctx.snapshot.deployments) {
      const f = analyzeOne(ctx, d);
      if (f) out.push(f);
    }
    return out;
  },
};
