/**
 * metadata.managedFields bookkeeping: one entry per manager and operation with the fields it last set (FieldsV1).
 * Ownership is recorded for clients to read; the simulator does not enforce it.
 */
import { isJsonObject, stableStringify, type Json, type JsonObject, type KubeObject } from '../model';
import { nowTimestamp } from './meta';

const SERVER_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'managedFields',
  'generateName',
  'selfLink',
]);
const LIST_KEYS = ['name', 'containerPort', 'port', 'mountPath', 'devicePath', 'type', 'ip', 'uid', 'topologyKey'];

function itemKey(item: JsonObject): string | undefined {
  const k = LIST_KEYS.find((key) => item[key] !== undefined);
  return k ? `k:${JSON.stringify({ [k]: item[k] })}` : undefined;
}

/** FieldsV1 of a JSON value: `f:<field>` for fields, `k:{…}` for keyed list items, `v:…` for set members. */
export function fieldSet(value: Json | undefined, top = true): JsonObject {
  const out: JsonObject = {};
  if (!isJsonObject(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (top && (k === 'apiVersion' || k === 'kind')) continue;
    if (top && k === 'metadata' && isJsonObject(v)) {
      const meta: JsonObject = {};
      for (const [mk, mv] of Object.entries(v))
        if (!SERVER_META.has(mk) && mv !== undefined) meta[`f:${mk}`] = metaField(mk, mv);
      if (Object.keys(meta).length) out['f:metadata'] = meta;
      continue;
    }
    out[`f:${k}`] = fieldValue(v);
  }
  return out;
}

function metaField(key: string, v: Json): JsonObject {
  if (key === 'finalizers' && Array.isArray(v)) return Object.fromEntries(v.map((x) => [`v:${JSON.stringify(x)}`, {}]));
  return fieldValue(v);
}

function fieldValue(v: Json): JsonObject {
  if (isJsonObject(v)) {
    const inner = fieldSet(v, false);
    return Object.keys(inner).length ? { '.': {}, ...inner } : {};
  }
  if (Array.isArray(v) && v.length && v.every(isJsonObject)) {
    const keyed: JsonObject = {};
    for (const item of v) {
      const k = itemKey(item);
      if (!k) return {};
      keyed[k] = { '.': {}, ...fieldSet(item, false) };
    }
    return keyed;
  }
  return {};
}

/** Fields whose value differs between two objects (added or changed), for an Update entry. */
function changedFields(before: Json | undefined, after: Json | undefined): Json | undefined {
  if (stableStringify(before) === stableStringify(after)) return undefined;
  if (isJsonObject(before) && isJsonObject(after)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(after)) {
      const d = changedFields(before[k], v);
      if (d !== undefined) out[k] = d;
    }
    return out;
  }
  return after;
}

function mergeSets(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isJsonObject(out[k]) && isJsonObject(v) ? mergeSets(out[k], v) : v;
  return out;
}

export function recordManager(
  next: KubeObject,
  previous: KubeObject | undefined,
  manager: string | undefined,
  operation: 'Update' | 'Apply',
  apiVersion: string,
  applied?: JsonObject,
): void {
  if (!manager) return;
  const entries = [...(previous?.metadata.managedFields ?? next.metadata.managedFields ?? [])];
  const idx = entries.findIndex((e) => e.manager === manager && e.operation === operation);
  let fields: JsonObject;
  if (operation === 'Apply') fields = fieldSet(applied);
  else {
    const diff = changedFields(previous as unknown as Json, next as unknown as Json);
    const fresh = fieldSet(diff);
    const old = idx >= 0 && isJsonObject(entries[idx].fieldsV1) ? entries[idx].fieldsV1 : {};
    fields = mergeSets(old, fresh);
  }
  const entry: JsonObject = {
    manager,
    operation,
    apiVersion,
    time: nowTimestamp(),
    fieldsType: 'FieldsV1',
    fieldsV1: fields,
  };
  if (idx >= 0) entries[idx] = entry;
  else entries.push(entry);
  next.metadata.managedFields = entries;
}
