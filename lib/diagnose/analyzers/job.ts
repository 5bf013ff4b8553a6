/**
 * Job (k8sgpt core parity): failed (BackoffLimitExceeded, DeadlineExceeded, pod failure policy) with the failing
 * pods' root cause (exit code, OOMKilled, error log lines), retrying with failures, cannot create pods, suspended
 * (info). A Job that completed yields nothing, even if some attempts failed along the way; a failed Job of a CronJob
 * whose later run succeeded is history (info).
 */
import { cause as causeOf } from '../cause';
import type { V1CronJob, V1Job, V1Pod } from '@kubernetes/client-node';
import { childrenOf, lookup } from '../context';
import { workloadCause } from '../explain/workload';
import { familyRootCause } from '../families/explanation';
import { jobDeadlineCause } from '../families/lifecycle';
import type { Analyzer, AnalyzerContext, Evidence, Finding } from '../types';
import { clip, controllerOf, millis, ref } from '../util';

export function jobSucceeded(job: V1Job): boolean {
  return !!job.status?.conditions?.some(
    (c) => (c.type === 'Complete' || c.type === 'SuccessCriteriaMet') && c.status === 'True',
  );
}

export function jobFailedCondition(job: V1Job) {
  return job.status?.conditions?.find(
    (c) => (c.type === 'Failed' || c.type === 'FailureTarget') && c.status === 'True',
  );
}

/** A later run of the same CronJob completed, so this failure no longer describes the present. */
function supersededBySuccess(ctx: AnalyzerContext, job: V1Job): boolean {
  const owner = controllerOf(job);
  if (owner?.kind !== 'CronJob') return false;
  const cj = lookup<V1CronJob>(ctx.snapshot, 'CronJob', job.metadata?.namespace, owner.name);
  if (!cj) return false;
  const t = millis(job.metadata?.creationTimestamp);
  return childrenOf<V1Job>(ctx.snapshot, cj, 'Job').some(
    (j) => j !== job && millis(j.metadata?.creationTimestamp) > t && jobSucceeded(j),
  );
}

export function explainJob(ctx: AnalyzerContext, job: V1Job): Finding | undefined {
  const ns = job.metadata?.namespace ?? '';
  const name = job.metadata?.name ?? '';
  const me = ref('Job', job);
  const describe = `kubectl describe job ${name} -n ${ns}`;
  if (jobSucceeded(job)) return undefined;
  const owner = ctx.topOwner(job);
  const base = { analyzer: 'Job', kind: 'Job', namespace: ns, name, ...(owner ? { owner } : {}) };
  if (job.spec?.suspend) {
    return {
      ...base,
      severity: 'info',
      reason: 'Suspended',
      message: `Job ${ns}/${name} is suspended.`,
      evidence: [{ source: 'field', object: me, text: 'spec.suspend=true' }],
      suggestion: 'Resume it with spec.suspend=false when it should run.',
      commands: [describe],
    };
  }
  const failed = jobFailedCondition(job);
  const failures = job.status?.failed ?? 0;
  const pods = childrenOf<V1Pod>(ctx.snapshot, job, 'Pod');
  const cause = workloadCause(ctx, [{ kind: 'Job', obj: job }], pods);
  if (!failed && failures === 0 && !cause) return undefined;
  if (!failed && failures === 0 && cause && (job.status?.active ?? 0) > 0 && cause.severity !== 'critical')
    return undefined;

  const evidence: Evidence[] = [
    {
      source: 'field',
      object: me,
      text: `status: active=${job.status?.active ?? 0}, succeeded=${job.status?.succeeded ?? 0}, failed=${failures}; backoffLimit=${job.spec?.backoffLimit ?? 6}`,
    },
  ];
  if (failed)
    evidence.push({
      source: 'condition',
      object: me,
      text: `${failed.type}=True reason=${failed.reason ?? ''}: ${clip(failed.message ?? '', 300)}`,
    });
  const limitEvent = ctx
    .eventsFor('Job', ns, name)
    .find((e) => e.reason === 'BackoffLimitExceeded' || e.reason === 'DeadlineExceeded');
  if (limitEvent)
    evidence.push({
      source: 'event',
      object: me,
      text: `${limitEvent.reason}: ${clip(limitEvent.message ?? '', 300)}`,
    });

  const history = failed && supersededBySuccess(ctx, job);
  const state = failed
    ? `failed (${failed.reason ?? 'Failed'}) after ${failures} failed pod(s)`
    : `is retrying: ${failures} pod(s) failed so far`;
  const deadline = failed?.reason === 'DeadlineExceeded';
  const rootCause =
    cause?.rootCause ??
    (deadline
      ? (familyRootCause(jobDeadlineCause(job)) ??
        causeOf(me, 'JobDeadlineExceeded', { activeDeadlineSeconds: job.spec?.activeDeadlineSeconds }))
      : undefined);
  return {
    ...base,
    severity: history ? 'info' : failed || cause?.severity === 'critical' ? 'critical' : 'warning',
    reason: failed?.reason ?? (cause ? cause.reason : 'PodsFailing'),
    message: `Job ${ns}/${name} ${state}${rootCause ? `; ${cause ? `${cause.via}: ` : ''}${rootCause.fact}` : ''}.${history ? ' A later run of its CronJob succeeded.' : ''}`,
    evidence: [...evidence, ...(cause?.evidence ?? [])],
    ...(rootCause ? { rootCause } : {}),
    suggestion:
      cause?.suggestion ??
      (deadline
        ? 'Raise activeDeadlineSeconds or make the work faster.'
        : "Read the failed pods' logs (kubectl logs job/<name>) to see why they exit non-zero."),
    commands: [...new Set([describe, `kubectl logs job/${name} -n ${ns} --tail=50`, ...(cause?.commands ?? [])])],
  };
}

export const jobAnalyzer: Analyzer = {
  name: 'Job',
  default: true,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const job of ctx.snapshot.jobs) {
      const f = explainJob(ctx, job);
      if (f) out.push(f);
    }
    return out;
  },
};
