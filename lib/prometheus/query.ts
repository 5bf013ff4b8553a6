/**
 * PromQL over Prometheus's HTTP API (/api/v1/query, /api/v1/query_range), flattened to rows a model can read.
 */
import { describeEndpoint, toEndpoint, type PrometheusEndpoint } from './endpoint';
import { promGet } from './http';

export interface PromSeries {
  metric: Record<string, string>;
  /** [unix seconds, value] pairs; one pair for an instant query */
  values: [number, string][];
}

export interface PromQueryResult {
  resultType: string;
  series: PromSeries[];
}

export interface PromQuery {
  query: string;
  /** range query when start is given: RFC 3339 or unix seconds */
  start?: string;
  end?: string;
  step?: string;
  time?: string;
  timeoutMs?: number;
}

interface PromResponse {
  status: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: {
    resultType: string;
    result:
      { metric: Record<string, string>; value?: [number, string]; values?: [number, string][] }[] | [number, string];
  };
}

/** Prometheus evaluates whatever it is given: a PromQL longer than any real dashboard query is refused before it is sent. */
export const MAX_PROMQL_LENGTH = 16 * 1024;

/** An instant query (`time`) or, when `start` is given, a range query; errors say what Prometheus answered. */
export async function queryPrometheus(target: string | PrometheusEndpoint, q: PromQuery): Promise<PromQueryResult> {
  if (q.query.length === 0 || q.query.length > MAX_PROMQL_LENGTH)
    throw new Error(`PromQL must be 1 to ${MAX_PROMQL_LENGTH} characters long; this one has ${q.query.length}`);
  const ep = toEndpoint(target);
  const range = q.start !== undefined;
  const params = new URLSearchParams({ query: q.query });
  for (const key of ['start', 'end', 'step', 'time'] as const)
    if (q[key] !== undefined) params.set(key, String(q[key]));
  if (range && !q.step) params.set('step', '60');
  // Prometheus's own evaluation timeout, a little under ours, so a slow query ends as its error, not a socket reset
  const timeoutMs = q.timeoutMs ?? ep.timeoutMs ?? 15000;
  params.set('timeout', `${Math.max(1, Math.floor((timeoutMs * 0.9) / 1000))}s`);
  const res = await promGet(ep, `/api/v1/${range ? 'query_range' : 'query'}`, params, timeoutMs);
  let body: PromResponse;
  try {
    body = JSON.parse(res.body) as PromResponse;
  } catch {
    throw new Error(`Prometheus at ${describeEndpoint(ep)} answered HTTP ${res.status} without a JSON body`);
  }
  if (body.status !== 'success' || !body.data)
    throw new Error(`Prometheus rejected the query: ${body.errorType ?? res.status}: ${body.error ?? 'no detail'}`);
  const data = body.data;
  if (
    !Array.isArray(data.result) ||
    (data.result.length > 0 && !Array.isArray(data.result[0]) && typeof data.result[0] !== 'object')
  ) {
    return { resultType: data.resultType, series: [] };
  }
  if (data.resultType === 'scalar' || data.resultType === 'string') {
    return { resultType: data.resultType, series: [{ metric: {}, values: [data.result as [number, string]] }] };
  }
  const series = (
    data.result as { metric: Record<string, string>; value?: [number, string]; values?: [number, string][] }[]
  ).map((r) => ({
    metric: r.metric ?? {},
    values: r.values ?? (r.value ? [r.value] : []),
  }));
  return { resultType: data.resultType, series };
}

/** One line per series: labels, then the latest value (and min/max over a range). */
export function renderPromResult(r: PromQueryResult, maxSeries = 50): string {
  if (r.series.length === 0) return 'no data';
  const lines = r.series.slice(0, maxSeries).map((s) => {
    const labels = Object.entries(s.metric)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    const nums = s.values.map(([, v]) => Number(v));
    const last = s.values[s.values.length - 1]?.[1] ?? '';
    const range = nums.length > 1 ? ` (min ${Math.min(...nums)}, max ${Math.max(...nums)}, ${nums.length} points)` : '';
    return `{${labels}} ${last}${range}`;
  });
  if (r.series.length > maxSeries) lines.push(`… ${r.series.length - maxSeries} more series; narrow the query`);
  return lines.join('\n');
}
