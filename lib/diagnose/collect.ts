/**
 * Lists everything the analyzers read, once: every kind of the Snapshot, paged (500 per page), a few lists in
 * flight at a time, for all namespaces or one. Lists the user may not read, or that the cluster does not serve,
 * come back empty and are named in `snapshot.unavailable` (with the reason in `snapshot.stats`), so the diagnosis
 * still runs on what is visible. Then, only when there is something to explain: pod and node metrics, and the
 * tail of current and previous logs of a bounded number of failing pods (one per owner first).
 *
 * Lists are read as plain JSON through lib/kube (client-node's KubeConfig supplies auth) rather than through the
 * typed APIs: a 10k-pod cluster would otherwise spend most of its time in client-node's model deserialisation.
 * Consequently timestamps are strings; analyzers read them through util.millis().
 */
import type { KubeConfig, KubernetesObject, V1Pod } from '@kubernetes/client-node';
import type { KubeConnection } from '../kube/connect';
import { KubeError } from '../kube/errors';
import { redactInPlace } from '../kube/redact';
import { parseJsonBody, type KubeResponse } from '../kube/http';
import { read } from '../kube/retry';
import { LogCollector, type LogOptions } from './collect-logs';
import { failureKind, slots, type Reader } from './collect-read';
import { emptySnapshot, IndexBuilder, primeIndexes } from './context';
import type { NodeUsage, ObjectRef, PodUsage, Snapshot } from './types';
import { cpuMillicores, quantity } from './util';

export interface CollectScope {
  namespace?: string;
  /** a single object: its namespace is collected (all namespaces for cluster-scoped objects) */
  resource?: ObjectRef;
}

export interface CollectOptions extends LogOptions {
  /** lists in flight at once (default 5) */
  concurrency?: number;
  /** items per page (default 500) */
  pageSize?: number;
  /** which lists to read (default: all); the others stay empty */
  lists?: ListKey[];
  /** read metrics.k8s.io when served (default true) */
  metrics?: boolean;
}

import { ALL_LISTS, LISTS, ROUTINE_EVENT_REASONS, type ListKey } from './snapshot-lists';

export { ALL_LISTS };

/** A KubeConnection over a KubeConfig, for callers that only hold the KubeConfig. */
export function connectionOf(kc: KubeConfig | KubeConnection): KubeConnection {
  if ('kc' in kc) return kc;
  const cluster = kc.getCurrentCluster();
  if (!cluster)
    throw new KubeError(`the kubeconfig has no cluster for context "${kc.getCurrentContext()}"`, {
      reason: 'BadInput',
    });
  if (cluster.server.startsWith('http://') && !cluster.skipTLSVerify) {
    // client-node refuses http:// unless verification is off; plain HTTP (a local simulator) has nothing to verify
    const index = kc.clusters.indexOf(cluster);
    if (index >= 0) kc.clusters[index] = { ...cluster, skipTLSVerify: true };
  }
  return {
    kc,
    namespace: kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default',
    context: kc.getCurrentContext(),
    server: cluster.server.replace(/\/+$/, ''),
    timeoutMs: 30_000,
    readAttempts: 3,
    backoffMs: 250,
    warnings: [],
  };
}

