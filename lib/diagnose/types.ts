/**
 * The contract every analyzer, the chain-follower, the score and the reports share.
 * Analyzers are pure: they read a Snapshot (objects already listed from the API) and return findings.
 */
import type {
  CoreV1Event,
  KubernetesObject,
  V1ConfigMap,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1HorizontalPodAutoscaler,
  V1Ingress,
  V1IngressClass,
  V1Job,
  V1MutatingWebhookConfiguration,
  V1APIService,
  V1NetworkPolicy,
  V1Node,
  V1PersistentVolume,
  V1PersistentVolumeClaim,
  V1Pod,
  V1PodDisruptionBudget,
  V1ReplicaSet,
  V1ResourceQuota,
  V1Secret,
  V1Service,
  V1ServiceAccount,
  V1StatefulSet,
  V1StorageClass,
  V1ValidatingWebhookConfiguration,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';

export type Severity = 'critical' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };

/** A reference to one object, as findings name it. */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

/** One fact that supports a finding: an event text, a log line, a field value. */
export interface Evidence {
  source: 'event' | 'log' | 'field' | 'condition' | 'metric';
  /** the object the evidence was read from */
  object?: ObjectRef;
  text: string;
}

/** A value that proves a root cause: a limit, a key, a taint, a registry host, a node count. */
export type FactValue = string | number | boolean | string[];
export type Facts = Record<string, FactValue>;

/** The languages findings render in (lib/diagnose/render). */
export type Language = 'en' | 'zh';
export const LANGUAGES: readonly Language[] = ['en', 'zh'];

/**
 * The object and fact at the end of a causal chain, as data. `code` is a stable identifier (lib/diagnose/render/
 * causes lists every code with its English and Chinese text), `facts` the values that prove it, `evidence` the one
 * event, log line or field it was read from. `fact` is the English sentence rendered from code and facts, kept
 * for readers of the JSON report; folding and merging never look at it.
 */
export interface RootCause {
  object: ObjectRef;
  code: string;
  facts: Facts;
  evidence?: Evidence;
  fact: string;
}

export interface Finding {
  severity: Severity;
  /** the analyzer that produced it (e.g. "Pod", "Service", "NetworkPolicy") */
  analyzer: string;
  kind: string;
  namespace?: string;
  name: string;
  /** the top owner (Deployment for a pod of a ReplicaSet), when there is one */
  owner?: ObjectRef;
  /** short machine-friendly reason, e.g. "ImagePullBackOff", "UnboundPVC", "ServiceNoEndpoints" */
  reason: string;
  /** one or two sentences a person can act on */
  message: string;
  evidence: Evidence[];
  /** the object and fact at the end of the causal chain */
  rootCause?: RootCause;
  suggestion?: string;
  /** kubectl commands to confirm or fix */
  commands?: string[];
  /** how many objects this finding stands for (pods of one owner failing the same way fold into one) */
  count?: number;
  /** the other objects this finding stands for: pods folded into it, and findings merged in because they share its root cause */
  related?: ObjectRef[];
}

/** Usage from metrics.k8s.io, already parsed to numbers. */
export interface ContainerUsage {
  name: string;
  cpuMillicores: number;
  memoryBytes: number;
}
export interface PodUsage {
  namespace: string;
  name: string;
  containers: ContainerUsage[];
}
export interface NodeUsage {
  name: string;
  cpuMillicores: number;
  memoryBytes: number;
}

/** Everything the analyzers read, listed once. Lists absent from the cluster (or forbidden) are empty. */
export interface Snapshot {
  namespaces: KubernetesObject[];
  pods: V1Pod[];
  deployments: V1Deployment[];
  replicaSets: V1ReplicaSet[];
  statefulSets: V1StatefulSet[];
  daemonSets: V1DaemonSet[];
  jobs: V1Job[];
  cronJobs: V1CronJob[];
  services: V1Service[];
  /** Endpoints are read as plain objects (subsets with addresses) */
  endpoints: KubernetesObject[];
  ingresses: V1Ingress[];
  ingressClasses: V1IngressClass[];
  networkPolicies: V1NetworkPolicy[];
  pvcs: V1PersistentVolumeClaim[];
  pvs: V1PersistentVolume[];
  storageClasses: V1StorageClass[];
  configMaps: V1ConfigMap[];
  /** Secrets with their data removed: analyzers only need names, types and keys */
  secrets: V1Secret[];
  serviceAccounts: V1ServiceAccount[];
  hpas: (V1HorizontalPodAutoscaler | V2HorizontalPodAutoscaler)[];
  pdbs: V1PodDisruptionBudget[];
  resourceQuotas: V1ResourceQuota[];
  nodes: V1Node[];
  events: CoreV1Event[];
  validatingWebhooks: V1ValidatingWebhookConfiguration[];
  mutatingWebhooks: V1MutatingWebhookConfiguration[];
  apiServices: V1APIService[];
  podMetrics: PodUsage[];
  nodeMetrics: NodeUsage[];
  /** container logs fetched for failing pods only, keyed by `${namespace}/${pod}/${container}` */
  logs: Record<
    string,
    { current?: string; previous?: string; /** why the logs could not be read */ unreadable?: string }
  >;
  /**
   * Lists that could not be read (forbidden, API absent). An empty list named here means "unknown", not "none":
   * reference checks skip it instead of calling every referenced Secret missing.
   */
  unavailable?: (keyof Snapshot)[];
  /**
   * What collecting cost and found, merged into DiagnosisResult.stats: `forbidden.<list>` / `absent.<list>` /
   * `failed.<list>` = 1 for lists that could not be read, `logs.fetched`, `pages`, `ms.collect`…
   * Timestamps in a collected snapshot are the API's strings, not Date objects: read them with util.millis().
   */
  stats?: Record<string, number>;
}

