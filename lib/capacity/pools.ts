/**
 * Node pools: nodes grouped by a label (default the instance type), with allocatable, requested and used capacity,
 * the fewest nodes that still hold today's requests with headroom, what stops it going one lower, and the price.
 *
 * The fit is a first-fit-decreasing pack of the pool's pods (binpack.ts) into N nodes of the pool's smallest
 * allocatable, each kept `headroom` empty and each carrying the pool's DaemonSet pods (a DaemonSet runs on every node,
 * so its requests come off every node's room rather than being packed). Used capacity is the sum of each node's p95,
 * which is at least the p95 of the pool's total: an upper bound, on the safe side.
 */
import type { V1Node } from '@kubernetes/client-node';
import { cpuMillicores, memoryBytes } from '../kube/quantity';
import { selectorMatches } from '../kube/selectors';
import { firstFitDecreasing, type Bin, type PackItem } from './binpack';
import { hourlyPrice, monthly, type PriceTable } from './prices';
import type { PlacedPod } from './inventory';
import type { PoolBlocker, PoolReport, PoolResources } from './types';

export const DEFAULT_POOL_LABEL = 'node.kubernetes.io/instance-type';

export interface PoolOptions {
  label: string;
  /** fraction of each node's allocatable kept free (default 0.1) */
  headroom: number;
  prices?: PriceTable;
}

const MI = 2 ** 20;
const round2 = (n: number) => Math.round(n * 100) / 100;

function allocatable(node: V1Node): Bin {
  return {
    cpuMillicores: cpuMillicores(node.status?.allocatable?.cpu),
    memoryBytes: memoryBytes(node.status?.allocatable?.memory),
  };
}

const sum = (xs: { cpuMillicores: number; memoryBytes: number }[]): PoolResources => ({
  cpuMillicores: xs.reduce((n, x) => n + x.cpuMillicores, 0),
  memoryBytes: xs.reduce((n, x) => n + x.memoryBytes, 0),
});

/** Requests every node of the pool carries for DaemonSets: the most any one node carries today. */
function daemonSetOverhead(pods: PlacedPod[], nodeNames: string[]): Bin {
  let worst: Bin = { cpuMillicores: 0, memoryBytes: 0 };
  for (const node of nodeNames) {
    const on = sum(pods.filter((p) => p.daemonSet && p.node === node));
    worst = {
      cpuMillicores: Math.max(worst.cpuMillicores, on.cpuMillicores),
      memoryBytes: Math.max(worst.memoryBytes, on.memoryBytes),
    };
  }
  return worst;
}

function room(node: Bin, headroom: number, overhead: Bin): Bin {
  return {
    cpuMillicores: Math.floor(node.cpuMillicores * (1 - headroom)) - overhead.cpuMillicores,
    memoryBytes: Math.floor(node.memoryBytes * (1 - headroom)) - overhead.memoryBytes,
  };
}

function toItem(p: PlacedPod): PackItem {
  return {
    id: `${p.namespace}/${p.name}`,
    namespace: p.namespace,
    cpuMillicores: p.cpuMillicores,
    memoryBytes: p.memoryBytes,
    labels: p.labels,
    antiAffinity: p.antiAffinity,
  };
}

