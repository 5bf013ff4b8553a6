/** `kube-aiops triage` and lib/triage's triageAlerts against the simulator serving the demo scenario. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from './run';
import { sampleAlertmanagerPayload } from '../../lib/alerts';
import { connect } from '../../lib/kube/connect';
import { triageAlerts, type TriagedAlert } from '../../lib/triage';
import { fixture } from '../alerts/fixture';
import { startTestSim } from '../helpers/sim';

const ROOT = join(__dirname, '../..');
let sim: Awaited<ReturnType<typeof startTestSim>>;
let dir: string;
let kubeconfig: string;
let deadKubeconfig: string;

function crashLoop(pod = 'app-xyz-5969b7fffc-7ndjr') {
  const payload = fixture('alertmanager-firing') as { alerts: Array<{ labels: Record<string, string> }> };
  Object.assign(payload.alerts[0].labels, { pod, container: 'app' });
  return payload;
}

function file(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
}

beforeAll(async () => {
  sim = await startTestSim({ fixtures: [join(ROOT, 'sim/scenarios/demo')] });
  dir = mkdtempSync(join(tmpdir(), 'cli-triage-'));
  kubeconfig = file('kubeconfig', sim.kubeconfig);
  deadKubeconfig = file('dead.kubeconfig', sim.kubeconfig.split(sim.url).join('http://127.0.0.1:1'));
});

afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<CliRun> {
  return runCli(['triage', ...args]);
}

describe('kube-aiops triage', () => {
  test('--output json: alerts with status, severity, alertname, resource and findings; the OOMKilled root cause', async () => {
    const r = await cli('--alert', file('crash.json', crashLoop()), '--kubeconfig', kubeconfig);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { alerts: TriagedAlert[]; errors: Array<{ message: string }> };
    expect(out.alerts).toHaveLength(2);
    const [first, second] = out.alerts;
    expect(first).toMatchObject({
      status: 'firing',
      severity: 'warning',
      alertname: 'KubePodCrashLooping',
      resource: { kind: 'Pod', namespace: 'shop', name: 'app-xyz-5969b7fffc-7ndjr', container: 'app' },
      enriched: true,
    });
    expect(first.findings.length).toBeGreaterThan(0);
    expect(first.rootCause).toMatch(/OOMKilled/);
    // the second pod of the fixture does not exist in the demo cluster
    expect(second.targetFound).toBe(false);
    expect(out.errors).toEqual([]);
  });

  test('--output markdown, payload on stdin (a real process: the simulator keeps answering meanwhile)', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'cli/index.ts'),
        'triage',
        '--alert',
        '-',
        '--kubeconfig',
        kubeconfig,
        '-o',
        'markdown',
      ],
      { cwd: ROOT },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.stdin.end(JSON.stringify(crashLoop()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const stdout = Buffer.concat(out).toString('utf8');
    expect({ code, stderr: Buffer.concat(err).toString('utf8') }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/\*\*\[FIRING\] KubePodCrashLooping\*\*/);
    expect(stdout).toMatch(/\*\*Root cause:\*\* .*OOMKilled/);
    expect(stdout).toContain('---');
  });

  test('a payload that is not an alert: exit 1 and one clear line', async () => {
    const r = await cli('--alert', file('not-alert.json', { hello: 'world' }), '--kubeconfig', kubeconfig);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^kube-aiops: not an alert payload/);
    const notJson = await cli('--alert', file('not-json.txt', 'hello'), '--kubeconfig', kubeconfig);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^kube-aiops: body is not valid JSON/);
  });

  test('an unreachable cluster: JSON still lists the alerts with their error, exit 1', async () => {
    const r = await cli('--alert', file('crash2.json', crashLoop()), '--kubeconfig', deadKubeconfig);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { alerts: TriagedAlert[]; errors: unknown[] };
    expect(out.alerts[0].enriched).toBe(false);
    expect(out.errors.length).toBe(2);
    expect(r.stderr).toMatch(/no alert could be diagnosed/);
  });

  test('usage errors exit 2', async () => {
    expect((await cli('--kubeconfig', kubeconfig)).code).toBe(2);
    expect((await cli('--alert', 'x.json', '-o', 'yaml')).code).toBe(2);
    expect((await cli('--alert', join(dir, 'missing.json'), '--kubeconfig', kubeconfig)).code).toBe(2);
  });
});

describe('triageAlerts', () => {
  test('a 50-alert group with node alerts reads the cluster once; order kept; most severe enriched first under maxEnrich', async () => {
    const conn = connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig });
    const payload = sampleAlertmanagerPayload({ alerts: 50 });
    const r = await triageAlerts(conn, payload);
    expect(r.received).toBe(50);
    expect(r.alerts).toHaveLength(50);
    expect(r.alerts.map((a) => a.alertname)).toEqual(
      (payload.alerts as Array<{ labels: { alertname: string } }>).map((a) => a.labels.alertname),
    );
    // the node alerts need the cluster-wide snapshot, which then serves the namespaced alerts too
    expect(r.stats.snapshots).toBe(1);
    expect(r.errors).toEqual([]);
    // sample namespaces data and batch do not exist in the demo cluster
    const pvc = r.alerts.find((a) => a.alertname === 'KubePersistentVolumeFillingUp');
    expect(pvc).toMatchObject({
      targetFound: false,
      skipped: expect.stringMatching(/namespace "data" does not exist/),
    });

    // without node alerts each namespace is read on its own, and a missing namespace is an error of its alerts
    const pods = sampleAlertmanagerPayload({ alerts: 50 }) as { alerts: Array<{ labels: Record<string, string> }> };
    pods.alerts = pods.alerts.filter((a) => a.labels.alertname !== 'KubeNodeNotReady');
    const byNamespace = await triageAlerts(conn, pods);
    expect(byNamespace.stats.snapshots).toBe(3);
    expect(byNamespace.errors.some((e) => /namespace "batch" does not exist/.test(e.message))).toBe(true);

    const limited = await triageAlerts(conn, payload, { maxEnrich: 5, minSeverity: 'warning' });
    const enriched = limited.alerts.filter((a) => !a.skipped?.startsWith('more than'));
    expect(enriched).toHaveLength(5);
    expect(enriched.every((a) => a.severity === 'critical')).toBe(true);
  });

  test('alerts that name no object are not diagnosed, and say why', async () => {
    const conn = connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig });
    const r = await triageAlerts(conn, {
      labels: { alertname: 'TargetDown', severity: 'warning', job: 'x' },
      annotations: {},
    });
    expect(r.alerts[0]).toMatchObject({
      enriched: false,
      skipped: 'the alert names no Kubernetes object or namespace',
      resource: null,
    });
    expect(r.alerts[0].markdown).toMatch(/Not diagnosed/);
  });
});
