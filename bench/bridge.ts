/**
 * `npm run bench:bridge`: our MCP bridge and kubernetes-mcp-server (the Go peer, npm devDependency) side by side,
 * each in its own process against one simulator process (demo scenarios + generated pods in namespace `bench`).
 * Both speak Streamable HTTP; 50 concurrent SDK client sessions ask "list pods in a namespace" and "get one pod".
 * Prints calls/s, p50/p99 latency, server RSS, and the bytes each server answers with for the same question, as
 * ratios ours/theirs; then the bytes of our `diagnose` for a broken workload against the peer reads that show the
 * same evidence. Env: BENCH_SESSIONS (50), BENCH_PODS (300), BENCH_CALLS (calls per session and phase, 10),
 * BENCH_ROUNDS (single-session rounds, 6), BENCH_TRACE=1 to print each single-session block, BENCH_TSX=1 to run
 * our bridge from source through tsx instead of compiled JavaScript; BENCH_NODE_ARGS replaces the node flags our bridge runs with (default: the image's
 * node flags from deploy/Dockerfile's ENTRYPOINT; e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile), BENCH_PEER=0 measures
 * ours only, BENCH_METRICS=1 prints our heap spaces after warm-up, BENCH_SNAPSHOT=1 signals SIGUSR2 then (with
 * --heapsnapshot-signal=SIGUSR2 in BENCH_NODE_ARGS, a heap snapshot of the warmed-up sessions). BENCH_READ_CACHE=1 keeps the bridge's default read cache (off in the bench by default).
 * The last lines compare the figures with the targets of issue 12, point 8.
 *
 * Our bridge runs compiled (tsc into test-output/bench-build, the way the package ships: under tsx, loading
 * @kubernetes/client-node alone costs ~55 MiB more RSS, which would measure the loader, not the bridge), on the
 * image's Node major (deploy/Dockerfile NODE_IMAGE, from the toolchain cache; BENCH_OURS_NODE=host: this Node).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ensureNode, NODE22_VERSION, NODE24_VERSION } from '../scripts/toolchain';

const ROOT = join(__dirname, '..');
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 50);
const PODS = Number(process.env.BENCH_PODS ?? 300);
const CALLS = Number(process.env.BENCH_CALLS ?? 10);
const NS = 'bench';
const ALONE = 8;
/** rounds of ALONE single-session calls per question and server */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
/** BENCH_TRACE=1 prints every single-session block's latencies, in call order */
const TRACE = process.env.BENCH_TRACE === '1';
const BROKEN_POD = 'app-xyz-5969b7fffc-7ndjr';
const BUILD = join(ROOT, 'test-output', 'bench-build');

/** tsc emits even when files outside the bridge's import graph have type errors: the bench only needs the bridge's. */
function compile(): string {
  const entry = join(BUILD, 'cli', 'index.js');
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--outDir',
      BUILD,
      '--declaration',
      'false',
      '--sourceMap',
      'false',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (!existsSync(entry)) throw new Error(`tsc produced no ${entry}:\n${r.stdout}${r.stderr}`);
  return entry;
}

/**
 * The Node the image runs the bridge on (deploy/Dockerfile's NODE_IMAGE major), from the toolchain cache, so the
 * figures are the shipped bridge's: Node majors differ in heap sizing and in whether client-node's generated API
 * can be left unloaded (synchronous module hooks, Node ≥ 22.15). BENCH_OURS_NODE=host keeps this process's Node.
 */
function imageNode(): string {
  const major = /^ARG NODE_IMAGE=node:(\d+)/m.exec(readFileSync(join(ROOT, 'deploy', 'Dockerfile'), 'utf8'))?.[1];
  const version = { '22': NODE22_VERSION, '24': NODE24_VERSION }[major ?? ''];
  if (process.env.BENCH_OURS_NODE === 'host' || !version || process.versions.node === version) return process.execPath;
  return ensureNode(version);
}

