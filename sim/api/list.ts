/** List with selectors and limit/continue paging over the store's key order. */
import { badRequest } from '../errors';
import type { ResourceDef } from '../registry/resource';
import { fieldSelector } from '../select/fields';
import { labelSelector } from '../select/labels';
import type { ObjectStore, StoredObject } from '../store/store';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface ListResult {
  items: StoredObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

export function encodeContinue(rv: number, lastKey: string): string {
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000` };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
    if (parsed.v !== 'meta.k8s.io/v1' || typeof parsed.start !== 'string' || typeof parsed.rv !== 'number')
      throw new Error('bad');
    return parsed;
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

export function listObjects(
  store: ObjectStore,
  def: ResourceDef,
  namespace: string | undefined,
  opts: ListOptions,
): ListResult {
  const labels = labelSelector(opts.labelSelector);
  const fields = fieldSelector(def, opts.fieldSelector);
  const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
  let after: string | undefined;
  let rv = store.resourceVersion;
  if (opts.continue) {
    const token = decodeContinue(opts.continue);
    after = token.start.replace(/\u0000$/, '');
    rv = token.rv;
  }
  const items: StoredObject[] = [];
  let lastKey = '';
  let more = false;
  let consumed = 0;
  for (const [key, stored] of store.iterate(def, namespace, after)) {
    if (items.length >= limit) {
      more = true;
      break;
    }
    consumed += 1;
    lastKey = key;
    if (labels && !labels(stored.object.metadata.labels)) continue;
    if (fields && !fields(stored.object)) continue;
    items.push(stored);
  }
  const result: ListResult = { items, resourceVersion: String(opts.continue ? rv : store.resourceVersion) };
  if (more) {
    result.continue = encodeContinue(rv, lastKey);
    if (!labels && !fields) {
      const total = store.count(def, namespace);
      const before = after === undefined ? 0 : countBefore(store, def, namespace, after);
      result.remainingItemCount = Math.max(0, total - before - consumed);
    }
  }
  return result;
}

function countBefore(store: ObjectStore, def: ResourceDef, namespace: string | undefined, after: string): number {
  let n = 0;
  for (const [key] of store.iterate(def, namespace)) {
    if (key > after) break;
    n += 1;
  }
  return n;
}
