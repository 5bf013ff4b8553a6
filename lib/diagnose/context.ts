/**
 * Builds the AnalyzerContext: every lookup an analyzer needs is indexed once per snapshot so that a 10k-pod cluster
 * costs one pass per list, not one scan per object.
 *
 * `indexes(snapshot)` is memoised per snapshot object, so analyzers that need more than `eventsFor`/`topOwner`
 * (pods of an owner, objects by uid or by name) share the same maps whichever way the context was built.
 */
import type { CoreV1Event, KubernetesObject, V1OwnerReference, V1Pod } from '@kubernetes/client-node';
import type { AnalyzerContext, ObjectRef, PodUsage, Questions, Snapshot } from './types';
import { ALL_LISTS, SNAPSHOT_KINDS, type ListKey } from './snapshot-lists';
import { PodFacts } from './pod-facts';
import { controllerOf, millis } from './util';

export { SNAPSHOT_KINDS };
export type ObjectListKey = ListKey;

export interface Indexed {
  kind: string;
  obj: KubernetesObject;
}

export interface Indexes {
  /** every object but pods by metadata.uid (an owner reference to a pod finds it by name) */
  byUid: Map<string, Indexed>;
  /** every object but pods by `Kind/namespace/name` (namespace empty for cluster-scoped); objectAt finds pods too */
  byKey: Map<string, KubernetesObject>;
  /** one object by kind, namespace (undefined for cluster-scoped) and name */
  objectAt(kind: string, namespace: string | undefined, name: string): KubernetesObject | undefined;
  /** objects by the uid of their controlling owner (pods of a ReplicaSet, ReplicaSets of a Deployment, …) */
  childrenByOwnerUid: Map<string, Indexed[]>;
  /** events by `Kind/namespace/name` of their involvedObject, in list order (eventsFor sorts them) */
  eventsByKey: Map<string, CoreV1Event[]>;
  podUsage: Map<string, PodUsage>;
  podsByNamespace: Map<string, V1Pod[]>;
  /** what the analysis asks of every pod, gathered as the pages came */
  podFacts: PodFacts;
}

const memo = new WeakMap<Snapshot, Indexes>();

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** When an event happened last: series and eventTime (events.k8s.io style) count as well as lastTimestamp. */
export function eventTime(e: CoreV1Event): number {
  return Math.max(
    millis(e.lastTimestamp),
    millis(e.series?.lastObservedTime),
    millis(e.eventTime),
    millis(e.firstTimestamp),
    millis(e.metadata?.creationTimestamp),
  );
}

/** Newest first; each event's time parsed once, since a busy object can carry thousands of events. */
function newestFirst(events: CoreV1Event[]): CoreV1Event[] {
  if (events.length < 2) return events;
  const times = events.map(eventTime);
  // lists come back oldest first (or already newest first): no sort needed then
  let rising = true;
  let falling = true;
  for (let i = 1; i < times.length && (rising || falling); i++) {
    if (times[i] <= times[i - 1]) rising = false; // strictly: reversing would swap events of equal time
    if (times[i] > times[i - 1]) falling = false;
  }
  if (falling) return events;
  if (rising) return events.slice().reverse();
  return events
    .map((e, i) => ({ e, t: times[i] }))
    .sort((a, b) => b.t - a.t)
    .map((x) => x.e);
}

/**
 * The object an owner reference points at: by uid when the uid is known and names the same kind and name, else by
 * kind and name (hand-written manifests and some fixtures carry placeholder uids).
 */
function resolveOwner(
  ix: Pick<Indexes, 'byUid' | 'objectAt'>,
  owner: V1OwnerReference,
  namespace: string | undefined,
): KubernetesObject | undefined {
  const hit = owner.uid ? ix.byUid.get(owner.uid) : undefined;
  if (hit && hit.kind === owner.kind && hit.obj.metadata?.name === owner.name) return hit.obj;
  return ix.objectAt(owner.kind, namespace, owner.name) ?? ix.objectAt(owner.kind, undefined, owner.name);
}

/** A list's position in the Snapshot's declared order: where two lists hold one uid, the later list wins. */
const LIST_ORDER = new Map<string, number>(Object.values(SNAPSHOT_KINDS).map((kind, i) => [kind, i]));

