/**
 * `npm run bench:diagnose`: a generated cluster (10k pods, 2k Deployments and their ReplicaSets, 20k events, 5% of the
 * Deployments broken) served by the simulator in a child process (`startSimulator({ objects })`, so its memory is its
 * own). This process then
 *   1. lists every kind the analyzers read, paged, with nothing else (the floor a diagnosis cannot beat),
 *   2. runs the full `diagnose()` (collect + metrics + logs of failing pods + analyzers + fold + score),
 * interleaved RUNS times, and prints both times (median), their ratio, and its own peak RSS in each.
 * The measuring process runs compiled JavaScript under plain Node, as a user's `kube-aiops diagnose` does: this file
 * is bundled with esbuild (npm packages left to Node) and run with `--measure`. Under tsx, the TypeScript loader's own
 * copy of client-node's modules and the names it wraps around closures add about 80 MiB and some time that no
 * user pays (BENCH_TSX=1 measures under tsx all the same). The simulator child still runs this file under tsx.
 * Sizes: BENCH_PODS (default 10000; Deployments = pods / 5, events = pods * 2), BENCH_RUNS (default 3).
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the measuring process there; BENCH_NODE_FLAGS adds node flags to
 * it (what-ifs such as "--max-semi-space-size=64": the figures of record use none, as the CLI's bin does).
 * Besides wall and CPU time, each run's GC pauses on the main thread are summed (perf_hooks 'gc' entries).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { leanClientNode } from '../cli/lean-client-node';
import { ALL_LISTS, diagnose, type DiagnosisResult } from '../lib/diagnose';
import { connectionOf } from '../lib/diagnose/collect';
import { read } from '../lib/kube/retry';
import { median } from './stats';

/** This file's TypeScript source: the simulator child runs it under tsx, also from the compiled bundle. */
const SOURCE = process.env.BENCH_DIAGNOSE_SOURCE ?? __filename;

const PODS = Number(process.env.BENCH_PODS ?? 10000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PER_DEPLOYMENT = 5;
const DEPLOYMENTS = Math.round(PODS / PER_DEPLOYMENT);
const EVENTS = PODS * 2;
const BROKEN_SHARE = 0.05;
const NAMESPACES = 50;
const NODES = 20;
const PAGE = 500;
const CONCURRENCY = 5;
const NOW = '2026-11-24T06:00:00Z';
const STARTED = '2026-11-20T10:00:00Z';

// ---------------------------------------------------------------------------------------------------------------
// The synthetic cluster (built in the child)

type Broken = 'image' | 'oom' | 'unschedulable' | undefined;
type Obj = { kind: string; [field: string]: unknown };

function uid(kind: number, i: number): string {
  return `00000000-0000-4000-${String(8000 + kind)}-${String(i).padStart(12, '0')}`;
}

function hash(i: number): string {
  return (0x5d8f7c9b6 + i * 7919).toString(16).slice(-10);
}

function brokenKind(d: number): Broken {
  // every 20th Deployment (5%) is broken, rotating through three causes
  if (d % Math.round(1 / BROKEN_SHARE) !== 7) return undefined;
  return (['image', 'oom', 'unschedulable'] as const)[Math.floor(d / 20) % 3];
}

function container(app: string, broken: Broken): object {
  return {
    name: 'main',
    image: broken === 'image' ? `registry.example.com/${app}:lastest` : `registry.example.com/${app}:1.4.2`,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ containerPort: 8080, protocol: 'TCP', name: 'http' }],
    readinessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 10 },
    resources: {
      requests: { cpu: broken === 'unschedulable' ? '64' : '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    },
    env: [{ name: 'APP', value: app }],
  };
}

function containerStatus(app: string, broken: Broken, i: number): object | undefined {
  const image = broken === 'image' ? `registry.example.com/${app}:lastest` : `registry.example.com/${app}:1.4.2`;
  if (broken === 'unschedulable') return undefined;
  if (broken === 'image') {
    return {
      name: 'main',
      ready: false,
      started: false,
      restartCount: 0,
      image,
      imageID: '',
      state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } },
      lastState: {},
    };
  }
  if (broken === 'oom') {
    return {
      name: 'main',
      ready: false,
      started: false,
      restartCount: 7,
      image,
      imageID: `${image}@sha256:${'a'.repeat(64)}`,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=main' } },
      lastState: {
        terminated: {
          reason: 'OOMKilled',
          exitCode: 137,
          startedAt: '2026-11-24T05:51:52Z',
          finishedAt: '2026-11-24T05:56:58Z',
        },
      },
    };
  }
  return {
    name: 'main',
    ready: true,
    started: true,
    restartCount: i % 3,
    image,
    imageID: `${image}@sha256:${'b'.repeat(64)}`,
    state: { running: { startedAt: STARTED } },
    lastState: {},
  };
}

