/**
 * NormalizedAlert ⇄ the flat AlertItem every face outputs. `alertFromItem` reads an item back (an n8n item produced by
 * the Prometheus Alert node's Parse, or one a user built by hand) so that Enrich and IM Notify accept either.
 */
import {
  ALERT_SEVERITY_RANK,
  labelsFingerprint,
  mapAlertToResource,
  normalizeSeverity,
  parseAlertPayload,
  refProblem,
  type AlertParseOptions,
  type AlertParseResult,
  type AlertSeverity,
  type AlertSource,
  type NormalizedAlert,
  RESOURCE_KINDS,
  type ResourceMapping,
} from '../alerts';
import type { AlertGroupItem, AlertItem, AlertResource, TriagedAlert } from './types';

function resourceOf(r: ResourceMapping | undefined): AlertResource | null {
  if (!r) return null;
  const out: AlertResource = { kind: r.kind, name: r.name, confidence: r.confidence, via: r.via };
  if (r.namespace) out.namespace = r.namespace;
  if (r.container) out.container = r.container;
  if (r.nodeIP) out.nodeIP = r.nodeIP;
  if (r.related.length)
    out.related = r.related.map((x) =>
      x.namespace ? { kind: x.kind, namespace: x.namespace, name: x.name } : { kind: x.kind, name: x.name },
    );
  return out;
}

/** Copies only defined values, so the item has no `undefined` holes (n8n shows them as empty fields otherwise). */
function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

export function alertToItem(alert: NormalizedAlert): AlertItem {
  return defined<AlertItem>({
    status: alert.status,
    severity: alert.severity,
    alertname: alert.alertname,
    summary: alert.summary,
    description: alert.description,
    labels: { ...alert.labels },
    annotations: { ...alert.annotations },
    resource: resourceOf(alert.resource),
    fingerprint: alert.fingerprint,
    dedupeKey: alert.dedupeKey,
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
    duration: alert.duration,
    durationMs: alert.durationMs,
    silenceURL: alert.silenceURL,
    runbookURL: alert.runbookURL,
    generatorURL: alert.generatorURL,
    dashboardURL: alert.dashboardURL,
    panelURL: alert.panelURL,
    promql: alert.expr,
    values: alert.values,
    source: alert.source,
    groupKey: alert.group?.groupKey,
    receiver: alert.group?.receiver,
    externalURL: alert.group?.externalURL,
    warnings: [...alert.warnings],
  });
}

function topSeverity(alerts: NormalizedAlert[]): AlertSeverity {
  return alerts.reduce<AlertSeverity>(
    (top, a) => (ALERT_SEVERITY_RANK[a.severity] > ALERT_SEVERITY_RANK[top] ? a.severity : top),
    'none',
  );
}

