/**
 * parseAlertPayload: any webhook body → normalised alerts + per-alert errors. Never throws: the whole parse runs
 * behind a guard, each alert behind its own, so one hostile alert costs only itself.
 */
import { redactText } from '../kube/redact';
import { detectFormat } from './detect';
import { alertListReader } from './formats/alert-lists';
import { readGrafanaLegacy } from './formats/grafana-legacy';
import { groupedReader } from './formats/grouped';
import { type FormatReader, type ReaderContext } from './formats/list';
import { errorText, isRecord, own } from './read';
import type { AlertParseOptions, AlertParseResult, AlertSource } from './types';

export const DEFAULT_LIMITS = { maxFieldLength: 8192, maxAlerts: 5000, maxEntries: 256 } as const;

const READERS: Record<AlertSource, FormatReader> = {
  alertmanager: groupedReader('alertmanager'),
  grafana: groupedReader('grafana'),
  prometheusalert: groupedReader('prometheusalert'),
  'grafana-legacy': readGrafanaLegacy,
  'alertmanager-api': alertListReader('alertmanager-api'),
  single: alertListReader('single'),
};

export const ALERT_SOURCES = Object.keys(READERS) as AlertSource[];

/**
 * A UTF-8 byte order mark some senders (PowerShell, .NET, Windows editors) put before the JSON: not part of the
 * payload, and JSON.parse rejects it.
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Raw bodies become JSON; an n8n Webhook item ({headers, params, query, body}) is unwrapped to its body. */
function prepare(input: unknown): { value: unknown } | { error: string } {
  let value = input;
  if (value instanceof Uint8Array) value = new TextDecoder('utf-8', { fatal: false }).decode(value);
  if (typeof value === 'string') {
    const text = withoutBom(value).trim();
    if (text === '') return { error: 'empty body: expected an alert payload (JSON)' };
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      // V8's message quotes the start of the text, which may be a credential
      return { error: `body is not valid JSON: ${redactText(errorText(error))}` };
    }
  }
  if (
    isRecord(value) &&
    isRecord(own(value, 'headers')) &&
    own(value, 'body') !== undefined &&
    own(value, 'alerts') === undefined
  ) {
    return prepare(own(value, 'body'));
  }
  return { value };
}

function clampInt(value: number | undefined, fallback: number, min: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(min, Math.trunc(value)) : fallback;
}

export function parseAlertPayload(input: unknown, opts: AlertParseOptions = {}): AlertParseResult {
  try {
    const prepared = prepare(input);
    if ('error' in prepared) return { alerts: [], errors: [{ message: prepared.error }], format: 'unknown' };
    const forced = opts.format && Object.prototype.hasOwnProperty.call(READERS, opts.format) ? opts.format : undefined;
    const format = forced ?? detectFormat(prepared.value);
    if (format === 'unknown') return { alerts: [], errors: [{ message: notAnAlert(prepared.value) }], format };
    const ctx: ReaderContext = {
      now: typeof opts.now === 'number' && Number.isFinite(opts.now) ? opts.now : Date.now(),
      limits: {
        maxFieldLength: clampInt(opts.maxFieldLength, DEFAULT_LIMITS.maxFieldLength, 64),
        maxEntries: clampInt(opts.maxEntries, DEFAULT_LIMITS.maxEntries, 1),
      },
      maxAlerts: clampInt(opts.maxAlerts, DEFAULT_LIMITS.maxAlerts, 1),
      mapResource: opts.mapResource !== false,
    };
    const out = READERS[format](prepared.value, ctx);
    if ('fatal' in out) return { alerts: [], errors: [{ message: out.fatal }], format };
    return { alerts: out.alerts, errors: out.errors, format, ...(out.group ? { group: out.group } : {}) };
  } catch (error) {
    return { alerts: [], errors: [{ message: `payload could not be read: ${errorText(error)}` }], format: 'unknown' };
  }
}

/** Say what arrived, so whoever wired the webhook can see what is wrong. */
function notAnAlert(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return `not an alert payload: got ${value === null ? 'null' : typeof value}; expected an Alertmanager, Grafana or PrometheusAlert JSON object`;
  }
  if (Array.isArray(value)) return 'not an alert payload: an array, but its items have no "labels" object';
  const keys = Object.keys(value)
    .slice(0, 8)
    .map((k) => JSON.stringify(k.slice(0, 40)));
  const alerts = own(value as Record<string, unknown>, 'alerts');
  if (alerts !== undefined && !Array.isArray(alerts)) return 'not an alert payload: "alerts" must be an array';
  return `not an alert payload: no "alerts" array, "labels" object or Grafana rule fields (keys: ${keys.join(', ') || 'none'})`;
}
