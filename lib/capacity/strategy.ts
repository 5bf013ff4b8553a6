/**
 * The rightsizing strategy: percentiles of usage history → requests and a memory limit, and a verdict with the
 * numbers it came from. Every threshold is a named setting (CLI --strategy FILE, node and tool options).
 *
 * - CPU request = p95 of the container's CPU usage (5-minute rate), × cpuBuffer. CPU is compressible: a container
 *   above its request is slowed, not killed, so a high percentile — not the peak — is enough.
 * - memory request = p99 of the working set; memory limit = the peak × memoryLimitBuffer (1.15). Memory is not
 *   compressible: over the limit the kernel kills the container, so the limit follows the peak.
 * - rounding up to steps a person would write: CPU in 5m below 100m, 10m below 1 core, 50m above; memory in 4Mi below
 *   1Gi, 32Mi above.
 * - verdicts, first match wins: no-data (no series, or less history than minHistory) → oom-risk (OOMKilled, or a peak
 *   at or above oomRiskRatio of the limit) → under-provisioned (usage above the request by more than the tolerance,
 *   or no request at all) → over-provisioned (the request at least overRatio × the recommendation and at least the
 *   minimum absolute waste) → ok.
 */
import type { ContainerUsage, Recommendation, Verdict, VerdictFacts, WorkloadContainer } from './types';

export interface Strategy {
  /** percentile of CPU usage for the request, 0–100 */
  cpuPercentile: number;
  /** percentile of the memory working set for the request, 0–100 */
  memoryPercentile: number;
  /** multiplier on the CPU percentile */
  cpuBuffer: number;
  /** multiplier on the peak working set for the limit */
  memoryLimitBuffer: number;
  /** smallest CPU request recommended, millicores */
  minCpuMillicores: number;
  /** smallest memory request recommended, bytes */
  minMemoryBytes: number;
  /** the request is over-provisioned at this multiple of the recommendation or more */
  overRatio: number;
  /** …and only when it wastes at least this much */
  minWasteMillicores: number;
  minWasteBytes: number;
  /** usage above the request by more than this fraction is under-provisioned */
  underTolerance: number;
  /** a peak at this fraction of the memory limit or more is an OOM risk */
  oomRiskRatio: number;
  /** less history than this (seconds) is no-data: a day of traffic is the least that says anything */
  minHistorySeconds: number;
}

export const DEFAULT_STRATEGY: Strategy = {
  cpuPercentile: 95,
  memoryPercentile: 99,
  cpuBuffer: 1,
  memoryLimitBuffer: 1.15,
  minCpuMillicores: 10,
  minMemoryBytes: 32 * 2 ** 20,
  overRatio: 1.5,
  minWasteMillicores: 50,
  minWasteBytes: 64 * 2 ** 20,
  underTolerance: 0.1,
  oomRiskRatio: 0.9,
  minHistorySeconds: 86_400,
};

const RANGES: Record<keyof Strategy, [number, number]> = {
  cpuPercentile: [50, 100],
  memoryPercentile: [50, 100],
  cpuBuffer: [1, 5],
  memoryLimitBuffer: [1, 5],
  minCpuMillicores: [1, 10_000],
  minMemoryBytes: [2 ** 20, 2 ** 40],
  overRatio: [1.05, 100],
  minWasteMillicores: [0, 100_000],
  minWasteBytes: [0, 2 ** 40],
  underTolerance: [0, 10],
  oomRiskRatio: [0.5, 1],
  minHistorySeconds: [0, 90 * 86_400],
};

/** Defaults with the user's fields on top; unknown names and out-of-range values are refused. */
export function resolveStrategy(override: Partial<Record<string, unknown>> = {}): Strategy {
  const out: Strategy = { ...DEFAULT_STRATEGY };
  for (const [k, v] of Object.entries(override)) {
    if (v === undefined) continue;
    if (!Object.hasOwn(RANGES, k))
      throw new Error(`unknown strategy setting "${k}"; known: ${Object.keys(RANGES).join(', ')}`);
    const [lo, hi] = RANGES[k as keyof Strategy];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi)
      throw new Error(`strategy setting ${k} must be a number from ${lo} to ${hi}`);
    out[k as keyof Strategy] = v;
  }
  return out;
}

const MI = 2 ** 20;

export function roundCpu(millicores: number): number {
  const step = millicores < 100 ? 5 : millicores < 1000 ? 10 : 50;
  return Math.ceil(millicores / step - 1e-9) * step;
}

