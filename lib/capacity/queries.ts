/**
 * The PromQL behind a capacity report, as data the user can override. Every query is an instant query evaluated at
 * "now" that reduces the whole window on the server (subqueries and *_over_time), so the answer is one number per
 * container, never 7 days of raw samples.
 *
 * Defaults fit kube-prometheus (kubelet's cAdvisor endpoint, labels namespace/pod/container/node). Other set-ups:
 * - cAdvisor before Kubernetes 1.16 or some managed offerings: labels `pod_name` / `container_name` (preset "legacy").
 * - several scrape jobs exporting the same cAdvisor series (kubelet plus a separate cadvisor job): restrict with
 *   `selector`, e.g. `job="kubelet",metrics_path="/metrics/cadvisor"`; duplicates are folded with `max by` anyway.
 * - VictoriaMetrics serves the same API and PromQL subqueries (MetricsQL); managed Prometheus (ACK, TKE) usually needs
 *   a path prefix in the URL and a token.
 * - node label: kube-prometheus copies the node name onto cAdvisor series as `node`; scrape configs that keep only
 *   `instance` (host:port) give no per-node usage, and pools then say "no data" for used capacity.
 */

export interface CapacityQueries {
  /** label names on the cAdvisor series */
  labels: { namespace: string; pod: string; container: string; node: string };
  /** extra label matchers added to every series selector, e.g. job="kubelet" (no braces) */
  selector: string;
  /** CPU counter in seconds */
  cpuMetric: string;
  /** memory gauge in bytes; the working set is what the kubelet and the OOM killer compare with the limit */
  memoryMetric: string;
  /** rate() window over the CPU counter (at least 4 scrape intervals) */
  rateWindow: string;
  /** subquery resolution: one evaluated point per step over the window */
  step: string;
}

export const DEFAULT_QUERIES: CapacityQueries = {
  labels: { namespace: 'namespace', pod: 'pod', container: 'container', node: 'node' },
  selector: '',
  cpuMetric: 'container_cpu_usage_seconds_total',
  memoryMetric: 'container_memory_working_set_bytes',
  rateWindow: '5m',
  step: '5m',
};

export const QUERY_PRESETS: Record<string, Partial<CapacityQueries>> = {
  'kube-prometheus': {},
  legacy: { labels: { namespace: 'namespace', pod: 'pod_name', container: 'container_name', node: 'node' } },
};

