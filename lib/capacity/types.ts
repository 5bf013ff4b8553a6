/** The capacity model: decided here as numbers, rendered to JSON, text, Markdown and HTML at the edge. */

export type Verdict = 'over-provisioned' | 'under-provisioned' | 'oom-risk' | 'ok' | 'no-data';

/** What Prometheus said about one container of one workload over the window (the busiest replica's figures). */
export interface ContainerUsage {
  /** cores */
  cpuP95?: number;
  cpuMax?: number;
  /** bytes */
  memoryP99?: number;
  memoryMax?: number;
  /** seconds of history seen (evaluated subquery points × step) */
  cpuHistorySeconds: number;
  memoryHistorySeconds: number;
  /** pods whose series were found */
  podsWithData: number;
}

/** One container of one workload, with what the API says about it. */
export interface WorkloadContainer {
  kind: string;
  namespace: string;
  name: string;
  container: string;
  replicas: number;
  /** current pods (names) from the API */
  pods: string[];
  /** millicores / bytes; undefined when unset */
  requestMillicores?: number;
  limitMillicores?: number;
  requestBytes?: number;
  limitBytes?: number;
  /** OOMKilled terminations seen in the pods' last state, and restarts counted by the kubelet */
  oomKills: number;
  restarts: number;
  /** the pod (and its node) whose container was last OOMKilled, for the memory curve */
  oomPod?: string;
  /** when that kill happened (lastState.terminated.finishedAt), RFC 3339 */
  oomKilledAt?: string;
}

/** The numbers a verdict was reached from: every one named, so a reader can redo the arithmetic. */
export interface VerdictFacts {
  [name: string]: number | string | boolean | undefined;
}

export interface Recommendation {
  verdict: Verdict;
  /** a code per reason: cpu-over, memory-over, cpu-under, memory-under, oom-killed, memory-near-limit, no-cpu-data… */
  codes: string[];
  facts: VerdictFacts;
  cpu: { p95Millicores?: number; maxMillicores?: number; recommendedRequestMillicores?: number };
  memory: {
    p99Bytes?: number;
    maxBytes?: number;
    recommendedRequestBytes?: number;
    recommendedLimitBytes?: number;
  };
}

export interface WorkloadReport extends WorkloadContainer {
  usage: ContainerUsage;
  recommendation: Recommendation;
}

export interface PoolBlocker {
  code: 'capacity' | 'pod-too-large' | 'daemonset-overhead' | 'anti-affinity' | 'single-node';
  /** namespace/name of the pod or DaemonSet concerned */
  object?: string;
  facts: VerdictFacts;
}

export interface PoolResources {
  cpuMillicores: number;
  memoryBytes: number;
}

export interface PoolReport {
  label: string;
  value: string;
  nodes: number;
  nodeNames: string[];
  allocatable: PoolResources;
  requested: PoolResources;
  /** p95 over the window of the pool's summed usage per node; undefined when Prometheus had no per-node series */
  used?: PoolResources;
  /** fewest nodes that still fit today's requests with headroom (first-fit decreasing) */
  recommendedNodes: number;
  blockers: PoolBlocker[];
  /** per node and hour, from the price table */
  hourlyPrice?: number;
  monthlyCost?: number;
  monthlySavings?: number;
}

/** Summed usage of the report's scope over the window: [unix seconds, millicores, bytes]. */
export interface Timeline {
  stepSeconds: number;
  points: [number, number | null, number | null][];
}

export interface CapacityReport {
  /** e.g. "7d" */
  window: string;
  /** evaluation time, RFC 3339 */
  at: string;
  /** false when something could not be read (a query failed, a list was truncated): see `gaps` */
  complete: boolean;
  gaps: string[];
  workloads: WorkloadReport[];
  pools: PoolReport[];
  /** usage over the window against the pools' allocatable now */
  utilisation?: Timeline & { allocatable?: PoolResources };
  savings: { monthly: number; currency?: string };
  /** a note per assumption that shaped the numbers (strategy, headroom) */
  settings: Record<string, number | string>;
}