export function roundMemory(bytes: number): number {
  const step = bytes < 1024 * MI ? 4 * MI : 32 * MI;
  return Math.ceil(bytes / step - 1e-9) * step;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mib = (b: number) => round1(b / MI);

/** The recommendation and verdict for one workload container. */
export function recommend(c: WorkloadContainer, u: ContainerUsage | undefined, s: Strategy): Recommendation {
  const facts: VerdictFacts = {};
  const codes: string[] = [];
  const cpuP95 = u?.cpuP95 !== undefined ? u.cpuP95 * 1000 : undefined;
  const cpuMax = u?.cpuMax !== undefined ? u.cpuMax * 1000 : undefined;
  const rec: Recommendation = {
    verdict: 'ok',
    codes,
    facts,
    cpu: { p95Millicores: cpuP95 !== undefined ? round1(cpuP95) : undefined, maxMillicores: cpuMax && round1(cpuMax) },
    memory: { p99Bytes: u?.memoryP99 && Math.round(u.memoryP99), maxBytes: u?.memoryMax && Math.round(u.memoryMax) },
  };
  const finish = (verdict: Verdict) => ({ ...rec, verdict });

  const cpuOk = cpuP95 !== undefined && (u?.cpuHistorySeconds ?? 0) >= s.minHistorySeconds;
  const memOk =
    u?.memoryP99 !== undefined && u.memoryMax !== undefined && (u.memoryHistorySeconds ?? 0) >= s.minHistorySeconds;
  if (cpuOk) rec.cpu.recommendedRequestMillicores = Math.max(s.minCpuMillicores, roundCpu(cpuP95 * s.cpuBuffer));
  if (memOk) {
    const request = Math.max(s.minMemoryBytes, roundMemory(u.memoryP99 as number));
    rec.memory.recommendedRequestBytes = request;
    rec.memory.recommendedLimitBytes = Math.max(request, roundMemory((u.memoryMax as number) * s.memoryLimitBuffer));
  }
  facts.historyHours = round1(Math.min(u?.cpuHistorySeconds ?? 0, u?.memoryHistorySeconds ?? 0) / 3600);
  facts.podsWithData = u?.podsWithData ?? 0;

  if (!cpuOk && !memOk) {
    codes.push(u ? 'short-history' : 'no-series');
    facts.minHistoryHours = round1(s.minHistorySeconds / 3600);
    return finish('no-data');
  }
  if (!cpuOk) codes.push('no-cpu-data');
  if (!memOk) codes.push('no-memory-data');

  // oom-risk: the kernel killed it, or its peak came close to the limit
  let oom = false;
  if (c.oomKills > 0) {
    codes.push('oom-killed');
    facts.oomKills = c.oomKills;
    oom = true;
  }
  if (memOk && c.limitBytes && (u?.memoryMax as number) >= s.oomRiskRatio * c.limitBytes) {
    codes.push('memory-near-limit');
    facts.peakOfLimitPercent = Math.round(((u?.memoryMax as number) / c.limitBytes) * 100);
    oom = true;
  }
  if (memOk) {
    facts.memoryMaxMi = mib(u?.memoryMax as number);
    facts.memoryP99Mi = mib(u?.memoryP99 as number);
    if (c.limitBytes) facts.memoryLimitMi = mib(c.limitBytes);
    if (c.requestBytes !== undefined) facts.memoryRequestMi = mib(c.requestBytes);
  }
  if (cpuOk) {
    facts.cpuP95Millicores = round1(cpuP95);
    if (c.requestMillicores !== undefined) facts.cpuRequestMillicores = c.requestMillicores;
  }
  if (oom) return finish('oom-risk');

  let under = false;
  if (cpuOk) {
    if (!c.requestMillicores) {
      codes.push('cpu-no-request');
      under = true;
    } else if (cpuP95 > c.requestMillicores * (1 + s.underTolerance)) {
      codes.push('cpu-under');
      facts.cpuP95OfRequestPercent = Math.round((cpuP95 / c.requestMillicores) * 100);
      under = true;
    }
  }
  if (memOk) {
    if (!c.requestBytes) {
      codes.push('memory-no-request');
      under = true;
    } else if ((u?.memoryP99 as number) > c.requestBytes * (1 + s.underTolerance)) {
      codes.push('memory-under');
      facts.memoryP99OfRequestPercent = Math.round(((u?.memoryP99 as number) / c.requestBytes) * 100);
      under = true;
    }
  }
  if (under) return finish('under-provisioned');

  let over = false;
  const cpuRec = rec.cpu.recommendedRequestMillicores;
  if (cpuRec !== undefined && c.requestMillicores) {
    if (c.requestMillicores >= cpuRec * s.overRatio && c.requestMillicores - cpuRec >= s.minWasteMillicores) {
      codes.push('cpu-over');
      facts.cpuWasteMillicores = c.requestMillicores - cpuRec;
      over = true;
    }
  }
  const memRec = rec.memory.recommendedRequestBytes;
  if (memRec !== undefined && c.requestBytes) {
    if (c.requestBytes >= memRec * s.overRatio && c.requestBytes - memRec >= s.minWasteBytes) {
      codes.push('memory-over');
      facts.memoryWasteMi = mib(c.requestBytes - memRec);
      over = true;
    }
  }
  return finish(over ? 'over-provisioned' : 'ok');
}
