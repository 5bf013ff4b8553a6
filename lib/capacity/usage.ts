/**
 * Usage history per workload container: the container queries run once each over the whole scope, and every series
 * (namespace, pod, container) is credited to the workload that owns — or owned — the pod. A workload's figure is its
 * busiest replica's: requests are per pod, so the request has to fit the replica that needs most.
 */
import { queryPrometheus, type PromQueryResult } from '../prometheus/query';
import type { PrometheusEndpoint } from '../prometheus/endpoint';
import {
  clusterUsageQueries,
  containerQueries,
  durationSeconds,
  nodeQueries,
  type CapacityQueries,
  type ContainerQueries,
} from './queries';
import type { Inventory, WorkloadKey } from './inventory';
import type { ContainerUsage, PoolResources, Timeline } from './types';

export interface UsageOptions {
  queries: CapacityQueries;
  namespaces: string[];
  window: string;
  cpuQuantile: number;
  memoryQuantile: number;
  /** series per query above which the answer is refused as too broad (default 20000) */
  maxSeries?: number;
  timeoutMs?: number;
}

export interface UsageResult {
  /** by containerKey() */
  containers: Map<string, ContainerUsage>;
  gaps: string[];
}

export function containerKey(w: WorkloadKey, container: string): string {
  return `${w.kind}/${w.namespace}/${w.name}/${container}`;
}

type Field = keyof ContainerQueries;

async function runAll<K extends string>(
  ep: PrometheusEndpoint,
  queries: Record<K, string>,
  opts: { maxSeries: number; timeoutMs?: number },
  gaps: string[],
): Promise<Partial<Record<K, PromQueryResult>>> {
  const keys = Object.keys(queries) as K[];
  const settled = await Promise.allSettled(
    keys.map((k) => queryPrometheus(ep, { query: queries[k], timeoutMs: opts.timeoutMs })),
  );
  const out: Partial<Record<K, PromQueryResult>> = {};
  const errors: string[] = [];
  settled.forEach((s, i) => {
    if (s.status === 'rejected') {
      errors.push(`${keys[i]}: ${s.reason instanceof Error ? s.reason.message : String(s.reason)}`);
      return;
    }
    if (s.value.series.length > opts.maxSeries) {
      errors.push(
        `${keys[i]}: ${s.value.series.length} series, more than the ${opts.maxSeries} allowed; narrow with -n`,
      );
      return;
    }
    out[keys[i]] = s.value;
  });
  // nothing answered: Prometheus is down or the URL is wrong, and a report of "no data" everywhere would mislead
  if (errors.length === keys.length) throw new Error(errors[0].replace(/^\w+: /, ''));
  gaps.push(...errors.map((e) => `query ${e}`));
  return out;
}

function value(s: { values: [number, string][] }): number | undefined {
  const v = Number(s.values[s.values.length - 1]?.[1]);
  return Number.isFinite(v) ? v : undefined;
}

