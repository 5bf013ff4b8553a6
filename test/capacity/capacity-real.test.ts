/**
 * capacityReport against a real Prometheus (Debian's, loopback) holding a backfilled week of cAdvisor-style history,
 * and the simulator holding the pods, owners and nodes (see fixture.ts for the workloads and what each should get).
 *
 * Tolerances: CPU recommendations within ±10m (one rounding step), memory within ±8Mi (two 4Mi steps); the fixture's
 * noise is deterministic, but Prometheus's subquery alignment moves percentiles slightly with the clock.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { capacityReport, memoryCurve, oomCurves, type CapacityReport } from '../../lib/capacity';
import { reasonText, renderCapacityMarkdown, renderCapacityText, toCapacityJson } from '../../lib/capacity/render';
import { renderCapacityHtml } from '../../lib/capacity/html';
import { connect, type KubeConnection } from '../../lib/kube';
import { startTestSim } from '../helpers/sim';
import { clusterObjects, history, NODE_TYPE } from './fixture';
import { prometheusAvailable, startRealPrometheus, type RunningPrometheus } from './real-prometheus';

const MI = 2 ** 20;
const PRICES = { currency: 'CNY', instanceTypes: { [NODE_TYPE]: { hourly: 0.62 } } };
if (!prometheusAvailable) console.warn('[capacity-real] SKIPPED: prometheus/promtool not installed');
const describeReal = prometheusAvailable ? describe : describe.skip;

jest.setTimeout(240_000);

describeReal('capacity report over a real Prometheus', () => {
  let prom: RunningPrometheus;
  let sim: Awaited<ReturnType<typeof startTestSim>>;
  let conn: KubeConnection;
  let report: CapacityReport;

  beforeAll(async () => {
    const end = Math.floor(Date.now() / 1000) - 120;
    [prom, sim] = await Promise.all([
      startRealPrometheus(history(end)),
      startTestSim({ objects: clusterObjects(end) }),
    ]);
    conn = connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig });
    report = await capacityReport(conn, prom.url, { prices: PRICES });
  });
  afterAll(async () => {
    await prom?.close();
    await sim?.close();
  });

  const find = (name: string) => {
    const w = report.workloads.find((x) => x.name === name);
    if (!w) throw new Error(`no workload ${name} in ${report.workloads.map((x) => x.name).join(', ')}`);
    return w;
  };
  const near = (actual: number | undefined, expected: number, tolerance: number) => {
    expect(actual).toBeDefined();
    expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance);
  };

  test('verdicts per workload', () => {
    const verdicts = Object.fromEntries(report.workloads.map((w) => [w.name, w.recommendation.verdict]));
    expect(verdicts).toEqual({
      'web-idle': 'over-provisioned',
      leaky: 'oom-risk',
      steady: 'ok',
      busy: 'under-provisioned',
      ghost: 'no-data',
      'node-agent': 'over-provisioned',
    });
    expect(report.complete).toBe(true);
    expect(report.gaps).toEqual([]);
  });

  test('recommendations follow p95 CPU, p99 memory and peak × 1.15, rounded', () => {
    const idle = find('web-idle');
    near(idle.recommendation.cpu.recommendedRequestMillicores, 20, 10);
    near((idle.recommendation.memory.recommendedRequestBytes ?? 0) / MI, 160, 8);
    near((idle.recommendation.memory.recommendedLimitBytes ?? 0) / MI, 184, 8);
    expect(idle.recommendation.codes).toEqual(expect.arrayContaining(['cpu-over', 'memory-over']));
    // every recommendation is on a rounding step
    for (const w of report.workloads) {
      const c = w.recommendation.cpu.recommendedRequestMillicores;
      if (c !== undefined) expect(c % 5).toBe(0);
      const m = w.recommendation.memory.recommendedRequestBytes;
      if (m !== undefined) expect(m % (4 * MI)).toBe(0);
    }
    const steady = find('steady');
    near(steady.recommendation.cpu.p95Millicores, 261, 8);
    near(steady.recommendation.cpu.recommendedRequestMillicores, 270, 10);
    near((steady.recommendation.memory.recommendedRequestBytes ?? 0) / MI, 424, 8);
    near((steady.recommendation.memory.recommendedLimitBytes ?? 0) / MI, 488, 8);
    const busy = find('busy');
    expect(busy.recommendation.codes).toContain('cpu-under');
    near(busy.recommendation.cpu.recommendedRequestMillicores, 270, 10);
    const leaky = find('leaky');
    expect(leaky.recommendation.codes).toEqual(expect.arrayContaining(['oom-killed', 'memory-near-limit']));
    expect(leaky.recommendation.facts.oomKills).toBe(4);
    // the OOM chain in the report: the curve around the last kill is a leak, so the reason says a limit only delays it
    expect(leaky.recommendation.codes).toContain('memory-leak');
    expect(leaky.recommendation.facts.memoryShape).toBe('leak');
    near(leaky.recommendation.facts.memorySlopeMiPerHour as number, 10, 1);
    near(leaky.recommendation.facts.hoursToLimit as number, 36, 3);
    expect(reasonText(leaky)).toMatch(
      /memory climbs steadily at about 1\dMi\/h, reaching the limit 3\d(\.\d)? h after a start \(a leak\): a higher limit only delays the next kill/,
    );
    // only killed containers get a curve
    expect(find('steady').recommendation.facts.memoryShape).toBeUndefined();
    expect(leaky.recommendation.memory.maxBytes).toBe(512 * MI);
    near((leaky.recommendation.memory.recommendedLimitBytes ?? 0) / MI, 592, 4);
    const ghost = find('ghost');
    expect(ghost.recommendation.codes).toEqual(['no-series']);
    expect(ghost.recommendation.cpu.recommendedRequestMillicores).toBeUndefined();
    expect(ghost.recommendation.memory.recommendedLimitBytes).toBeUndefined();
  });

  test('the pool of three fits on two nodes and saves one node a month', () => {
    expect(report.pools).toHaveLength(1);
    const pool = report.pools[0];
    expect(pool).toMatchObject({
      label: 'node.kubernetes.io/instance-type',
      value: NODE_TYPE,
      nodes: 3,
      recommendedNodes: 2,
    });
    expect(pool.allocatable).toEqual({ cpuMillicores: 5700, memoryBytes: 21 * 1024 * MI });
    // 2×800 + 100 + 2×300 + 100 + 50 + 3×100 (DaemonSet)
    expect(pool.requested.cpuMillicores).toBe(2750);
    expect(pool.used?.cpuMillicores).toBeGreaterThan(700);
    expect(pool.used?.cpuMillicores).toBeLessThan(1100);
    expect(pool.blockers.map((b) => b.code)).toEqual(['capacity']);
    expect(pool.monthlyCost).toBeCloseTo(3 * 0.62 * 730, 2);
    expect(pool.monthlySavings).toBeCloseTo(0.62 * 730, 2);
    expect(report.savings).toEqual({ monthly: 452.6, currency: 'CNY' });
  });

  test('utilisation over the window comes back as about 168 points', () => {
    expect(report.utilisation?.points.length).toBeGreaterThan(150);
    expect(report.utilisation?.points.length).toBeLessThan(200);
    expect(report.utilisation?.allocatable?.cpuMillicores).toBe(5700);
  });

  test('JSON has the documented shape; text, Markdown and HTML carry the moves and the savings', () => {
    const json = toCapacityJson(report);
    expect(Object.keys(json)).toEqual(['window', 'complete', 'workloads', 'pools', 'savings']);
    expect(Object.keys(json.workloads[0])).toEqual([
      'kind',
      'namespace',
      'name',
      'container',
      'replicas',
      'cpu',
      'memory',
      'verdict',
      'reason',
    ]);
    expect(Object.keys(json.workloads[0].cpu)).toEqual([
      'requestMillicores',
      'limitMillicores',
      'p95Millicores',
      'recommendedRequestMillicores',
    ]);
    expect(Object.keys(json.workloads[0].memory)).toEqual([
      'requestBytes',
      'limitBytes',
      'maxBytes',
      'recommendedRequestBytes',
      'recommendedLimitBytes',
    ]);
    expect(Object.keys(json.pools[0])).toEqual([
      'label',
      'value',
      'nodes',
      'recommendedNodes',
      'blockers',
      'monthlyCost',
      'monthlySavings',
    ]);
    const text = renderCapacityText(report);
    expect(text).toContain('ecs.g7.large 3 → 2 nodes, saving about 452.60 CNY a month');
    expect(text).toMatch(/Deployment shop\/web-idle \[web\] over-provisioned: cpu request 800m → 2\dm/);
    // summed usage ≈ 870m of 5700m allocatable (15%) and ≈ 1.9Gi of 21Gi (9%); ±1 point for the leak's sawtooth
    const used =
      /Utilisation: CPU averaged (\d+)% \(p95 (\d+)%\) and memory (\d+)% \(p95 (\d+)%\) of allocatable over 7d/.exec(
        text,
      );
    expect(used).not.toBeNull();
    const [cpuAvg, cpuP95, memAvg] = (used as RegExpExecArray).slice(1).map(Number);
    near(cpuAvg, 15, 1);
    expect(cpuP95).toBeGreaterThanOrEqual(cpuAvg);
    near(memAvg, 9, 1);
    const md = renderCapacityMarkdown(report);
    expect(md).toContain('| Deployment shop/leaky | app | oom-risk |');
    const html = renderCapacityHtml(report);
    expect((html.match(/<svg/g) ?? []).length).toBe(3);
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  test('one namespace: only its workloads, and no pools', async () => {
    const r = await capacityReport(conn, prom.url, { namespaces: ['kube-system'] });
    expect(r.workloads.map((w) => w.name)).toEqual(['node-agent']);
    expect(r.pools).toEqual([]);
    expect(r.savings.monthly).toBe(0);
  });

  test('label names or a selector that match nothing give no-data everywhere, never a guess', async () => {
    const legacy = await capacityReport(conn, prom.url, { queries: { preset: 'legacy' }, namespaces: ['shop'] });
    expect(new Set(legacy.workloads.map((w) => w.recommendation.verdict))).toEqual(new Set(['no-data']));
    const wrongJob = await capacityReport(conn, prom.url, {
      queries: { selector: 'job="cadvisor"' },
      namespaces: ['shop'],
    });
    expect(wrongJob.workloads.every((w) => w.recommendation.codes[0] === 'no-series')).toBe(true);
    const rightJob = await capacityReport(conn, prom.url, {
      queries: { selector: 'job="kubelet",metrics_path="/metrics/cadvisor"' },
      namespaces: ['shop'],
    });
    expect(rightJob.workloads.find((w) => w.name === 'steady')?.recommendation.verdict).toBe('ok');
  });

  test('a short window leaves too little history: no-data with the hours seen', async () => {
    const r = await capacityReport(conn, prom.url, { window: '6h', namespaces: ['shop'] });
    const steady = r.workloads.find((w) => w.name === 'steady');
    expect(steady?.recommendation.verdict).toBe('no-data');
    expect(steady?.recommendation.codes).toEqual(['short-history']);
    expect(steady?.recommendation.facts.historyHours).toBeLessThanOrEqual(6);
  });

  test('strategy settings move the numbers: a 1.5 buffer on the peak', async () => {
    const r = await capacityReport(conn, prom.url, { namespaces: ['shop'], strategy: { memoryLimitBuffer: 1.5 } });
    const leaky = r.workloads.find((w) => w.name === 'leaky');
    expect(leaky?.recommendation.memory.recommendedLimitBytes).toBe(768 * MI);
  });

  test('OOM chain: the leaking container climbs steadily to its limit (a leak), about 10Mi/h, 36 h per run', async () => {
    const { curves, errors } = await oomCurves(
      conn,
      prom.url,
      { kind: 'Deployment', namespace: 'shop', name: 'leaky' },
      { lookbackSeconds: 40 * 3600 },
    );
    expect(errors).toEqual([]);
    expect(curves).toHaveLength(1);
    const c = curves[0];
    expect(c).toMatchObject({ pod: 'leaky-7c9f8d6b5-kx2lp', container: 'app', limitBytes: 512 * MI, shape: 'leak' });
    // 362Mi over 36 h
    near((c.slopeBytesPerHour ?? 0) / MI, 362 / 36, 1);
    near((c.timeToLimitSeconds ?? 0) / 3600, 36, 3);
    near((c.peakBytes ?? 0) / MI, 512, 6);
    expect(c.points.length).toBeLessThanOrEqual(241);
    expect(c.resets.length).toBeGreaterThanOrEqual(1);
    expect(c.summary).toMatch(/a leak — raising the limit only delays the next kill/);
  });

  test('OOM chain: a container that runs flat reads as steady, and one without series as unknown', async () => {
    const steady = await memoryCurve(prom.url, {
      namespace: 'shop',
      pod: 'steady-5b8c7d9f6-mnbvc',
      container: 'api',
      limitBytes: 768 * MI,
    });
    expect(steady.shape).toBe('steady');
    const none = await memoryCurve(prom.url, { namespace: 'shop', pod: 'ghost-6f7d8c9b4-zzzzz', container: 'ghost' });
    expect(none.shape).toBe('unknown');
    expect(none.summary).toMatch(/too few samples \(0\)/);
  });

  test('hostile options are refused before anything is read', async () => {
    await expect(capacityReport(conn, prom.url, { window: '7d) or vector(1' })).rejects.toThrow(/window/);
    await expect(capacityReport(conn, prom.url, { namespaces: ['shop"} or up{'] })).rejects.toThrow(/namespace/);
    await expect(capacityReport(conn, prom.url, { queries: { selector: 'job="a"}) or up{' } })).rejects.toThrow(
      /selector/,
    );
    await expect(capacityReport(conn, prom.url, { strategy: { cpuPercentile: 500 } })).rejects.toThrow(/cpuPercentile/);
    await expect(capacityReport(conn, 'file:///etc/passwd')).rejects.toThrow(/http/);
  });
});

describe('capacity report when Prometheus fails (a loopback stand-in: errors Prometheus itself cannot be made to give)', () => {
  let sim: Awaited<ReturnType<typeof startTestSim>>;
  let conn: KubeConnection;
  let hang: Server;
  let hangUrl: string;
  beforeAll(async () => {
    sim = await startTestSim({ objects: clusterObjects() });
    conn = connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig });
    hang = createServer(() => undefined);
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    hangUrl = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    hang.closeAllConnections();
    await new Promise((r) => hang.close(r));
    await sim.close();
  });

  test('nothing listening: one clear error, not a report of no-data', async () => {
    await expect(capacityReport(conn, 'http://127.0.0.1:1', { namespaces: ['shop'] })).rejects.toThrow(
      /cannot reach Prometheus at http:\/\/127\.0\.0\.1:1/,
    );
  });

  test('a Prometheus that never answers times out with the limit named', async () => {
    await expect(capacityReport(conn, hangUrl, { namespaces: ['shop'], timeoutMs: 1000 })).rejects.toThrow(
      /no answer within 1000 ms/,
    );
  });
});
