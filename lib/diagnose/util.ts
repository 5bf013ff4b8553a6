/**
 * Small helpers every analyzer needs. Timestamps arrive as Date from client-node's typed lists and as strings from
 * plain YAML or JSON fixtures, so everything that reads a time goes through `millis`.
 */
import type { KubernetesObject, V1OwnerReference } from '@kubernetes/client-node';
import type { ObjectRef } from './types';
import { parseQuantity } from '../kube/quantity';

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
