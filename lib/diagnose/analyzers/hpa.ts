/**
 * HorizontalPodAutoscaler (k8sgpt optional parity, without its false positive): ScalingActive=False or
 * AbleToScale=False with the cause (metrics API not served → metrics-server; missing resource request on the target's
 * containers), ScalingLimited=True at maxReplicas (the load wants more). ScalingLimited with TooFewReplicas at
 * minReplicas is the normal quiet state and yields nothing. A missing scale target is the static reference check's job.
 */
import type {
  KubernetesObject,
  V2HorizontalPodAutoscaler,
  V2MetricSpec,
  V2MetricStatus,
} from '@kubernetes/client-node';
import { cause as causeOf } from '../cause';
import { lookup } from '../context';
import { metricsServerBackend } from '../explain/metrics-server';
import type { Analyzer, AnalyzerContext, Evidence, Finding, ObjectRef, RootCause } from '../types';
import { clip, quantity, ref, refText } from '../util';

function whyNoScale(
  ctx: AnalyzerContext,
  hpa: V2HorizontalPodAutoscaler,
  target: ObjectRef,
  message: string,
): { rootCause: RootCause; suggestion: string; via?: string; evidence?: Evidence[] } {
  // The controller prefixes every failure with the same sentence; the part after it is the cause.
  const text = message.replace(/^the HPA was unable to compute the replica count:\s*/i, '');
  let m: RegExpExecArray | null;
  if (
    /metrics\.k8s\.io|resource metrics API|unable to fetch metrics|no metrics returned|could not find the requested resource/i.test(
      text,
    )
  ) {
    const external = /custom\.metrics|external\.metrics/i.test(text);
    const api = external ? 'v1beta1.custom.metrics.k8s.io' : 'v1beta1.metrics.k8s.io';
    // behind the resource metrics APIService: the metrics-server pods, whose failure is the root cause
    const backend = external ? undefined : metricsServerBackend(ctx);
    if (backend?.rootCause) {
      // the chain itself, so the HPA's own finding shows what stands between it and the failing pod
      const chain: Evidence = {
        source: 'field',
        object: { kind: 'APIService', name: api },
        text: `APIService ${api} is served by ${backend.owner ? `${refText(backend.owner)} → ` : ''}${backend.via}, which fails: ${backend.rootCause.fact}`,
      };
      return {
        rootCause: backend.rootCause,
        via: `APIService ${api} → ${backend.via}`,
        evidence: [chain, ...backend.evidence],
        suggestion: `Fix metrics-server (${backend.pods.join(', ')}): ${backend.suggestion ?? 'see its pods'}`,
      };
    }
    return {
      rootCause: causeOf({ kind: 'APIService', name: api }, 'MetricsUnavailable', {
        external,
        message: clip(text, 300),
        ...(backend ? { metricsServer: backend.state } : {}),
      }),
      suggestion: external
        ? 'Install or fix the metrics adapter (e.g. prometheus-adapter, KEDA) and its APIService.'
        : 'Install metrics-server (or fix its APIService v1beta1.metrics.k8s.io) so pod CPU/memory usage is available.',
    };
  }
  if ((m = /missing request for (\w+)(?: in container (\S+))?/i.exec(text))) {
    return {
      rootCause: causeOf(target, 'MissingResourceRequest', {
        container: m[2],
        resource: m[1],
        targetKind: target.kind,
        targetName: target.name,
      }),
      suggestion: `Set resources.requests.${m[1]} on every container of ${target.kind} ${target.name} (sidecars included).`,
    };
  }
  return {
    rootCause: causeOf(ref('HorizontalPodAutoscaler', hpa), 'HPAConditionFailed', { message: clip(text, 240) }),
    suggestion: 'Read the HPA conditions (kubectl describe hpa) and fix the metric source or target.',
  };
}

