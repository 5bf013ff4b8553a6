/**
 * `npm run bench:storm`: an alert storm at the Prometheus alert triage workflow in a real n8n 2.40.7, once with one
 * n8n in regular mode (SQLite) and once in queue mode (main + webhook processor + 2 workers, Redis, PostgreSQL), in
 * the same run. 200 alerts in 20 groups arrive within 10 s the way Alertmanager sends them: every second each group's
 * notification is sent again with all its alerts so far (one more each second), so 200 notifications carry 1100
 * alert instances of which 200 are new. The trigger's repeat window (in Redis, in regular
 * mode too; BENCH_MODES=regular-static keeps it without Redis: in the n8n process, mirrored into the workflow static data) must turn that into one message per
 * alert. Prints alerts/s, alert→IM (Feishu) p50/p99, lost, duplicated,
 * and apiserver requests per alert (counted by the simulator). The "floor" mode runs the storm at a workflow of the
 * trigger and one Feishu notice only: what n8n itself can do on this machine, for comparison.
 *
 * BENCH_GROUPS (20), BENCH_PER_GROUP (10), BENCH_MODES (regular,queue,floor), KUBE_AIOPS_TARBALL (skip packing).
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { N8nClient, packPackage, startN8n, type WorkflowJson } from '../scripts/n8n';
import { startQueueN8n } from '../scripts/n8n/queue';
import { startRedisServer } from '../scripts/n8n/services';
import { loadWorkflow, prepareWorkflow, webhookPath } from '../scripts/demo/workflows';
import { deliver, notification, type SentAlert } from '../test/e2e/setup/am-sender';
import { FAKE_MODEL, messageText, startStack, webhookRegistered } from '../test/e2e/setup/stack';
import { percentile } from './stats';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 20);
const PER_GROUP = Number(process.env.BENCH_PER_GROUP ?? 10);
type Mode = 'regular' | 'regular-static' | 'queue' | 'floor';
const MODES = (process.env.BENCH_MODES ?? 'regular,queue,floor').split(',') as Mode[];
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 240_000);

interface Figures {
  mode: string;
  alerts: number;
  notifications: number;
  sendSeconds: number;
  rejected: number;
  alertsPerSecond: number;
  p50: number;
  p99: number;
  lost: number;
  duplicated: number;
  apiRequestsPerAlert: number;
  drainSeconds: number;
}

const podOf = (g: number, i: number) => `storm-${g}-${i}`;
const alertOf = (g: number, i: number): SentAlert => ({
  labels: {
    alertname: `StormAlert${g}`,
    namespace: 'shop',
    pod: podOf(g, i),
    severity: 'warning',
    job: 'kube-state-metrics',
  },
  annotations: { summary: `storm alert ${g}/${i}` },
});

/**
 * What n8n itself costs under this storm on this machine: the same trigger and repeat window, then straight to the
 * Feishu notice built from the alert (no diagnosis, model, expressions or other channels). The shipped workflow cannot
 * be faster than this.
 */
function floorWorkflow(json: WorkflowJson): void {
  const notice = json.nodes.find((n) => n.name === 'Resolved notice (Feishu)');
  if (!notice) throw new Error('no Feishu notice node');
  notice.parameters.options = { includeDiagnosis: false, language: 'en' };
  json.nodes = json.nodes.filter((n) => n.name === 'Alertmanager' || n === notice);
  json.connections = { Alertmanager: { main: [[{ node: notice.name, type: 'main', index: 0 }]] } };
}