export async function readUsage(ep: PrometheusEndpoint, inv: Inventory, opts: UsageOptions): Promise<UsageResult> {
  const gaps: string[] = [];
  const q = containerQueries(
    opts.queries,
    { namespaces: opts.namespaces, window: opts.window },
    opts.cpuQuantile,
    opts.memoryQuantile,
  );
  const results = await runAll(ep, q, { maxSeries: opts.maxSeries ?? 20_000, timeoutMs: opts.timeoutMs }, gaps);
  const stepSeconds = durationSeconds(opts.queries.step);
  const labels = opts.queries.labels;

  const current = new Map<string, WorkloadKey>();
  for (const c of inv.containers) for (const p of c.pods) current.set(`${c.namespace}/${p}`, c);
  const owner = (namespace: string, pod: string): WorkloadKey | undefined =>
    current.get(`${namespace}/${pod}`) ??
    inv.matchers.find((m) => m.workload.namespace === namespace && m.test(pod))?.workload;

  const usage = new Map<string, ContainerUsage & { pods: Set<string> }>();
  const credit = (field: Field, series: PromQueryResult['series']) => {
    for (const s of series) {
      const ns = s.metric[labels.namespace];
      const pod = s.metric[labels.pod];
      const container = s.metric[labels.container];
      const v = value(s);
      if (!ns || !pod || !container || v === undefined) continue;
      const w = owner(ns, pod);
      if (!w) continue;
      const k = containerKey(w, container);
      const u = usage.get(k) ?? { cpuHistorySeconds: 0, memoryHistorySeconds: 0, podsWithData: 0, pods: new Set() };
      u.pods.add(pod);
      switch (field) {
        case 'cpuP95':
        case 'cpuMax':
        case 'memoryP99':
        case 'memoryMax':
          u[field] = Math.max(u[field] ?? 0, v);
          break;
        case 'cpuPoints':
          u.cpuHistorySeconds = Math.max(u.cpuHistorySeconds, v * stepSeconds);
          break;
        case 'memoryPoints':
          u.memoryHistorySeconds = Math.max(u.memoryHistorySeconds, v * stepSeconds);
          break;
      }
      usage.set(k, u);
    }
  };
  for (const field of Object.keys(q) as Field[]) {
    const r = results[field];
    if (r) credit(field, r.series);
  }
  const containers = new Map<string, ContainerUsage>();
  for (const [k, { pods, ...u }] of usage) containers.set(k, { ...u, podsWithData: pods.size });
  return { containers, gaps };
}

/** p95 of each node's summed usage over the window; nodes without a series are left out. */
export async function readNodeUsage(
  ep: PrometheusEndpoint,
  opts: Pick<UsageOptions, 'queries' | 'window' | 'timeoutMs'>,
  gaps: string[],
): Promise<Map<string, Partial<PoolResources>>> {
  const q = nodeQueries(opts.queries, opts.window);
  const none: Partial<Record<keyof typeof q, PromQueryResult>> = {};
  const results = await runAll(ep, q, { maxSeries: 10_000, timeoutMs: opts.timeoutMs }, gaps).catch((err: Error) => {
    gaps.push(`node usage: ${err.message}`);
    return none;
  });
  const out = new Map<string, Partial<PoolResources>>();
  for (const [field, target] of [
    ['cpuP95', 'cpuMillicores'],
    ['memoryP95', 'memoryBytes'],
  ] as const) {
    for (const s of results[field]?.series ?? []) {
      const node = s.metric[opts.queries.labels.node];
      const v = value(s);
      if (!node || v === undefined) continue;
      const entry = out.get(node) ?? {};
      entry[target] = target === 'cpuMillicores' ? v * 1000 : v;
      out.set(node, entry);
    }
  }
  return out;
}

/** Summed usage over the window at about 168 points (hourly for 7 days): one series each, never raw samples. */
export async function readTimeline(
  ep: PrometheusEndpoint,
  opts: Pick<UsageOptions, 'queries' | 'window' | 'timeoutMs' | 'namespaces'>,
  gaps: string[],
): Promise<Timeline | undefined> {
  const q = clusterUsageQueries(opts.queries, opts.namespaces);
  const end = Math.floor(Date.now() / 1000);
  const span = durationSeconds(opts.window);
  const step = Math.max(60, Math.ceil(span / 168 / 60) * 60);
  const range = { start: String(end - span), end: String(end), step: String(step), timeoutMs: opts.timeoutMs };
  try {
    const [cpu, memory] = await Promise.all([
      queryPrometheus(ep, { query: q.cpu, ...range }),
      queryPrometheus(ep, { query: q.memory, ...range }),
    ]);
    const points = new Map<number, [number, number | null, number | null]>();
    for (const [t, v] of cpu.series[0]?.values ?? []) points.set(t, [t, Math.round(Number(v) * 1000), null]);
    for (const [t, v] of memory.series[0]?.values ?? []) {
      const p = points.get(t) ?? [t, null, null];
      p[2] = Math.round(Number(v));
      points.set(t, p);
    }
    if (!points.size) return undefined;
    return { stepSeconds: step, points: [...points.values()].sort((a, b) => a[0] - b[0]) };
  } catch (err) {
    gaps.push(`utilisation over the window: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
