/** Batch operations on normalised alerts: filter, dedupe, group. All keep the input order. */
import { severityAtLeast } from './severity';
import type { AlertSeverity, NormalizedAlert } from './types';

/**
 * Alerts kube-prometheus fires on purpose; most IM routes drop them. Watchdog (DeadMansSwitch before kube-prometheus
 * 0.4) always fires to prove the pipeline works; InfoInhibitor fires to mute info-level alerts.
 */
export const HEARTBEAT_ALERTNAMES: readonly string[] = ['Watchdog', 'InfoInhibitor', 'DeadMansSwitch'];

const HEARTBEATS = new Set(HEARTBEAT_ALERTNAMES.map((n) => n.toLowerCase()));

/** True for an alert that fires by design and says nothing is wrong: it is informational, never a problem to triage. */
export function isHeartbeat(alert: Pick<NormalizedAlert, 'alertname'>): boolean {
  return HEARTBEATS.has(alert.alertname.trim().toLowerCase());
}

export interface AlertFilter {
  /** Keep resolved alerts (default true). */
  includeResolved?: boolean;
  /** Keep only alerts at or above this severity; `none` keeps everything. */
  minSeverity?: AlertSeverity;
  /** Drop alerts with these alertnames (e.g. HEARTBEAT_ALERTNAMES). */
  excludeAlertnames?: readonly string[];
}

export function filterAlerts(alerts: readonly NormalizedAlert[], filter: AlertFilter = {}): NormalizedAlert[] {
  const excluded = new Set(filter.excludeAlertnames ?? []);
  return alerts.filter(
    (a) =>
      (filter.includeResolved !== false || a.status !== 'resolved') &&
      (!filter.minSeverity || severityAtLeast(a.severity, filter.minSeverity)) &&
      !excluded.has(a.alertname),
  );
}

/** First occurrence of each dedupeKey wins. */
export function dedupeAlerts(alerts: readonly NormalizedAlert[]): NormalizedAlert[] {
  const seen = new Set<string>();
  return alerts.filter((a) => {
    if (seen.has(a.dedupeKey)) return false;
    seen.add(a.dedupeKey);
    return true;
  });
}

export type AlertGrouping = 'alertname' | 'resource' | 'namespace' | 'severity' | ((alert: NormalizedAlert) => string);

export interface AlertGroup {
  key: string;
  alerts: NormalizedAlert[];
}

/** `resource` key: `Kind/namespace/name`, or `none` for alerts that map to no object. */
export function resourceKey(alert: NormalizedAlert): string {
  const r = alert.resource;
  if (!r) return 'none';
  return r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`;
}

export function groupAlerts(alerts: readonly NormalizedAlert[], by: AlertGrouping = 'alertname'): AlertGroup[] {
  const keyOf =
    typeof by === 'function'
      ? by
      : by === 'resource'
        ? resourceKey
        : by === 'namespace'
          ? (a: NormalizedAlert) => a.resource?.namespace ?? a.labels.namespace ?? 'none'
          : by === 'severity'
            ? (a: NormalizedAlert) => a.severity
            : (a: NormalizedAlert) => a.alertname;
  const groups = new Map<string, NormalizedAlert[]>();
  for (const alert of alerts) {
    const key = keyOf(alert);
    const list = groups.get(key);
    if (list) list.push(alert);
    else groups.set(key, [alert]);
  }
  return [...groups].map(([key, list]) => ({ key, alerts: list }));
}
