/**
 * capacityReport: the Kubernetes API (what is requested, where it runs) + Prometheus history (what is used) →
 * rightsizing per workload container, node-pool sizing and cost. One call behind the CLI, the node and the bridge tool.
 */
import type { KubeConnection } from '../kube/connect';
import { toEndpoint, type PrometheusEndpoint } from '../prometheus/endpoint';
import { readInventory } from './inventory';
import { addOomShapes } from './oom-shapes';
import { DEFAULT_POOL_LABEL, sizePools } from './pools';
import { durationSeconds, resolveQueries, type CapacityQueries } from './queries';
import { recommend, resolveStrategy, type Strategy } from './strategy';
import { containerKey, readNodeUsage, readTimeline, readUsage } from './usage';
import type { PriceTable } from './prices';
import type { CapacityReport, PoolResources, WorkloadReport } from './types';

export interface CapacityOptions {
  /** Prometheus duration, default 7d; from 1h to 90d */
  window?: string;
  /** only these namespaces (pools are then left out: they need every pod on the nodes); default all */
  namespaces?: string[];
  queries?: Partial<CapacityQueries> & { preset?: string };
  strategy?: Partial<Strategy>;
  /** node label pools are grouped by (default node.kubernetes.io/instance-type) */
  poolLabel?: string;
  /** fraction of each node kept free when sizing pools (default 0.1) */
  headroom?: number;
  prices?: PriceTable;
  /** per Prometheus query, ms (default 60000) */
  timeoutMs?: number;
  /** series per query above which the query counts as failed (default 20000) */
  maxSeries?: number;
}

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Checks every option before anything is read; errors name the option. */
export function validateCapacityOptions(opts: CapacityOptions): void {
  const w = durationSeconds(opts.window ?? '7d');
  if (!(w >= 3600 && w <= 90 * 86400)) throw new Error('window must be a duration from 1h to 90d, e.g. 7d or 36h');
  if (opts.namespaces) {
    if (opts.namespaces.length > 100) throw new Error('at most 100 namespaces');
    for (const ns of opts.namespaces)
      if (typeof ns !== 'string' || !NAME.test(ns))
        throw new Error(`"${String(ns).slice(0, 80)}" is not a namespace name`);
  }
  if (opts.poolLabel !== undefined && !(typeof opts.poolLabel === 'string' && LABEL_KEY.test(opts.poolLabel)))
    throw new Error('poolLabel must be a node label key such as node.kubernetes.io/instance-type');
  if (opts.headroom !== undefined && !(typeof opts.headroom === 'number' && opts.headroom >= 0 && opts.headroom <= 0.9))
    throw new Error('headroom must be a fraction from 0 to 0.9');
  if (opts.timeoutMs !== undefined && !(opts.timeoutMs >= 1000 && opts.timeoutMs <= 600_000))
    throw new Error('timeoutMs must be from 1000 to 600000');
  if (
    opts.maxSeries !== undefined &&
    !(Number.isInteger(opts.maxSeries) && opts.maxSeries >= 1 && opts.maxSeries <= 200_000)
  )
    throw new Error('maxSeries must be a whole number from 1 to 200000');
}

export async function capacityReport(
  conn: KubeConnection,
  prometheus: string | PrometheusEndpoint,
  opts: CapacityOptions = {},
): Promise<CapacityReport> {
  validateCapacityOptions(opts);
  const ep = toEndpoint(prometheus);
  const queries = resolveQueries(opts.queries);
  const strategy = resolveStrategy(opts.strategy);
  const window = opts.window ?? '7d';
  const namespaces = opts.namespaces ?? [];
  const pools = namespaces.length === 0;
  const headroom = opts.headroom ?? 0.1;
  const at = new Date().toISOString();

  const inv = await readInventory(conn, { namespaces, pools });
  const usageOpts = {
    queries,
    namespaces,
    window,
    cpuQuantile: strategy.cpuPercentile / 100,
    memoryQuantile: strategy.memoryPercentile / 100,
    timeoutMs: opts.timeoutMs ?? 60_000,
    maxSeries: opts.maxSeries,
  };
  const gaps = [...inv.gaps];
  const [usage, nodeUsage, timeline] = await Promise.all([
    readUsage(ep, inv, usageOpts),
    pools ? readNodeUsage(ep, usageOpts, gaps) : Promise.resolve(new Map<string, Partial<PoolResources>>()),
    readTimeline(ep, usageOpts, gaps),
  ]);
  gaps.push(...usage.gaps);

  const workloads: WorkloadReport[] = inv.containers
    .map((c) => {
      const u = usage.containers.get(containerKey(c, c.container));
      return {
        ...c,
        usage: u ?? { cpuHistorySeconds: 0, memoryHistorySeconds: 0, podsWithData: 0 },
        recommendation: recommend(c, u, strategy),
      };
    })
    .sort(
      (a, b) =>
        a.namespace.localeCompare(b.namespace) ||
        a.name.localeCompare(b.name) ||
        a.kind.localeCompare(b.kind) ||
        a.container.localeCompare(b.container),
    );
  await addOomShapes(ep, workloads, { queries: opts.queries, timeoutMs: usageOpts.timeoutMs }, gaps);
  const poolReports = pools
    ? sizePools(inv.nodes, inv.placed, nodeUsage, {
        label: opts.poolLabel ?? DEFAULT_POOL_LABEL,
        headroom,
        prices: opts.prices,
      })
    : [];
  const monthly = poolReports.reduce((n, p) => n + (p.monthlySavings ?? 0), 0);
  return {
    window,
    at,
    complete: gaps.length === 0,
    gaps,
    workloads,
    pools: poolReports,
    ...(timeline
      ? {
          utilisation: {
            ...timeline,
            ...(poolReports.length
              ? {
                  allocatable: {
                    cpuMillicores: poolReports.reduce((n, p) => n + p.allocatable.cpuMillicores, 0),
                    memoryBytes: poolReports.reduce((n, p) => n + p.allocatable.memoryBytes, 0),
                  },
                }
              : {}),
          },
        }
      : {}),
    savings: { monthly: Math.round(monthly * 100) / 100, currency: opts.prices?.currency },
    settings: {
      cpuPercentile: strategy.cpuPercentile,
      memoryPercentile: strategy.memoryPercentile,
      memoryLimitBuffer: strategy.memoryLimitBuffer,
      headroomPercent: Math.round(headroom * 100),
      step: queries.step,
      ...(pools ? { poolLabel: opts.poolLabel ?? DEFAULT_POOL_LABEL } : { pools: 'left out: give all namespaces' }),
    },
  };
}
