/**
 * Small helpers every analyzer needs. Timestamps arrive as Date from client-node's typed lists and as strings from
 * plain YAML or JSON fixtures, so everything that reads a time goes through `millis`.
 */
import type { KubernetesObject, V1OwnerReference } from '@kubernetes/client-node';
import type { ObjectRef } from './types';

export function millis(t: Date | string | number | undefined | null): number {
  if (t === undefined || t === null) return 0;
  if (typeof t === 'number') return t;
  const v = t instanceof Date ? t.getTime() : Date.parse(t);
  return Number.isFinite(v) ? v : 0;
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

export function controllerOf(obj: KubernetesObject): V1OwnerReference | undefined {
  const refs = obj.metadata?.ownerReferences ?? [];
  return refs.find((r) => r.controller) ?? refs[0];
}

/** `-n ns` for kubectl, empty for cluster-scoped objects */
export function nsFlag(namespace: string | undefined): string {
  return namespace ? ` -n ${namespace}` : '';
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Parses a Kubernetes quantity ("256Mi", "500m", "1.5", "1e3") to a plain number in base units; NaN when unreadable. */
export function quantity(q: string | number | undefined): number {
  if (q === undefined) return NaN;
  if (typeof q === 'number') return q;
  const m = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  const suffix = m[2];
  if (suffix in BINARY) return n * BINARY[suffix];
  if (suffix in DECIMAL) return n * DECIMAL[suffix];
  return NaN;
}

export function cpuMillicores(q: string | number | undefined): number {
  return quantity(q) * 1000;
}

/** Human size for messages: 268435456 → "256Mi" */
export function bytesText(b: number): string {
  if (!Number.isFinite(b)) return '?';
  for (const [suffix, size] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
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
