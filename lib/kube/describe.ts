/**
 * describe: the object (cleaned, redacted), its summary row, its events, its owner chain up to the top
 * controller, and the pods behind it (workloads, services, nodes) — as data and as one text for people and models.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { toYaml } from './yaml-text';
import { KubeError } from './errors';
import { events, type EventRow } from './events';
import { podsOf } from './pods-of';
import { getResolved, present } from './read';
import { resolveKind } from './resolve';
import { summarize, summarizeAll, type SummaryRow } from './summary';
import { renderTable } from './table';
import { resolveRef, type ObjectRef } from './target';
import type { KubeConnection } from './connect';

export interface OwnerLink {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface Description {
  kind: string;
  apiVersion: string;
  name: string;
  namespace?: string;
  summary: SummaryRow;
  /** cleaned and redacted */
  object: KubernetesObject;
  /** from the direct owner to the top controller */
  owners: OwnerLink[];
  events: EventRow[];
  /** pods behind a workload, service or node */
  pods?: SummaryRow[];
  /** everything above as text */
  text: string;
}

const MAX_OWNER_DEPTH = 5;

export async function describe(
  conn: KubeConnection,
  ref: ObjectRef,
  opts: { eventsLimit?: number; includeYaml?: boolean } = {},
): Promise<Description> {
  const resolved = await resolveRef(conn, ref);
  const raw = await getResolved<KubernetesObject>(conn, resolved);
  const object = present(raw);
  const [owners, objectEvents, pods] = await Promise.all([
    ownerChain(conn, raw),
    events(conn, { object: ref, limit: opts.eventsLimit ?? 30 }),
    podsOf(conn, raw).then((p) => p?.map((pod) => present(pod))),
  ]);
  const d: Omit<Description, 'text'> = {
    kind: resolved.type.kind,
    apiVersion: resolved.type.apiVersion,
    name: resolved.name,
    namespace: resolved.namespace,
    summary: summarize(object),
    object,
    owners,
    events: objectEvents,
    pods: pods ? summarizeAll(pods) : undefined,
  };
  return { ...d, text: renderDescription(d, opts.includeYaml !== false) };
}

/** Follows controller ownerReferences upward (Pod → ReplicaSet → Deployment). Unreadable owners end the chain. */
export async function ownerChain(conn: KubeConnection, obj: KubernetesObject): Promise<OwnerLink[]> {
  const chain: OwnerLink[] = [];
  let current = obj;
  for (let depth = 0; depth < MAX_OWNER_DEPTH; depth++) {
    const refs = current.metadata?.ownerReferences ?? [];
    const owner = refs.find((r) => r.controller) ?? refs[0];
    if (!owner) break;
    const namespace = current.metadata?.namespace;
    try {
      const type = await resolveKind(conn, { apiVersion: owner.apiVersion, kind: owner.kind });
      const ns = type.namespaced ? namespace : undefined;
      chain.push({ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, namespace: ns });
      current = await getResolved<KubernetesObject>(conn, { type, name: owner.name, namespace: ns });
    } catch (err) {
      if (!(err instanceof KubeError)) throw err;
      if (chain[chain.length - 1]?.name !== owner.name)
        chain.push({ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, namespace });
      break;
    }
  }
  return chain;
}

function renderDescription(d: Omit<Description, 'text'>, includeYaml: boolean): string {
  const title = `${d.kind} ${d.namespace ? `${d.namespace}/` : ''}${d.name}`;
  const facts = Object.entries(d.summary)
    .filter(([k]) => k !== 'name' && k !== 'namespace')
    .map(([k, v]) => `${k}: ${v || '<none>'}`)
    .join(', ');
  const parts = [`${title} (${d.apiVersion})`, facts];
  const labels = d.object.metadata?.labels;
  if (labels && Object.keys(labels).length)
    parts.push(
      `labels: ${Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );
  if (d.owners.length) parts.push(`owned by: ${d.owners.map((o) => `${o.kind}/${o.name}`).join(' → ')}`);
  if (d.pods) parts.push('', `Pods (${d.pods.length}):`, d.pods.length ? renderTable(d.pods) : '  none');
  parts.push(
    '',
    `Events (${d.events.length}, oldest first):`,
    d.events.length
      ? renderTable(d.events, {
          columns: ['lastSeen', 'type', 'reason', 'object', 'count', 'message'],
          maxCellWidth: 160,
        })
      : '  none',
  );
  if (includeYaml) parts.push('', 'Object:', toYaml(d.object).trimEnd());
  return parts.join('\n');
}
