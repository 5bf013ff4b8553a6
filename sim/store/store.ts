/**
 * In-memory object storage: one bucket per storage key, objects keyed `namespace/name` (cluster-scoped: `/name`),
 * listed in etcd key order. Every write goes through `commit`/`remove`, which stamp the global resourceVersion and
 * notify `onWrite` listeners (watches, controllers).
 */
import type { KubeObject } from '../model';
import type { ResourceDef } from '../registry/resource';

export interface StoredObject {
  /** what the API serves (hidden annotations removed) */
  object: KubeObject;
  /** `sim.kube-aiops.io/*` annotations: log text and other simulator inputs, never served */
  hidden: Record<string, string>;
  /** last configuration each field manager sent with server-side apply */
  applied?: Record<string, import('../model').JsonObject>;
  /** cached JSON of `object` for fast lists */
  json?: string;
}

export type WriteType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WriteEvent {
  type: WriteType;
  def: ResourceDef;
  object: KubeObject;
  previous?: KubeObject;
  resourceVersion: number;
}

export type WriteListener = (event: WriteEvent) => void;

class Bucket {
  readonly items = new Map<string, StoredObject>();
  private sorted: string[] | null = null;

  keys(): string[] {
    if (!this.sorted) this.sorted = [...this.items.keys()].sort(byteOrder);
    return this.sorted;
  }

  set(key: string, value: StoredObject): void {
    if (!this.items.has(key)) this.sorted = null;
    this.items.set(key, value);
  }

  delete(key: string): void {
    if (this.items.delete(key)) this.sorted = null;
  }
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export class ObjectStore {
  private revision = 0;
  private buckets = new Map<string, Bucket>();
  readonly listeners: WriteListener[] = [];

  /** the latest resourceVersion handed out */
  get resourceVersion(): number {
    return this.revision;
  }

  nextResourceVersion(): number {
    this.revision += 1;
    return this.revision;
  }

  onWrite(listener: WriteListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private bucket(storage: string): Bucket {
    let b = this.buckets.get(storage);
    if (!b) {
      b = new Bucket();
      this.buckets.set(storage, b);
    }
    return b;
  }

  get(def: ResourceDef, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.buckets.get(def.storage)?.items.get(objectKey(def.namespaced ? namespace : undefined, name));
  }

  /** Objects in key order; `namespace` undefined means all namespaces. `after` resumes after that key. */
  *iterate(def: ResourceDef, namespace?: string, after?: string): Generator<[string, StoredObject]> {
    const b = this.buckets.get(def.storage);
    if (!b) return;
    const keys = b.keys();
    const prefix = def.namespaced && namespace !== undefined ? `${namespace}/` : '';
    let start = lowerBound(keys, prefix);
    if (after !== undefined && after >= prefix) {
      start = Math.max(start, lowerBound(keys, after));
      if (keys[start] === after) start += 1;
    }
    for (let i = start; i < keys.length; i++) {
      const key = keys[i];
      if (prefix && !key.startsWith(prefix)) break;
      const item = b.items.get(key);
      if (item) yield [key, item];
    }
  }

  count(def: ResourceDef, namespace?: string): number {
    const b = this.buckets.get(def.storage);
    if (!b) return 0;
    if (!def.namespaced || namespace === undefined) return b.items.size;
    let n = 0;
    for (const _ of this.iterate(def, namespace)) n += 1;
    return n;
  }

  /** Store a new or changed object; the caller has set its resourceVersion from `nextResourceVersion()`. */
  commit(def: ResourceDef, stored: StoredObject, type: 'ADDED' | 'MODIFIED', previous?: KubeObject): void {
    stored.json = undefined;
    const key = objectKey(
      def.namespaced ? stored.object.metadata.namespace : undefined,
      stored.object.metadata.name ?? '',
    );
    this.bucket(def.storage).set(key, stored);
    this.emit({
      type,
      def,
      object: stored.object,
      previous,
      resourceVersion: Number(stored.object.metadata.resourceVersion),
    });
  }

  remove(def: ResourceDef, namespace: string | undefined, name: string): StoredObject | undefined {
    const b = this.buckets.get(def.storage);
    const key = objectKey(def.namespaced ? namespace : undefined, name);
    const stored = b?.items.get(key);
    if (!b || !stored) return undefined;
    b.delete(key);
    // a deletion is a write too: the DELETED event carries a fresh resourceVersion
    const rv = this.nextResourceVersion();
    const object: KubeObject = {
      ...stored.object,
      metadata: { ...stored.object.metadata, resourceVersion: String(rv) },
    };
    this.emit({ type: 'DELETED', def, object, resourceVersion: rv });
    return { ...stored, object, json: undefined };
  }

  /** storage keys that ever held an object */
  storageKeys(): string[] {
    return [...this.buckets.keys()];
  }

  bucketItems(storage: string): IterableIterator<StoredObject> {
    return (this.buckets.get(storage)?.items ?? new Map<string, StoredObject>()).values();
  }

  private emit(event: WriteEvent): void {
    for (const l of [...this.listeners]) l(event);
  }
}

function lowerBound(keys: string[], target: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Serialised JSON of a stored object, cached until its next write. */
export function storedJson(stored: StoredObject): string {
  if (stored.json === undefined) stored.json = JSON.stringify(stored.object);
  return stored.json;
}
