/** Events for a namespace, the whole cluster, or one object; warnings only; newer than a moment. Oldest first, like kubectl. */
import type { CoreV1Event } from '@kubernetes/client-node';
import { parseSince } from './age';
import { KubeError } from './errors';
import { redact } from './redact';
import { listResolved } from './read';
import { resolveKind } from './resolve';
import { summarize, eventTime, type SummaryRow } from './summary';
import { resolveRef, type ObjectRef } from './target';
import type { KubeConnection } from './connect';

export interface EventQuery {
  /** events of one object (its kind, name and namespace) */
  object?: ObjectRef;
  /** default: the connection's namespace */
  namespace?: string;
  allNamespaces?: boolean;
  warningsOnly?: boolean;
  /** only events newer than this: "15m", "2h", seconds, an ISO time or a Date */
  since?: string | number | Date;
  /** keep the newest N (default 100) */
  limit?: number;
}

export interface EventRow extends SummaryRow {
  /** ISO time of the last occurrence */
  time: string;
}

export async function events(conn: KubeConnection, q: EventQuery = {}): Promise<EventRow[]> {
  const raw = await listEvents(conn, q);
  return raw.map((e) => ({ ...summarize(e), time: eventTime(e)?.toISOString() ?? '' }));
}

/** The events themselves, redacted (a message may quote a connection string), filtered and sorted oldest first. */
export async function listEvents(conn: KubeConnection, q: EventQuery = {}): Promise<CoreV1Event[]> {
  const eventType = await resolveKind(conn, { apiVersion: 'v1', kind: 'Event' });
  const selectors: string[] = [];
  let namespace = q.namespace;
  let match: ((e: CoreV1Event) => boolean) | undefined;
  if (q.object) {
    const ref = await resolveRef(conn, q.object);
    namespace = ref.namespace ?? '';
    selectors.push(`involvedObject.kind=${ref.type.kind}`, `involvedObject.name=${ref.name}`);
    match = (e) =>
      e.involvedObject?.kind === ref.type.kind &&
      e.involvedObject?.name === ref.name &&
      (!ref.namespace || e.involvedObject?.namespace === undefined || e.involvedObject.namespace === ref.namespace);
  }
  if (q.warningsOnly) selectors.push('type=Warning');
  const scope = {
    namespace: namespace || undefined,
    allNamespaces: q.allNamespaces || namespace === '',
    allPages: true,
    maxItems: 5000,
  };
  let items: CoreV1Event[];
  try {
    items = (
      await listResolved<CoreV1Event>(conn, eventType, { ...scope, fieldSelector: selectors.join(',') || undefined })
    ).items;
  } catch (err) {
    // some API servers (and proxies) reject event field selectors; filtering below covers for them
    if (!(err instanceof KubeError && err.status === 400 && selectors.length > 0)) throw err;
    items = (await listResolved<CoreV1Event>(conn, eventType, scope)).items;
  }
  const since = q.since !== undefined ? parseSince(q.since) : undefined;
  const filtered = items.filter(
    (e) =>
      (!match || match(e)) &&
      (!q.warningsOnly || e.type === 'Warning') &&
      (!since || (eventTime(e) ?? new Date(0)) >= since),
  );
  filtered.sort((a, b) => (eventTime(a)?.getTime() ?? 0) - (eventTime(b)?.getTime() ?? 0));
  const limit = q.limit ?? 100;
  return filtered.slice(Math.max(0, filtered.length - limit)).map((e) => redact(e));
}