/** The flags between `node` and the script in deploy/Dockerfile's ENTRYPOINT. */
function imageNodeFlags(): string[] {
  const line = /^ENTRYPOINT (\[.*\])$/m.exec(readFileSync(join(ROOT, 'deploy', 'Dockerfile'), 'utf8'))?.[1];
  const argv = line ? (JSON.parse(line) as string[]) : [];
  return argv.slice(1).filter((a) => a.startsWith('--'));
}

/** One server under test: how to ask each question in its own tool vocabulary. */
interface Server {
  name: string;
  url: string;
  pid: number;
  listPods(namespace: string): [string, Record<string, unknown>];
  getPod(namespace: string, name: string): [string, Record<string, unknown>];
}

function generatePods(count: number): object[] {
  const objects: object[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS }, status: { phase: 'Active' } },
  ];
  for (let i = 0; i < count; i++) {
    const app = `svc-${i % 23}`;
    const image = `registry.example.com/${app}:1.${i % 10}.0`;
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${app}-7c9b6d5f8-${i.toString(36).padStart(5, '0')}`,
        namespace: NS,
        uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        creationTimestamp: '2026-11-20T10:00:00Z',
        labels: { app, 'pod-template-hash': '7c9b6d5f8' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: `${app}-7c9b6d5f8`,
            uid: `10000000-0000-4000-8000-${String(i % 23).padStart(12, '0')}`,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        nodeName: `node-${1 + (i % 3)}`,
        containers: [
          {
            name: 'main',
            image,
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
        podIP: `10.244.${3 + ((i >> 8) & 255)}.${i & 255}`,
        hostIP: `10.0.0.${11 + (i % 3)}`,
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
            image,
            imageID: `${image}@sha256:${'ab'.repeat(32)}`,
            state: { running: { startedAt: '2026-11-20T10:00:03Z' } },
          },
        ],
      },
    });
  }
  return objects;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Starts a child and resolves once `ready` matches its output (stdout or stderr). */
function startChild(
  label: string,
  cmd: string,
  args: string[],
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`${label} did not start within 90 s:\n${out.slice(-2000)}`)),
      90_000,
    );
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited early (${code}):\n${out.slice(-2000)}`));
    });
  });
}

const rssMiB = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: 'kube-aiops-bench', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

async function call(client: Client, [name, args]: [string, Record<string, unknown>]): Promise<CallToolResult> {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (r.isError) throw new Error(`${name} failed: ${JSON.stringify(r.content).slice(0, 300)}`);
  return r;
}

const textBytes = (r: CallToolResult) =>
  Buffer.byteLength(r.content.map((c) => (c.type === 'text' ? c.text : '')).join(''));
const resultBytes = (r: CallToolResult) => Buffer.byteLength(JSON.stringify(r));
const textOf = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

interface Phase {
  calls: number;
  perSec: number;
  p50: number;
  p99: number;
  errors: number;
}