const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]{0,99}$/;
const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/;
const DURATION = /^(\d{1,5}(ms|s|m|h|d|w))+$/;
/** label matchers only: name op "value", comma separated; no braces or nested expressions */
const MATCHERS =
  /^\s*([a-zA-Z_][a-zA-Z0-9_]*\s*(=|!=|=~|!~)\s*"(?:[^"\\]|\\.)*"\s*)(,\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(=|!=|=~|!~)\s*"(?:[^"\\]|\\.)*"\s*)*,?\s*$/;

/** Defaults, then a preset, then the user's fields; everything validated because it is pasted into PromQL. */
export function resolveQueries(override: Partial<CapacityQueries> & { preset?: string } = {}): CapacityQueries {
  const { preset, ...rest } = override;
  if (preset !== undefined && !Object.hasOwn(QUERY_PRESETS, preset))
    throw new Error(`unknown query preset "${preset}"; known: ${Object.keys(QUERY_PRESETS).join(', ')}`);
  const base = { ...DEFAULT_QUERIES, ...(preset ? QUERY_PRESETS[preset] : {}) };
  const q: CapacityQueries = {
    ...base,
    ...rest,
    labels: { ...base.labels, ...(rest.labels ?? {}) },
  };
  for (const [k, v] of Object.entries(q.labels))
    if (typeof v !== 'string' || !LABEL.test(v)) throw new Error(`queries.labels.${k} must be a Prometheus label name`);
  for (const k of ['cpuMetric', 'memoryMetric'] as const)
    if (typeof q[k] !== 'string' || !METRIC.test(q[k])) throw new Error(`queries.${k} must be a metric name`);
  for (const k of ['rateWindow', 'step'] as const)
    if (typeof q[k] !== 'string' || !DURATION.test(q[k])) throw new Error(`queries.${k} must be a duration like 5m`);
  if (typeof q.selector !== 'string' || q.selector.length > 500 || (q.selector.trim() && !MATCHERS.test(q.selector)))
    throw new Error('queries.selector must be label matchers like job="kubelet",metrics_path="/metrics/cadvisor"');
  return q;
}

/** A PromQL string literal. */
export function promString(v: string): string {
  return JSON.stringify(v);
}

/** Regex-escape for =~ matchers (RE2). */
export function promRegexEscape(v: string): string {
  return v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface QueryScope {
  /** only these namespaces; all when empty */
  namespaces: string[];
  /** window, a Prometheus duration such as 7d */
  window: string;
}

function matchers(q: CapacityQueries, scope: QueryScope): string {
  const l = q.labels;
  const parts = [`${l.container}!=""`, `${l.container}!="POD"`, `${l.pod}!=""`];
  if (scope.namespaces.length)
    parts.push(`${l.namespace}=~${promString(scope.namespaces.map(promRegexEscape).join('|'))}`);
  if (q.selector.trim()) parts.push(q.selector.trim().replace(/,$/, ''));
  return parts.join(',');
}

export interface ContainerQueries {
  cpuP95: string;
  cpuMax: string;
  memoryP99: string;
  memoryMax: string;
  /** evaluated points of the memory series over the window: how much history there is */
  memoryPoints: string;
  cpuPoints: string;
}

/** One series per (namespace, pod, container); `cpuQuantile` and `memoryQuantile` as fractions (0.95). */
export function containerQueries(
  q: CapacityQueries,
  scope: QueryScope,
  cpuQuantile: number,
  memoryQuantile: number,
): ContainerQueries {
  const by = `${q.labels.namespace},${q.labels.pod},${q.labels.container}`;
  const sel = matchers(q, scope);
  // max by folds duplicate series of one container (two scrape jobs, a restarted container's old cgroup id)
  const cpu = `max by (${by}) (rate(${q.cpuMetric}{${sel}}[${q.rateWindow}]))`;
  const mem = `max by (${by}) (${q.memoryMetric}{${sel}})`;
  const sub = `[${scope.window}:${q.step}]`;
  return {
    cpuP95: `quantile_over_time(${cpuQuantile}, (${cpu})${sub})`,
    cpuMax: `max_over_time((${cpu})${sub})`,
    memoryP99: `quantile_over_time(${memoryQuantile}, (${mem})${sub})`,
    // raw samples for the peak: a subquery's steps could step over a short spike
    memoryMax: `max by (${by}) (max_over_time(${q.memoryMetric}{${sel}}[${scope.window}]))`,
    memoryPoints: `count_over_time((${mem})${sub})`,
    cpuPoints: `count_over_time((${cpu})${sub})`,
  };
}

export interface NodeQueries {
  cpuP95: string;
  memoryP95: string;
}

/** Used capacity per node: the p95 over the window of the sum of its containers. */
export function nodeQueries(q: CapacityQueries, window: string, quantile = 0.95): NodeQueries {
  const sel = matchers(q, { namespaces: [], window });
  const byNode = q.labels.node;
  const byContainer = `${q.labels.node},${q.labels.namespace},${q.labels.pod},${q.labels.container}`;
  const cpu = `sum by (${byNode}) (max by (${byContainer}) (rate(${q.cpuMetric}{${sel}}[${q.rateWindow}])))`;
  const mem = `sum by (${byNode}) (max by (${byContainer}) (${q.memoryMetric}{${sel}}))`;
  const sub = `[${window}:${q.step}]`;
  return {
    cpuP95: `quantile_over_time(${quantile}, (${cpu})${sub})`,
    memoryP95: `quantile_over_time(${quantile}, (${mem})${sub})`,
  };
}

/** Memory of one container over time (range query): for the OOM curve. */
export function containerMemoryQuery(q: CapacityQueries, namespace: string, pod: string, container: string): string {
  const l = q.labels;
  const extra = q.selector.trim() ? `,${q.selector.trim().replace(/,$/, '')}` : '';
  return `max(${q.memoryMetric}{${l.namespace}=${promString(namespace)},${l.pod}=${promString(pod)},${l.container}=${promString(container)}${extra}})`;
}

/** Prometheus duration → seconds (7d, 36h, 1h30m); NaN when it is not one. */
export function durationSeconds(text: string): number {
  if (typeof text !== 'string' || !DURATION.test(text)) return NaN;
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  let total = 0;
  for (const m of text.matchAll(/(\d+)(ms|s|m|h|d|w)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

/** The cluster's summed usage, for a range query: utilisation over the window. */
export function clusterUsageQueries(q: CapacityQueries, namespaces: string[]): { cpu: string; memory: string } {
  const by = `${q.labels.namespace},${q.labels.pod},${q.labels.container}`;
  const sel = matchers(q, { namespaces, window: '1h' });
  return {
    cpu: `sum(max by (${by}) (rate(${q.cpuMetric}{${sel}}[${q.rateWindow}])))`,
    memory: `sum(max by (${by}) (${q.memoryMetric}{${sel}}))`,
  };
}