/** The alerts of one parsed payload as one group item (the payload's group info, or what the alerts share). */
export function groupToItem(result: AlertParseResult, alerts: NormalizedAlert[]): AlertGroupItem {
  const g = result.group;
  const firing = alerts.filter((a) => a.status === 'firing').length;
  return defined<AlertGroupItem>({
    groupKey: g?.groupKey,
    status: firing > 0 ? 'firing' : 'resolved',
    receiver: g?.receiver,
    source: result.format,
    groupLabels: { ...(g?.groupLabels ?? {}) },
    commonLabels: { ...(g?.commonLabels ?? {}) },
    commonAnnotations: { ...(g?.commonAnnotations ?? {}) },
    externalURL: g?.externalURL,
    truncatedAlerts: g?.truncatedAlerts ?? 0,
    count: alerts.length,
    firing,
    resolved: alerts.length - firing,
    severity: topSeverity(alerts),
    alerts: alerts.map(alertToItem),
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const SOURCES: readonly AlertSource[] = [
  'alertmanager',
  'grafana',
  'grafana-legacy',
  'prometheusalert',
  'alertmanager-api',
  'single',
];

function mappingOf(value: unknown, labels: Record<string, string>): ResourceMapping | undefined {
  if (value === null) return undefined;
  if (!isRecord(value)) return mapAlertToResource(labels);
  const kind = RESOURCE_KINDS.find((k) => k.toLowerCase() === (str(value.kind) ?? '').toLowerCase());
  const name = str(value.name);
  if (!kind || !name) return mapAlertToResource(labels);
  const confidence =
    value.confidence === 'high' || value.confidence === 'medium' || value.confidence === 'low'
      ? value.confidence
      : 'high';
  const related = Array.isArray(value.related)
    ? value.related.filter(isRecord).flatMap((r) => {
        const k = RESOURCE_KINDS.find((x) => x.toLowerCase() === (str(r.kind) ?? '').toLowerCase());
        const n = str(r.name);
        return k && n
          ? [
              {
                kind: k,
                name: n,
                confidence: 'low' as const,
                via: 'item',
                ...(str(r.namespace) ? { namespace: str(r.namespace) } : {}),
              },
            ]
          : [];
      })
    : [];
  const mapping: ResourceMapping = {
    kind,
    name,
    confidence,
    via: str(value.via) ?? 'item',
    // an edited item is as hostile as a label: only valid names become references
    related: related.filter((r) => !refProblem(r)),
    ...(str(value.namespace) ? { namespace: str(value.namespace) } : {}),
    ...(str(value.container) ? { container: str(value.container) } : {}),
    ...(str(value.nodeIP) ? { nodeIP: str(value.nodeIP) } : {}),
  };
  return refProblem(mapping) ? mapAlertToResource(labels) : mapping;
}

/**
 * An AlertItem (or anything close: a Parse output edited in a Set node) back to a NormalizedAlert. Undefined when the
 * object is not an alert item (no `alertname` nor `labels.alertname`, or no `labels`).
 */
export function alertFromItem(json: unknown): NormalizedAlert | undefined {
  // a top-level alertname marks an item; a raw Alertmanager alert has it only among its labels and goes to the parser
  if (!isRecord(json) || !isRecord(json.labels) || !str(json.alertname)) return undefined;
  const labels = stringMap(json.labels);
  const alertname = str(json.alertname) as string;
  const annotations = stringMap(json.annotations);
  const status = json.status === 'resolved' ? 'resolved' : 'firing';
  const severity =
    (typeof json.severity === 'string' && normalizeSeverity(json.severity)) ||
    normalizeSeverity(labels.severity ?? '') ||
    'none';
  const fingerprint = str(json.fingerprint) ?? labelsFingerprint(labels);
  const startsAt = str(json.startsAt);
  const source = SOURCES.find((s) => s === json.source) ?? 'single';
  const mapping = mappingOf(json.resource, labels);
  const alert: NormalizedAlert = {
    status,
    severity,
    alertname,
    summary: str(json.summary) ?? annotations.summary ?? alertname,
    description: str(json.description) ?? annotations.description ?? '',
    labels,
    annotations,
    fingerprint,
    fingerprintComputed: false,
    dedupeKey: str(json.dedupeKey) ?? `${fingerprint}:${status}:${startsAt ?? ''}`,
    source,
    warnings: Array.isArray(json.warnings) ? json.warnings.filter((w): w is string => typeof w === 'string') : [],
  };
  const optional: Partial<NormalizedAlert> = {
    startsAt,
    endsAt: str(json.endsAt),
    duration: str(json.duration),
    durationMs: typeof json.durationMs === 'number' ? json.durationMs : undefined,
    generatorURL: str(json.generatorURL),
    expr: str(json.promql) ?? str(json.expr),
    runbookURL: str(json.runbookURL),
    silenceURL: str(json.silenceURL),
    dashboardURL: str(json.dashboardURL),
    panelURL: str(json.panelURL),
    resource: mapping,
  };
  for (const [k, v] of Object.entries(optional))
    if (v !== undefined) (alert as unknown as Record<string, unknown>)[k] = v;
  if (str(json.groupKey) || str(json.receiver) || str(json.externalURL)) {
    alert.group = {
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      truncatedAlerts: 0,
      ...(str(json.groupKey) ? { groupKey: str(json.groupKey) } : {}),
      ...(str(json.receiver) ? { receiver: str(json.receiver) } : {}),
      ...(str(json.externalURL) ? { externalURL: str(json.externalURL) } : {}),
    };
  }
  return alert;
}

/**
 * Alerts from whatever an item holds: one alert item (from Parse), a group item (`alerts` of alert items), or a raw
 * webhook payload. Errors say why nothing could be read.
 */
export function alertsFromJson(
  json: unknown,
  opts: AlertParseOptions = {},
): { alerts: NormalizedAlert[]; errors: string[]; format: string } {
  const one = alertFromItem(json);
  if (one) return { alerts: [one], errors: [], format: 'item' };
  if (
    isRecord(json) &&
    Array.isArray(json.alerts) &&
    json.alerts.length > 0 &&
    json.alerts.every((a) => isRecord(a) && typeof a.dedupeKey === 'string' && alertFromItem(a) !== undefined)
  ) {
    return { alerts: json.alerts.map((a) => alertFromItem(a) as NormalizedAlert), errors: [], format: 'group-item' };
  }
  const parsed = parseAlertPayload(json, opts);
  return {
    alerts: parsed.alerts,
    errors: parsed.errors.map((e) => (e.index !== undefined ? `alert #${e.index}: ${e.message}` : e.message)),
    format: parsed.format,
  };
}

/** The alert as an item with nothing found yet: what every triage starts from, and what a skipped alert stays. */
export function unenrichedAlert(alert: NormalizedAlert): Omit<TriagedAlert, 'markdown' | 'llmContext'> {
  return { ...alertToItem(alert), enriched: false, ownerChain: [], findings: [], evidence: [], events: [], logs: [] };
}