/** SESSIONS clients, each calling `question` CALLS times in a row; all sessions at once. */
async function load(
  clients: Client[],
  question: () => [string, Record<string, unknown>],
  calls = CALLS,
): Promise<Phase> {
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < calls; i++) {
        const s = performance.now();
        try {
          await call(c, question());
          latencies.push(performance.now() - s);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const wall = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  return {
    calls: latencies.length,
    perSec: (latencies.length / wall) * 1000,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    errors,
  };
}

interface Figures {
  list: Phase;
  get: Phase;
  rssIdle: number;
  rssPeak: number;
  bytes: Record<string, { text: number; result: number }>;
}

async function measure(server: Server, podNames: string[]): Promise<Figures> {
  const clients = await Promise.all(Array.from({ length: SESSIONS }, () => connect(server.url)));
  try {
    // warm-up: discovery caches, JIT, connection pools
    await Promise.all(clients.map((c) => call(c, server.listPods('shop'))));
    const rssIdle = rssMiB(server.pid, 'VmRSS');
    if (process.env.BENCH_METRICS === '1' && server.name === 'ours') {
      const text = await (await fetch(server.url.replace(/\/mcp$/, '/metrics'))).text();
      console.log(
        text
          .split('\n')
          .filter((l) => /heap_space_size|heap_size|external|rss/.test(l) && !l.startsWith('#'))
          .join('\n'),
      );
    }
    if (process.env.BENCH_SNAPSHOT === '1' && server.name === 'ours') {
      // with BENCH_NODE_ARGS=--heapsnapshot-signal=SIGUSR2: what the warmed-up sessions hold
      process.kill(server.pid, 'SIGUSR2');
      await new Promise((r) => setTimeout(r, 20_000));
    }
    const list = await load(clients, () => server.listPods(NS));
    let n = 0;
    const get = await load(clients, () => server.getPod(NS, podNames[n++ % podNames.length]));
    const rssPeak = rssMiB(server.pid, 'VmHWM');
    const bytes: Figures['bytes'] = {};
    for (const [label, q] of [
      [`list pods in ${NS} (${PODS} pods)`, server.listPods(NS)],
      ['list pods in shop (3 pods)', server.listPods('shop')],
      [`get pod shop/${BROKEN_POD}`, server.getPod('shop', BROKEN_POD)],
    ] as const) {
      const r = await call(clients[0], q);
      bytes[label] = { text: textBytes(r), result: resultBytes(r) };
    }
    return { list, get, rssIdle, rssPeak, bytes };
  } finally {
    await Promise.allSettled(clients.map((c) => c.close()));
  }
}

interface Alone {
  list: Phase;
  get: Phase;
}

/**
 * One session per server, a few calls in a row: per-call cost without queueing. The servers take turns call by
 * call, each asked the same question and each first in turn, so that both meet the same simulator (warm, or cold
 * after the pause) and the same load from other processes; before this, each server ran a block of its own, and
 * ours, always first after the pause, paid alone for waking the simulator. The pause between blocks lets
 * client-go's token bucket (5/s, burst 10) refill, so the peer runs unthrottled.
 */
async function measureAlone(servers: Server[], podNames: string[]): Promise<Alone[]> {
  const clients = await Promise.all(servers.map((s) => connect(s.url)));
  const lists: number[][] = servers.map(() => []);
  const gets: number[][] = servers.map(() => []);
  let n = 0;
  try {
    for (const [i, c] of clients.entries()) await call(c, servers[i].getPod(NS, podNames[0]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [latencies, question] of [
        [lists, (s: Server) => s.listPods(NS)],
        [gets, (s: Server, pod: string) => s.getPod(NS, pod)],
      ] as const) {
        await new Promise((r) => setTimeout(r, 2000));
        const blocks: number[][] = servers.map(() => []);
        for (let k = 0; k < ALONE; k++) {
          const pod = podNames[n++ % podNames.length];
          // who goes first alternates, so neither server always meets the simulator just woken from the pause
          for (let j = 0; j < clients.length; j++) {
            const i = (j + round + k) % clients.length;
            const t = performance.now();
            await call(clients[i], question(servers[i], pod));
            blocks[i].push(performance.now() - t);
          }
        }
        for (const [i, block] of blocks.entries()) {
          latencies[i].push(...block);
          if (TRACE) console.log(`round ${round} ${servers[i].name} ${block.map((ms) => ms.toFixed(1)).join(' ')}`);
        }
      }
    }
  } finally {
    await Promise.allSettled(clients.map((c) => c.close()));
  }
  const phase = (latencies: number[]): Phase => {
    const sorted = [...latencies].sort((a, b) => a - b);
    const sum = sorted.reduce((a, b) => a + b, 0);
    return {
      calls: sorted.length,
      perSec: (sorted.length / sum) * 1000,
      p50: pct(sorted, 50),
      p99: pct(sorted, 99),
      errors: 0,
    };
  };
  return servers.map((_, i) => ({ list: phase(lists[i]), get: phase(gets[i]) }));
}

/** Our diagnose of the broken workload against the peer reads that carry the same evidence. */
async function evidence(ours: Server, theirs: Server | undefined): Promise<string[]> {
  const lines: string[] = [];
  const words = ['OOMKilled', '256Mi', 'BackOff'];
  const has = (t: string) => words.map((w) => `${w}:${t.includes(w) ? 'yes' : 'no'}`).join(' ');
  const c = await connect(ours.url);
  const d = await call(c, ['diagnose', { kind: 'Deployment', name: 'app-xyz', namespace: 'shop' }]);
  await c.close();
  lines.push(
    `ours   diagnose Deployment shop/app-xyz: ${textBytes(d)} B text, ${resultBytes(d)} B result (${has(textOf(d))})`,
  );
  if (!theirs) return lines;
  const p = await connect(theirs.url);
  const reads: [string, Record<string, unknown>][] = [
    ['pods_list_in_namespace', { namespace: 'shop' }],
    ['pods_get', { namespace: 'shop', name: BROKEN_POD }],
    ['events_list', { namespace: 'shop' }],
    ['pods_log', { namespace: 'shop', name: BROKEN_POD, previous: true }],
  ];
  let text = 0;
  let result = 0;
  let all = '';
  for (const q of reads) {
    const r = await call(p, q);
    text += textBytes(r);
    result += resultBytes(r);
    all += textOf(r);
    lines.push(`  peer ${q[0]}: ${textBytes(r)} B text`);
  }
  await p.close();
  lines.splice(
    1,
    0,
    `theirs 4 reads (pods_list_in_namespace + pods_get + events_list + pods_log previous): ${text} B text, ${result} B result (${has(all)})`,
  );
  lines.push(
    `ratio ours/theirs: text ${(textBytes(d) / text).toFixed(2)}, result ${(resultBytes(d) / result).toFixed(2)}`,
  );
  return lines;
}

const f1 = (n: number) => n.toFixed(1);
const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : 'n/a');

