/**
 * Conditions the workload controllers write (pkg/controller/job, pkg/controller/podautoscaler, disruption) in the
 * words they use, read into codes and the values they quote.
 */

export type JobFailureCode =
  | 'DeadlineExceeded'
  | 'BackoffLimitExceeded'
  | 'PodFailurePolicy'
  | 'MaxFailedIndexesExceeded'
  | 'FailedIndexes'
  | 'JobFailed';

export interface JobFailureFacts {
  code: JobFailureCode;
  /** PodFailurePolicy: "Container main for pod ns/p failed with exit code 3 matching FailJob rule at index 0" */
  container?: string;
  pod?: string;
  exitCode?: number;
  detail: string;
}

/** The Job's Failed (or FailureTarget) condition: reason first, the message for the values. */
export function parseJobFailure(reason: string | undefined, message: string | undefined): JobFailureFacts {
  const detail = (message ?? '').trim();
  const r = reason ?? '';
  if (r === 'DeadlineExceeded' || /active longer than specified deadline/i.test(detail))
    return { code: 'DeadlineExceeded', detail };
  if (r === 'BackoffLimitExceeded' || /reached the specified backoff limit/i.test(detail))
    return { code: 'BackoffLimitExceeded', detail };
  if (r === 'PodFailurePolicy') {
    const m = /Container (\S+) for pod (\S+) failed with exit code (\d+)/i.exec(detail);
    return {
      code: 'PodFailurePolicy',
      ...(m ? { container: m[1], pod: m[2], exitCode: Number(m[3]) } : {}),
      detail,
    };
  }
  if (r === 'MaxFailedIndexesExceeded') return { code: 'MaxFailedIndexesExceeded', detail };
  if (r === 'FailedIndexes') return { code: 'FailedIndexes', detail };
  return { code: 'JobFailed', detail };
}

export type HpaConditionCode =
  | 'MetricUnavailable'
  | 'MissingRequest'
  | 'InvalidSelector'
  | 'CannotGetScale'
  | 'CannotUpdateScale'
  | 'AtMaxReplicas'
  | 'AtMinReplicas'
  | 'ScalingDisabled'
  | 'HpaCondition';

export interface HpaConditionFacts {
  code: HpaConditionCode;
  /** the metric the controller could not read: "cpu", "memory", a custom metric's name */
  metric?: string;
  /** MissingRequest: the container and pod without a request */
  container?: string;
  pod?: string;
  detail: string;
}

/**
 * One HPA condition. ScalingActive=False FailedGetResourceMetric: "the HPA was unable to compute the replica count:
 * failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics
 * API", or "…: missing request for cpu in container \"app\" of Pod \"web-1\"". ScalingLimited=True TooManyReplicas:
 * "the desired replica count is more than the maximum replica count". Undefined for healthy states.
 */
export function parseHpaCondition(c: {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}): HpaConditionFacts | undefined {
  const detail = (c.message ?? '').trim();
  const reason = c.reason ?? '';
  if (c.type === 'ScalingLimited') {
    if (c.status !== 'True') return undefined;
    if (reason === 'TooManyReplicas' || /more than the maximum replica count/i.test(detail))
      return { code: 'AtMaxReplicas', detail };
    if (reason === 'TooFewReplicas' || /less than the minimum replica count/i.test(detail))
      return { code: 'AtMinReplicas', detail };
    return undefined;
  }
  if (c.status !== 'False') return undefined;
  if (c.type === 'ScalingActive') {
    if (reason === 'ScalingDisabled') return { code: 'ScalingDisabled', detail };
    if (reason === 'InvalidSelector' || reason === 'AmbiguousSelector') return { code: 'InvalidSelector', detail };
    const miss = /missing request for ([\w./-]+)(?: in container "?([^"\s]+)"? of Pod "?([^"\s]+)"?)?/i.exec(detail);
    if (miss)
      return {
        code: 'MissingRequest',
        metric: miss[1],
        ...(miss[2] ? { container: miss[2] } : {}),
        ...(miss[3] ? { pod: miss[3] } : {}),
        detail,
      };
    const metric =
      /failed to get ([\w./-]+) utilization/i.exec(detail)?.[1] ??
      /unable to get metrics? for resource ([\w./-]+)/i.exec(detail)?.[1] ??
      /failed to get (?:pods|object|external) metric(?: value)?:?\s*"?([\w./-]+)/i.exec(detail)?.[1] ??
      /unable to get (?:external )?metric ([\w./-]+)/i.exec(detail)?.[1];
    return { code: 'MetricUnavailable', ...(metric ? { metric } : {}), detail };
  }
  if (c.type === 'AbleToScale') {
    if (reason === 'FailedUpdateScale') return { code: 'CannotUpdateScale', detail };
    return { code: 'CannotGetScale', detail };
  }
  return { code: 'HpaCondition', detail };
}
