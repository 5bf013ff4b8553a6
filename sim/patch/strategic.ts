/**
 * Strategic merge patch, server side: merge-keyed lists, `$patch: replace|delete|merge`, `$retainKeys`,
 * `$setElementOrder/<field>` and `$deleteFromPrimitiveList/<field>` — what kubectl apply/patch/rollout send.
 */
import { badRequest } from '../errors';
import { isJsonObject, type Json, type JsonObject } from '../model';
import type { FieldMeta, TypeMeta } from './schema';

const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

export function strategicMerge(original: Json | undefined, patch: Json, type: TypeMeta | undefined): Json {
  if (!isJsonObject(patch)) throw badRequest('strategic merge patch must be a JSON object');
  return mergeMap(isJsonObject(original) ? original : {}, patch, type) ?? {};
}

function mergeMap(original: JsonObject, patch: JsonObject, type: TypeMeta | undefined): JsonObject | undefined {
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return clean(patch, type) as JsonObject;
  const out: JsonObject = { ...original };
  const orders: [string, Json[]][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith(SET_ORDER)) {
      if (Array.isArray(value)) orders.push([key.slice(SET_ORDER.length), value]);
      continue;
    }
    if (key.startsWith(DELETE_PRIMITIVE)) {
      const field = key.slice(DELETE_PRIMITIVE.length);
      const drop = new Set((Array.isArray(value) ? value : []).map((v) => JSON.stringify(v)));
      const cur = out[field];
      if (Array.isArray(cur)) out[field] = cur.filter((v) => !drop.has(JSON.stringify(v)));
      continue;
    }
    if (value === null) {
      delete out[key];
      continue;
    }
    const meta = type?.[key];
    const merged = mergeValue(out[key], value, meta);
    if (merged === undefined) delete out[key];
    else out[key] = merged;
  }
  for (const [field, order] of orders) {
    const cur = out[field];
    if (Array.isArray(cur)) out[field] = applyOrder(cur, order, type?.[field]?.mergeKey);
  }
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    const keep = new Set(retain.map(String));
    for (const k of Object.keys(out)) if (!keep.has(k) && !(k in patch)) delete out[k];
  }
  return out;
}

function mergeValue(original: Json | undefined, value: Json, meta: FieldMeta | undefined): Json | undefined {
  if (isJsonObject(value)) {
    const merged = mergeMap(isJsonObject(original) ? original : {}, value, meta?.type);
    return merged;
  }
  if (Array.isArray(value)) {
    const cur = Array.isArray(original) ? original : [];
    if (meta?.mergeKey) return mergeKeyedList(cur, value, meta.mergeKey, meta.type);
    if (meta?.mergePrimitives) return mergePrimitiveList(cur, value);
    return value.map((v) => clean(v, meta?.type));
  }
  return value;
}

function mergeKeyedList(original: Json[], patch: Json[], key: string, type: TypeMeta | undefined): Json[] {
  if (patch.some((p) => isJsonObject(p) && p.$patch === 'replace')) {
    return patch.filter((p) => !(isJsonObject(p) && p.$patch === 'replace')).map((p) => clean(p, type));
  }
  const out = [...original];
  for (const p of patch) {
    if (!isJsonObject(p)) {
      out.push(p);
      continue;
    }
    const id = JSON.stringify(p[key]);
    const sameKey = (el: Json) => isJsonObject(el) && JSON.stringify(el[key]) === id;
    if (p.$patch === 'delete') {
      for (let i = out.length - 1; i >= 0; i--) if (sameKey(out[i])) out.splice(i, 1);
      continue;
    }
    const idx = p[key] === undefined ? -1 : out.findIndex(sameKey);
    if (idx >= 0) {
      const merged = mergeMap(out[idx] as JsonObject, p, type);
      if (merged === undefined) out.splice(idx, 1);
      else out[idx] = merged;
    } else {
      const fresh = mergeMap({}, p, type);
      if (fresh !== undefined) out.push(fresh);
    }
  }
  return out;
}

function mergePrimitiveList(original: Json[], patch: Json[]): Json[] {
  const out = [...original];
  const seen = new Set(out.map((v) => JSON.stringify(v)));
  for (const v of patch) {
    const k = JSON.stringify(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

function applyOrder(list: Json[], order: Json[], key: string | undefined): Json[] {
  const id = (v: Json): string => JSON.stringify(key && isJsonObject(v) ? v[key] : v);
  const rank = new Map(order.map((o, i) => [id(o), i]));
  const ranked = list.filter((v) => rank.has(id(v))).sort((a, b) => (rank.get(id(a)) ?? 0) - (rank.get(id(b)) ?? 0));
  const rest = list.filter((v) => !rank.has(id(v)));
  return [...ranked, ...rest];
}

/** A patch value that lands where nothing was: drop directives and nulls inside it. */
function clean(value: Json, type: TypeMeta | undefined): Json {
  if (Array.isArray(value)) return value.map((v) => clean(v, type));
  if (!isJsonObject(value)) return value;
  return mergeMap({}, { ...value, $patch: undefined }, type) ?? {};
}
