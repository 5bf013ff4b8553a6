/**
 * CronJob (k8sgpt core parity plus history): suspended (info), invalid schedule or time zone, negative
 * startingDeadlineSeconds, missed schedules reported by the controller, and the most recent run failed — with that
 * Job's root cause. An older failure followed by a success is not reported.
 */
import { cause } from '../cause';
import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import { childrenOf } from '../context';
import { cronError, timeZoneError } from '../explain/cron';
import type { Analyzer, AnalyzerContext, Finding } from '../types';
import { clip, millis, ref } from '../util';
import { explainJob, jobFailedCondition } from './job';

function analyzeOne(ctx: AnalyzerContext, cj: V1CronJob): Finding[] {
  const ns = cj.metadata?.namespace ?? '';
  const name = cj.metadata?.name ?? '';
  const me = ref('CronJob', cj);
  const base = { analyzer: 'CronJob', kind: 'CronJob', namespace: ns, name };
  const describe = `kubectl describe cronjob ${name} -n ${ns}`;
  const out: Finding[] = [];
  const schedule = cj.spec?.schedule;
  const tzSpec = cj.spec?.timeZone;
  const err = cronError(schedule) ?? (tzSpec ? timeZoneError(tzSpec) : undefined);
  if (err) {
    out.push({
      ...base,
      severity: 'critical',
      reason: 'InvalidSchedule',
      message: `CronJob ${ns}/${name} has an invalid schedule "${schedule}"${tzSpec ? ` (timeZone ${tzSpec})` : ''}: ${err}. It will never run.`,
      evidence: [
        { source: 'field', object: me, text: `spec.schedule=${schedule}${tzSpec ? `, spec.timeZone=${tzSpec}` : ''}` },
      ],
      rootCause: cause(me, 'InvalidSchedule', { schedule, error: err }),
      suggestion:
        'Use five fields: minute hour day-of-month month day-of-week (e.g. "*/5 * * * *"), or @hourly/@daily.',
      commands: [describe],
    });
  }
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && deadline < 0) {
    out.push({
      ...base,
      severity: 'warning',
      reason: 'NegativeStartingDeadline',
      message: `CronJob ${ns}/${name} has a negative startingDeadlineSeconds (${deadline}); no run can start in time.`,
      evidence: [{ source: 'field', object: me, text: `spec.startingDeadlineSeconds=${deadline}` }],
      rootCause: cause(me, 'NegativeStartingDeadline', { startingDeadlineSeconds: deadline }),
      suggestion: 'Set startingDeadlineSeconds to a positive number of seconds or remove it.',
      commands: [describe],
    });
  }
  if (cj.spec?.suspend) {
    out.push({
      ...base,
      severity: 'info',
      reason: 'Suspended',
      message: `CronJob ${ns}/${name} is suspended.`,
      evidence: [{ source: 'field', object: me, text: 'spec.suspend=true' }],
      suggestion: 'Set spec.suspend=false when it should run again.',
      commands: [describe],
    });
    return out;
  }
  const missed = ctx
    .eventsFor('CronJob', ns, name)
    .find((e) => e.type === 'Warning' && /Miss|TooMany|FailedNeedsStart|deadline/i.test(`${e.reason} ${e.message}`));
  if (missed) {
    out.push({
      ...base,
      severity: 'warning',
      reason: missed.reason ?? 'MissedSchedule',
      message: `CronJob ${ns}/${name} misses runs: ${clip(missed.message ?? '', 240)}`,
      evidence: [{ source: 'event', object: me, text: `${missed.reason}: ${clip(missed.message ?? '', 300)}` }],
      rootCause: cause(me, 'MissedSchedules', { message: missed.message ? clip(missed.message, 240) : undefined }),
      suggestion:
        'Check the controller-manager is healthy, and set startingDeadlineSeconds so missed runs are not counted forever.',
      commands: [describe],
    });
  }
  // concurrencyPolicy Forbid: the cronjob-controller skips every run while one Job is active and says so with a
  // Normal JobAlreadyActive event ("Not starting job because prior execution is running and concurrency policy is
  // Forbid"); a run that never ends stops the schedule, and that Job is what to fix.
  const blocked = ctx
    .eventsFor('CronJob', ns, name)
    .find((e) => e.reason === 'JobAlreadyActive' || /prior execution is running/i.test(e.message ?? ''));
  const activeRef = cj.status?.active?.[0];
  const active = activeRef?.name
    ? childrenOf<V1Job>(ctx.snapshot, cj, 'Job').find((j) => j.metadata?.name === activeRef.name)
    : undefined;
  if (blocked && activeRef?.name && (blocked.count ?? 1) >= 2) {
    const jobRef = { kind: 'Job', name: activeRef.name, namespace: ns };
    const start = active?.status?.startTime as Date | string | undefined;
    const startedAt = start instanceof Date ? start.toISOString() : start;
    out.push({
      ...base,
      severity: 'warning',
      reason: 'RunsBlockedByActiveJob',
      message: `CronJob ${ns}/${name} skips its runs (${blocked.count ?? 1} times): Job ${activeRef.name}${startedAt ? ` (running since ${startedAt})` : ''} is still active and concurrencyPolicy is ${cj.spec?.concurrencyPolicy ?? 'Forbid'}.`,
      evidence: [
        {
          source: 'event',
          object: me,
          text: `${blocked.reason} (x${blocked.count ?? 1}): ${clip(blocked.message ?? '', 200)}`,
        },
        {
          source: 'field',
          object: me,
          text: `status.active=[${activeRef.name}], lastScheduleTime=${String(cj.status?.lastScheduleTime ?? '')}`,
        },
      ],
      rootCause: cause(jobRef, 'RunsBlockedByActiveJob', {
        cronJob: name,
        job: activeRef.name,
        startedAt,
        skipped: blocked.count ?? 1,
        policy: cj.spec?.concurrencyPolicy ?? 'Forbid',
      }),
      suggestion: `Find why Job ${activeRef.name} never finishes (its pod logs); set activeDeadlineSeconds on the job template so a hung run ends, or use concurrencyPolicy Replace.`,
      commands: [
        describe,
        `kubectl logs job/${activeRef.name} -n ${ns} --tail=50`,
        `kubectl delete job ${activeRef.name} -n ${ns}`,
      ],
    });
  }
  const jobs = childrenOf<V1Job>(ctx.snapshot, cj, 'Job').sort(
    (a, b) => millis(b.metadata?.creationTimestamp) - millis(a.metadata?.creationTimestamp),
  );
  const last = jobs.find((j) => jobFailedCondition(j) || j.status?.conditions?.some((c) => c.status === 'True'));
  if (last && jobFailedCondition(last)) {
    const jf = explainJob(ctx, last);
    out.push({
      ...base,
      severity: 'warning',
      reason: 'LastRunFailed',
      message: `CronJob ${ns}/${name}: its last run, Job ${last.metadata?.name}, failed${jf?.rootCause ? `: ${jf.rootCause.fact}` : ''}.`,
      evidence: [
        {
          source: 'field',
          object: me,
          text: `lastScheduleTime=${String(cj.status?.lastScheduleTime ?? '')}, lastSuccessfulTime=${String(cj.status?.lastSuccessfulTime ?? 'never')}`,
        },
        ...(jf?.evidence ?? []),
      ],
      ...(jf?.rootCause ? { rootCause: jf.rootCause } : {}),
      suggestion: jf?.suggestion ?? "Read the failed Job's pod logs.",
      commands: [describe, ...(jf?.commands ?? [])],
    });
  }
  return out;
}

export const cronJobAnalyzer: Analyzer = {
  name: 'CronJob',
  default: true,
  analyze(ctx) {
    return ctx.snapshot.cronJobs.flatMap((cj) => analyzeOne(ctx, cj));
  },
};
