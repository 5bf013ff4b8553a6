/** Generic get and list for any served kind: selectors, all namespaces, paging, and an all-pages mode with a cap. */
import type { KubernetesObject } from '@kubernetes/client-node';
import { cleanObject } from './clean';
import { KubeError } from './errors';
import { collectionPath, objectPath } from './paths';
import { validateSelector } from './names';
import { redact, redactInPlace } from './redact';
import { resolveKind, type KindInput } from './resolve';
import { read } from './retry';
import { contextOf, namespaceFor, resolveRef, type ObjectRef, type ResolvedRef } from './target';
import type { KubeConnection } from './connect';
import type { ResourceType } from './discovery';

export interface ReadOptions {
  /** keep managedFields and last-applied-configuration (values stay redacted) */
  raw?: boolean;
}

export async function get<T extends KubernetesObject = KubernetesObject>(
  conn: KubeConnection,
  ref: ObjectRef,
  opts: ReadOptions = {},
): Promise<T> {
  const resolved = await resolveRef(conn, ref);
  return presentOwned(await getResolved<T>(conn, resolved), opts);
}

/** The object exactly as served (not redacted): for lib/kube internals that compute writes. */
export async function getResolved<T extends KubernetesObject>(conn: KubeConnection, ref: ResolvedRef): Promise<T> {
  const res = await read<T>(conn, {
    path: objectPath(ref.type, ref.name, ref.namespace),
    context: contextOf(ref, 'get'),
  });
  return withTypeMeta(res.body, ref.type);
}

/** Like getResolved, but a missing object is undefined instead of an error. */
export async function getIfExists<T extends KubernetesObject>(
  conn: KubeConnection,
  ref: ResolvedRef,
): Promise<T | undefined> {
  try {
    return await getResolved<T>(conn, ref);
  } catch (err) {
    if (err instanceof KubeError && err.status === 404) return undefined;
    throw err;
  }
}

export interface ListOptions extends ReadOptions {
  kind: KindInput;
  /** default: the connection's namespace */
  namespace?: string;
  allNamespaces?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  /** page size */
  limit?: number;
  /** continue token from a previous page */
  continue?: string;
  /** follow continue tokens until the end or `maxItems` */
  allPages?: boolean;
  /** cap for allPages (default 1000); the result is then `truncated` with a continue token */
  maxItems?: number;
}

export interface ListResult<T extends KubernetesObject = KubernetesObject> {
  kind: string;
  apiVersion: string;
  /** undefined when listing across all namespaces or for cluster-scoped kinds */
  namespace?: string;
  items: T[];
  /** token for the next page, when there is one */
  continue?: string;
  remainingItemCount?: number;
  /** allPages stopped at maxItems before the end */
  truncated: boolean;
  resourceVersion?: string;
}

/** A list as the wire carries it (client-node's typed V1ListMeta renames `continue` to `_continue`). */
interface WireList<T> {
  items?: T[];
  metadata?: { continue?: string; remainingItemCount?: number; resourceVersion?: string };
}

const DEFAULT_MAX_ITEMS = 1000;
const DEFAULT_PAGE_SIZE = 500;

export async function list<T extends KubernetesObject = KubernetesObject>(
  conn: KubeConnection,
  opts: ListOptions,
): Promise<ListResult<T>> {
  const type = await resolveKind(conn, opts.kind);
  const result = await listResolved<T>(conn, type, opts);
  return { ...result, items: result.items.map((item) => presentOwned(item, opts)) };
}

/** Lists without redaction or cleaning: for lib/kube internals. */
export async function listResolved<T extends KubernetesObject>(
  conn: KubeConnection,
  type: ResourceType,
  opts: Omit<ListOptions, 'kind'>,
): Promise<ListResult<T>> {
  const namespace = opts.allNamespaces ? undefined : namespaceFor(conn, type, opts.namespace);
  validateSelector('label', opts.labelSelector);
  validateSelector('field', opts.fieldSelector);
  const maxItems = opts.maxItems ?? DEFAULT_MAX_ITEMS;
  const pageSize = opts.limit ?? (opts.allPages ? Math.min(DEFAULT_PAGE_SIZE, maxItems) : undefined);
  const items: T[] = [];
  let token = opts.continue;
  let last: WireList<T>;
  for (;;) {
    const want = opts.allPages && pageSize !== undefined ? Math.min(pageSize, maxItems - items.length) : pageSize;
    const res = await read<WireList<T>>(conn, {
      path: collectionPath(type, namespace),
      query: { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector, limit: want, continue: token },
      context: { verb: 'list', kind: type.kind, resource: type.plural, namespace },
    });
    last = res.body;
    items.push(...(last.items ?? []).map((item) => withTypeMeta(item, type)));
    token = last.metadata?.continue || undefined;
    if (!opts.allPages || !token || items.length >= maxItems) break;
  }
  const truncated = Boolean(opts.allPages && token && items.length >= maxItems);
  return {
    kind: type.kind,
    apiVersion: type.apiVersion,
    namespace,
    items,
    continue: token,
    remainingItemCount: last.metadata?.remainingItemCount,
    truncated,
    resourceVersion: last.metadata?.resourceVersion,
  };
}

/** List items arrive without apiVersion/kind; renderers and redaction need them. */
export function withTypeMeta<T extends KubernetesObject>(obj: T, type: ResourceType): T {
  return { ...obj, apiVersion: obj.apiVersion ?? type.apiVersion, kind: obj.kind ?? type.kind };
}

/** What callers receive: redacted, and cleaned unless raw. */
export function present<T extends KubernetesObject>(obj: T, opts: ReadOptions = {}): T {
  const safe = redact(obj);
  return opts.raw ? safe : cleanObject(safe);
}

/**
 * `present` for an object this call parsed from the wire and nobody else holds (read-share hands each caller its
 * own parse): redacted in place, so a 300-pod list does not build a second tree of every pod.
 */
function presentOwned<T extends KubernetesObject>(obj: T, opts: ReadOptions): T {
  const safe = redactInPlace(obj);
  return opts.raw ? safe : cleanObject(safe);
}
