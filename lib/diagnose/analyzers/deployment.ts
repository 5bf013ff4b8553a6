/**
 * Deployment (k8sgpt core parity): fewer ready replicas than desired, Progressing=False (ProgressDeadlineExceeded),
 * ReplicaFailure. Our addition: the cause, from the newest ReplicaSet (FailedCreate: quota, webhook, …) or from the
 * pods of that ReplicaSet (the same root cause as the Pod finding, so the engine can merge them).
 */
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { cause } from '../cause';
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

function images(t: { spec?: { containers?: { name: string; image?: string }[] } } | undefined): string[] {
  return (t?.spec?.containers ?? []).map((c) => `${c.name}=${c.image ?? ''}`);
}

/**
 * A paused Deployment whose template changed since: no ReplicaSet runs the current template, so the new image or
 * config waits for `kubectl rollout resume` while the old pods keep serving.
 */
function pausedFinding(ctx: AnalyzerContext, d: V1Deployment): Finding | undefined {
  const rss = childrenOf<V1ReplicaSet>(ctx.snapshot, d, 'ReplicaSet');
  const wanted = images(d.spec?.template).join(',');
  if (!rss.length || rss.some((rs) => images(rs.spec?.template).join(',') === wanted)) return undefined;
  const ns = d.metadata?.namespace ?? '';
  const name = d.metadata?.name ?? '';
  const me = ref('Deployment', d);
  const running = newestReplicaSet(ctx, d);
  const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
  const evidence: Evidence[] = [
    {
      source: 'field',
      object: me,
      text: `spec.paused=true, template images ${wanted}; ReplicaSet ${running?.metadata?.name ?? ''} runs ${images(running?.spec?.template).join(',')}; updatedReplicas=${d.status?.updatedReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
    },
    ...(progressing
      ? [
          {
            source: 'condition' as const,
            object: me,
            text: `Progressing=${progressing.status} reason=${progressing.reason ?? ''}: ${progressing.message ?? ''}`,
          },
        ]
      : []),
  ];
  return {
    severity: 'warning',
    analyzer: 'Deployment',
    kind: 'Deployment',
    namespace: ns,
    name,
    reason: 'DeploymentPaused',
    message: `Deployment ${ns}/${name} is paused: its template (${wanted}) is not rolled out; the pods still run ${images(running?.spec?.template).join(', ')}.`,
    evidence,
    rootCause: cause(
      me,
      'DeploymentPaused',
      {
        templateImages: images(d.spec?.template),
        runningImages: images(running?.spec?.template),
        runningReplicaSet: running?.metadata?.name,
        updatedReplicas: d.status?.updatedReplicas ?? 0,
        replicas: d.spec?.replicas ?? 1,
      },
      evidence[0],
    ),
    suggestion: `Resume the rollout (kubectl rollout resume deployment/${name} -n ${ns}) if the change is meant to go out, or undo the template change.`,
    commands: [
      `kubectl rollout resume deployment/${name} -n ${ns}`,
      `kubectl rollout history deployment/${name} -n ${ns}`,
    ],
  };
}

function analyzeOne(ctx: AnalyzerContext, d: V1Deployment): Finding | undefined {
  if (d.spec?.paused) return pausedFinding(ctx, d);
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
  const why = workloadCause(
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
  if (!why) {
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
    severity: why.severity === 'critical' || severity === 'critical' ? severity : 'warning',
    analyzer: 'Deployment',
    kind: 'Deployment',
    namespace: ns,
    name,
    reason: stuck ? (progressing?.reason ?? 'RolloutStuck') : 'ReplicasUnavailable',
    message: `Deployment ${ns}/${name}: ${state}; ${why.via}: ${why.rootCause.fact}.`,
    evidence: [...evidence, ...why.evidence],
    rootCause: why.rootCause,
    suggestion: why.suggestion,
    commands: [...new Set([...commands, ...why.commands])],
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
