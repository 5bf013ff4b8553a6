/**
 * `npm run bench:alerts`: one 50-alert Alertmanager group (lib/alerts sample generator) parsed, enriched against the
 * simulator (demo scenarios) and sent to a loopback Feishu fake (signed), the way the Alertmanager Trigger → Prometheus
 * Alert (Enrich) → IM Notify workflow does it. Two variants: the sample as generated (its `data` and `batch`
 * namespaces do not exist in the demo cluster, so those alerts are diagnosed as "not found") and the same group
 * re-pointed at objects that exist. The group holds node alerts, so one cluster-wide snapshot serves all 50.
 * Prints time per group and per alert (median of RUNS after one warm-up).
 */
import { parseAlertPayload, sampleAlertmanagerPayload } from '../lib/alerts';
import { collectSnapshot } from '../lib/diagnose';
import { connect } from '../lib/kube/connect';
import { alertsToMessage } from '../lib/messages/alert-message';
import { digestMessages } from '../lib/messages/item-message';
import { triagedAlertToMessage } from '../lib/messages/triage-message';
import { send } from '../lib/notify';
import { AlertEnricher, selectAlerts } from '../lib/triage';
import { startSimulator } from '../sim/index';
import { startFakeFeishu } from '../test/fakes/im';
import { median } from './stats';

const ALERTS = Number(process.env.BENCH_ALERTS ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Alert {
  labels: Record<string, string>;
}

/** The sample group with each alert's object replaced by one of the same kind that exists in the demo cluster. */
async function pointAtDemo(
  payload: Record<string, unknown>,
  conn: ReturnType<typeof connect>,
): Promise<Record<string, unknown>> {
  const snap = await collectSnapshot(conn, {}, { logs: 'none', metrics: false });
  const names = <T extends { metadata?: { name?: string; namespace?: string } }>(list: T[]) =>
    list.map((o) => ({ ns: o.metadata?.namespace ?? '', name: o.metadata?.name ?? '' }));
  const pods = names(snap.pods).filter((p) => !p.ns.startsWith('kube-'));
  const deployments = names(snap.deployments).filter((p) => !p.ns.startsWith('kube-'));
  const nodes = names(snap.nodes);
  const pvcs = names(snap.pvcs);
  const jobs = names(snap.jobs);
  const copy = JSON.parse(JSON.stringify(payload)) as { alerts: Alert[] };
  copy.alerts.forEach((a, i) => {
    const l = a.labels;
    const pick = <T>(list: T[]): T => list[i % list.length];
    if (l.pod) Object.assign(l, { namespace: pick(pods).ns, pod: pick(pods).name });
    else if (l.deployment) Object.assign(l, { namespace: pick(deployments).ns, deployment: pick(deployments).name });
    else if (l.persistentvolumeclaim && pvcs.length)
      Object.assign(l, { namespace: pick(pvcs).ns, persistentvolumeclaim: pick(pvcs).name });
    else if (l.job_name && jobs.length) Object.assign(l, { namespace: pick(jobs).ns, job_name: pick(jobs).name });
    else if (l.node) l.node = pick(nodes).name;
  });
  return copy;
}

interface Timing {
  parse: number;
  enrich: number;
  digest: number;
  each: number;
  enriched: number;
  errors: number;
  snapshots: number;
  collectMs: number;
  diagnoseMs: number;
  digestBytes: number;
}

async function once(payload: unknown, conn: ReturnType<typeof connect>, url: string, secret: string): Promise<Timing> {
  const t0 = performance.now();
  const parsed = parseAlertPayload(payload);
  const alerts = selectAlerts(parsed.alerts);
  const t1 = performance.now();
  const enricher = new AlertEnricher(conn);
  const triaged = await enricher.enrichAll(alerts);
  const t2 = performance.now();
  const messages = triaged.map((t, i) => triagedAlertToMessage(alerts[i], t));
  const digest = digestMessages(messages, alerts, { channel: 'feishu', format: 'card2' });
  const sent = await send('feishu', { webhook: url, secret, format: 'card2' }, digest);
  const t3 = performance.now();
  for (const m of messages) await send('feishu', { webhook: url, secret, format: 'card2' }, m);
  const t4 = performance.now();
  return {
    parse: t1 - t0,
    enrich: t2 - t1,
    digest: t3 - t2,
    each: t4 - t3,
    enriched: triaged.filter((t) => t.enriched).length,
    errors: triaged.filter((t) => t.error).length,
    snapshots: enricher.stats.snapshots,
    collectMs: enricher.stats['ms.collect'],
    diagnoseMs: enricher.stats['ms.diagnose'],
    digestBytes: sent.bytes,
  };
}

function row(label: string, ms: number, n: number): string {
  return `  ${label.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms/group  ${(ms / n).toFixed(2).padStart(8)} ms/alert`;
}

async function main(): Promise<void> {
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, fixtures: ['sim/scenarios/demo'] });
  const secret = 'bench-secret';
  const feishu = await startFakeFeishu({ secret });
  const conn = connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig });
  // the digest alone would hide the sample's alertsToMessage path; keep it warm too
  alertsToMessage(parseAlertPayload(sampleAlertmanagerPayload({ alerts: 2 })).alerts, { channel: 'feishu' });
  try {
    const sample = sampleAlertmanagerPayload({ alerts: ALERTS });
    const variants: Array<[string, unknown]> = [
      ['sample group (data/batch namespaces absent)', sample],
      ['sample group re-pointed at demo objects', await pointAtDemo(sample, conn)],
    ];
    console.log(
      `bench:alerts — ${ALERTS} alerts per group, median of ${RUNS} runs after 1 warm-up, Node ${process.version}`,
    );
    for (const [name, payload] of variants) {
      await once(payload, conn, feishu.url, secret);
      const runs: Timing[] = [];
      for (let r = 0; r < RUNS; r++) runs.push(await once(payload, conn, feishu.url, secret));
      const m = (k: keyof Timing) => median(runs.map((x) => x[k]));
      const total = m('parse') + m('enrich') + m('digest');
      console.log(
        `\n${name}: enriched ${m('enriched')}/${ALERTS}, cluster errors ${m('errors')}, snapshots per group ${m('snapshots')} (collecting ${m('collectMs').toFixed(0)} ms summed over parallel snapshots, diagnosing ${m('diagnoseMs').toFixed(0)} ms), digest card ${m('digestBytes')} bytes`,
      );
      console.log(row('parse + filter + dedupe', m('parse'), ALERTS));
      console.log(row('enrich (collect + diagnose)', m('enrich'), ALERTS));
      console.log(row('send 1 digest card to Feishu fake', m('digest'), ALERTS));
      console.log(row('total (parse → enrich → digest)', total, ALERTS));
      console.log(row(`send ${ALERTS} cards, one per alert`, m('each'), ALERTS));
    }
    const rejected = feishu.requests.filter((q) => !q.accepted);
    console.log(
      `\nFeishu fake: ${feishu.received.length} accepted, ${rejected.length} rejected${rejected.length ? ` (${rejected[0].reason})` : ''}`,
    );
  } finally {
    await feishu.close();
    await sim.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