/** What every explainer returns about one object: the finding's fields without the object's identity. */
export interface Explanation {
  severity: Severity;
  reason: string;
  message: string;
  evidence: Evidence[];
  rootCause: RootCause;
  suggestion: string;
  commands: string[];
  /** the objects between this one and the root cause, for messages that name the chain ("admission webhook x") */
  via?: string;
}

/** One reason a Service under-serves. */
export interface ServiceProblem {
  severity: Severity;
  reason: string;
  message: string;
  rootCause: RootCause;
  evidence: Evidence[];
  suggestion: string;
  commands: string[];
  /** true when the Service serves no traffic at all because of this problem */
  blocking: boolean;
}

/**
 * Questions about one object that other objects' explanations ask ("why does this Service not serve?", "why can
 * this controller not create its pods?"). Answered by the layer that knows, once per run and object; a question
 * asked again while its answer is being worked out (two workloads calling each other) gets no answer.
 */
export interface Questions {
  serviceProblems(svc: V1Service): ServiceProblem[];
  createFailure(obj: KubernetesObject, kind: string): Explanation | undefined;
}

/** What an analyzer receives: the snapshot plus shared lookups built once per run. */
export interface AnalyzerContext {
  snapshot: Snapshot;
  /** events whose involvedObject is this object, newest first */
  eventsFor(kind: string, namespace: string | undefined, name: string): CoreV1Event[];
  /** the top owner of an object (ReplicaSet → Deployment, Job → CronJob), or undefined */
  topOwner(obj: KubernetesObject): ObjectRef | undefined;
  /** a value derived from the snapshot, built on first use and kept for this run (key: "module.what") */
  memo<T>(key: string, build: () => T): T;
  ask: Questions;
}

export interface Analyzer {
  /** the name used in filters and in Finding.analyzer, k8sgpt-style ("Pod", "PersistentVolumeClaim", …) */
  name: string;
  /** k8sgpt's default set runs always; optional ones run when asked for (or in "all" mode) */
  default: boolean;
  analyze(ctx: AnalyzerContext): Finding[];
}

/** A list the analyzers need that could not be read after its retries. */
export interface FailedRead {
  /** the Snapshot list ("pods", "secrets") */
  list: string;
  /** the kind its items have ("Pod") */
  kind: string;
  reason: 'failed' | 'forbidden';
}

/** What one diagnosis run returns; every output format (JSON, Markdown, HTML, LLM) renders this. */
export interface DiagnosisResult {
  /**
   * 0–100, the formula lives in lib/diagnose/score.ts and the README; null when the diagnosis is incomplete:
   * a health verdict over data we could not read would be a guess.
   */
  score: number | null;
  namespaces: Record<string, { score: number | null; critical: number; warning: number; info: number }>;
  /** false when a list the analyzers need could not be read; `failedReads` names them */
  complete: boolean;
  failedReads?: FailedRead[];
  /** sorted: severity, then impact (count, root causes first) */
  findings: Finding[];
  scope: { namespace?: string; resource?: ObjectRef; analyzers?: string[] };
  generatedAt: string;
  /** object counts read, for the report header and for the health score's denominator */
  stats: Record<string, number>;
  /** usage against requests/limits where metrics exist, for the report's chart */
  /** problems with the run itself: unknown analyzer names, lists that could not be read, an analyzer that threw */
  warnings?: string[];
  usage?: {
    namespace: string;
    pod: string;
    container: string;
    cpuMillicores: number;
    memoryBytes: number;
    cpuRequest?: number;
    cpuLimit?: number;
    memoryRequest?: number;
    memoryLimit?: number;
  }[];
}
