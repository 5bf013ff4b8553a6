/**
 * First-fit decreasing over pods' requests in two dimensions (CPU, memory): the check behind "this pool fits on N
 * nodes". Pods are sorted by their larger share of a node; each goes on the first node with room in both dimensions
 * and no pod it must not share a node with (required anti-affinity on kubernetes.io/hostname).
 */
import type { V1LabelSelector } from '@kubernetes/client-node';
import { selectorMatches } from '../kube/selectors';

export interface PackItem {
  id: string;
  namespace: string;
  cpuMillicores: number;
  memoryBytes: number;
  labels: Record<string, string>;
  antiAffinity: V1LabelSelector[];
}

export interface Bin {
  cpuMillicores: number;
  memoryBytes: number;
}

export type PackResult = { fits: true; bins: PackItem[][] } | { fits: false; unplaced: PackItem };

function conflicts(a: PackItem, b: PackItem): boolean {
  if (a.namespace !== b.namespace) return false;
  return (
    a.antiAffinity.some((s) => selectorMatches(s, b.labels)) || b.antiAffinity.some((s) => selectorMatches(s, a.labels))
  );
}

/** Packs `items` into `count` bins of `capacity` each. */
export function firstFitDecreasing(items: PackItem[], count: number, capacity: Bin): PackResult {
  const share = (i: PackItem) =>
    Math.max(
      capacity.cpuMillicores > 0 ? i.cpuMillicores / capacity.cpuMillicores : Infinity,
      capacity.memoryBytes > 0 ? i.memoryBytes / capacity.memoryBytes : Infinity,
    );
  const sorted = [...items].sort((a, b) => share(b) - share(a) || a.id.localeCompare(b.id));
  const bins: { used: Bin; items: PackItem[] }[] = Array.from({ length: count }, () => ({
    used: { cpuMillicores: 0, memoryBytes: 0 },
    items: [],
  }));
  for (const item of sorted) {
    const bin = bins.find(
      (b) =>
        b.used.cpuMillicores + item.cpuMillicores <= capacity.cpuMillicores &&
        b.used.memoryBytes + item.memoryBytes <= capacity.memoryBytes &&
        !b.items.some((other) => conflicts(item, other)),
    );
    if (!bin) return { fits: false, unplaced: item };
    bin.used.cpuMillicores += item.cpuMillicores;
    bin.used.memoryBytes += item.memoryBytes;
    bin.items.push(item);
  }
  return { fits: true, bins: bins.map((b) => b.items) };
}