function analyzeOne(ctx: AnalyzerContext, hpa: V2HorizontalPodAutoscaler): Finding[] {
  const ns = hpa.metadata?.namespace ?? '';
  const name = hpa.metadata?.name ?? '';
  const me = ref('HorizontalPodAutoscaler', hpa);
  const t = hpa.spec?.scaleTargetRef;
  const target: ObjectRef = { kind: t?.kind ?? 'Deployment', namespace: ns, name: t?.name ?? '' };
  const targetObj = lookup<KubernetesObject>(ctx.snapshot, target.kind, ns, target.name);
  const min = hpa.spec?.minReplicas ?? 1;
  const max = hpa.spec?.maxReplicas ?? 0;
  const current = hpa.status?.currentReplicas ?? 0;
  const desired = hpa.status?.desiredReplicas ?? current;
  const replicas: Evidence = {
    source: 'field',
    object: me,
    text: `minReplicas=${min}, maxReplicas=${max}, currentReplicas=${current}, desiredReplicas=${desired}`,
  };
  const base = { analyzer: 'HorizontalPodAutoscaler', kind: 'HorizontalPodAutoscaler', namespace: ns, name };
  const commands = [`kubectl describe hpa ${name} -n ${ns}`];
  const out: Finding[] = [];
  const conds = hpa.status?.conditions ?? [];
  for (const c of conds) {
    const cond: Evidence = {
      source: 'condition',
      object: me,
      text: `${c.type}=${c.status} reason=${c.reason ?? ''}: ${clip(c.message ?? '', 300)}`,
    };
    if ((c.type === 'ScalingActive' || c.type === 'AbleToScale') && c.status === 'False') {
      // Scaled to zero on purpose, or the target is missing (reported by the reference checks).
      if (c.reason === 'ScalingDisabled') continue;
      if (!targetObj && /FailedGetScale/.test(c.reason ?? '')) continue;
      const why = whyNoScale(ctx, hpa, target, c.message ?? c.reason ?? '');
      out.push({
        ...base,
        severity: 'warning',
        reason: c.reason ?? `${c.type}False`,
        message: `HorizontalPodAutoscaler ${ns}/${name} cannot scale ${target.kind} ${target.name}: ${why.via ? `${why.via}: ` : ''}${why.rootCause.fact}.`,
        evidence: [cond, replicas, ...(why.evidence ?? [])],
        rootCause: why.rootCause,
        suggestion: why.suggestion,
        commands: [...commands, 'kubectl get apiservice v1beta1.metrics.k8s.io', `kubectl top pods -n ${ns}`],
      });
    }
    if (c.type === 'ScalingLimited' && c.status === 'True') {
      if (c.reason === 'TooFewReplicas' || desired <= min) continue;
      const atMax = c.reason === 'TooManyReplicas' || (max > 0 && current >= max);
      out.push({
        ...base,
        severity: atMax ? 'warning' : 'info',
        reason: c.reason ?? 'ScalingLimited',
        message: atMax
          ? `HorizontalPodAutoscaler ${ns}/${name} is capped at maxReplicas=${max}; the metrics ask for more replicas.`
          : `HorizontalPodAutoscaler ${ns}/${name} scaling is rate-limited: ${clip(c.message ?? '', 200)}`,
        evidence: [cond, replicas],
        ...(atMax
          ? { rootCause: causeOf(me, 'HPAAtMaxReplicas', { maxReplicas: max, ...metricAboveTarget(hpa) }) }
          : {}),
        suggestion: atMax
          ? 'Raise maxReplicas if the cluster has room, or make each replica handle more load.'
          : 'Scaling behaviour policies slow down scaling; adjust spec.behavior if this is too slow.',
        commands,
      });
    }
  }
  return out;
}

export const hpaAnalyzer: Analyzer = {
  name: 'HorizontalPodAutoscaler',
  default: true,
  analyze(ctx) {
    return ctx.snapshot.hpas.flatMap((h) => analyzeOne(ctx, h as V2HorizontalPodAutoscaler));
  },
};

type MetricValue = { averageUtilization?: number; averageValue?: string; value?: string };

function shown(v: MetricValue | undefined, utilization: boolean): string | undefined {
  if (!v) return undefined;
  if (utilization && v.averageUtilization !== undefined) return `${v.averageUtilization}%`;
  return v.averageValue ?? v.value ?? (v.averageUtilization !== undefined ? `${v.averageUtilization}%` : undefined);
}

function above(current: string, target: string): boolean {
  const num = (x: string) => (x.endsWith('%') ? Number(x.slice(0, -1)) : quantity(x));
  const c = num(current);
  const t = num(target);
  return Number.isFinite(c) && Number.isFinite(t) && c > t;
}

/**
 * The metric that wants more replicas than maxReplicas allows: its current value against its target, as the HPA
 * status and spec write them ("cpu utilization", "97%", "60%"). Empty when the status carries no current metrics.
 */
function metricAboveTarget(hpa: V2HorizontalPodAutoscaler): { metric?: string; current?: string; target?: string } {
  const name = (m: V2MetricSpec | V2MetricStatus): string | undefined =>
    m.resource?.name ??
    m.containerResource?.name ??
    m.pods?.metric?.name ??
    m.object?.metric?.name ??
    m.external?.metric?.name;
  const rows = (hpa.spec?.metrics ?? []).map((m) => {
    // the controller drops a metric it could not read from currentMetrics, so they pair by type and name
    const cur = hpa.status?.currentMetrics?.find((c) => c.type === m.type && name(c) === name(m));
    if (m.type === 'Resource' || m.type === 'ContainerResource') {
      const r = m.type === 'Resource' ? m.resource : m.containerResource;
      const c = m.type === 'Resource' ? cur?.resource : cur?.containerResource;
      const util = r?.target?.type === 'Utilization';
      return {
        metric: `${r?.name ?? '?'} ${util ? 'utilization' : 'usage'}`,
        current: shown(c?.current, util),
        target: shown(r?.target, util),
      };
    }
    const spec = m.type === 'Pods' ? m.pods : m.type === 'Object' ? m.object : m.external;
    const c = m.type === 'Pods' ? cur?.pods : m.type === 'Object' ? cur?.object : cur?.external;
    return {
      metric: spec?.metric?.name ?? m.type,
      current: shown(c?.current, false),
      target: shown(spec?.target, false),
    };
  });
  const hit =
    rows.find((r) => r.current && r.target && above(r.current, r.target)) ?? rows.find((r) => r.current && r.target);
  return hit ? { metric: hit.metric, current: hit.current, target: hit.target } : {};
}
