/**
 * Small helpers every analyzer needs. Timestamps arrive as Date from client-node's typed lists and as strings from
 * plain YAML or JSON fixtures, so everything that reads a time goes through `millis`.
 */
import type { KubernetesObject, V1Container, V1OwnerReference, V1Pod } from '@kubernetes/client-node';
import type { ObjectRef } from './types';
import { parseQuantity } from '../kube/quantity';

export function millis(t: Date | string | number | undefined | null): number {
  if (t === undefined || t === null) return 0;
  if (typeof t === 'number') return t;
  if (typeof t === 'string') {
    const fast = apiTime(t);
    if (fast !== undefined) return fast;
  }
  const v = t instanceof Date ? t.getTime() : Date.parse(t);
  return Number.isFinite(v) ? v : 0;
}

/** Digits of `t` from `at`, `len` of them, or -1. */
function digits(t: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The API server's own time format, `2026-11-24T05:59:00Z` or `…:00.123456Z` (RFC 3339 in UTC), read without
 * Date.parse: a diagnosis reads a timestamp per event and condition, and Date.parse dominated the index build.
 * Anything else (offsets, odd precision) returns undefined and goes to Date.parse.
 */
function apiTime(t: string): number | undefined {
  const n = t.length;
  if (n < 20 || t[4] !== '-' || t[7] !== '-' || t[10] !== 'T' || t[13] !== ':' || t[16] !== ':' || t[n - 1] !== 'Z')
    return undefined;
  let ms = 0;
  if (n > 20) {
    if (t[19] !== '.') return undefined;
    const frac = digits(t, 20, n - 21);
    if (frac < 0 || n - 21 < 1 || n - 21 > 9) return undefined;
    ms = Math.floor(frac / 10 ** (n - 21 - 3));
  }
  const y = digits(t, 0, 4);
  const mo = digits(t, 5, 2);
  const d = digits(t, 8, 2);
  const h = digits(t, 11, 2);
  const mi = digits(t, 14, 2);
  const sec = digits(t, 17, 2);
  // Date.UTC reads years 0-99 as 1900-1999: Go's zero time "0001-01-01T00:00:00Z" goes to Date.parse
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
    return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms);
}

/** A container of the pod by name, an app or an init container. */
export function containerSpec(pod: V1Pod, name: string): V1Container | undefined {
  return pod.spec?.containers?.find((c) => c.name === name) ?? pod.spec?.initContainers?.find((c) => c.name === name);
}

export function ref(kind: string, obj: KubernetesObject): ObjectRef {
  const namespace = obj.metadata?.namespace;
  return namespace ? { kind, namespace, name: obj.metadata?.name ?? '' } : { kind, name: obj.metadata?.name ?? '' };
}

export function refKey(r: ObjectRef): string {
  return `${r.kind}/${r.namespace ?? ''}/${r.name}`;
}

export function refText(r: ObjectRef): string {
  return r.namespace ? `${r.kind} ${r.namespace}/${r.name}` : `${r.kind} ${r.name}`;
}

/** The controlling owner reference, else the first. A loop, not find(): asked of every object of the cluster. */
export function controllerOf(obj: KubernetesObject): V1OwnerReference | undefined {
  const refs = obj.metadata?.ownerReferences;
  if (!Array.isArray(refs) || refs.length === 0) return undefined;
  for (let i = 0; i < refs.length; i++) if (refs[i]?.controller) return refs[i];
  return refs[0];
}

/** `-n ns` for kubectl, empty for cluster-scoped objects */
export function nsFlag(namespace: string | undefined): string {
  return namespace ? ` -n ${namespace}` : '';
}

/** A Kubernetes quantity in base units; NaN when unset or unreadable (callers treat NaN as "no limit/request"). */
export const quantity = parseQuantity;

/** Unlike lib/kube's cpuMillicores, keeps NaN for an unset value instead of 0. */
export function cpuMillicores(q: string | number | undefined): number {
  return quantity(q) * 1000;
}

/** Human size for messages: 268435456 → "256Mi" */
export function bytesText(b: number): string {
  if (!Number.isFinite(b)) return '?';
  for (const [suffix, size] of [
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (b >= size) {
      const v = b / size;
      return `${Number.isInteger(v) ? v : v.toFixed(1)}${suffix}`;
    }
  }
  return `${b}B`;
}

/** Keeps a text short enough to stay useful in a compact report. */
export function clip(text: string, max = 400): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
