/**
 * The OOM chain's history step: for an object a diagnosis found OOMKilled (a pod, or a workload whose pods were),
 * the memory curve of each container the kubelet last terminated with OOMKilled, from Prometheus. The diagnosis
 * faces attach the result to their OOM finding; lib/diagnose itself stays free of Prometheus.
 */
import type { KubernetesObject, V1ContainerStateTerminated, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { KubeConnection } from '../kube/connect';
import { KubeError } from '../kube/errors';
import { podsOf } from '../kube/pods-of';
import { memoryBytes } from '../kube/quantity';
import { get } from '../kube/read';
import type { PrometheusEndpoint } from '../prometheus/endpoint';
import { memoryCurve, type CurveOptions, type MemoryCurve, type OomTarget } from './memory-curve';

export interface OomObject {
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * The container's kill for memory the kubelet still shows: the current state when it is that termination (the newest),
 * else the last one; undefined when neither was OOMKilled.
 */
export function oomKillOf(st: V1ContainerStatus): V1ContainerStateTerminated | undefined {
  return [st.state?.terminated, st.lastState?.terminated].find((t) => t?.reason === 'OOMKilled');
}

/** Containers last killed for memory, newest kill first. */
export function oomTargets(pods: V1Pod[]): OomTarget[] {
  const out: OomTarget[] = [];
  for (const pod of pods) {
    for (const st of pod.status?.containerStatuses ?? []) {
      // a current termination for another reason must not hide the OOM kill before it (and the other way round)
      const t = oomKillOf(st);
      if (!t) continue;
      const spec = pod.spec?.containers.find((c) => c.name === st.name);
      const limit = spec?.resources?.limits?.memory;
      out.push({
        namespace: pod.metadata?.namespace ?? '',
        pod: pod.metadata?.name ?? '',
        container: st.name,
        ...(limit !== undefined ? { limitBytes: memoryBytes(limit) } : {}),
        ...(t.finishedAt ? { killedAt: new Date(t.finishedAt).toISOString() } : {}),
      });
    }
  }
  return out.sort((a, b) => (b.killedAt ?? '').localeCompare(a.killedAt ?? ''));
}

/**
 * Curves for up to `max` OOMKilled containers of the object (default 3: one per distinct container is what a reader
 * needs). A curve Prometheus could not give is left out and its reason returned in `errors`.
 */
export async function oomCurves(
  conn: KubeConnection,
  prometheus: string | PrometheusEndpoint,
  obj: OomObject,
  opts: CurveOptions & { max?: number } = {},
): Promise<{ curves: MemoryCurve[]; errors: string[] }> {
  let object: KubernetesObject;
  try {
    object = await get(conn, { kind: obj.kind, namespace: obj.namespace, name: obj.name });
  } catch (err) {
    if (err instanceof KubeError) return { curves: [], errors: [err.message.split('\n')[0]] };
    throw err;
  }
  const pods = obj.kind === 'Pod' ? [object as V1Pod] : ((await podsOf(conn, object)) ?? []);
  const seen = new Set<string>();
  const targets = oomTargets(pods).filter((t) => {
    if (seen.has(t.container)) return false;
    seen.add(t.container);
    return true;
  });
  const curves: MemoryCurve[] = [];
  const errors: string[] = [];
  for (const t of targets.slice(0, Math.min(Math.max(opts.max ?? 3, 1), 10))) {
    try {
      curves.push(await memoryCurve(prometheus, t, opts));
    } catch (err) {
      errors.push(`${t.pod}/${t.container}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { curves, errors };
}

/** The parts of a diagnosis finding the OOM chain reads and extends (lib/diagnose's Finding fits it). */
export interface OomFindingLike {
  rootCause?: {
    code: string;
    object: OomObject;
    facts: Record<string, string | number | boolean | string[]>;
  };
  evidence:
    { source: 'metric'; object?: OomObject; text: string }[] | { source: string; object?: OomObject; text: string }[];
}

const MI_BYTES = 2 ** 20;

/**
 * For each finding whose root cause is OOMKilled: reads the memory curve and adds what it says to the cause's facts
 * (memoryShape leak | spike | steady, memoryStart, memoryPeak, memorySlopePerHour, hoursToLimit) and one metric evidence
 * line.
 * Returns the curves (with their points, for charts) by finding index; findings and curves Prometheus could not
 * serve are left as they were, with the reason in `errors`.
 */
export async function attachOomCurves(
  conn: KubeConnection,
  prometheus: string | PrometheusEndpoint,
  findings: OomFindingLike[],
  opts: CurveOptions & { maxFindings?: number } = {},
): Promise<{ curves: { finding: number; curve: MemoryCurve }[]; errors: string[] }> {
  const out: { finding: number; curve: MemoryCurve }[] = [];
  const errors: string[] = [];
  const oom = findings
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.rootCause?.code === 'OOMKilled')
    .slice(0, opts.maxFindings ?? 5);
  for (const { f, i } of oom) {
    const rc = f.rootCause as NonNullable<OomFindingLike['rootCause']>;
    const got = await oomCurves(conn, prometheus, rc.object, { ...opts, max: 3 });
    errors.push(...got.errors);
    const wanted = typeof rc.facts.container === 'string' ? rc.facts.container : undefined;
    const curve = got.curves.find((c) => c.container === wanted) ?? got.curves[0];
    if (!curve) continue;
    out.push({ finding: i, curve });
    if (curve.shape === 'unknown') continue;
    rc.facts.memoryShape = curve.shape;
    if (curve.startBytes !== undefined) rc.facts.memoryStart = `${Math.round(curve.startBytes / MI_BYTES)}Mi`;
    if (curve.peakBytes !== undefined) rc.facts.memoryPeak = `${Math.round(curve.peakBytes / MI_BYTES)}Mi`;
    if (curve.slopeBytesPerHour !== undefined)
      rc.facts.memorySlopePerHour = `${Math.round(curve.slopeBytesPerHour / MI_BYTES)}Mi`;
    if (curve.timeToLimitSeconds !== undefined)
      rc.facts.hoursToLimit = Math.round((curve.timeToLimitSeconds / 3600) * 10) / 10;
    (f.evidence as { source: string; object?: OomObject; text: string }[]).push({
      source: 'metric',
      object: { kind: 'Pod', namespace: curve.namespace, name: curve.pod },
      text: `${curve.container} ${curve.summary} (Prometheus, ${Math.round((curve.window.end - curve.window.start) / 3600)} h)`,
    });
  }
  return { curves: out, errors };
}