async function runMode(mode: Mode, tarball: string): Promise<Figures> {
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const queue = mode === 'queue' ? await startQueueN8n({ workers: 2, tarball, log }) : undefined;
  const single = mode !== 'queue' ? await startN8n({ tarball, log }) : undefined;
  // regular mode keeps the repeat window in Redis too; regular-static shows the shipped fallback without Redis
  const redis = mode === 'regular' || mode === 'floor' ? await startRedisServer() : undefined;
  const redisUrl = queue?.redisUrl ?? (redis ? `redis://127.0.0.1:${redis.port}/1` : '');
  const mainUrl = queue?.main.url ?? single!.url;
  const stops: (() => Promise<void>)[] = [
    async () => queue?.stop(),
    async () => single?.stop(),
    async () => redis?.stop(),
  ];
  try {
    const client = await N8nClient.setupOwner(mainUrl);
    await client.createApiKey('storm');
    const stack = await startStack(client, { label: mode });
    stops.unshift(() => stack.close());
    const json: WorkflowJson = prepareWorkflow(loadWorkflow('triage', '2.x'), stack.credentials, {
      model: FAKE_MODEL,
      mcpUrl: `${stack.bridge.url}/sse`,
      suffix: mode,
    });
    const trigger = json.nodes.find((n) => n.name === 'Alertmanager');
    if (!trigger) throw new Error('no Alertmanager node');
    // the shipped repeat window; where it is kept is what the modes compare
    trigger.parameters.options = { ...(trigger.parameters.options as object), redisUrl };
    if (mode === 'floor') floorWorkflow(json);
    const stored = await client.importWorkflow(json);
    await client.activateWorkflow(stored.id);
    const hook = `${queue?.webhookUrl ?? single!.url}/webhook/${webhookPath(json, 'Alertmanager', 'alerts')}`;
    await webhookRegistered(hook, 60_000);
    await fetch(`${stack.cluster.url}/_sim/requests`, { method: 'DELETE' });

    // alert → first time it was sent; Feishu messages by pod name
    const firstSent = new Map<string, number>();
    const started = Date.now();
    let notifications = 0;
    let rejected = 0;
    const sends: Promise<void>[] = [];
    for (let tick = 0; tick < PER_GROUP; tick++) {
      const at = started + tick * 1000;
      await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
      for (let g = 0; g < GROUPS; g++) {
        const alerts = Array.from({ length: tick + 1 }, (_, i) => alertOf(g, i));
        if (!firstSent.has(podOf(g, tick))) firstSent.set(podOf(g, tick), Date.now());
        notifications += 1;
        sends.push(
          deliver(hook, notification({ alertname: `StormAlert${g}`, namespace: 'shop' }, alerts), {
            timeoutMs: 30_000,
            maxAttempts: 5,
          }).then((attempts) => {
            if (attempts[attempts.length - 1]?.status !== 200) rejected += 1;
          }),
        );
      }
    }
    const sendSeconds = (Date.now() - started) / 1000;
    await Promise.all(sends);

    const deadline = Date.now() + SETTLE_MS;
    const pods = [...firstSent.keys()];
    const seen = () => {
      const byPod = new Map<string, number[]>();
      for (const m of stack.feishu.received) {
        const text = messageText(m.body);
        for (const p of pods)
          if (new RegExp(`\\b${p}\\b`).test(text)) byPod.set(p, [...(byPod.get(p) ?? []), m.at.getTime()]);
      }
      return byPod;
    };
    while (Date.now() < deadline && seen().size < pods.length) await new Promise((r) => setTimeout(r, 1000));
    // late duplicates get a moment to show up
    await new Promise((r) => setTimeout(r, 5000));
    const drainSeconds = (Date.now() - started) / 1000;
    const byPod = seen();
    const latencies = pods
      .filter((p) => byPod.has(p))
      .map((p) => (Math.min(...byPod.get(p)!) - firstSent.get(p)!) / 1000)
      .sort((a, b) => a - b);
    const counts = (await (await fetch(`${stack.cluster.url}/_sim/requests`)).json()) as { total: number };
    const delivered = latencies.length;
    const lastDelivery = Math.max(...[...byPod.values()].flat());
    return {
      mode: {
        queue: 'queue (2 workers)',
        regular: 'regular (1 n8n)',
        'regular-static': 'regular, no Redis',
        floor: 'floor: alert→Feishu',
      }[mode],
      alerts: pods.length,
      notifications,
      sendSeconds,
      rejected,
      alertsPerSecond: delivered / Math.max(0.001, (lastDelivery - started) / 1000),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      lost: pods.length - delivered,
      duplicated: [...byPod.values()].reduce((n, v) => n + Math.max(0, v.length - 1), 0),
      apiRequestsPerAlert: counts.total / pods.length,
      drainSeconds,
    };
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  let tarball = process.env.KUBE_AIOPS_TARBALL;
  let packedDir: string | undefined;
  if (!tarball) {
    const packed = packPackage({ log: (l) => process.stderr.write(`${l}\n`) });
    tarball = packed.tarball;
    packedDir = dirname(packed.tarball);
  }
  const results: Figures[] = [];
  try {
    for (const mode of MODES) results.push(await runMode(mode, tarball));
  } finally {
    if (packedDir) rmSync(packedDir, { recursive: true, force: true });
  }
  const f = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '-');
  console.log(
    `\nalert storm: ${GROUPS * PER_GROUP} alerts in ${GROUPS} groups, each group re-sent every second with its alerts so far`,
  );
  console.log(
    'mode                 notifications  sent in s  rejected  delivered/s  alert→IM p50 s  p99 s  lost  duplicated  apiserver req/alert',
  );
  for (const r of results) {
    console.log(
      `${r.mode.padEnd(20)} ${String(r.notifications).padStart(13)}  ${f(r.sendSeconds, 1).padStart(9)}  ${String(r.rejected).padStart(8)}  ${f(r.alertsPerSecond).padStart(11)}  ${f(r.p50).padStart(14)}  ${f(r.p99).padStart(5)}  ${String(r.lost).padStart(4)}  ${String(r.duplicated).padStart(10)}  ${f(r.apiRequestsPerAlert, 1).padStart(19)}`,
    );
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