interface WireList {
  items?: KubernetesObject[];
  metadata?: { continue?: string };
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Drops what no analyzer reads and what would only cost memory or leak: managed fields, last-applied, secret values. */
function slim(list: ListKey, obj: KubernetesObject): KubernetesObject {
  const md = obj.metadata;
  // Assigning undefined instead of `delete` keeps V8's object shapes, and JSON output drops the field all the same;
  // only fields that are there are assigned, since adding one would change the shape.
  if (md?.managedFields) md.managedFields = undefined;
  if (md?.annotations?.[LAST_APPLIED]) delete md.annotations[LAST_APPLIED];
  if (list === 'events') {
    // the most numerous objects of a snapshot: their own uid and versions, and those of the object they are about,
    // are read by nothing (events attach to objects by kind, namespace and name)
    const ev = obj as KubernetesObject & { involvedObject?: { uid?: string; resourceVersion?: string } };
    if (md) {
      md.uid = undefined;
      md.resourceVersion = undefined;
    }
    if (ev.involvedObject) {
      ev.involvedObject.uid = undefined;
      ev.involvedObject.resourceVersion = undefined;
    }
  }
  if (list === 'events') {
    // who reported it: no check reads it, and it is 20k objects in a big cluster
    const ev = obj as KubernetesObject & {
      source?: unknown;
      reportingComponent?: unknown;
      reportingInstance?: unknown;
    };
    if (ev.source) ev.source = undefined;
    if (ev.reportingComponent) ev.reportingComponent = undefined;
    if (ev.reportingInstance) ev.reportingInstance = undefined;
  }
  if (list === 'pods') slimPod(obj as V1Pod);
  if (list === 'secrets') {
    const sec = obj as KubernetesObject & { data?: Record<string, string>; stringData?: Record<string, string> };
    // Key names stay (missing-key checks need them); values never leave this function.
    const keys = [...Object.keys(sec.data ?? {}), ...Object.keys(sec.stringData ?? {})];
    delete sec.stringData;
    sec.data = Object.fromEntries(keys.map((k) => [k, '']));
  }
  return obj;
}

/**
 * What a server that ignores the events' field selectors sends anyway (a fake or an old proxy): dropped here, and
 * counted in stats (`events.routine`).
 */
const ROUTINE: ReadonlySet<string> = new Set(ROUTINE_EVENT_REASONS);

function keptEvents(items: KubernetesObject[], stats: Record<string, number>): KubernetesObject[] {
  const kept = items.filter((e) => {
    const ev = e as { type?: string; reason?: string };
    return ev.type !== 'Normal' || !ROUTINE.has(ev.reason ?? '');
  });
  if (kept.length < items.length) stats['events.routine'] = (stats['events.routine'] ?? 0) + items.length - kept.length;
  return kept;
}

/**
 * Pod fields no check reads (addresses but the first, QoS class, scheduler and DNS settings, termination message
 * settings, image and container IDs). Dropped as each page arrives: the most numerous objects after events, and
 * what a snapshot holds longest is what a big cluster's diagnosis spends its memory and collector time on. A check
 * that comes to need one of them takes it off this list.
 */
function slimPod(pod: V1Pod): void {
  const md = pod.metadata;
  if (md?.generateName) md.generateName = undefined;
  const spec = pod.spec;
  if (spec) {
    if (spec.schedulerName !== undefined) spec.schedulerName = undefined;
    if (spec.dnsPolicy !== undefined) spec.dnsPolicy = undefined;
    if (spec.enableServiceLinks !== undefined) spec.enableServiceLinks = undefined;
    if (spec.terminationGracePeriodSeconds !== undefined) spec.terminationGracePeriodSeconds = undefined;
    if (spec.preemptionPolicy !== undefined) spec.preemptionPolicy = undefined;
    for (const list of [spec.containers, spec.initContainers])
      for (const c of list ?? []) {
        if (c.terminationMessagePath) c.terminationMessagePath = undefined;
        if (c.terminationMessagePolicy) c.terminationMessagePolicy = undefined;
      }
  }
  const st = pod.status;
  if (st) {
    if (st.podIPs) st.podIPs = undefined;
    if (st.hostIPs) st.hostIPs = undefined;
    if (st.hostIP) st.hostIP = undefined;
    if (st.qosClass) st.qosClass = undefined;
    if (st.nominatedNodeName) st.nominatedNodeName = undefined;
    for (const list of [st.containerStatuses, st.initContainerStatuses])
      for (const cs of list ?? []) {
        if (cs.imageID !== undefined) (cs as { imageID?: string }).imageID = undefined;
        if (cs.containerID) cs.containerID = undefined;
      }
  }
}

/** Runs tasks with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/**
 * The continue token from the head of a list's text, without parsing the page: API servers write `kind`,
 * `apiVersion`, then the flat ListMeta, then `items`. Undefined when the page is the last; null when the head does
 * not have that shape (the token is then read from the parsed page).
 */
export function continueOfHead(text: string): string | undefined | null {
  const at = text.indexOf('"metadata":');
  if (at < 0 || at > 512) return null;
  const end = text.indexOf('}', at);
  if (end < 0 || end - at > 8192 || !text.startsWith(',"items":', end + 1)) return null;
  try {
    const meta = JSON.parse(text.slice(at + 11, end + 1)) as { continue?: unknown } | null;
    if (typeof meta !== 'object' || meta === null) return null;
    if (meta.continue === undefined || meta.continue === '') return undefined;
    return typeof meta.continue === 'string' ? meta.continue : null;
  } catch {
    return null;
  }
}

/** One list being read: where, and what its pages feed. */
interface ListRead {
  get: Reader;
  conn: KubeConnection;
  list: ListKey;
  path: string;
  namespace: string | undefined;
  pageSize: number;
  stats: Record<string, number>;
}

/** Items of one paged list, each page handed to `onPage` (slimmed and redacted) as it arrives. */
async function readPages(
  r: ListRead,
  fieldSelector?: string,
  onPage?: (items: KubernetesObject[]) => void,
): Promise<KubernetesObject[]> {
  const { get, conn, list, path, stats } = r;
  const context = { verb: 'list', resource: LISTS[list].plural, namespace: r.namespace };
  const page = (token: string | undefined) => {
    const p = get<string>({
      path,
      query: { limit: r.pageSize, continue: token, fieldSelector },
      context,
      unparsed: true,
    });
    // a page asked for ahead may fail while this one is being read; its error is met when it is awaited
    p.catch(() => undefined);
    return p;
  };
  const items: KubernetesObject[] = [];
  let next: Promise<KubeResponse<string>> | undefined = page(undefined);
  while (next) {
    const text = (await next).body;
    // The next page is asked for before this one is parsed, so the server builds it meanwhile.
    const ahead = continueOfHead(text);
    next = ahead ? page(ahead) : undefined;
    const body = parseJsonBody<WireList>(conn, { path, context }, text);
    if (ahead === null) {
      const token = body.metadata?.continue || undefined;
      if (token) next = page(token);
    }
    // redacted before any analyzer quotes (and perhaps cuts) a message holding a credential; slim() empties Secrets
    const got = list === 'events' ? keptEvents(body.items ?? [], stats) : (body.items ?? []);
    for (const item of got) items.push(list === 'secrets' ? slim(list, item) : redactInPlace(slim(list, item)));
    onPage?.(got);
    stats.pages = (stats.pages ?? 0) + 1;
  }
  return items;
}

const keyOf = (o: KubernetesObject): string => `${o.metadata?.namespace ?? ''}\u0000${o.metadata?.name ?? ''}`;

/**
 * The selected lists merged in the server's key order (namespace, then name), each object once: a server or proxy
 * that ignores field selectors answers every selector with the whole list.
 */
function mergeByKey(parts: KubernetesObject[][]): KubernetesObject[] {
  const keyed = parts.flat().map((o) => ({ k: keyOf(o), o }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.filter((x, i) => i === 0 || keyed[i - 1].k !== x.k).map((x) => x.o);
}

/**
 * A list with field selectors (events: what no check reads is left on the server): each selector read as its own
 * paged list, merged. A server that rejects the selectors (400) is read unfiltered; the same filter then runs here.
 */
async function readSelected(r: ListRead, selectors: readonly string[]): Promise<KubernetesObject[]> {
  const parts = await Promise.allSettled(selectors.map((sel) => readPages(r, sel)));
  const failed = parts.find((p) => p.status === 'rejected');
  if (!failed) return mergeByKey(parts.map((p) => (p.status === 'fulfilled' ? p.value : [])));
  const err: unknown = failed.reason;
  if (!(err instanceof KubeError && err.status === 400)) throw err;
  r.stats[`unfiltered.${r.list}`] = 1;
  return readPages(r);
}

async function listAll(
  get: Reader,
  conn: KubeConnection,
  list: ListKey,
  namespace: string | undefined,
  pageSize: number,
  stats: Record<string, number>,
  /** each page's items as they arrive; `restart` when reading starts over at the fallback version */
  pages: { add(items: KubernetesObject[]): void; restart(): void },
): Promise<KubernetesObject[]> {
  const spec = LISTS[list];
  const bases = spec.fallbackBase ? [spec.base, spec.fallbackBase] : [spec.base];
  for (let i = 0; i < bases.length; i++) {
    const path = `${bases[i]}${spec.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/${spec.plural}`;
    const r: ListRead = { get, conn, list, path, namespace, pageSize, stats };
    let added = false;
    try {
      if (spec.fieldSelectors) {
        const items = await readSelected(r, spec.fieldSelectors);
        pages.add(items);
        return items;
      }
      return await readPages(r, undefined, (page) => {
        added = true;
        pages.add(page);
      });
    } catch (err) {
      if (failureKind(err) === 'absent' && i < bases.length - 1) {
        if (added) pages.restart();
        continue;
      }
      throw err;
    }
  }
  return [];
}

async function readNamespace(get: Reader, name: string): Promise<KubernetesObject[]> {
  const res = await get<KubernetesObject>({
    path: `/api/v1/namespaces/${encodeURIComponent(name)}`,
    context: { verb: 'get', kind: 'Namespace', name },
  });
  return [slim('namespaces', res.body)];
}

interface WireMetrics {
  items?: {
    metadata?: { name?: string; namespace?: string };
    usage?: Record<string, string>;
    containers?: { name: string; usage?: Record<string, string> }[];
  }[];
}

async function collectMetrics(
  get: Reader,
  namespace: string | undefined,
  snap: Snapshot,
  stats: Record<string, number>,
): Promise<void> {
  const base = '/apis/metrics.k8s.io/v1beta1';
  try {
    const [pods, nodes] = await Promise.all([
      get<WireMetrics>({
        path: `${base}${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/pods`,
        context: { verb: 'list', resource: 'pods.metrics.k8s.io' },
      }),
      get<WireMetrics>({
        path: `${base}/nodes`,
        context: { verb: 'list', resource: 'nodes.metrics.k8s.io' },
      }).catch(() => ({ body: { items: [] } as WireMetrics })),
    ]);
    snap.podMetrics = (pods.body.items ?? []).map((m): PodUsage => ({
      namespace: m.metadata?.namespace ?? '',
      name: m.metadata?.name ?? '',
      containers: (m.containers ?? []).map((c) => ({
        name: c.name,
        cpuMillicores: cpuMillicores(c.usage?.cpu) || 0,
        memoryBytes: quantity(c.usage?.memory) || 0,
      })),
    }));
    snap.nodeMetrics = (nodes.body.items ?? []).map((m): NodeUsage => ({
      name: m.metadata?.name ?? '',
      cpuMillicores: cpuMillicores(m.usage?.cpu) || 0,
      memoryBytes: quantity(m.usage?.memory) || 0,
    }));
    stats['metrics.pods'] = snap.podMetrics.length;
  } catch (err) {
    const kind = failureKind(err);
    if (kind === 'fatal') throw err;
    // a cluster without metrics-server serves no metrics; one that refuses or fails them must be said
    stats[`${kind}.metrics`] = 1;
  }
}

/**
 * Collects a Snapshot. Throws only when the cluster cannot be talked to at all (unreachable, bad credentials) or
 * the namespace asked for does not exist; anything narrower becomes an empty list named in `unavailable`.
 */
export async function collectSnapshot(
  kc: KubeConfig | KubeConnection,
  scope: CollectScope = {},
  opts: CollectOptions = {},
): Promise<Snapshot> {
  const started = Date.now();
  const conn = connectionOf(kc);
  const namespace = scope.resource ? scope.resource.namespace : scope.namespace;
  const snap = emptySnapshot();
  const stats: Record<string, number> = {};
  const unavailable: ListKey[] = [];
  const wanted = opts.lists ?? ALL_LISTS;
  const pageSize = opts.pageSize ?? 500;
  const concurrency = opts.concurrency ?? 5;
  // lists, metrics and logs overlap, and together keep to `concurrency` requests in flight
  const gate = slots(Math.max(1, concurrency));
  const get: Reader = (req) => gate(() => read(conn, req));

  // Indexed page by page while the next pages are on their way; a list that fails after some of its pages were
  // indexed leaves the indexes to be built afresh from the snapshot.
  const index = new IndexBuilder();
  let indexComplete = true;
  const readList = async (list: ListKey): Promise<void> => {
    try {
      const items =
        list === 'namespaces' && namespace
          ? await readNamespace(get, namespace)
          : await listAll(get, conn, list, namespace, pageSize, stats, {
              add: (page) => {
                index.add(list, page);
                if (list === 'pods') podsArrived(page as V1Pod[]);
              },
              restart: () => void (indexComplete = false),
            });
      if (list === 'namespaces' && namespace) index.add(list, items);
      (snap[list] as KubernetesObject[]) = items;
    } catch (err) {
      indexComplete = false;
      const kind = failureKind(err);
      if (kind === 'fatal') throw err;
      if (list === 'namespaces' && namespace && err instanceof KubeError && err.status === 404) {
        throw new KubeError(`namespace "${namespace}" does not exist`, {
          status: 404,
          reason: 'NotFound',
          context: { verb: 'get', kind: 'Namespace', name: namespace },
        });
      }
      unavailable.push(list);
      stats[`${kind}.${list}`] = 1;
    }
  };

  // Metrics and logs need only the pods: they are read while the pod list and the other lists are still coming in.
  const logs = new LogCollector(get, opts, stats);
  let metrics: Promise<void> | undefined;
  const podsArrived = (page: V1Pod[]) => {
    logs.offer(page);
    if (opts.metrics !== false && page.length > 0) metrics ??= collectMetrics(get, namespace, snap, stats);
  };
  let failure: { err: unknown } | undefined;
  try {
    await pool(wanted, concurrency, readList);
    stats['ms.list'] = Date.now() - started;
  } catch (err) {
    failure = { err };
  }
  // started reads are waited for even when the collection failed, so that none outlives it
  const [gotLogs, gotMetrics] = await Promise.allSettled([logs.finish(snap.pods), metrics]);
  if (failure) throw failure.err;
  if (gotLogs.status === 'rejected') throw gotLogs.reason;
  if (gotMetrics.status === 'rejected') throw gotMetrics.reason;
  snap.logs = gotLogs.value;

  if (indexComplete) primeIndexes(snap, index.finish(snap));
  if (unavailable.length) snap.unavailable = unavailable;
  stats['ms.collect'] = Date.now() - started;
  snap.stats = stats;
  return snap;
}