function blockersBelow(
  target: number,
  items: PackItem[],
  pods: PlacedPod[],
  capacity: Bin,
  node: Bin,
  headroom: number,
  overhead: Bin,
): PoolBlocker[] {
  const out: PoolBlocker[] = [];
  for (const i of items)
    if (i.cpuMillicores > capacity.cpuMillicores || i.memoryBytes > capacity.memoryBytes)
      out.push({
        code: 'pod-too-large',
        object: i.id,
        facts: {
          cpuRequestMillicores: i.cpuMillicores,
          memoryRequestMi: round2(i.memoryBytes / MI),
          roomPerNodeMillicores: capacity.cpuMillicores,
          roomPerNodeMi: round2(capacity.memoryBytes / MI),
        },
      });
  if (target < 1) return out;
  // required anti-affinity: a group of k pods that repel each other needs k nodes
  const seen = new Set<string>();
  for (const p of pods) {
    if (!p.antiAffinity.length || p.daemonSet) continue;
    const group = pods.filter(
      (q) => !q.daemonSet && q.namespace === p.namespace && p.antiAffinity.some((s) => selectorMatches(s, q.labels)),
    );
    const key = `${p.workload.kind}/${p.namespace}/${p.workload.name}`;
    if (group.length > target && !seen.has(key)) {
      seen.add(key);
      out.push({
        code: 'anti-affinity',
        object: `${p.namespace}/${p.workload.name}`,
        facts: { kind: p.workload.kind, podsThatMustNotShareANode: group.length, nodesTried: target },
      });
    }
  }
  const withoutDaemonSets = firstFitDecreasing(
    items,
    target,
    room(node, headroom, { cpuMillicores: 0, memoryBytes: 0 }),
  );
  if (withoutDaemonSets.fits && (overhead.cpuMillicores > 0 || overhead.memoryBytes > 0)) {
    const names = [
      ...new Set(pods.filter((p) => p.daemonSet).map((p) => `${p.workload.namespace}/${p.workload.name}`)),
    ].sort();
    out.push({
      code: 'daemonset-overhead',
      object: names.join(', '),
      facts: {
        nodesTried: target,
        perNodeCpuMillicores: overhead.cpuMillicores,
        perNodeMemoryMi: round2(overhead.memoryBytes / MI),
      },
    });
  }
  if (!out.some((b) => b.code !== 'pod-too-large')) {
    const requested = sum(items);
    out.push({
      code: 'capacity',
      facts: {
        nodesTried: target,
        requestedCpuMillicores: requested.cpuMillicores,
        requestedMemoryMi: round2(requested.memoryBytes / MI),
        roomCpuMillicores: capacity.cpuMillicores * target,
        roomMemoryMi: round2((capacity.memoryBytes * target) / MI),
        headroomPercent: Math.round(headroom * 100),
      },
    });
  }
  return out;
}

export function sizePools(
  nodes: V1Node[],
  placed: PlacedPod[],
  used: Map<string, Partial<PoolResources>>,
  opts: PoolOptions,
): PoolReport[] {
  const groups = new Map<string, V1Node[]>();
  for (const n of nodes) {
    const value = n.metadata?.labels?.[opts.label] ?? '<none>';
    groups.set(value, [...(groups.get(value) ?? []), n]);
  }
  const reports: PoolReport[] = [];
  for (const [value, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const names = members.map((n) => n.metadata?.name ?? '').sort();
    const inPool = new Set(names);
    const pods = placed.filter((p) => inPool.has(p.node));
    const allocs = members.map(allocatable);
    // the smallest member stands for a node of the pool: removing nodes should never assume a larger one
    const node = allocs.reduce((a, b) => ({
      cpuMillicores: Math.min(a.cpuMillicores, b.cpuMillicores),
      memoryBytes: Math.min(a.memoryBytes, b.memoryBytes),
    }));
    const overhead = daemonSetOverhead(pods, names);
    const capacity = room(node, opts.headroom, overhead);
    const items = pods.filter((p) => !p.daemonSet).map(toItem);
    let recommended = members.length;
    for (let n = 1; n <= members.length; n++) {
      if (firstFitDecreasing(items, n, capacity).fits) {
        recommended = n;
        break;
      }
    }
    const blockers =
      recommended > 1 ||
      items.some((i) => i.cpuMillicores > capacity.cpuMillicores || i.memoryBytes > capacity.memoryBytes)
        ? blockersBelow(recommended - 1, items, pods, capacity, node, opts.headroom, overhead)
        : [];
    const usedNodes = names.map((n) => used.get(n)).filter((u): u is Partial<PoolResources> => u !== undefined);
    const report: PoolReport = {
      label: opts.label,
      value,
      nodes: members.length,
      nodeNames: names,
      allocatable: sum(allocs),
      requested: sum(pods),
      used: usedNodes.length
        ? {
            cpuMillicores: Math.round(usedNodes.reduce((n, u) => n + (u.cpuMillicores ?? 0), 0)),
            memoryBytes: Math.round(usedNodes.reduce((n, u) => n + (u.memoryBytes ?? 0), 0)),
          }
        : undefined,
      recommendedNodes: recommended,
      blockers,
    };
    const prices = members.map((n) => hourlyPrice(opts.prices, n));
    if (opts.prices && prices.every((p) => p !== undefined)) {
      const hourly = prices.reduce((a, b) => a + b, 0);
      const perNode = hourly / members.length;
      report.hourlyPrice = round2(perNode);
      report.monthlyCost = monthly(hourly);
      report.monthlySavings = monthly(perNode * Math.max(0, members.length - recommended));
    }
    reports.push(report);
  }
  return reports;
}
