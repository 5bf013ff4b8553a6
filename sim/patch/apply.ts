/**
 * Server-side apply, simplified: the applied configuration is merged into the live object by list-map keys, and
 * fields this field manager applied last time but no longer sends are removed. Ownership conflicts between
 * managers are not tracked.
 */
import { isJsonObject, type Json, type JsonObject } from '../model';
import type { TypeMeta } from './schema';
import { strategicMerge } from './strategic';

export function serverSideApply(
  live: JsonObject | undefined,
  applied: JsonObject,
  previouslyApplied: JsonObject | undefined,
  type: TypeMeta | undefined,
): JsonObject {
  let base: JsonObject = live ?? {};
  if (previouslyApplied) base = removeDropped(base, previouslyApplied, applied, type);
  return strategicMerge(base, applied, type) as JsonObject;
}

function removeDropped(live: JsonObject, before: JsonObject, now: JsonObject, type: TypeMeta | undefined): JsonObject {
  const out: JsonObject = { ...live };
  for (const key of Object.keys(before)) {
    const meta = type?.[key];
    if (!(key in now)) {
      delete out[key];
      continue;
    }
    const b = before[key];
    const n = now[key];
    const l = out[key];
    if (isJsonObject(b) && isJsonObject(n) && isJsonObject(l)) out[key] = removeDropped(l, b, n, meta?.type);
    else if (Array.isArray(b) && Array.isArray(n) && Array.isArray(l) && meta?.mergeKey) {
      out[key] = removeDroppedItems(l, b, n, meta.mergeKey, meta.type);
    }
  }
  return out;
}

function removeDroppedItems(
  live: Json[],
  before: Json[],
  now: Json[],
  key: string,
  type: TypeMeta | undefined,
): Json[] {
  const id = (v: Json) => (isJsonObject(v) ? JSON.stringify(v[key]) : JSON.stringify(v));
  const nowById = new Map(now.map((v) => [id(v), v]));
  const beforeById = new Map(before.map((v) => [id(v), v]));
  const out: Json[] = [];
  for (const item of live) {
    const k = id(item);
    if (beforeById.has(k) && !nowById.has(k)) continue;
    const b = beforeById.get(k);
    const n = nowById.get(k);
    out.push(isJsonObject(item) && isJsonObject(b) && isJsonObject(n) ? removeDropped(item, b, n, type) : item);
  }
  return out;
}
