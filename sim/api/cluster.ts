/**
 * The simulated apiserver's semantics over the store: create/update/patch/delete with the real rules for
 * resourceVersion, generation, status, namespaces, dry-run and garbage collection. HTTP lives elsewhere.
 */
import { applyJsonPatch } from '../patch/json';
import { mergePatch } from '../patch/merge';
import { serverSideApply } from '../patch/apply';
import { patchSchemaFor } from '../patch/schema';
import { strategicMerge } from '../patch/strategic';
import { ResourceRegistry } from '../registry/registry';
import { apiVersionOf, type ResourceDef } from '../registry/resource';
import { WriteHistory } from '../store/history';
import { ObjectStore, type StoredObject, type WriteEvent } from '../store/store';
import {
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  namespaceNotFound,
  notFound,
  STALE_OBJECT,
  unsupportedMediaType,
} from '../errors';
import { deepClone, isJsonObject, stableStringify, type Json, type JsonObject, type KubeObject } from '../model';
import type { ClusterView } from './cluster-view';
import { startServiceAccountController } from './controllers';
import { crdResources, establishedStatus } from './crd';
import { fromStorage, toStorage } from './convert';
import { applyCreateDefaults, normalizeObject } from './defaults';
import { findDependents } from './gc';
import { listObjects, type ListOptions, type ListResult } from './list';
import { recordManager } from './managed';
import { canonicalOrder, extractHidden, generatedName, newUid, nowTimestamp, specFingerprint } from './meta';
import { validateObject } from './validate';

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
}

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: Propagation;
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export interface PatchOptions extends WriteOptions {
  force?: boolean;
  subresource?: 'status';
}

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export class Cluster implements ClusterView {
  readonly registry = new ResourceRegistry();
  readonly store = new ObjectStore();
  readonly watchHistory = new WriteHistory(this.store);
  private readonly namespaces: ResourceDef;

  constructor() {
    const ns = this.registry.lookup('', 'v1', 'namespaces');
    if (!ns) throw new Error('namespaces must be a built-in resource');
    this.namespaces = ns;
    this.store.onWrite((e) => this.followCrds(e));
    startServiceAccountController(this);
    for (const name of SYSTEM_NAMESPACES) this.ensureNamespace(name);
  }

  // ---- reads ----

  find(def: ResourceDef, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.store.get(def, namespace, name);
  }

  get(def: ResourceDef, namespace: string | undefined, name: string): StoredObject {
    const stored = this.store.get(def, namespace, name);
    if (!stored) throw notFound(def, name);
    return stored;
  }

  /** The object as `def`'s version serves it. */
  view(def: ResourceDef, stored: StoredObject): KubeObject {
    return fromStorage(def, stored.object);
  }

  list(def: ResourceDef, namespace: string | undefined, opts: ListOptions): ListResult {
    // selectors see the storage shape: events.k8s.io Events are filtered by involvedObject.* like core ones
    return listObjects(this.store, def, def.namespaced ? namespace : undefined, opts);
  }

  namespaceExists(name: string): boolean {
    return this.store.get(this.namespaces, undefined, name) !== undefined;
  }

  /** The def that owns a storage key, preferring the group's preferred version. */
  defForStorage(storage: string): ResourceDef | undefined {
    const candidates = this.registry.all().filter((d) => d.storage === storage);
    if (candidates.length <= 1) return candidates[0];
    const order = this.registry.groupVersions(candidates[0].group);
    return candidates.sort((a, b) => order.indexOf(a.version) - order.indexOf(b.version))[0];
  }

  // ---- writes ----

  /** `applied`: the configuration of a server-side apply that creates the object. */
  create(
    def: ResourceDef,
    namespace: string | undefined,
    body: KubeObject,
    opts: WriteOptions & { applied?: JsonObject } = {},
  ): KubeObject {
    const incoming = toStorage(def, prepareBody(def, body));
    const meta = incoming.metadata;
    if (def.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = namespace ?? meta.namespace ?? 'default';
    } else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = generatedName(meta.generateName);
    if (!meta.name) {
      throw invalid(def.kind, def.group, '', [
        { type: 'FieldValueRequired', field: 'metadata.name', detail: 'name or generateName is required' },
      ]);
    }
    if (def.namespaced && !this.namespaceExists(meta.namespace ?? '')) throw namespaceNotFound(meta.namespace ?? '');
    if (this.store.get(def, meta.namespace, meta.name)) throw alreadyExists(def, meta.name);
    const hidden = extractHidden(incoming);
    meta.uid = newUid();
    meta.creationTimestamp = nowTimestamp();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.managedFields;
    if (def.generation) meta.generation = 1;
    else delete meta.generation;
    applyCreateDefaults(def, incoming);
    if (def.initialStatus) incoming.status = def.initialStatus(incoming as unknown as JsonObject);
    else if (def.crd && def.statusSubresource) delete incoming.status;
    if (def.storage === 'apiextensions.k8s.io/customresourcedefinitions') incoming.status = establishedStatus(incoming);
    validateObject(def, incoming);
    recordManager(
      incoming,
      undefined,
      opts.fieldManager,
      opts.applied ? 'Apply' : 'Update',
      apiVersionOf(def),
      opts.applied,
    );
    const stored: StoredObject = { object: canonicalOrder(incoming), hidden };
    if (opts.applied) stored.applied = { [opts.fieldManager ?? '']: deepClone(opts.applied) };
    return this.view(def, this.persist(def, stored, 'ADDED', undefined, opts.dryRun));
  }

  /** PUT. `subresource` 'status' replaces only the status. */
  update(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
    opts: WriteOptions & { subresource?: 'status' } = {},
  ): KubeObject {
    const current = this.get(def, namespace, name);
    const incoming = toStorage(def, prepareBody(def, body));
    if (incoming.metadata.name && incoming.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${incoming.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    if (def.namespaced && incoming.metadata.namespace && incoming.metadata.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const rv = incoming.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== current.object.metadata.resourceVersion)
      throw conflict(def, name, STALE_OBJECT);
    return this.replace(def, current, incoming, opts, opts.subresource, 'Update');
  }

  patch(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: Json,
    opts: PatchOptions = {},
  ): KubeObject {
    if (type === 'strategic' && def.crd) throw unsupportedMediaType('application/strategic-merge-patch+json');
    const current = this.find(def, namespace, name);
    if (!current) {
      if (type !== 'apply') throw notFound(def, name);
      if (!isJsonObject(patch)) throw badRequest('apply patch must be an object');
      return this.create(def, namespace, deepClone(patch) as unknown as KubeObject, { ...opts, applied: patch });
    }
    const served = this.view(def, current) as unknown as JsonObject;
    let patched: Json;
    const schema = def.crd ? undefined : patchSchemaFor(def.storage);
    switch (type) {
      case 'json':
        patched = applyJsonPatch(served, patch);
        break;
      case 'merge':
        patched = mergePatch(served, patch);
        break;
      case 'strategic':
        patched = strategicMerge(served, patch, schema);
        break;
      case 'apply': {
        if (!isJsonObject(patch)) throw badRequest('apply patch must be an object');
        const manager = opts.fieldManager ?? '';
        patched = serverSideApply(served, patch, current.applied?.[manager], schema);
        break;
      }
    }
    if (!isJsonObject(patched)) throw badRequest('the patch produced something that is not an object');
    const next = toStorage(def, prepareBody(def, patched as unknown as KubeObject));
    const rv = next.metadata.resourceVersion;
    if (rv && rv !== current.object.metadata.resourceVersion) throw conflict(def, name, STALE_OBJECT);
    if (next.metadata.name !== name)
      throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`);
    const result = this.replace(
      def,
      current,
      next,
      opts,
      opts.subresource,
      type === 'apply' ? 'Apply' : 'Update',
      type === 'apply' ? (patch as JsonObject) : undefined,
    );
    if (type === 'apply' && !opts.dryRun) {
      const stored = this.get(def, namespace, name);
      stored.applied = { ...(stored.applied ?? {}), [opts.fieldManager ?? '']: deepClone(patch) as JsonObject };
    }
    return result;
  }

  /** Shared by PUT and PATCH: keep what a client cannot change, bump generation, store. */
  private replace(
    def: ResourceDef,
    current: StoredObject,
    incoming: KubeObject,
    opts: WriteOptions,
    subresource: 'status' | undefined,
    operation: 'Update' | 'Apply',
    appliedConfig?: JsonObject,
  ): KubeObject {
    const old = current.object;
    const hidden = { ...current.hidden, ...extractHidden(incoming) };
    let next: KubeObject;
    if (subresource === 'status') {
      next = { ...deepClone(old) };
      if (incoming.status === undefined) delete next.status;
      else next.status = incoming.status;
    } else {
      next = incoming;
      if (def.statusSubresource) {
        if (old.status === undefined) delete next.status;
        else next.status = deepClone(old.status);
      }
    }
    const meta = next.metadata;
    meta.name = old.metadata.name;
    if (def.namespaced) meta.namespace = old.metadata.namespace;
    else delete meta.namespace;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp;
    meta.managedFields = old.metadata.managedFields;
    if (def.generation) {
      const gen = old.metadata.generation ?? 1;
      const changed = specFingerprint(old, def.statusSubresource) !== specFingerprint(next, def.statusSubresource);
      meta.generation = changed ? gen + 1 : gen;
    } else delete meta.generation;
    validateObject(def, next);
    const unchanged = sameContent(old, next) && sameHidden(current.hidden, hidden);
    if (unchanged) return this.view(def, current);
    recordManager(next, old, opts.fieldManager, operation, apiVersionOf(def), appliedConfig);
    const stored: StoredObject = { object: canonicalOrder(next), hidden, applied: current.applied };
    return this.view(def, this.persist(def, stored, 'MODIFIED', old, opts.dryRun));
  }

  delete(def: ResourceDef, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject {
    const current = this.get(def, namespace, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== current.object.metadata.uid) {
      throw conflict(
        def,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.object.metadata.uid}`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.object.metadata.resourceVersion) {
      throw conflict(
        def,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.object.metadata.resourceVersion}`,
      );
    }
    const served = this.view(def, current);
    if (opts.dryRun) return served;
    const propagation: Propagation =
      opts.propagationPolicy ?? (opts.orphanDependents ? 'Orphan' : def.defaultPropagation);
    this.removeWithDependents(def, current, propagation);
    return served;
  }

  deleteCollection(
    def: ResourceDef,
    namespace: string | undefined,
    listOpts: ListOptions,
    opts: DeleteOptions = {},
  ): KubeObject[] {
    const { items } = this.list(def, namespace, {
      labelSelector: listOpts.labelSelector,
      fieldSelector: listOpts.fieldSelector,
    });
    const out: KubeObject[] = [];
    for (const stored of items) {
      const m = stored.object.metadata;
      if (!this.find(def, m.namespace, m.name ?? '')) continue;
      out.push(this.delete(def, m.namespace, m.name ?? '', opts));
    }
    return out;
  }

  private removeWithDependents(def: ResourceDef, target: StoredObject, propagation: Propagation): void {
    const uid = target.object.metadata.uid ?? '';
    const dependents = findDependents(this, target.object, def);
    if (propagation === 'Orphan') {
      for (const dep of dependents) this.dropOwnerReference(dep.def, dep.stored, uid);
    }
    // Foreground and Background both end with dependents gone; the simulator does it at once, dependents first.
    else {
      for (const dep of dependents) {
        const others = (dep.stored.object.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        const m = dep.stored.object.metadata;
        if (!this.find(dep.def, m.namespace, m.name ?? '')) continue;
        if (others.some((r) => this.ownerExists(r.uid))) this.dropOwnerReference(dep.def, dep.stored, uid);
        else this.removeWithDependents(dep.def, dep.stored, 'Background');
      }
    }
    if (def.storage === '/namespaces') this.emptyNamespace(target.object.metadata.name ?? '');
    this.store.remove(def, target.object.metadata.namespace, target.object.metadata.name ?? '');
  }

  private ownerExists(uid: string): boolean {
    for (const storage of this.store.storageKeys()) {
      for (const s of this.store.bucketItems(storage)) if (s.object.metadata.uid === uid) return true;
    }
    return false;
  }

  private dropOwnerReference(def: ResourceDef, stored: StoredObject, uid: string): void {
    const next = deepClone(stored.object);
    next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
    if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
    this.persist(
      def,
      { object: next, hidden: stored.hidden, applied: stored.applied },
      'MODIFIED',
      stored.object,
      false,
    );
  }

  private emptyNamespace(ns: string): void {
    for (const storage of this.store.storageKeys()) {
      const def = this.defForStorage(storage);
      if (!def || !def.namespaced) continue;
      for (const [, stored] of [...this.store.iterate(def, ns)])
        this.store.remove(def, ns, stored.object.metadata.name ?? '');
    }
  }

  /** The single write path: stamp the resourceVersion and commit (or just return, for dry-run). */
  private persist(
    def: ResourceDef,
    stored: StoredObject,
    type: 'ADDED' | 'MODIFIED',
    previous: KubeObject | undefined,
    dryRun: boolean | undefined,
  ): StoredObject {
    if (dryRun) return stored;
    stored.object.metadata.resourceVersion = String(this.store.nextResourceVersion());
    this.store.commit(def, stored, type, previous);
    return stored;
  }

  // ---- fixtures ----

  /**
   * Store an object as a fixture describes it: status, uid and timestamps are kept when given.
   * `owned`: the caller hands the object over (freshly parsed), so it is stored without a copy.
   */
  load(input: KubeObject, owned = false): KubeObject {
    const def = this.registry.byApiVersionKind(input.apiVersion, input.kind);
    if (!def) throw new Error(`no resource is registered for kind "${input.kind}" in version "${input.apiVersion}"`);
    const o = toStorage(def, prepareBody(def, input, !owned));
    const meta = o.metadata;
    if (!meta.name) throw new Error(`${input.kind} has no metadata.name`);
    if (def.namespaced) {
      meta.namespace = meta.namespace || 'default';
      this.ensureNamespace(meta.namespace);
    } else delete meta.namespace;
    const hidden = extractHidden(o);
    const existing = this.store.get(def, meta.namespace, meta.name);
    meta.uid = meta.uid ?? existing?.object.metadata.uid ?? newUid();
    meta.creationTimestamp =
      meta.creationTimestamp ?? existing?.object.metadata.creationTimestamp ?? seededEventTime(o) ?? nowTimestamp();
    if (def.generation && meta.generation === undefined) meta.generation = 1;
    if (def.storage === 'apiextensions.k8s.io/customresourcedefinitions' && o.status === undefined)
      o.status = establishedStatus(o);
    if (def.storage === '/namespaces' && o.status === undefined) o.status = { phase: 'Active' };
    const stored: StoredObject = { object: canonicalOrder(o), hidden };
    return this.persist(def, stored, existing ? 'MODIFIED' : 'ADDED', existing?.object, false).object;
  }

  ensureNamespace(name: string): void {
    if (this.namespaceExists(name)) return;
    this.load({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }

  // ---- CRDs ----

  private followCrds(e: WriteEvent): void {
    if (e.def.storage !== 'apiextensions.k8s.io/customresourcedefinitions') return;
    const name = e.object.metadata.name ?? '';
    if (e.type === 'DELETED') {
      const served = this.registry.all().filter((d) => d.crd?.name === name);
      const first = served[0];
      if (first) {
        for (const stored of [...this.store.bucketItems(first.storage)]) {
          this.store.remove(first, stored.object.metadata.namespace, stored.object.metadata.name ?? '');
        }
      }
      this.registry.removeCustom(name);
    } else {
      this.registry.addCustom(name, crdResources(e.object));
    }
  }
}

/** Fill apiVersion/kind from the endpoint and make sure metadata is an object; works on a copy unless told not to. */
function prepareBody(def: ResourceDef, body: KubeObject, copyFirst = true): KubeObject {
  if (!isJsonObject(body)) throw badRequest('the body of the request must be a JSON object');
  const copy = copyFirst ? deepClone(body) : body;
  if (!isJsonObject(copy.metadata)) copy.metadata = {};
  copy.apiVersion = typeof copy.apiVersion === 'string' && copy.apiVersion ? copy.apiVersion : apiVersionOf(def);
  copy.kind = typeof copy.kind === 'string' && copy.kind ? copy.kind : def.kind;
  if (copy.kind !== def.kind) {
    throw badRequest(
      `the object provided is unrecognized (must be of type ${def.kind}): ${copy.kind} is not ${def.kind}`,
    );
  }
  normalizeObject(def, copy);
  return copy;
}

function sameContent(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => ({
    ...o,
    metadata: { ...o.metadata, resourceVersion: undefined, managedFields: undefined },
  });
  return stableStringify(strip(a)) === stableStringify(strip(b));
}

function sameHidden(a: Record<string, string>, b: Record<string, string>): boolean {
  return stableStringify(a) === stableStringify(b);
}

/**
 * A seeded Event was created when it first happened, as on a real apiserver: giving every seeded event "now" would tie
 * their order, which hides bugs that pick the newest event.
 */
function seededEventTime(o: { kind?: string; [field: string]: unknown }): string | undefined {
  if (o.kind !== 'Event') return undefined;
  const at = o.firstTimestamp ?? o.eventTime ?? o.lastTimestamp;
  return typeof at === 'string' && at ? at.replace(/\.\d+(?=Z$)/, '') : undefined;
}
