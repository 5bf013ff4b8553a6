/**
 * Sends Alertmanager webhook notifications (v4 payloads) the way Alertmanager's webhook notifier does: a POST per
 * group, and on a non-2xx answer or no answer within the timeout, the identical notification again after a backoff,
 * until it is accepted. For tests that must control when a retry happens (a worker killed mid-execution) and for
 * storms at a chosen rate; test/e2e/setup/alertmanager.ts runs the real one.
 */
import { createHash } from 'node:crypto';

export interface SentAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  status?: 'firing' | 'resolved';
}

export interface Attempt {
  at: number;
  status: number | 'timeout' | 'error';
  ms: number;
}

export function fingerprintOf(labels: Record<string, string>): string {
  const text = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** When the alerts without a startsAt began: one instant, as Alertmanager keeps an alert's startsAt across re-sends. */
const STARTED_AT = new Date(Date.now() - 5 * 60_000).toISOString();

/** One group's notification: what Alertmanager posts for `group_by: [alertname, namespace]`. */
export function notification(group: Record<string, string>, alerts: SentAlert[], receiver = 'n8n'): object {
  const startedAt = STARTED_AT;
  const full = alerts.map((a) => ({
    status: a.status ?? 'firing',
    labels: a.labels,
    annotations: a.annotations ?? {},
    startsAt: a.startsAt ?? startedAt,
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus.example/graph',
    fingerprint: fingerprintOf(a.labels),
  }));
  const groupKey = `{}:{${Object.entries(group)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ')}}`;
  return {
    version: '4',
    groupKey,
    truncatedAlerts: 0,
    status: full.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    receiver,
    groupLabels: group,
    commonLabels: group,
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example',
    alerts: full,
  };
}

/** Posts until a 2xx answer (or `maxAttempts`), backing off like Alertmanager (doubling from `backoffMs`). */
export async function deliver(
  url: string,
  payload: object,
  opts: { timeoutMs?: number; backoffMs?: number; maxAttempts?: number } = {},
): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  let backoff = opts.backoffMs ?? 500;
  for (let i = 0; i < (opts.maxAttempts ?? 10); i++) {
    const at = Date.now();
    let status: Attempt['status'];
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Alertmanager/0.25.0' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch (err) {
      status = (err as Error).name === 'TimeoutError' ? 'timeout' : 'error';
    }
    attempts.push({ at, status, ms: Date.now() - at });
    if (typeof status === 'number' && status >= 200 && status < 300) return attempts;
    await new Promise((r) => setTimeout(r, backoff));
    backoff = Math.min(backoff * 2, 10_000);
  }
  return attempts;
}
