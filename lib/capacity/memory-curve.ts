/**
 * The memory curve behind an OOM kill: one container's working set over a window around the kills (range query,
 * at most ~240 points), and what its shape says.
 *
 * - leak: within one container run the working set climbs steadily (a straight line fits, r² ≥ 0.8, no single step
 *   carries more than a third of the climb) to the limit. A higher limit only moves the next kill later: at the
 *   measured slope, `timeToLimitSeconds` after a restart.
 * - spike: the working set sits well below the limit and then jumps (one step carries at least half the climb, or it
 *   was under 70% of the limit an interval before the kill). The limit is too low for the load it meets.
 * - steady: neither climbing nor jumping within the window (e.g. it runs flat close to its limit).
 * - unknown: too few points to say.
 * A restart shows as a fall of more than a third; the run analysed is the one that ended in the last kill (or, with no
 * fall in the window, the whole window).
 */
import { queryPrometheus } from '../prometheus/query';
import type { PrometheusEndpoint } from '../prometheus/endpoint';
import { containerMemoryQuery, resolveQueries, type CapacityQueries } from './queries';

export type CurveShape = 'leak' | 'spike' | 'steady' | 'unknown';

export interface CurveAnalysis {
  shape: CurveShape;
  /** first point of the analysed run */
  startBytes?: number;
  startAt?: number;
  peakBytes?: number;
  peakAt?: number;
  /** least-squares slope over the analysed run */
  slopeBytesPerHour?: number;
  /** fit of that line, 0–1 */
  r2?: number;
  /** largest rise between two consecutive points, as a share of the run's climb */
  largestStepShare?: number;
  /** at the slope, from the value a restarted container starts at (else the run's first) to the limit (leaks only) */
  timeToLimitSeconds?: number;
  /** times the working set fell by more than a third (restarts, most often after a kill) */
  resets: number[];
}

export interface MemoryCurve extends CurveAnalysis {
  namespace: string;
  pod: string;
  container: string;
  limitBytes?: number;
  window: { start: number; end: number; stepSeconds: number };
  /** [unix seconds, bytes], for a chart */
  points: [number, number][];
  /** one sentence, from the numbers above */
  summary: string;
}

export interface OomTarget {
  namespace: string;
  pod: string;
  container: string;
  limitBytes?: number;
  /** when the last kill happened (the kubelet's lastState.terminated.finishedAt), RFC 3339 */
  killedAt?: string;
}

export interface CurveOptions {
  queries?: Partial<CapacityQueries> & { preset?: string };
  /** seconds of history before the kill (default 24 h) */
  lookbackSeconds?: number;
  maxPoints?: number;
  timeoutMs?: number;
  /** evaluation time, unix seconds (default now) */
  now?: number;
}

const MI = 2 ** 20;
const RESET_FALL = 1 / 3;

function fit(run: [number, number][]): { slope: number; r2: number } {
  const n = run.length;
  const mx = run.reduce((s, p) => s + p[0], 0) / n;
  const my = run.reduce((s, p) => s + p[1], 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of run) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  if (sxx === 0) return { slope: 0, r2: 0 };
  const slope = sxy / sxx;
  return { slope, r2: syy === 0 ? 0 : (sxy * sxy) / (sxx * syy) };
}

