/**
 * The one alert model every face (n8n nodes, MCP bridge, notifications) reads.
 * Whatever arrived — Alertmanager, Grafana, PrometheusAlert conventions, the Alertmanager API — ends up as NormalizedAlert.
 * All maps are plain objects with string values only; label values are data and are never interpreted.
 */

export type AlertStatus = 'firing' | 'resolved';

/** `none` means the alert carried no recognisable severity; it ranks below `info`. */
export type AlertSeverity = 'critical' | 'warning' | 'info' | 'none';

export const ALERT_SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = {
  critical: 3,
  warning: 2,
  info: 1,
  none: 0,
};

/** Where one alert came from. `single` = a bare alert object or array of them (e.g. the body of Alertmanager's POST /api/v2/alerts). */
export type AlertSource =
  'alertmanager' | 'grafana' | 'grafana-legacy' | 'prometheusalert' | 'alertmanager-api' | 'single';

/** The payload format: one of the sources, or `unknown` when nothing matched. */
export type AlertPayloadFormat = AlertSource | 'unknown';

export type StringMap = Record<string, string>;

/** Group-level data of a grouped notification (Alertmanager webhook v4, Grafana unified alerting). */
export interface AlertGroupInfo {
  groupKey?: string;
  receiver?: string;
  /** The group's status: `firing` as long as one alert of the group fires. */
  status?: AlertStatus;
  groupLabels: StringMap;
  commonLabels: StringMap;
  commonAnnotations: StringMap;
  externalURL?: string;
  /** Alerts Alertmanager dropped because of `max_alerts`; they are not in this payload. */
  truncatedAlerts: number;
  /** "4" for Alertmanager, "1" for Grafana unified alerting. */
  version?: string;
  /** Grafana unified alerting only. */
  title?: string;
  message?: string;
  orgId?: number;
}

/** State reported by Alertmanager's `GET /api/v2/alerts`. */
export interface AlertmanagerApiState {
  state: 'active' | 'suppressed' | 'unprocessed' | 'unknown';
  silencedBy: string[];
  inhibitedBy: string[];
  receivers: string[];
  updatedAt?: string;
}

/** The kinds an alert can be mapped to. */
export const RESOURCE_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'ResourceQuota',
  'APIService',
  'Node',
  'Service',
  'Ingress',
  'PodDisruptionBudget',
] as const;

export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** How sure the mapping is: `high` = a label that names the object; `medium` = derived (e.g. ReplicaSet → Deployment); `low` = a guess the enricher must confirm. */
export type MappingConfidence = 'high' | 'medium' | 'low';

/** A Kubernetes object an alert is about, as far as its labels tell. */
export interface ResourceRef {
  kind: ResourceKind;
  /** Absent for cluster-scoped kinds, and for namespaced kinds when the alert carries no namespace label. */
  namespace?: string;
  name: string;
  container?: string;
  /** Set when `name` is an IP taken from `instance`: the enricher resolves it to a Node by its InternalIP. */
  nodeIP?: string;
  confidence: MappingConfidence;
  /** The label (or rule) the mapping came from, e.g. `label:pod`, `label:replicaset→Deployment`, `label:instance`. */
  via: string;
}

/** Other objects the labels name, below the chosen subject (e.g. the ReplicaSet behind a Deployment hint, the Node a Pod ran on). */
export interface ResourceMapping extends ResourceRef {
  related: ResourceRef[];
}

export interface NormalizedAlert {
  status: AlertStatus;
  severity: AlertSeverity;
  /** The severity value as sent (label `severity`, `level`, `priority`…), when any. */
  severitySource?: { label: string; value: string };
  alertname: string;
  /** annotations.summary, else annotations.title, else the alertname. */
  summary: string;
  /** annotations.description (PrometheusAlert's message text), else annotations.message, else ''. */
  description: string;
  labels: StringMap;
  annotations: StringMap;
  /** ISO 8601 (UTC, millisecond precision). */
  startsAt?: string;
  /** ISO 8601; absent while the alert fires (Alertmanager's zero time `0001-01-01T00:00:00Z` means "no end yet"). */
  endsAt?: string;
  /** endsAt − startsAt for resolved alerts, now − startsAt for firing ones. */
  durationMs?: number;
  /** e.g. `2h 5m`, `45s`, `3d 4h`. */
  duration?: string;
  /** Alertmanager's fingerprint, or the same FNV-1a hash Alertmanager uses, computed over the sorted labels. */
  fingerprint: string;
  fingerprintComputed: boolean;
  /** Stable across re-deliveries of the same notification: fingerprint + status + startsAt. */
  dedupeKey: string;
  generatorURL?: string;
  /** The PromQL expression decoded from generatorURL's `g0.expr`. */
  expr?: string;
  runbookURL?: string;
  /** Alertmanager UI "new silence" link pre-filled with the alert's labels, or Grafana's own silenceURL. */
  silenceURL?: string;
  dashboardURL?: string;
  panelURL?: string;
  /** Grafana unified alerting `values` (or legacy evalMatches as metric → value). */
  values?: Record<string, number>;
  /** Grafana `valueString` (older unified alerting). */
  valueString?: string;
  source: AlertSource;
  group?: AlertGroupInfo;
  api?: AlertmanagerApiState;
  /** The Kubernetes object the labels point to; absent when they name none (e.g. TargetDown, Watchdog). */
  resource?: ResourceMapping;
  /** Things that were dropped or cut while normalising (non-string labels, truncated annotations, bad dates). */
  warnings: string[];
}

export interface AlertParseError {
  /** Index of the alert inside the payload's list; absent when the payload as a whole was rejected. */
  index?: number;
  message: string;
}

export interface AlertParseResult {
  alerts: NormalizedAlert[];
  errors: AlertParseError[];
  format: AlertPayloadFormat;
  /** Group info of the payload, when the format has one (also copied into each alert). */
  group?: AlertGroupInfo;
}

export interface AlertParseOptions {
  /** Skip detection and parse as this format. */
  format?: AlertSource;
  /** Reference time for durations and for deciding status when a payload has none (default: Date.now()). */
  now?: number;
  /** Longer strings (annotation and label values, URLs) are cut and end with a marker. Default 8192. */
  maxFieldLength?: number;
  /** Alerts past this many in one payload are dropped and reported as one error. Default 5000. */
  maxAlerts?: number;
  /** Labels or annotations past this many on one alert are dropped. Default 256. */
  maxEntries?: number;
  /** Map each alert to a Kubernetes resource (default true). */
  mapResource?: boolean;
}
