/**
 * One raw alert object (Alertmanager / Grafana / API v2 / hand-made shape) → NormalizedAlert.
 * Format readers only build the context and, for formats without an alert list, a raw alert in this shape.
 */
import { humanDuration, parseAlertTime } from './dates';
import { dedupeKey, labelsFingerprint } from './fingerprint';
import { alertmanagerSilenceURL, exprFromGeneratorURL, runbookOf, safeHttpURL } from './links';
import { describeType, isRecord, own, readStringMap, readText, type RawRecord, type ReadLimits } from './read';
import { redactAlertMap, redactAlertText, redactAlertURL } from './redact';
import { mapAlertToResource } from './resource';
import { severityOf } from './severity';
import type {
  AlertGroupInfo,
  AlertmanagerApiState,
  AlertSource,
  AlertStatus,
  NormalizedAlert,
  StringMap,
} from './types';

export interface NormalizeContext {
  source: AlertSource;
  group?: AlertGroupInfo;
  /** Where silence links point; the group's externalURL for webhooks. */
  externalURL?: string;
  /** Labels that identify the alert when the payload has no fingerprint; default all labels. */
  identityLabels?: StringMap;
  now: number;
  limits: ReadLimits;
  mapResource: boolean;
}

export type NormalizeOutcome = { ok: true; alert: NormalizedAlert } | { ok: false; message: string };

export function normalizeAlert(raw: unknown, ctx: NormalizeContext): NormalizeOutcome {
  if (!isRecord(raw)) return { ok: false, message: `alert is ${describeType(raw)}, expected an object` };
  const warnings: string[] = [];
  const warn = (m: string): void => {
    if (warnings.length < 50) warnings.push(m);
  };
  const rawLabels = own(raw, 'labels');
  if (rawLabels !== undefined && !isRecord(rawLabels)) {
    return { ok: false, message: `labels is ${describeType(rawLabels)}, expected an object of strings` };
  }
  const sentLabels = readStringMap(rawLabels, 'label', ctx.limits, warn);
  // the labels as sent identify the alert; everything shown or mapped uses redacted copies
  const labels = redactAlertMap(sentLabels);
  const annotations = redactAlertMap(readStringMap(own(raw, 'annotations'), 'annotation', ctx.limits, warn));
  if (Object.keys(labels).length === 0) {
    return {
      ok: false,
      message:
        rawLabels === undefined ? 'alert has no labels' : 'alert has no usable labels (all empty or not strings)',
    };
  }

  const alertname = labels.alertname ?? '';
  if (alertname === '') warn('no alertname label');

  const start = parseAlertTime(own(raw, 'startsAt'));
  const end = parseAlertTime(own(raw, 'endsAt'));
  if (start.kind === 'invalid') warn(`startsAt ignored: ${start.shown} is not an RFC 3339 time`);
  if (end.kind === 'invalid') warn(`endsAt ignored: ${end.shown} is not an RFC 3339 time`);
  const startMs = start.kind === 'time' ? start.ms : undefined;
  const endMs = end.kind === 'time' ? end.ms : undefined;

  const status = statusOf(own(raw, 'status'), endMs, ctx.now);
  const startsAt = startMs === undefined ? undefined : new Date(startMs).toISOString();
  // A firing alert's endsAt is either the zero time (webhook) or a future "resolve by" time (API); neither is an end.
  const endsAt = status === 'resolved' && endMs !== undefined ? new Date(endMs).toISOString() : undefined;
  const durationEnd = status === 'resolved' ? endMs : ctx.now;
  const durationMs =
    startMs !== undefined && durationEnd !== undefined && durationEnd >= startMs ? durationEnd - startMs : undefined;

  const given = readText(raw, 'fingerprint', ctx.limits, warn)?.trim();
  const fingerprint = given && given !== '' ? given.slice(0, 64) : labelsFingerprint(ctx.identityLabels ?? sentLabels);
  const { severity, source: severitySource } = severityOf(labels, annotations);
  const rawGenerator = redactAlertURL(readText(raw, 'generatorURL', ctx.limits, warn));

  const alert: NormalizedAlert = {
    status,
    severity,
    ...(severitySource ? { severitySource } : {}),
    alertname,
    summary: annotations.summary || annotations.title || alertname,
    description: annotations.description || annotations.message || annotations.content || '',
    labels,
    annotations,
    ...(startsAt ? { startsAt } : {}),
    ...(endsAt ? { endsAt } : {}),
    ...(durationMs !== undefined ? { durationMs, duration: humanDuration(durationMs) } : {}),
    fingerprint,
    fingerprintComputed: !given,
    dedupeKey: dedupeKey(fingerprint, status, startsAt),
    source: ctx.source,
    warnings,
  };
  const generatorURL = safeHttpURL(rawGenerator);
  if (generatorURL) alert.generatorURL = generatorURL;
  // the PromQL was percent-encoded in the URL, so a credential in it only shows once decoded
  const expr = redactAlertText(exprFromGeneratorURL(rawGenerator));
  if (expr) alert.expr = expr;
  const runbookURL = runbookOf(annotations, labels);
  if (runbookURL) alert.runbookURL = runbookURL;

  const silenceURL =
    safeHttpURL(redactAlertURL(readText(raw, 'silenceURL', ctx.limits, warn))) ??
    alertmanagerSilenceURL(ctx.externalURL, labels);
  if (silenceURL) alert.silenceURL = silenceURL;
  const dashboardURL = safeHttpURL(redactAlertURL(readText(raw, 'dashboardURL', ctx.limits, warn)));
  if (dashboardURL) alert.dashboardURL = dashboardURL;
  const panelURL = safeHttpURL(redactAlertURL(readText(raw, 'panelURL', ctx.limits, warn)));
  if (panelURL) alert.panelURL = panelURL;
  const values = numberMap(own(raw, 'values'));
  if (values) alert.values = values;
  const valueString = redactAlertText(readText(raw, 'valueString', ctx.limits, warn));
  if (valueString) alert.valueString = valueString;

  const api = apiState(raw);
  if (api) alert.api = api;
  if (ctx.group) alert.group = ctx.group;
  if (ctx.mapResource) {
    const resource = mapAlertToResource(labels, warn);
    if (resource) alert.resource = resource;
  }
  return { ok: true, alert };
}