/**
 * Builds the indexes from lists handed in page by page, in any order across lists but in order within each list
 * (collect.ts feeds pages as they arrive, so that little is left to do when the last one is in). The result is
 * what one pass over the finished snapshot gives.
 */
export class IndexBuilder {
  private readonly byUid = new Map<string, Indexed>();
  private readonly byKey = new Map<string, KubernetesObject>();
  private readonly eventsByKey = new Map<string, CoreV1Event[]>();
  private readonly podsByNamespace = new Map<string, V1Pod[]>();
  private readonly podFacts = new PodFacts();

  add(list: ObjectListKey, items: readonly KubernetesObject[]): void {
    if (list === 'events') {
      for (const e of items as CoreV1Event[]) {
        const io = e.involvedObject;
        if (!io?.name || !io.kind) continue;
        const k = key(io.kind, io.namespace ?? e.metadata?.namespace, io.name);
        const arr = this.eventsByKey.get(k);
        if (arr) arr.push(e);
        else this.eventsByKey.set(k, [e]);
      }
      return;
    }
    if (list === 'pods') {
      // Pods are keyed by name only when something asks for one (objectAt): few questions do, and 10k keys
      // built and hashed as pages arrive cost more than those questions save. Pods own nothing a check follows
      // by uid; an owner reference naming a pod still finds it by name.
      for (const p of items as V1Pod[]) {
        const ns = p.metadata?.namespace ?? '';
        const arr = this.podsByNamespace.get(ns);
        if (arr) arr.push(p);
        else this.podsByNamespace.set(ns, [p]);
      }
      this.podFacts.add(items as V1Pod[]);
      return;
    }
    const kind = SNAPSHOT_KINDS[list];
    const order = LIST_ORDER.get(kind) ?? 0;
    for (const obj of items) {
      const md = obj.metadata;
      if (!md?.name) continue;
      this.byKey.set(key(kind, md.namespace, md.name), obj);
      if (md.uid) {
        const held = this.byUid.get(md.uid);
        if (!held || (LIST_ORDER.get(held.kind) ?? 0) <= order) this.byUid.set(md.uid, { kind, obj });
      }
    }
  }

  private podByKey: Map<string, V1Pod> | undefined;

  private readonly objectAt = (kind: string, namespace: string | undefined, name: string) => {
    if (kind !== 'Pod') return this.byKey.get(key(kind, namespace, name));
    if (!this.podByKey) {
      this.podByKey = new Map();
      for (const [ns, pods] of this.podsByNamespace)
        for (const p of pods) if (p.metadata?.name) this.podByKey.set(`${ns}/${p.metadata.name}`, p);
    }
    return this.podByKey.get(`${namespace ?? ''}/${name}`);
  };

  /** Owner links (which need every list) and usage, over the finished snapshot; pods as they were added. */
  finish(s: Snapshot): Indexes {
    const { byUid, byKey, objectAt } = this;
    const childrenByOwnerUid = new Map<string, Indexed[]>();
    const link = (kind: string, children: readonly KubernetesObject[]) => {
      const owner = controllerOf(children[0]);
      if (!owner) return;
      const target = resolveOwner({ byUid, objectAt }, owner, children[0].metadata?.namespace);
      const uid = target?.metadata?.uid ?? owner.uid;
      if (!uid) return;
      let arr = childrenByOwnerUid.get(uid);
      if (!arr) childrenByOwnerUid.set(uid, (arr = []));
      for (const obj of children) arr.push({ kind, obj });
    };
    for (const [list, kind] of Object.entries(SNAPSHOT_KINDS) as [ObjectListKey, string][]) {
      if (list === 'events') continue;
      // the pods of one controller share its owner: it is looked up once per controller
      if (list === 'pods') for (const group of this.podFacts.byController) link(kind, group);
      else for (const obj of (s[list] ?? []) as KubernetesObject[]) link(kind, [obj]);
    }
    const podUsage = new Map<string, PodUsage>();
    for (const u of s.podMetrics ?? []) podUsage.set(`${u.namespace}/${u.name}`, u);
    return {
      byUid,
      byKey,
      objectAt,
      childrenByOwnerUid,
      eventsByKey: this.eventsByKey,
      podUsage,
      podsByNamespace: this.podsByNamespace,
      podFacts: this.podFacts,
    };
  }
}

