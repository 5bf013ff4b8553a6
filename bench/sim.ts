/**
 * `npm run bench:sim`: 10k generated pods served by the simulator in a child process (bench/sim-server.ts, so its
 * memory is its own), listed through @kubernetes/client-node with and without paging. Prints items/s and the
 * simulator's peak RSS (VmHWM).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';

const ROOT = join(__dirname, '..');
const PODS = Number(process.env.BENCH_PODS ?? 10000);
const NAMESPACES = 50;
const PAGE = 500;
const RUNS = 3;

function generatePods(count: number): object[] {
  const pods: object[] = [];
  for (let i = 0; i < count; i++) {
    const ns = `team-${String(i % NAMESPACES).padStart(2, '0')}`;
    const app = `app-${i % 97}`;
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${app}-${i.toString(36).padStart(5, '0')}`,
        namespace: ns,
        labels: { app, 'pod-template-hash': '5d8f7c9b6d', tier: i % 3 === 0 ? 'web' : 'worker' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: `${app}-5d8f7c9b6d`,
            uid: `00000000-0000-4000-8000-${String(i % 97).padStart(12, '0')}`,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        nodeName: `node-${i % 20}`,
        containers: [
          {
            name: 'main',
            image: `registry.example.com/${app}:1.${i % 10}.0`,
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
            env: [{ name: 'APP', value: app }],
          },
        ],
        restartPolicy: 'Always',
        serviceAccountName: 'default',
      },
      status: {
        phase: 'Running',
        podIP: `10.244.${(i >> 8) & 255}.${i & 255}`,
        hostIP: `10.0.0.${10 + (i % 20)}`,
        startTime: '2026-11-20T10:00:00Z',
        conditions: [
          { type: 'Ready', status: 'True', lastTransitionTime: '2026-11-20T10:00:05Z' },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-11-20T10:00:00Z' },
        ],
        containerStatuses: [
          {
            name: 'main',
            ready: true,
            started: true,
            restartCount: i % 4,
            image: `registry.example.com/${app}:1.${i % 10}.0`,
            state: { running: { startedAt: '2026-11-20T10:00:03Z' } },
          },
        ],
      },
    });
  }
  return pods;
}

function startChild(
  fixture: string,
  kubeconfig: string,
): Promise<{ child: ChildProcess; url: string; startMs: number; loadMs: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'sim-server.ts'), fixture, kubeconfig], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving (\S+) loaded in (\d+) ms/.exec(out);
      if (m) resolve({ child, url: m[1], startMs: Date.now() - started, loadMs: Number(m[2]) });
    });
    child.on('exit', (code) => reject(new Error(`simulator exited early (${code})`)));
  });
}

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function time(fn: () => Promise<number>): Promise<{ ms: number; items: number }> {
  const t0 = performance.now();
  const items = await fn();
  return { ms: performance.now() - t0, items };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sim-'));
  const fixture = join(dir, 'pods.json');
  const kubeconfig = join(dir, 'kubeconfig');
  const t0 = performance.now();
  writeFileSync(fixture, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: generatePods(PODS) }));
  const genMs = performance.now() - t0;
  const { child, startMs, loadMs } = await startChild(fixture, kubeconfig);
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    const full = async () => (await core.listPodForAllNamespaces()).items.length;
    const paged = async () => {
      let n = 0;
      let cont: string | undefined;
      do {
        const page = await core.listPodForAllNamespaces({ limit: PAGE, _continue: cont });
        n += page.items.length;
        cont = page.metadata?._continue;
      } while (cont);
      return n;
    };
    // the same list without client-node's per-field deserialisation: what the simulator itself costs
    const raw = async () => {
      const cluster = kc.getCurrentCluster();
      const body = (await (await fetch(`${cluster?.server}/api/v1/pods`)).json()) as { items: unknown[] };
      return body.items.length;
    };
    const oneNamespace = async () => (await core.listNamespacedPod({ namespace: 'team-07' })).items.length;
    const selected = async () =>
      (await core.listPodForAllNamespaces({ labelSelector: 'tier=web', fieldSelector: 'spec.nodeName=node-3' })).items
        .length;
    const rows: [string, { ms: number; items: number }][] = [];
    for (const [label, fn] of [
      ['list all (no paging)', full],
      [`list all (limit ${PAGE})`, paged],
      ['list all, plain fetch + JSON.parse', raw],
      ['list one namespace', oneNamespace],
      ['list with label+field selector', selected],
    ] as const) {
      const samples: { ms: number; items: number }[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await time(fn));
      samples.sort((a, b) => a.ms - b.ms);
      rows.push([label, samples[Math.floor(samples.length / 2)]]);
    }
    const rss = peakRssMiB(child.pid ?? 0);
    const pad = (s: string, n: number) => s.padEnd(n);
    console.log(
      `simulator benchmark: ${PODS} pods in ${NAMESPACES} namespaces (generate ${genMs.toFixed(0)} ms; simulator process up in ${startMs} ms, of which reading+loading fixtures ${loadMs} ms)`,
    );
    console.log(`${pad('operation', 38)}${pad('items', 8)}${pad('median ms', 12)}items/s`);
    for (const [label, r] of rows) {
      console.log(
        `${pad(label, 38)}${pad(String(r.items), 8)}${pad(r.ms.toFixed(1), 12)}${Math.round((r.items / r.ms) * 1000)}`,
      );
    }
    console.log(`simulator peak RSS (VmHWM): ${rss.toFixed(1)} MiB`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