/**
 * The alert's status: an explicit firing/resolved wins (Grafana legacy's alerting/ok too); otherwise an endsAt in the
 * past means resolved — that is how the Alertmanager API and POST /api/v2/alerts bodies express it.
 */
function statusOf(value: unknown, endMs: number | undefined, now: number): AlertStatus {
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'resolved' || v === 'ok' || v === 'normal') return 'resolved';
    if (v === 'firing' || v === 'alerting' || v === 'active' || v === 'pending' || v === 'no_data') return 'firing';
  }
  return endMs !== undefined && endMs <= now ? 'resolved' : 'firing';
}

function numberMap(value: unknown): Record<string, number> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, number> = {};
  let n = 0;
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (key === '__proto__' || typeof v !== 'number' || !Number.isFinite(v)) continue;
    out[key.slice(0, 200)] = v;
    if (++n >= 100) break;
  }
  return n > 0 ? out : undefined;
}

const API_STATES = new Set(['active', 'suppressed', 'unprocessed']);

/** The `status: {state, silencedBy, inhibitedBy}` object of GET /api/v2/alerts. */
function apiState(raw: RawRecord): AlertmanagerApiState | undefined {
  const status = own(raw, 'status');
  if (!isRecord(status)) return undefined;
  const state = own(status, 'state');
  const receivers = own(raw, 'receivers');
  const out: AlertmanagerApiState = {
    state: typeof state === 'string' && API_STATES.has(state) ? (state as AlertmanagerApiState['state']) : 'unknown',
    silencedBy: stringList(own(status, 'silencedBy')),
    inhibitedBy: stringList(own(status, 'inhibitedBy')),
    receivers: Array.isArray(receivers)
      ? receivers.slice(0, 100).flatMap((r) => {
          const name = isRecord(r) ? own(r, 'name') : undefined;
          return typeof name === 'string' ? [name.slice(0, 200)] : [];
        })
      : [],
  };
  const updated = parseAlertTime(own(raw, 'updatedAt'));
  if (updated.kind === 'time') out.updatedAt = new Date(updated.ms).toISOString();
  return out;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value
        .slice(0, 100)
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.slice(0, 200))
    : [];
}
