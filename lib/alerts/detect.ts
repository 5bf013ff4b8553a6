/**
 * Which payload format a value is, from its shape alone. Order matters: Grafana unified alerting and PrometheusAlert
 * payloads are Alertmanager-shaped, so their markers are checked before falling back to plain Alertmanager.
 */
import { isRecord, own, type RawRecord } from './read';
import { isPrometheusAlertLevel } from './severity';
import type { AlertPayloadFormat } from './types';

const LEGACY_GRAFANA_STATES = new Set(['ok', 'alerting', 'no_data', 'paused', 'pending']);

/** A shape test over one untrusted element: a throwing getter just means "does not match". */
function safely(test: () => boolean): boolean {
  try {
    return test();
  } catch {
    return false;
  }
}

export function detectFormat(input: unknown): AlertPayloadFormat {
  if (Array.isArray(input)) return detectArray(input);
  if (!isRecord(input)) return 'unknown';
  const alerts = own(input, 'alerts');
  if (Array.isArray(alerts)) {
    if (isGrafanaUnified(input)) return 'grafana';
    if (hasPrometheusAlertLevel(alerts)) return 'prometheusalert';
    return 'alertmanager';
  }
  if (isGrafanaLegacy(input)) return 'grafana-legacy';
  if (isRecord(own(input, 'labels'))) return 'single';
  return 'unknown';
}

/** Grafana unified alerting: version "1" (Alertmanager writes "4"), or its orgId / title+state fields. */
function isGrafanaUnified(input: RawRecord): boolean {
  const version = own(input, 'version');
  if (version === '1' || version === 1) return true;
  if (own(input, 'orgId') !== undefined) return true;
  return typeof own(input, 'title') === 'string' && typeof own(input, 'state') === 'string' && version !== '4';
}

function isGrafanaLegacy(input: RawRecord): boolean {
  if (
    own(input, 'ruleName') !== undefined ||
    Array.isArray(own(input, 'evalMatches')) ||
    own(input, 'ruleUrl') !== undefined
  )
    return true;
  const state = own(input, 'state');
  return typeof state === 'string' && LEGACY_GRAFANA_STATES.has(state) && typeof own(input, 'title') === 'string';
}

/** PrometheusAlert's convention: alerts labelled `level` 0–4 (its templates print `$v.labels.level`). */
function hasPrometheusAlertLevel(alerts: unknown[]): boolean {
  return alerts.slice(0, 100).some((a) =>
    safely(() => {
      const labels = isRecord(a) ? own(a, 'labels') : undefined;
      const level = isRecord(labels) ? own(labels, 'level') : undefined;
      return (typeof level === 'string' || typeof level === 'number') && isPrometheusAlertLevel(String(level));
    }),
  );
}

/**
 * Arrays: GET /api/v2/alerts (each alert has a `status` object and `receivers`), GET /api/v2/alerts/groups (each has
 * `alerts` and a `receiver` object) — both `alertmanager-api` — or bare alert objects (`single`).
 */
function detectArray(input: unknown[]): AlertPayloadFormat {
  const sample = input.slice(0, 100).filter(isRecord);
  if (sample.length === 0) return input.length === 0 ? 'single' : 'unknown';
  const api = sample.some((a) =>
    safely(
      () =>
        isRecord(own(a, 'status')) ||
        Array.isArray(own(a, 'receivers')) ||
        own(a, 'updatedAt') !== undefined ||
        (Array.isArray(own(a, 'alerts')) && isRecord(own(a, 'receiver'))),
    ),
  );
  if (api) return 'alertmanager-api';
  return sample.some((a) => safely(() => isRecord(own(a, 'labels')))) ? 'single' : 'unknown';
}