/** Shape of a working-set series; `points` ascending in time. */
export function analyzeCurve(points: [number, number][], limitBytes?: number): CurveAnalysis {
  const resets: number[] = [];
  const starts = [0];
  for (let i = 1; i < points.length; i++) {
    if (points[i][1] < points[i - 1][1] * (1 - RESET_FALL)) {
      resets.push(points[i][0]);
      starts.push(i);
    }
  }
  if (points.length < 5) return { shape: 'unknown', resets };
  // the run that ended in the last reset, else the whole series; a run too short to judge falls back to the last long one
  const runs = starts.map((s, k) => points.slice(s, starts[k + 1] ?? points.length));
  const ended = runs.slice(0, -1).filter((r) => r.length >= 5);
  const run = ended[ended.length - 1] ?? (runs[runs.length - 1].length >= 5 ? runs[runs.length - 1] : points);
  const first = run[0];
  let peak = run[0];
  for (const p of run) if (p[1] > peak[1]) peak = p;
  const climb = peak[1] - first[1];
  let largest = 0;
  for (let i = 1; i < run.length && run[i - 1][0] < peak[0] + 1; i++)
    largest = Math.max(largest, run[i][1] - run[i - 1][1]);
  const { slope, r2 } = fit(run.filter((p) => p[0] <= peak[0]));
  const base: CurveAnalysis = {
    shape: 'steady',
    startBytes: Math.round(first[1]),
    startAt: first[0],
    peakBytes: Math.round(peak[1]),
    peakAt: peak[0],
    slopeBytesPerHour: Math.round(slope * 3600),
    r2: Math.round(r2 * 100) / 100,
    largestStepShare: climb > 0 ? Math.round((largest / climb) * 100) / 100 : 0,
    resets,
  };
  const reference = limitBytes ?? peak[1];
  // a climb worth naming: a fifth of the limit (or of the peak when there is no limit)
  if (climb < reference * 0.2) {
    // a jump to the limit right at the end still reads as a spike
    const beforePeak = run.filter((p) => p[0] < peak[0]);
    const prev = beforePeak[beforePeak.length - 1];
    if (limitBytes && prev && prev[1] < 0.7 * limitBytes && peak[1] >= 0.9 * limitBytes)
      return { ...base, shape: 'spike' };
    return base;
  }
  const share = largest / climb;
  if (r2 >= 0.8 && share <= 1 / 3 && slope > 0) {
    // from where a run starts: the value right after the kill when the window shows one (the analysed run may begin
    // mid-climb at the window's edge), else the run's own first point
    const next = runs[runs.indexOf(run) + 1];
    const restart = next?.length ? next[0][1] : first[1];
    const ttl = limitBytes && limitBytes > restart ? Math.round((limitBytes - restart) / slope) : undefined;
    return { ...base, shape: 'leak', ...(ttl !== undefined ? { timeToLimitSeconds: ttl } : {}) };
  }
  if (share >= 0.5 || (limitBytes && run.some((p, i) => i > 0 && p[0] === peak[0] && run[i - 1][1] < 0.7 * limitBytes)))
    return { ...base, shape: 'spike' };
  return base;
}

const hours = (s: number) =>
  s >= 86400 ? `${Math.round((s / 86400) * 10) / 10} d` : `${Math.round((s / 3600) * 10) / 10} h`;

export function curveSummary(c: Omit<MemoryCurve, 'summary'>): string {
  const mi = (b: number | undefined) => (b === undefined ? '?' : `${Math.round(b / MI)}Mi`);
  const limit = c.limitBytes ? ` of the ${mi(c.limitBytes)} limit` : '';
  switch (c.shape) {
    case 'leak':
      return `memory climbs steadily from ${mi(c.startBytes)} to ${mi(c.peakBytes)}${limit} at about ${mi(c.slopeBytesPerHour)}/h (r² ${c.r2})${
        c.timeToLimitSeconds !== undefined ? `, reaching the limit ${hours(c.timeToLimitSeconds)} after a start` : ''
      }: a leak — raising the limit only delays the next kill`;
    case 'spike':
      return `memory jumps from about ${mi(c.startBytes)} to ${mi(c.peakBytes)}${limit} (one step carries ${Math.round((c.largestStepShare ?? 0) * 100)}% of the rise): a spike — the limit is too low for the load it meets`;
    case 'steady':
      return `memory runs flat around ${mi(c.startBytes)}–${mi(c.peakBytes)}${limit}: neither a leak nor a spike within the window`;
    default:
      return `too few samples (${c.points.length}) to read the memory curve`;
  }
}

/** The curve around the last kill of one container (or the last day when the kill time is unknown). */
export async function memoryCurve(
  ep: string | PrometheusEndpoint,
  target: OomTarget,
  opts: CurveOptions = {},
): Promise<MemoryCurve> {
  const q = resolveQueries(opts.queries);
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  const killed = target.killedAt ? Math.floor(Date.parse(target.killedAt) / 1000) : NaN;
  const lookback = opts.lookbackSeconds ?? 86400;
  if (!(lookback >= 600 && lookback <= 30 * 86400)) throw new Error('lookback must be from 10 minutes to 30 days');
  // around the kill: the lookback before it and up to an hour after (the restart), never past now
  const end = Number.isFinite(killed) && killed < now ? Math.min(now, killed + 3600) : now;
  const start = end - lookback;
  const maxPoints = Math.min(Math.max(opts.maxPoints ?? 240, 20), 1000);
  const step = Math.max(15, Math.ceil((end - start) / maxPoints));
  const r = await queryPrometheus(ep, {
    query: containerMemoryQuery(q, target.namespace, target.pod, target.container),
    start: String(start),
    end: String(end),
    step: String(step),
    timeoutMs: opts.timeoutMs ?? 30_000,
  });
  const points = (r.series[0]?.values ?? [])
    .map(([t, v]) => [t, Number(v)] as [number, number])
    .filter(([, v]) => Number.isFinite(v));
  const analysis = analyzeCurve(points, target.limitBytes);
  const curve = { ...target, ...analysis, window: { start, end, stepSeconds: step }, points };
  delete (curve as { killedAt?: string }).killedAt;
  return { ...curve, summary: curveSummary(curve) };
}