function build(s: Snapshot): Indexes {
  const b = new IndexBuilder();
  for (const list of ALL_LISTS) b.add(list, (s[list] ?? []) as KubernetesObject[]);
  return b.finish(s);
}

/** Indexes built by the collector, with the lists they were built from: used only if those are still the lists. */
const primed = new WeakMap<Snapshot, { ix: Indexes; lists: unknown[][]; lengths: number[] }>();

function listsOf(s: Snapshot): unknown[][] {
  return [...ALL_LISTS.map((l) => (s[l] ?? []) as unknown[]), s.podMetrics ?? []];
}

/** Hands indexes built while collecting to the first `indexes(snapshot)`, unless the snapshot changed since. */
export function primeIndexes(snapshot: Snapshot, ix: Indexes): void {
  const lists = listsOf(snapshot);
  primed.set(snapshot, { ix, lists, lengths: lists.map((l) => l.length) });
}

export function indexes(snapshot: Snapshot): Indexes {
  let ix = memo.get(snapshot);
  if (!ix) {
    const p = primed.get(snapshot);
    primed.delete(snapshot);
    const now = p && listsOf(snapshot);
    ix = p && now?.every((l, i) => l === p.lists[i] && l.length === p.lengths[i]) ? p.ix : build(snapshot);
    memo.set(snapshot, ix);
  }
  return ix;
}

/** One object by kind and name, or undefined. */
export function lookup<T extends KubernetesObject = KubernetesObject>(
  snapshot: Snapshot,
  kind: string,
  namespace: string | undefined,
  name: string,
): T | undefined {
  return indexes(snapshot).objectAt(kind, namespace, name) as T | undefined;
}

/** Objects of `kind` whose controlling owner is `owner` (e.g. the ReplicaSets of a Deployment). */
export function childrenOf<T extends KubernetesObject = KubernetesObject>(
  snapshot: Snapshot,
  owner: KubernetesObject,
  kind: string,
): T[] {
  const uid = owner.metadata?.uid;
  if (!uid) return [];
  return (indexes(snapshot).childrenByOwnerUid.get(uid) ?? []).filter((c) => c.kind === kind).map((c) => c.obj as T);
}

/** Pods that belong to a workload, directly (StatefulSet, DaemonSet, Job, ReplicaSet) or through its ReplicaSets (Deployment). */
export function podsOf(snapshot: Snapshot, owner: KubernetesObject): V1Pod[] {
  const direct = childrenOf<V1Pod>(snapshot, owner, 'Pod');
  const viaRs = childrenOf(snapshot, owner, 'ReplicaSet').flatMap((rs) => childrenOf<V1Pod>(snapshot, rs, 'Pod'));
  return viaRs.length ? direct.concat(viaRs) : direct;
}

export function podsInNamespace(snapshot: Snapshot, namespace: string | undefined): V1Pod[] {
  return indexes(snapshot).podsByNamespace.get(namespace ?? '') ?? [];
}

export function podUsage(snapshot: Snapshot, namespace: string, name: string): PodUsage | undefined {
  return indexes(snapshot).podUsage.get(`${namespace}/${name}`);
}

/** Walks controller owner references to the top (Pod → ReplicaSet → Deployment, Pod → Job → CronJob). */
export function ownerChain(snapshot: Snapshot, obj: KubernetesObject): ObjectRef[] {
  return chainFrom(indexes(snapshot), obj, obj.metadata?.namespace, OWNER_DEPTH);
}

const OWNER_DEPTH = 8;

