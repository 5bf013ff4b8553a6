/**
 * A small cluster for capacity tests: three ecs.g7.large nodes and five workloads whose week of cAdvisor history is
 * generated here (deterministic noise):
 * - shop/web-idle (Deployment ×2): requests 800m / 1Gi, uses ~15m / ~150Mi        → over-provisioned
 * - shop/leaky (Deployment ×1): memory climbs 150Mi → 512Mi limit every 36 h, OOMKilled 4× → oom-risk
 * - shop/steady (Deployment ×2): requests 300m / 512Mi, uses ~220m ±40m / ~400Mi   → ok
 * - shop/busy (StatefulSet ×1): requests 100m, uses ~250m                          → under-provisioned
 * - shop/ghost (Deployment ×1): no series at all                                   → no-data
 * - kube-system/node-agent (DaemonSet, one per node): 100m / 128Mi
 */
import type { Series } from './real-prometheus';

export const NODE_TYPE = 'ecs.g7.large';
export const NODES = ['node-1', 'node-2', 'node-3'];
const MI = 2 ** 20;
const CREATED = '2026-01-01T00:00:00Z';

interface PodPlan {
  namespace: string;
  name: string;
  node: string;
  owner: { kind: string; name: string; uid: string; apiVersion: string };
  labels: Record<string, string>;
  container: string;
  requests: Record<string, string>;
  limits: Record<string, string>;
  /** per-container usage model */
  cpu?: (t: number) => number;
  memory?: (t: number) => number;
  oomKills?: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const DAY = 86400;
/** the leaking container is OOMKilled (and restarts at 150Mi) every 36 h, at multiples of 36 h since the epoch */
export const LEAK_PERIOD = 36 * 3600;
const daily = (t: number): number => Math.sin((2 * Math.PI * (t % DAY)) / DAY);

function pods(): PodPlan[] {
  const noise = rng(42);
  const n = (amp: number): number => (noise() * 2 - 1) * amp;
  const rsOwner = (name: string) => ({ kind: 'ReplicaSet', apiVersion: 'apps/v1', name, uid: `uid-rs-${name}` });
  const plans: PodPlan[] = [];
  const idle = { requests: { cpu: '800m', memory: '1Gi' }, limits: { memory: '1Gi' } };
  for (const [i, node] of [
    ['abcde', 'node-1'],
    ['fghij', 'node-2'],
  ] as const)
    plans.push({
      namespace: 'shop',
      name: `web-idle-6d5f7c8b9d-${i}`,
      node,
      owner: rsOwner('web-idle-6d5f7c8b9d'),
      labels: { app: 'web-idle', 'pod-template-hash': '6d5f7c8b9d' },
      container: 'web',
      ...idle,
      cpu: () => 0.015 + n(0.005),
      memory: () => 150 * MI + n(10 * MI),
    });
  plans.push({
    namespace: 'shop',
    name: 'leaky-7c9f8d6b5-kx2lp',
    node: 'node-1',
    owner: rsOwner('leaky-7c9f8d6b5'),
    labels: { app: 'leaky', 'pod-template-hash': '7c9f8d6b5' },
    container: 'app',
    requests: { cpu: '100m', memory: '256Mi' },
    limits: { memory: '512Mi' },
    cpu: () => 0.06 + n(0.01),
    memory: (t) => Math.min(512 * MI, 150 * MI + ((t % LEAK_PERIOD) / LEAK_PERIOD) * 362 * MI + n(2 * MI)),
    oomKills: 4,
  });
  for (const [i, node] of [
    ['mnbvc', 'node-2'],
    ['qwert', 'node-3'],
  ] as const)
    plans.push({
      namespace: 'shop',
      name: `steady-5b8c7d9f6-${i}`,
      node,
      owner: rsOwner('steady-5b8c7d9f6'),
      labels: { app: 'steady', 'pod-template-hash': '5b8c7d9f6' },
      container: 'api',
      requests: { cpu: '300m', memory: '512Mi' },
      limits: { memory: '768Mi' },
      cpu: (t) => 0.22 + 0.04 * daily(t) + n(0.01),
      memory: (t) => 400 * MI + 20 * MI * daily(t) + n(2 * MI),
    });
  plans.push({
    namespace: 'shop',
    name: 'busy-0',
    node: 'node-3',
    owner: { kind: 'StatefulSet', apiVersion: 'apps/v1', name: 'busy', uid: 'uid-sts-busy' },
    labels: { app: 'busy' },
    container: 'worker',
    requests: { cpu: '100m', memory: '256Mi' },
    limits: { memory: '512Mi' },
    cpu: () => 0.25 + n(0.02),
    memory: () => 200 * MI + n(5 * MI),
  });
  plans.push({
    namespace: 'shop',
    name: 'ghost-6f7d8c9b4-zzzzz',
    node: 'node-2',
    owner: rsOwner('ghost-6f7d8c9b4'),
    labels: { app: 'ghost', 'pod-template-hash': '6f7d8c9b4' },
    container: 'ghost',
    requests: { cpu: '50m', memory: '64Mi' },
    limits: { memory: '128Mi' },
  });
  for (const [i, node] of NODES.entries())
    plans.push({
      namespace: 'kube-system',
      name: `node-agent-${['a1b2c', 'd3e4f', 'g5h6i'][i]}`,
      node,
      owner: { kind: 'DaemonSet', apiVersion: 'apps/v1', name: 'node-agent', uid: 'uid-ds-node-agent' },
      labels: { app: 'node-agent' },
      container: 'agent',
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { memory: '256Mi' },
      cpu: () => 0.03 + n(0.005),
      memory: () => 90 * MI + n(3 * MI),
    });
  return plans;
}

function node(name: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-node-${name}`,
      creationTimestamp: CREATED,
      labels: { 'kubernetes.io/hostname': name, 'node.kubernetes.io/instance-type': NODE_TYPE },
    },
    status: {
      capacity: { cpu: '2', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '1900m', memory: '7Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastTransitionTime: CREATED }],
    },
  };
}

function deployment(name: string, replicas: number, rs: string): object[] {
  const labels = { app: name };
  const template = { metadata: { labels }, spec: { containers: [{ name, image: `example/${name}:1` }] } };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'shop', uid: `uid-deploy-${name}`, creationTimestamp: CREATED, labels },
      spec: { replicas, selector: { matchLabels: labels }, template },
      status: { replicas, readyReplicas: replicas, availableReplicas: replicas, updatedReplicas: replicas },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rs,
        namespace: 'shop',
        uid: `uid-rs-${rs}`,
        creationTimestamp: CREATED,
        labels,
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name, uid: `uid-deploy-${name}`, controller: true },
        ],
      },
      spec: { replicas, selector: { matchLabels: labels }, template },
      status: { replicas, readyReplicas: replicas },
    },
  ];
}

/** Simulator objects: nodes, workloads and their running pods with requests, limits and OOMKilled history. */
export function clusterObjects(end = Math.floor(Date.now() / 1000)): object[] {
  const lastKill = new Date(Math.floor(end / LEAK_PERIOD) * LEAK_PERIOD * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const objects: object[] = [
    ...NODES.map(node),
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    ...deployment('web-idle', 2, 'web-idle-6d5f7c8b9d'),
    ...deployment('leaky', 1, 'leaky-7c9f8d6b5'),
    ...deployment('steady', 2, 'steady-5b8c7d9f6'),
    ...deployment('ghost', 1, 'ghost-6f7d8c9b4'),
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'busy', namespace: 'shop', uid: 'uid-sts-busy', creationTimestamp: CREATED },
      spec: { replicas: 1, serviceName: 'busy', selector: { matchLabels: { app: 'busy' } }, template: {} },
      status: { replicas: 1, readyReplicas: 1 },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'node-agent', namespace: 'kube-system', uid: 'uid-ds-node-agent', creationTimestamp: CREATED },
      spec: { selector: { matchLabels: { app: 'node-agent' } }, template: {} },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3 },
    },
  ];
  for (const p of pods()) {
    const oom = p.oomKills
      ? {
          restartCount: p.oomKills,
          lastState: {
            terminated: {
              reason: 'OOMKilled',
              exitCode: 137,
              startedAt: CREATED,
              finishedAt: lastKill,
            },
          },
        }
      : { restartCount: 0, lastState: {} };
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: p.name,
        namespace: p.namespace,
        uid: `uid-pod-${p.name}`,
        creationTimestamp: CREATED,
        labels: p.labels,
        ownerReferences: [{ ...p.owner, controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        nodeName: p.node,
        containers: [
          {
            name: p.container,
            image: `example/${p.container}:1`,
            resources: { requests: p.requests, limits: p.limits },
          },
        ],
      },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [
          {
            name: p.container,
            ready: true,
            started: true,
            image: `example/${p.container}:1`,
            imageID: '',
            state: { running: { startedAt: p.oomKills ? lastKill : CREATED } },
            ...oom,
          },
        ],
      },
    });
  }
  return objects;
}

/** A week (ending `end`, unix seconds) of cAdvisor-style series every `interval` seconds. */
export function history(end: number, days = 7, interval = 120): Series[] {
  const start = end - days * DAY;
  const out: Series[] = [];
  for (const p of pods()) {
    const labels = {
      namespace: p.namespace,
      pod: p.name,
      container: p.container,
      node: p.node,
      job: 'kubelet',
      metrics_path: '/metrics/cadvisor',
    };
    if (p.cpu) {
      let total = 0;
      const samples: [number, number][] = [];
      for (let t = start; t <= end; t += interval) {
        total += Math.max(0, p.cpu(t)) * interval;
        samples.push([t, Number(total.toFixed(3))]);
      }
      out.push({ name: 'container_cpu_usage_seconds_total', labels, samples });
    }
    if (p.memory) {
      const samples: [number, number][] = [];
      for (let t = start; t <= end; t += interval) samples.push([t, Math.round(Math.max(0, p.memory(t)))]);
      out.push({ name: 'container_memory_working_set_bytes', labels, samples });
    }
  }
  return out;
}
