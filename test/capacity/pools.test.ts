/** Pool sizing on its own: first-fit decreasing, and each kind of blocker, over hand-built nodes and pods. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { V1Node } from '@kubernetes/client-node';
import { firstFitDecreasing } from '../../lib/capacity/binpack';
import type { PlacedPod } from '../../lib/capacity/inventory';
import { sizePools } from '../../lib/capacity/pools';
import { parsePriceTable } from '../../lib/capacity/prices';
import { blockerText } from '../../lib/capacity/render';

const GI = 2 ** 30;
const node = (name: string, type = 'm.large', cpu = '2', memory = '8Gi'): V1Node => ({
  metadata: { name, labels: { 'node.kubernetes.io/instance-type': type, pool: 'a' } },
  status: { allocatable: { cpu, memory } },
});
let n = 0;
const pod = (nodeName: string, cpu: number, mem: number, extra: Partial<PlacedPod> = {}): PlacedPod => ({
  namespace: 'ns',
  name: `p${n++}`,
  node: nodeName,
  workload: { kind: 'Deployment', namespace: 'ns', name: 'app' },
  daemonSet: false,
  cpuMillicores: cpu,
  memoryBytes: mem,
  labels: {},
  antiAffinity: [],
  ...extra,
});
const opts = { label: 'node.kubernetes.io/instance-type', headroom: 0.1 };

test('first-fit decreasing packs by the larger share and respects both dimensions', () => {
  const items = [300, 900, 500, 700, 100].map((c, i) => ({
    id: `i${i}`,
    namespace: 'ns',
    cpuMillicores: c,
    memoryBytes: GI,
    labels: {},
    antiAffinity: [],
  }));
  const two = firstFitDecreasing(items, 2, { cpuMillicores: 1300, memoryBytes: 8 * GI });
  expect(two.fits).toBe(true);
  if (two.fits)
    expect(two.bins.map((b) => b.map((i) => i.cpuMillicores))).toEqual([
      [900, 300, 100],
      [700, 500],
    ]);
  // memory, not CPU, is what runs out here
  expect(firstFitDecreasing(items, 2, { cpuMillicores: 10_000, memoryBytes: 2 * GI }).fits).toBe(false);
});

test('a ratio would say one node; the pack says two (fragmentation)', () => {
  const nodes = [node('a'), node('b'), node('c')];
  // 3 × 1000m = 3000m of 3 × 1710m usable; by ratio 2 nodes (3420m) would do, but 1000m pods fit one per node
  const pods = ['a', 'b', 'c'].map((x) => pod(x, 1000, GI));
  const [pool] = sizePools(nodes, pods, new Map(), opts);
  expect(pool.recommendedNodes).toBe(3);
  expect(pool.blockers[0].code).toBe('capacity');
});

test('DaemonSet overhead on every node is what blocks one node fewer', () => {
  const nodes = [node('a'), node('b')];
  const ds = (x: string) =>
    pod(x, 400, 512 * 2 ** 20, { daemonSet: true, workload: { kind: 'DaemonSet', namespace: 'ns', name: 'agent' } });
  const pods = [ds('a'), ds('b'), pod('a', 800, GI), pod('b', 700, GI)];
  const [pool] = sizePools(nodes, pods, new Map(), opts);
  // 1710m usable per node: 1500m of pods fit one node only without the 400m DaemonSet
  expect(pool.recommendedNodes).toBe(2);
  expect(pool.blockers.map((b) => b.code)).toEqual(['daemonset-overhead']);
  expect(pool.blockers[0].facts.perNodeCpuMillicores).toBe(400);
  // named, so the reader knows which DaemonSet to look at
  expect(pool.blockers[0].object).toBe('ns/agent');
  expect(blockerText(pool.blockers[0])).toMatch(
    /^DaemonSets \(ns\/agent\) take 400m \/ 512Mi on every node; without them 1 node\(s\) would do$/,
  );
});

test('required anti-affinity keeps replicas apart', () => {
  const nodes = [node('a'), node('b'), node('c')];
  const aa = { labels: { app: 'db' }, antiAffinity: [{ matchLabels: { app: 'db' } }] };
  const pods = ['a', 'b', 'c'].map((x) => pod(x, 100, GI / 4, aa));
  const [pool] = sizePools(nodes, pods, new Map(), opts);
  expect(pool.recommendedNodes).toBe(3);
  expect(pool.blockers.map((b) => b.code)).toEqual(['anti-affinity']);
  expect(pool.blockers[0].facts.podsThatMustNotShareANode).toBe(3);
});

test('a pod larger than a node is named; pools group by any label and price per instance type', () => {
  const nodes = [node('a'), node('b', 'm.xlarge', '4', '16Gi')];
  const pods = [pod('b', 3000, GI)];
  const byType = sizePools(nodes, pods, new Map(), opts);
  expect(byType.map((p) => p.value)).toEqual(['m.large', 'm.xlarge']);
  const byPool = sizePools(nodes, pods, new Map(), {
    ...opts,
    label: 'pool',
    prices: parsePriceTable({
      currency: 'USD',
      instanceTypes: { 'm.large': { hourly: 0.1 }, 'm.xlarge': { hourly: 0.2 } },
    }),
  });
  expect(byPool).toHaveLength(1);
  // the smallest member stands for a node: the 3000m pod does not fit a 2-core node
  expect(byPool[0].blockers.map((b) => b.code)).toContain('pod-too-large');
  expect(byPool[0].monthlyCost).toBeCloseTo(0.3 * 730, 2);
});

test('price tables are validated', () => {
  expect(() => parsePriceTable('{')).toThrow(/not valid JSON/);
  expect(() => parsePriceTable({ currency: 'CNY', instanceTypes: { x: { hourly: -1 } } })).toThrow(/non-negative/);
  expect(() => parsePriceTable({ instanceTypes: {} })).toThrow(/currency/);
  expect(() => parsePriceTable({ currency: 'CNY', instanceTypes: { '<script>': { hourly: 1 } } })).toThrow(
    /instance type name/,
  );
});

test('the shipped example price table parses and says it is an example', () => {
  const text = readFileSync(join(__dirname, '../../docs/prices.example.json'), 'utf8');
  expect(text).toMatch(/EXAMPLE ONLY/);
  expect(parsePriceTable(text).instanceTypes['ecs.g7.large'].hourly).toBe(0.62);
});