/** The chain above `obj`, at most `steps` links, each named in `namespace` (the namespace of where the walk began). */
function chainFrom(ix: Indexes, obj: KubernetesObject, namespace: string | undefined, steps: number): ObjectRef[] {
  const chain: ObjectRef[] = [];
  let cur: KubernetesObject | undefined = obj;
  for (let depth = 0; cur && depth < steps; depth++) {
    const owner = controllerOf(cur);
    if (!owner) break;
    chain.push(namespace ? { kind: owner.kind, namespace, name: owner.name } : { kind: owner.kind, name: owner.name });
    // An owner we did not list (a CRD such as a Rollout) still ends the chain by name.
    cur = resolveOwner(ix, owner, namespace);
  }
  return chain;
}

/**
 * One object's answer to a question, kept for the run. While it is being worked out the question answers
 * `whileBusy`: a chain that comes back to where it started (A calls B, B calls A) ends instead of recursing.
 */
export function memoised<K extends object, V>(compute: (k: K) => V, whileBusy: V): (k: K) => V {
  // one map, the question being worked out marked in it: asked for every pod of a cluster, map operations count
  const done = new Map<K, V | typeof BUSY>();
  return (k) => {
    const hit = done.get(k);
    if (hit === BUSY) return whileBusy;
    if (hit !== undefined || done.has(k)) return hit as V;
    done.set(k, BUSY);
    try {
      const v = compute(k);
      done.set(k, v);
      return v;
    } catch (err) {
      done.delete(k);
      throw err;
    }
  };
}

const BUSY: unique symbol = Symbol('busy');

/**
 * The context over the snapshot's indexes. `ask` is filled by the layer that answers cross-object questions
 * (run-context.ts), so this bottom layer imports none of them.
 */
export function baseContext(snapshot: Snapshot, ask: (ctx: AnalyzerContext) => Questions): AnalyzerContext {
  const ix = indexes(snapshot);
  const memo = new Map<string, unknown>();
  /*
   * `ownerChain(obj).at(-1)`, with the part of the walk above the first owner kept per owner object: the pods of one
   * ReplicaSet share it. What is kept is that tail as ownerChain walks it from a child (in the child's namespace,
   * one link fewer), so the answer is the same link for link; each pod gets its own copy of the ref.
   */
  const tails = new Map<KubernetesObject, { namespace: string | undefined; top: ObjectRef | undefined }>();
  const topOf = (obj: KubernetesObject): ObjectRef | undefined => {
    const namespace = obj.metadata?.namespace;
    const owner = controllerOf(obj);
    if (!owner) return undefined;
    const first: ObjectRef = namespace
      ? { kind: owner.kind, namespace, name: owner.name }
      : { kind: owner.kind, name: owner.name };
    const next = resolveOwner(ix, owner, namespace);
    if (!next) return first;
    let tail = tails.get(next);
    if (!tail || tail.namespace !== namespace) {
      tail = { namespace, top: chainFrom(ix, next, namespace, OWNER_DEPTH - 1).at(-1) };
      tails.set(next, tail);
    }
    return tail.top ? { ...tail.top } : first;
  };
  // Most objects' events are never asked for (healthy pods of a big cluster), so they are sorted when first asked.
  const sortedEvents = new Map<string, CoreV1Event[]>();
  const ctx: AnalyzerContext = {
    snapshot,
    eventsFor: (kind, namespace, name) => {
      const k = key(kind, namespace, name);
      const done = sortedEvents.get(k);
      if (done) return done;
      const events = newestFirst(ix.eventsByKey.get(k) ?? []);
      sortedEvents.set(k, events);
      return events;
    },
    // every analyzer asks for the top owner of the pods it reads; the chain is walked once per object
    topOwner: memoised((obj: KubernetesObject) => topOf(obj), undefined),
    memo: <T>(k: string, build: () => T): T => {
      if (!memo.has(k)) memo.set(k, build());
      return memo.get(k) as T;
    },
    ask: {
      serviceProblems: () => [],
      createFailure: () => undefined,
    },
  };
  ctx.ask = ask(ctx);
  return ctx;
}

/** A snapshot with every list empty; handy for callers and tests that fill in a few lists. */
export function emptySnapshot(): Snapshot {
  const lists = Object.fromEntries(ALL_LISTS.map((l) => [l, []])) as unknown as Pick<Snapshot, ListKey>;
  return { ...lists, podMetrics: [], nodeMetrics: [], logs: {} };
}
