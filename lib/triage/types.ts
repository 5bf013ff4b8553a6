/**
 * The shapes of alert triage: an alert as one flat JSON item (what the n8n Prometheus Alert node outputs and the
 * `kube-aiops triage` CLI prints), and the same item enriched with a diagnosis of the Kubernetes object it is about.
 * Everything here is plain JSON (no Date, no class instances) so n8n items, MCP results and CLI output share it.
 */
import type { AlertParseOptions, AlertSeverity, AlertSource, AlertStatus, MappingConfidence } from '../alerts';
import type { CollectOptions, Evidence, Finding, Language, ObjectRef, Severity } from '../diagnose';

/** The object an alert's labels name (lib/alerts mapping), flattened. */
export interface AlertResource {
  kind: string;
  namespace?: string;
  name: string;
  container?: string;
  confidence: MappingConfidence;
  /** The label or rule the mapping came from, e.g. `label:pod`. */
  via: string;
  /** Set when the name is an IP the enricher resolves to a Node. */
  nodeIP?: string;
  /** Other objects the labels name (ReplicaSet → Deployment, the node of a PVC…). */
  related?: Array<{ kind: string; namespace?: string; name: string }>;
}

/** One alert as a flat item. Field names follow Alertmanager's, plus the normalised ones (severity, resource, promql). */
export interface AlertItem {
  status: AlertStatus;
  severity: AlertSeverity;
  alertname: string;
  summary: string;
  description: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** null when the labels name no Kubernetes object (TargetDown, Watchdog…). */
  resource: AlertResource | null;
  fingerprint: string;
  /** Stable across re-deliveries of the same notification: use it to make downstream steps idempotent. */
  dedupeKey: string;
  startsAt?: string;
  endsAt?: string;
  /** e.g. `2h 5m`; for firing alerts, up to now. */
  duration?: string;
  durationMs?: number;
  silenceURL?: string;
  runbookURL?: string;
  generatorURL?: string;
  dashboardURL?: string;
  panelURL?: string;
  /** The PromQL expression decoded from generatorURL. */
  promql?: string;
  values?: Record<string, number>;
  source: AlertSource;
  groupKey?: string;
  receiver?: string;
  externalURL?: string;
  /** Things dropped or cut while reading the alert. */
  warnings: string[];
}

/** One notification group as one item (Parse with "one item per group"). */
export interface AlertGroupItem {
  groupKey?: string;
  status: AlertStatus;
  receiver?: string;
  source: AlertSource | 'unknown';
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL?: string;
  truncatedAlerts: number;
  count: number;
  firing: number;
  resolved: number;
  /** The highest severity in the group. */
  severity: AlertSeverity;
  alerts: AlertItem[];
}

export interface TriageEvent {
  /** ISO time of the last occurrence, '' when unknown. */
  time: string;
  type: string;
  reason: string;
  /** `Kind/name` of the object the event is about. */
  object: string;
  message: string;
  count: number;
}

export interface TriageLogLines {
  pod: string;
  container: string;
  /** True when the lines are from the previous (crashed) container. */
  previous: boolean;
  /** Error and warning lines, newest last; the last lines of the log when none matched. */
  lines: string[];
  /** `errors` when the lines matched error patterns, `tail` when they are just the end of the log. */
  kind: 'errors' | 'tail';
}

/** An alert plus what the cluster says about its object. */
export interface TriagedAlert extends AlertItem {
  /** True when a diagnosis ran; false for skipped alerts (resolved, no object, cluster error). */
  enriched: boolean;
  /** Why enrichment did not run or found nothing to diagnose. */
  skipped?: string;
  /** The error that stopped enrichment of this alert, when one did. */
  error?: string;
  /** The object actually diagnosed (the mapped one, or a related one when the mapped one is gone). */
  target?: ObjectRef;
  /** Whether the target exists in the cluster. */
  targetFound?: boolean;
  /** Controller owners of the target, nearest first (Pod → ReplicaSet → Deployment). */
  ownerChain: ObjectRef[];
  /** Findings about the target, its owners, dependents and what they reference; most severe first. */
  findings: Finding[];
  /** One line: the object and the fact at the end of the causal chain of the top finding. */
  rootCause?: string;
  rootCauseObject?: ObjectRef;
  /** The highest severity among the findings. */
  diagnosisSeverity?: Severity;
  suggestion?: string;
  commands?: string[];
  /** Evidence of the top findings (events, log lines, fields), deduplicated. */
  evidence: Evidence[];
  /** Events of the target, its owners and pods; warnings first, newest first. */
  events: TriageEvent[];
  /** Recent error lines from the logs of the target's failing pods. */
  logs: TriageLogLines[];
  /** A short Markdown summary for a person (IM card, ticket). */
  markdown: string;
  /** Plain text for a model prompt, at most `llmBudget` characters. */
  llmContext: string;
}

export interface EnrichOptions {
  /** Analyzer names (lib/diagnose); default: the default set. */
  analyzers?: string[];
  /** Diagnose resolved alerts too (default false: they are passed through with `skipped`). */
  enrichResolved?: boolean;
  /** Findings kept per alert (default 5). */
  maxFindings?: number;
  /** Events kept per alert (default 10). */
  maxEvents?: number;
  /** Log lines kept per alert, over all its pods (default 12). */
  maxLogLines?: number;
  /** Characters of `llmContext` (default 6000). */
  llmBudget?: number;
  /** Alerts enriched at once (default 4); snapshots are shared per namespace whatever this is. */
  concurrency?: number;
  /** Passed to lib/diagnose collectSnapshot. */
  collect?: CollectOptions;
  /** Language of the Markdown summary (default en); llmContext stays English, the model reads either. */
  language?: Language;
}

export interface TriageOptions extends EnrichOptions {
  parse?: AlertParseOptions;
  /** Keep resolved alerts in the output (default true). */
  includeResolved?: boolean;
  /** Keep only alerts at or above this severity. */
  minSeverity?: AlertSeverity;
  /** Drop alerts with these alertnames (e.g. Watchdog). */
  excludeAlertnames?: readonly string[];
  /** Drop repeated alerts (same dedupeKey) within the payload (default true). */
  dedupe?: boolean;
  /** Enrich at most this many alerts, the most severe first; the rest are returned unenriched (default 100). */
  maxEnrich?: number;
}

export interface TriageError {
  /** Index of the alert inside the payload, when the error is about one alert. */
  index?: number;
  alertname?: string;
  fingerprint?: string;
  message: string;
}

export interface TriageResult {
  alerts: TriagedAlert[];
  errors: TriageError[];
  /** The payload format that was recognised. */
  format: string;
  /** Alerts in the payload, before filters. */
  received: number;
  /** What it cost: snapshots collected, ms spent collecting and diagnosing. */
  stats: Record<string, number>;
}