function event(
  i: number,
  ns: string,
  pod: string,
  podUid: string,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  count = 1,
): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${pod}.17f${i.toString(16).padStart(13, '0')}`, namespace: ns },
    involvedObject: {
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: ns,
      name: pod,
      uid: podUid,
      fieldPath: 'spec.containers{main}',
    },
    reason,
    message,
    type,
    count,
    firstTimestamp: reason === 'Scheduled' ? STARTED : '2026-11-24T05:20:00Z',
    lastTimestamp: type === 'Warning' ? '2026-11-24T05:59:00Z' : STARTED,
    source: { component: 'kubelet', host: 'node-0' },
    reportingComponent: 'kubelet',
  };
}

export function generateCluster(): { objects: object[]; broken: number; counts: Record<string, number> } {
  const objects: object[] = [];
  const counts: Record<string, number> = {};
  const push = (o: Obj) => {
    objects.push(o);
    counts[o.kind] = (counts[o.kind] ?? 0) + 1;
  };
  for (let n = 0; n < NAMESPACES; n++)
    push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `team-${String(n).padStart(2, '0')}` },
      status: { phase: 'Active' },
    });
  for (let n = 0; n < NODES; n++) {
    push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `node-${n}`, labels: { 'kubernetes.io/hostname': `node-${n}`, 'kubernetes.io/os': 'linux' } },
      spec: { podCIDR: `10.244.${n}.0/24` },
      status: {
        capacity: { cpu: '32', memory: '128Gi', pods: '1000' },
        allocatable: { cpu: '31800m', memory: '125Gi', pods: '1000' },
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            lastTransitionTime: STARTED,
            lastHeartbeatTime: NOW,
          },
          {
            type: 'MemoryPressure',
            status: 'False',
            reason: 'KubeletHasSufficientMemory',
            lastTransitionTime: STARTED,
            lastHeartbeatTime: NOW,
          },
          {
            type: 'DiskPressure',
            status: 'False',
            reason: 'KubeletHasNoDiskPressure',
            lastTransitionTime: STARTED,
            lastHeartbeatTime: NOW,
          },
        ],
        addresses: [{ type: 'InternalIP', address: `10.0.${n >> 8}.${n & 255}` }],
        nodeInfo: { kubeletVersion: 'v1.30.6', containerRuntimeVersion: 'containerd://1.7.22' },
      },
    });
  }

  let pod = 0;
  let ev = 0;
  let broken = 0;
  for (let d = 0; d < DEPLOYMENTS; d++) {
    const ns = `team-${String(d % NAMESPACES).padStart(2, '0')}`;
    const app = `svc-${d}`;
    const kind = brokenKind(d);
    if (kind) broken++;
    const h = hash(d);
    const rsName = `${app}-${h}`;
    const labels = { app };
    const ready = kind ? 0 : PER_DEPLOYMENT;
    push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: app,
        namespace: ns,
        uid: uid(1, d),
        labels,
        generation: 1,
        annotations: { 'deployment.kubernetes.io/revision': '1' },
        creationTimestamp: STARTED,
      },
      spec: {
        replicas: PER_DEPLOYMENT,
        progressDeadlineSeconds: 600,
        selector: { matchLabels: labels },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: { metadata: { labels }, spec: { containers: [container(app, kind)], restartPolicy: 'Always' } },
      },
      status: {
        observedGeneration: 1,
        replicas: PER_DEPLOYMENT,
        updatedReplicas: PER_DEPLOYMENT,
        readyReplicas: ready,
        availableReplicas: ready,
        ...(kind ? { unavailableReplicas: PER_DEPLOYMENT } : {}),
        conditions: kind
          ? [
              {
                type: 'Available',
                status: 'False',
                reason: 'MinimumReplicasUnavailable',
                message: 'Deployment does not have minimum availability.',
                lastTransitionTime: STARTED,
                lastUpdateTime: STARTED,
              },
              {
                type: 'Progressing',
                status: 'False',
                reason: 'ProgressDeadlineExceeded',
                message: `ReplicaSet "${rsName}" has timed out progressing.`,
                lastTransitionTime: STARTED,
                lastUpdateTime: STARTED,
              },
            ]
          : [
              {
                type: 'Available',
                status: 'True',
                reason: 'MinimumReplicasAvailable',
                message: 'Deployment has minimum availability.',
                lastTransitionTime: STARTED,
                lastUpdateTime: STARTED,
              },
              {
                type: 'Progressing',
                status: 'True',
                reason: 'NewReplicaSetAvailable',
                message: `ReplicaSet "${rsName}" has successfully progressed.`,
                lastTransitionTime: STARTED,
                lastUpdateTime: STARTED,
              },
            ],
      },
    });
    const rsLabels = { app, 'pod-template-hash': h };
    push({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace: ns,
        uid: uid(2, d),
        labels: rsLabels,
        creationTimestamp: STARTED,
        annotations: {
          'deployment.kubernetes.io/revision': '1',
          'deployment.kubernetes.io/desired-replicas': String(PER_DEPLOYMENT),
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: app,
            uid: uid(1, d),
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas: PER_DEPLOYMENT,
        selector: { matchLabels: rsLabels },
        template: { metadata: { labels: rsLabels }, spec: { containers: [container(app, kind)] } },
      },
      status: {
        replicas: PER_DEPLOYMENT,
        fullyLabeledReplicas: PER_DEPLOYMENT,
        readyReplicas: ready,
        availableReplicas: ready,
        observedGeneration: 1,
      },
    });
    for (let r = 0; r < PER_DEPLOYMENT; r++, pod++) {
      const name = `${rsName}-${pod.toString(36).padStart(5, '0')}`;
      const podUid = uid(3, pod);
      const node = kind === 'unschedulable' ? undefined : `node-${pod % NODES}`;
      const cs = containerStatus(app, kind, pod);
      const notReady = kind !== undefined;
      push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: ns,
          uid: podUid,
          labels: rsLabels,
          creationTimestamp: STARTED,
          generateName: `${rsName}-`,
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: rsName,
              uid: uid(2, d),
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
          ...(kind === 'oom'
            ? {
                annotations: {
                  'sim.kube-aiops.io/previous-logs-main': `${STARTED} starting ${app}\n${STARTED} memory rssMB=251 slow GC`,
                },
              }
            : {}),
        },
        spec: {
          ...(node ? { nodeName: node } : {}),
          containers: [container(app, kind)],
          restartPolicy: 'Always',
          serviceAccountName: 'default',
          schedulerName: 'default-scheduler',
        },
        status: {
          phase: kind === 'oom' ? 'Running' : kind ? 'Pending' : 'Running',
          qosClass: 'Burstable',
          startTime: STARTED,
          ...(node
            ? { hostIP: `10.0.0.${pod % NODES}`, podIP: `10.${64 + (pod >> 16)}.${(pod >> 8) & 255}.${pod & 255}` }
            : {}),
          conditions:
            kind === 'unschedulable'
              ? [
                  {
                    type: 'PodScheduled',
                    status: 'False',
                    reason: 'Unschedulable',
                    message: `0/${NODES} nodes are available: ${NODES} Insufficient cpu. preemption: 0/${NODES} nodes are available: ${NODES} No preemption victims found for incoming pod.`,
                    lastTransitionTime: STARTED,
                  },
                ]
              : [
                  { type: 'PodScheduled', status: 'True', lastTransitionTime: STARTED },
                  { type: 'Initialized', status: 'True', lastTransitionTime: STARTED },
                  { type: 'ContainersReady', status: notReady ? 'False' : 'True', lastTransitionTime: STARTED },
                  {
                    type: 'Ready',
                    status: notReady ? 'False' : 'True',
                    lastTransitionTime: STARTED,
                    ...(notReady
                      ? { reason: 'ContainersNotReady', message: 'containers with unready status: [main]' }
                      : {}),
                  },
                ],
          ...(cs ? { containerStatuses: [cs] } : {}),
        },
      });
      // two events per pod: what a healthy start leaves, or the two warnings a broken pod keeps producing
      if (kind === 'image') {
        push(
          event(
            ev++,
            ns,
            name,
            podUid,
            'Warning',
            'Failed',
            `Failed to pull image "registry.example.com/${app}:lastest": rpc error: code = NotFound desc = failed to pull and unpack image: not found`,
            12,
          ),
        );
        push(event(ev++, ns, name, podUid, 'Warning', 'Failed', 'Error: ImagePullBackOff', 40));
      } else if (kind === 'oom') {
        push(
          event(
            ev++,
            ns,
            name,
            podUid,
            'Warning',
            'BackOff',
            `Back-off restarting failed container main in pod ${name}_${ns}(${podUid})`,
            38,
          ),
        );
        push(
          event(
            ev++,
            ns,
            name,
            podUid,
            'Normal',
            'Pulled',
            `Container image "registry.example.com/${app}:1.4.2" already present on machine`,
            7,
          ),
        );
      } else if (kind === 'unschedulable') {
        push(
          event(
            ev++,
            ns,
            name,
            podUid,
            'Warning',
            'FailedScheduling',
            `0/${NODES} nodes are available: ${NODES} Insufficient cpu.`,
            20,
          ),
        );
        push(
          event(
            ev++,
            ns,
            name,
            podUid,
            'Warning',
            'FailedScheduling',
            `0/${NODES} nodes are available: ${NODES} Insufficient cpu.`,
            3,
          ),
        );
      } else {
        push(
          event(
            ev++,
            ns,
            name,
            podUid,
            'Normal',
            'Pulled',
            `Container image "registry.example.com/${app}:1.4.2" already present on machine`,
          ),
        );
        push(event(ev++, ns, name, podUid, 'Normal', 'Started', 'Started container main'));
      }
    }
  }
  while (ev < EVENTS)
    push(event(ev++, 'team-00', 'gone-pod', uid(9, ev), 'Normal', 'Killing', 'Stopping container main'));
  return { objects, broken, counts };
}

// ---------------------------------------------------------------------------------------------------------------
// Child: serve the cluster

async function serve(): Promise<void> {
  const t0 = performance.now();
  const { objects, broken, counts } = generateCluster();
  const genMs = performance.now() - t0;
  // loaded here, not at the top: the measuring process never needs the simulator
  const { startSimulator } = require('../sim/index') as typeof import('../sim/index');
  const sim = await startSimulator({ objects });
  process.stdout.write(
    `${JSON.stringify({ kubeconfig: sim.kubeconfig, broken, counts, genMs, loadMs: performance.now() - t0 - genMs })}\n`,
  );
  process.once('SIGTERM', () => void sim.close().then(() => process.exit(0)));
}

interface Served {
  child: ChildProcess;
  kubeconfig: string;
  broken: number;
  counts: Record<string, number>;
  genMs: number;
  loadMs: number;
}

function startChild(): Promise<Served> {
  const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', SOURCE, '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ child, ...(JSON.parse(out.slice(0, nl)) as Omit<Served, 'child'>) });
    });
    child.on('exit', (code) => reject(new Error(`simulator exited early (${code})`)));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Parent: measure

/** The API paths of the lists collect.ts reads (ALL_LISTS), for the bare listing. */
const PATHS: Record<(typeof ALL_LISTS)[number], string> = {
  namespaces: '/api/v1/namespaces',
  pods: '/api/v1/pods',
  events: '/api/v1/events',
  deployments: '/apis/apps/v1/deployments',
  replicaSets: '/apis/apps/v1/replicasets',
  statefulSets: '/apis/apps/v1/statefulsets',
  daemonSets: '/apis/apps/v1/daemonsets',
  jobs: '/apis/batch/v1/jobs',
  cronJobs: '/apis/batch/v1/cronjobs',
  services: '/api/v1/services',
  endpoints: '/api/v1/endpoints',
  ingresses: '/apis/networking.k8s.io/v1/ingresses',
  ingressClasses: '/apis/networking.k8s.io/v1/ingressclasses',
  networkPolicies: '/apis/networking.k8s.io/v1/networkpolicies',
  pvcs: '/api/v1/persistentvolumeclaims',
  pvs: '/api/v1/persistentvolumes',
  storageClasses: '/apis/storage.k8s.io/v1/storageclasses',
  configMaps: '/api/v1/configmaps',
  secrets: '/api/v1/secrets',
  serviceAccounts: '/api/v1/serviceaccounts',
  hpas: '/apis/autoscaling/v2/horizontalpodautoscalers',
  pdbs: '/apis/policy/v1/poddisruptionbudgets',
  resourceQuotas: '/api/v1/resourcequotas',
  nodes: '/api/v1/nodes',
  validatingWebhooks: '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations',
  mutatingWebhooks: '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations',
  apiServices: '/apis/apiregistration.k8s.io/v1/apiservices',
};

/** Every list, paged (limit 500), CONCURRENCY in flight, and nothing done with the items: the floor. */
async function bareList(kc: KubeConfig): Promise<{ items: number; pages: number }> {
  const conn = connectionOf(kc);
  const queue = [...ALL_LISTS];
  let items = 0;
  let pages = 0;
  const worker = async () => {
    for (let list = queue.shift(); list; list = queue.shift()) {
      let token: string | undefined;
      do {
        const res = await read<{ items?: unknown[]; metadata?: { continue?: string } }>(conn, {
          path: PATHS[list],
          query: { limit: PAGE, continue: token },
        });
        items += res.body.items?.length ?? 0;
        pages++;
        token = res.body.metadata?.continue || undefined;
      } while (token);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { items, pages };
}

function status(field: 'VmHWM' | 'VmRSS'): number {
  const kb = Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
  return kb / 1024;
}

/** Resets VmHWM to the current RSS (Linux: write 5 to clear_refs), so the peak measured is the diagnosis's own. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

interface Timing {
  ms: number[];
  /** CPU time of this process (all its threads: JS, GC, I/O), which other load on the machine disturbs less */
  cpuMs: number[];
  /** VmHWM of each run, reset before it (Linux), MiB */
  peakMiB: number[];
  /** each run's [start, end] on performance.now(), to sum the GC pauses that fell in it */
  spans: [number, number][];
}

/** Every GC pause of this process (startTime, duration): entries arrive after the fact, so they are summed at the end. */
const gcPauses: [number, number][] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push([e.startTime, e.duration]);
}).observe({ entryTypes: ['gc'] });

const gcMs = (t: Timing): number[] =>
  t.spans.map(([from, to]) => gcPauses.reduce((sum, [at, d]) => (at >= from && at < to ? sum + d : sum), 0));

/**
 * One timed run of `fn`: wall time and this process's peak RSS during it (VmHWM reset before, after a full GC, so
 * each run's peak is its own and not the previous run's garbage).
 */
async function timedRun<T>(timing: Timing, fn: () => Promise<T>): Promise<T> {
  (globalThis as { gc?: () => void }).gc?.();
  resetPeak();
  const cpu = process.cpuUsage();
  const t = performance.now();
  const out = await fn();
  const end = performance.now();
  timing.ms.push(end - t);
  timing.spans.push([t, end]);
  const used = process.cpuUsage(cpu);
  timing.cpuMs.push((used.user + used.system) / 1000);
  timing.peakMiB.push(status('VmHWM'));
  return out;
}

const ms = (xs: number[]) => xs.map((m) => m.toFixed(0)).join(', ');

async function main(): Promise<void> {
  // as the CLI does before anything loads client-node (narrows what its KubeConfig module loads, where Node can)
  leanClientNode();
  const { KubeConfig } =
    require('@kubernetes/client-node/dist/config.js') as typeof import('@kubernetes/client-node/dist/config.js');
  const served = await startChild();
  try {
    const kc: KubeConfig = new KubeConfig();
    kc.loadFromString(served.kubeconfig);
    const list: Timing = { ms: [], cpuMs: [], peakMiB: [], spans: [] };
    const diag: Timing = { ms: [], cpuMs: [], peakMiB: [], spans: [] };
    const collectMs: number[] = [];
    let listed = { items: 0, pages: 0 };
    let result: DiagnosisResult | undefined;
    // interleaved, so both see the same machine load (other processes share the CPU)
    for (let i = 0; i < RUNS; i++) {
      listed = await timedRun(list, () => bareList(kc));
      result = undefined;
      result = await timedRun(diag, () => diagnose(kc));
      collectMs.push(result.stats['ms.collect'] ?? 0);
    }
    const r = result as DiagnosisResult;
    const c = served.counts;
    const analysis = median(diag.ms.map((m, i) => m - collectMs[i]));
    const peakNote = resetPeak() ? 'VmHWM reset before each run' : 'VmHWM since start: includes everything before';
    console.log(
      `diagnose benchmark: ${c.Pod} pods, ${c.Deployment} Deployments + ${c.ReplicaSet} ReplicaSets, ${c.Event} events, ${c.Namespace} namespaces, ${c.Node} nodes; ` +
        `${served.broken} Deployments broken (${((served.broken / c.Deployment) * 100).toFixed(0)}%)`,
    );
    console.log(
      `simulator (child process): generate ${served.genMs.toFixed(0)} ms, load ${served.loadMs.toFixed(0)} ms`,
    );
    console.log(
      `bare list of the ${ALL_LISTS.length} kinds the analyzers read (limit ${PAGE}, ${CONCURRENCY} in flight): ${listed.items} items, ${listed.pages} pages, median ${median(list.ms).toFixed(0)} ms of ${RUNS} (runs: ${ms(list.ms)} ms)`,
    );
    console.log(
      `full diagnose (collect + metrics + logs + analyzers + score): median ${median(diag.ms).toFixed(0)} ms of ${RUNS} (runs: ${ms(diag.ms)} ms)`,
    );
    console.log(`ratio diagnose / bare list: ${(median(diag.ms) / median(list.ms)).toFixed(2)}x`);
    console.log(
      `  CPU of this process: bare list median ${median(list.cpuMs).toFixed(0)} ms, diagnose median ${median(diag.cpuMs).toFixed(0)} ms (${(median(diag.cpuMs) / median(list.cpuMs)).toFixed(2)}x); load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${availableParallelism()} CPUs`,
    );
    // the observer's last entries arrive on a later turn of the event loop
    await new Promise((resolve) => setTimeout(resolve, 50));
    console.log(
      `  GC pauses (main thread) in them: bare list median ${median(gcMs(list)).toFixed(0)} ms, diagnose median ${median(gcMs(diag)).toFixed(0)} ms`,
    );
    console.log(
      `  of which: collect median ${median(collectMs).toFixed(0)} ms (${r.stats.pages} pages, ${r.stats['logs.fetched'] ?? 0} logs), analysis + fold + score median ${analysis.toFixed(0)} ms`,
    );
    console.log(
      `  result: score ${r.score}, ${r.findings.length} findings (${r.findings.filter((f) => f.severity === 'critical').length} critical), standing for ${r.findings.reduce((n, f) => n + (f.count ?? 1), 0)} objects`,
    );
    console.log(
      `peak RSS of this process: diagnosing ${Math.max(...diag.peakMiB).toFixed(0)} MiB (runs: ${ms(diag.peakMiB)}), bare listing ${Math.max(...list.peakMiB).toFixed(0)} MiB (${peakNote})`,
    );
  } finally {
    served.child.kill('SIGTERM');
    await new Promise((resolve) => served.child.once('exit', resolve));
  }
}

if (require.main !== module) {
  // imported (tests, tools): generateCluster only
} else if (process.argv.includes('--serve')) {
  serve().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
} else if (process.argv.includes('--measure') || process.env.BENCH_TSX === '1') {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
} else {
  measureCompiled().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}

/** Bundles this file (npm packages stay external, resolved from node_modules) and runs the bundle to measure. */
async function measureCompiled(): Promise<number> {
  const { build } = require('esbuild') as typeof import('esbuild');
  const cache = join(__dirname, '..', 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  // inside node_modules, so that the bundle's require() of npm packages resolves as the sources' does
  const dir = mkdtempSync(join(cache, 'bench-diagnose-'));
  try {
    const outfile = join(dir, 'diagnose.cjs');
    await build({
      entryPoints: [__filename],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: `node${process.versions.node.split('.')[0]}`,
      packages: 'external',
      logLevel: 'warning',
    });
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the measuring process, for finding where the time over the floor goes
    const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
    const child = spawn(process.execPath, ['--expose-gc', ...flags, ...prof, outfile, '--measure'], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_DIAGNOSE_SOURCE: __filename },
    });
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