interface Target {
  label: string;
  ours: number;
  theirs: number;
  /** ours/theirs at most */
  max: number;
}

/** Issue 12 point 8: the bridge's own cost against the peer, measured in this run. */
function targets(ours: Figures, theirs: Figures, alone: Alone[]): Target[] {
  const [o, t] = alone;
  return [
    { label: '1 session get p50', ours: o.get.p50, theirs: t.get.p50, max: 1 },
    { label: '1 session get p99', ours: o.get.p99, theirs: t.get.p99, max: 1 },
    { label: '1 session list p50', ours: o.list.p50, theirs: t.list.p50, max: 1 },
    { label: '1 session list p99', ours: o.list.p99, theirs: t.list.p99, max: 1 },
    { label: 'RSS after warm-up', ours: ours.rssIdle, theirs: theirs.rssIdle, max: 1.5 },
    { label: `RSS peak, ${SESSIONS} sessions`, ours: ours.rssPeak, theirs: theirs.rssPeak, max: 2 },
  ];
}

function report(ours: Figures, theirs: Figures | undefined, alone: Alone[], why: string | undefined): void {
  const row = (label: string, o: string, t: string, r: string) =>
    console.log(`${label.padEnd(34)}${o.padStart(12)}${t.padStart(12)}${r.padStart(14)}`);
  row('', 'ours', 'theirs', 'ours/theirs');
  const phase = (label: string, pick: (f: Figures) => Phase) => {
    const o = pick(ours);
    const t = theirs && pick(theirs);
    row(`${label} calls/s`, f1(o.perSec), t ? f1(t.perSec) : '-', t ? ratio(o.perSec, t.perSec) : '-');
    row(`${label} p50 ms`, f1(o.p50), t ? f1(t.p50) : '-', t ? ratio(o.p50, t.p50) : '-');
    row(`${label} p99 ms`, f1(o.p99), t ? f1(t.p99) : '-', t ? ratio(o.p99, t.p99) : '-');
    if (o.errors || t?.errors) row(`${label} errors`, String(o.errors), t ? String(t.errors) : '-', '');
  };
  phase(`list pods (${NS})`, (f) => f.list);
  phase('get pod', (f) => f.get);
  const single = (label: string, pick: (a: Alone) => Phase) => {
    const o = pick(alone[0]);
    const t = alone[1] && pick(alone[1]);
    row(`${label} p50 ms`, f1(o.p50), t ? f1(t.p50) : '-', t ? ratio(o.p50, t.p50) : '-');
    row(`${label} p99 ms`, f1(o.p99), t ? f1(t.p99) : '-', t ? ratio(o.p99, t.p99) : '-');
  };
  single(`1 session: list pods`, (a) => a.list);
  single('1 session: get pod', (a) => a.get);
  row(
    'RSS after warm-up MiB',
    f1(ours.rssIdle),
    theirs ? f1(theirs.rssIdle) : '-',
    theirs ? ratio(ours.rssIdle, theirs.rssIdle) : '-',
  );
  row(
    'RSS peak (VmHWM) MiB',
    f1(ours.rssPeak),
    theirs ? f1(theirs.rssPeak) : '-',
    theirs ? ratio(ours.rssPeak, theirs.rssPeak) : '-',
  );
  for (const label of Object.keys(ours.bytes)) {
    const o = ours.bytes[label];
    const t = theirs?.bytes[label];
    row(`bytes: ${label}`.slice(0, 34), `${o.text}`, t ? `${t.text}` : '-', t ? ratio(o.text, t.text) : '-');
    row(
      '  (whole result incl. structured)',
      `${o.result}`,
      t ? `${t.result}` : '-',
      t ? ratio(o.result, t.result) : '-',
    );
  }
  const cut = Object.entries(ours.bytes)
    .filter(([, b]) => b.text > 20000)
    .map(([label]) => label);
  if (cut.length)
    console.log(
      `note: ours cut "${cut.join('", "')}" at its 20000-character output cap with a hint to narrow (namespace, selector, limit); its structured content still has up to 200 rows.`,
    );
  if (theirs && alone[1]) {
    console.log('');
    console.log(
      `targets (issue 12, point 8)${'ours'.padStart(17)}${'theirs'.padStart(10)}${'ours/theirs'.padStart(13)}${'at most'.padStart(9)}`,
    );
    for (const t of targets(ours, theirs, alone)) {
      const r = t.ours / t.theirs;
      const unit = t.label.startsWith('RSS') ? 'MiB' : 'ms';
      console.log(
        `  ${t.label.padEnd(26)}${`${f1(t.ours)} ${unit}`.padStart(16)}${`${f1(t.theirs)} ${unit}`.padStart(10)}${r.toFixed(2).padStart(13)}${t.max.toFixed(2).padStart(9)}  ${r <= t.max ? 'met' : 'MISSED'}`,
      );
    }
  }
  if (why) console.log(`kubernetes-mcp-server not measured: ${why}`);
  else
    console.log(
      `note: kubernetes-mcp-server uses client-go defaults (client-side throttling at 5 requests/s, burst 10, no flag to change it), so under load its calls/s is that limit, not its CPU; the 1-session rows (${ROUNDS} rounds × ${ALONE} calls, the servers taking turns) show its unthrottled per-call latency.`,
    );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bridge-'));
  const children: ChildProcess[] = [];
  try {
    const fixture = join(dir, 'bench-pods.json');
    const objects = generatePods(PODS);
    writeFileSync(fixture, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
    const podNames = objects.slice(1).map((o) => (o as { metadata: { name: string } }).metadata.name);
    const kubeconfig = join(dir, 'kubeconfig');
    const node = [process.execPath, '--import', 'tsx'];

    const sim = await startChild(
      'simulator',
      node[0],
      [
        ...node.slice(1),
        'cli/index.ts',
        'sim',
        '--fixtures',
        'sim/scenarios/demo',
        '--fixtures',
        fixture,
        '--kubeconfig-out',
        kubeconfig,
      ],
      /serving (http:\/\/\S+)/,
    );
    children.push(sim.child);

    const ourPort = await freePort();
    const fromSource = process.env.BENCH_TSX === '1';
    const ourEntry = fromSource ? [...node.slice(1), 'cli/index.ts'] : [compile()];
    // the node flags the image runs the bridge with (deploy/Dockerfile ENTRYPOINT), unless BENCH_NODE_ARGS says otherwise
    const extraNodeArgs =
      process.env.BENCH_NODE_ARGS !== undefined
        ? process.env.BENCH_NODE_ARGS.split(/\s+/).filter(Boolean)
        : imageNodeFlags();
    const ourNode = fromSource ? node[0] : imageNode();
    const ourVersion = spawnSync(ourNode, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const ourProc = await startChild(
      'our bridge',
      ourNode,
      [
        ...extraNodeArgs,
        ...ourEntry,
        'bridge',
        '--transport',
        'http',
        '--host',
        '127.0.0.1',
        '--port',
        String(ourPort),
        '--kubeconfig',
        kubeconfig,
        '--log-level',
        'warn',
        // the bridge's own cost: its default 2 s read cache would answer repeated gets without the API server,
        // which the peer (no cache) cannot; BENCH_READ_CACHE=1 keeps the default to show what users get
        ...(process.env.BENCH_READ_CACHE === '1' ? [] : ['--read-cache-seconds', '0']),
      ],
      /Streamable HTTP (http:\/\/\S+\/mcp)/,
    );
    children.push(ourProc.child);
    const ours: Server = {
      name: 'ours',
      url: ourProc.match[1],
      pid: ourProc.child.pid ?? 0,
      listPods: (namespace) => ['list_resources', { kind: 'pods', namespace }],
      getPod: (namespace, name) => ['get_resource', { kind: 'Pod', namespace, name }],
    };

    let theirs: Server | undefined;
    let why: string | undefined;
    try {
      if (process.env.BENCH_PEER === '0') throw new Error('BENCH_PEER=0');
      const bin = require.resolve(
        `kubernetes-mcp-server-${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}/bin/kubernetes-mcp-server-${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`,
      );
      const port = await freePort();
      // the binary itself, not the npm wrapper script, so the RSS is the Go server's; read-only like our default
      const peer = await startChild(
        'kubernetes-mcp-server',
        bin,
        [
          '--port',
          String(port),
          '--bind-address',
          '127.0.0.1',
          '--kubeconfig',
          kubeconfig,
          '--read-only',
          '--disable-multi-cluster',
        ],
        /HTTP server starting/,
      );
      children.push(peer.child);
      const url = `http://127.0.0.1:${port}/mcp`;
      // its log line comes before the socket is ready: retry connecting briefly
      for (let i = 0; ; i++) {
        try {
          await (await connect(url)).close();
          break;
        } catch (err) {
          if (i > 50) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      theirs = {
        name: 'theirs',
        url,
        pid: peer.child.pid ?? 0,
        listPods: (namespace) => ['pods_list_in_namespace', { namespace }],
        getPod: (namespace, name) => ['pods_get', { namespace, name }],
      };
    } catch (err) {
      why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    }

    console.log(
      `bridge benchmark: ${SESSIONS} concurrent Streamable HTTP sessions, ${CALLS} calls each per phase; simulator with the demo scenarios + ${PODS} pods in namespace ${NS}`,
    );
    console.log(
      `ours: node ${ourVersion}${fromSource ? ' + tsx loader (from source)' : ', compiled JS'}${extraNodeArgs.length ? ` ${extraNodeArgs.join(' ')}` : ''}, default limits (32 calls in flight, output cap 20000 chars); theirs: kubernetes-mcp-server ${theirs ? 'v0.0.67 --read-only --disable-multi-cluster' : '(absent)'}`,
    );
    const oursFig = await measure(ours, podNames);
    const theirsFig = theirs
      ? await measure(theirs, podNames).catch((err: unknown) => {
          why = `load failed: ${err instanceof Error ? err.message : String(err)}`;
          return undefined;
        })
      : undefined;
    const alone = await measureAlone(theirsFig && theirs ? [ours, theirs] : [ours], podNames);
    report(oursFig, theirsFig, alone, why);
    console.log('');
    for (const line of await evidence(ours, theirsFig ? theirs : undefined)) console.log(line);
  } finally {
    for (const c of children.reverse()) {
      if (c.exitCode === null) {
        c.kill('SIGTERM');
        await new Promise((r) => c.once('exit', r));
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
