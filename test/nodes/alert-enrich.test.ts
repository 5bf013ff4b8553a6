/** Prometheus Alert › Enrich against the simulator (demo scenarios), through n8n-core's WorkflowExecute. */
import { PrometheusAlert } from '../../nodes/PrometheusAlert/PrometheusAlert.node';
import { crashLoopPayload } from '../alerts/fixture';
import { runNode, runWorkflow } from '../helpers/n8n-exec';
import { startTestSim } from '../helpers/sim';

let sim: Awaited<ReturnType<typeof startTestSim>>;
let credentials: { kubernetesApi: { connection: string; kubeconfig: string } };

beforeAll(async () => {
  sim = await startTestSim({ fixtures: ['sim/scenarios/demo'] });
  credentials = { kubernetesApi: { connection: 'kubeconfig', kubeconfig: sim.kubeconfig } };
});
afterAll(async () => {
  await sim?.close();
});

test('KubePodCrashLooping on shop/app-xyz-… is enriched with the OOMKilled root cause', async () => {
  const r = await runNode(PrometheusAlert, {
    parameters: { operation: 'enrich' },
    credentials,
    items: [{ json: crashLoopPayload() }],
  });
  expect(r.error).toBeUndefined();
  expect(r.items).toHaveLength(1);
  const a = r.items[0].json;
  expect(a).toMatchObject({
    alertname: 'KubePodCrashLooping',
    status: 'firing',
    severity: 'warning',
    enriched: true,
    targetFound: true,
    resource: { kind: 'Pod', namespace: 'shop', name: 'app-xyz-5969b7fffc-7ndjr', container: 'app' },
    target: { kind: 'Pod', namespace: 'shop', name: 'app-xyz-5969b7fffc-7ndjr' },
    ownerChain: [
      { kind: 'ReplicaSet', namespace: 'shop', name: 'app-xyz-5969b7fffc' },
      { kind: 'Deployment', namespace: 'shop', name: 'app-xyz' },
    ],
  });
  expect(a.rootCause).toMatch(/OOMKilled/);
  expect(a.rootCauseObject).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'app-xyz' });
  expect((a.findings as Array<{ severity: string }>)[0].severity).toBe('critical');
  expect(JSON.stringify(a.evidence)).toMatch(/exitCode=137/);
  expect((a.events as Array<{ reason: string }>).map((e) => e.reason)).toContain('BackOff');
  expect((a.logs as Array<{ previous: boolean; lines: string[] }>)[0]).toMatchObject({ previous: true });
  expect(String(a.markdown)).toMatch(/\*\*Root cause:\*\* .*OOMKilled/);
  expect(String(a.suggestion)).toMatch(/limits\.memory/);
  expect(typeof a.llmContext).toBe('string');
  expect(String(a.llmContext)).toMatch(/## ROOT CAUSE\n.*OOMKilled/);
  expect(String(a.llmContext).length).toBeLessThanOrEqual(6000);
  expect(r.items[0].pairedItem).toEqual({ item: 0 });
});

test('Parse → Enrich in one workflow; llmContext honours its budget', async () => {
  const r = await runWorkflow(
    [
      { node: PrometheusAlert, parameters: { operation: 'parse' } },
      {
        node: PrometheusAlert,
        parameters: { operation: 'enrich', enrichOptions: { llmBudget: 1200, maxFindings: 1 } },
        credentials,
      },
    ],
    [{ json: { headers: {}, params: {}, query: {}, body: crashLoopPayload() } }],
  );
  expect(r.error).toBeUndefined();
  expect(r.byNode['Prometheus Alert']).toHaveLength(1);
  const a = r.items[0].json;
  expect(a.rootCause).toMatch(/OOMKilled/);
  expect(a.findings).toHaveLength(1);
  expect(String(a.llmContext).length).toBeLessThanOrEqual(1200);
  expect(String(a.llmContext)).toMatch(/## ALERT/);
  expect(String(a.llmContext)).toMatch(/OOMKilled/);
});

test('a pod that is gone falls back to its Deployment; resolved alerts are passed through', async () => {
  const gone = crashLoopPayload('app-xyz-5969b7fffc-zzzzz');
  const resolved = crashLoopPayload();
  Object.assign(resolved.alerts[0], { status: 'resolved', endsAt: '2026-11-24T06:00:00Z' });
  const r = await runNode(PrometheusAlert, {
    parameters: { operation: 'enrich' },
    credentials,
    items: [{ json: gone }, { json: resolved }],
  });
  expect(r.items).toHaveLength(2);
  expect(r.items[0].json).toMatchObject({
    enriched: true,
    target: { kind: 'Deployment', namespace: 'shop', name: 'app-xyz' },
    targetFound: true,
  });
  expect(r.items[0].json.rootCause).toMatch(/OOMKilled/);
  expect((r.items[0].json.warnings as string[]).join(' ')).toMatch(/was not found; diagnosed Deployment shop\/app-xyz/);
  expect(r.items[1].json).toMatchObject({ enriched: false, skipped: 'the alert is resolved', status: 'resolved' });
  expect(r.items[1].pairedItem).toEqual({ item: 1 });
});

test('cluster errors: passed through with error by default; failOnClusterError + continueOnFail gives { error }', async () => {
  const missingNs = crashLoopPayload('app-1', 'no-such-namespace');
  const pass = await runNode(PrometheusAlert, {
    parameters: { operation: 'enrich' },
    credentials,
    items: [{ json: missingNs }],
  });
  expect(pass.error).toBeUndefined();
  expect(pass.items[0].json).toMatchObject({ enriched: false, error: 'namespace "no-such-namespace" does not exist' });
  expect(String(pass.items[0].json.markdown)).toMatch(/Diagnosis failed/);

  const failing = await runNode(PrometheusAlert, {
    parameters: { operation: 'enrich', failOnClusterError: true },
    credentials,
    items: [{ json: missingNs }, { json: crashLoopPayload() }],
    settings: { continueOnFail: true },
  });
  expect(failing.items[0].json).toEqual({ error: expect.stringMatching(/no-such-namespace/) });
  expect(failing.items[1].json.rootCause).toMatch(/OOMKilled/);
});

test('a bad payload fails its item with NodeOperationError', async () => {
  const r = await runNode(PrometheusAlert, {
    parameters: { operation: 'enrich' },
    credentials,
    items: [{ json: { foo: 1 } }],
  });
  expect(r.error?.name).toBe('NodeOperationError');
  expect(r.error?.message).toMatch(/not an alert payload/);
});

test('an unreachable cluster: every alert carries the connection error', async () => {
  const kubeconfig = sim.kubeconfig.replace(/server: \S+/, 'server: http://127.0.0.1:1');
  const r = await runNode(PrometheusAlert, {
    parameters: { operation: 'enrich' },
    credentials: { kubernetesApi: { connection: 'kubeconfig', kubeconfig } },
    items: [{ json: crashLoopPayload() }],
  });
  expect(r.items[0].json.enriched).toBe(false);
  expect(String(r.items[0].json.error)).toMatch(/127\.0\.0\.1:1|ECONNREFUSED|connect/i);
});

test('Exclude Alert Names is read per item: the default drops Watchdog, an option set empty keeps it', async () => {
  const watchdog = crashLoopPayload();
  watchdog.alerts[0].labels.alertname = 'Watchdog';
  const items = [{ json: watchdog }, { json: crashLoopPayload() }];
  const byDefault = await runNode(PrometheusAlert, { parameters: { operation: 'enrich' }, credentials, items });
  expect(byDefault.items.map((i) => i.json.alertname)).toEqual(['KubePodCrashLooping']);
  const keepAll = await runNode(PrometheusAlert, {
    parameters: { operation: 'enrich', enrichOptions: { excludeAlertnames: '', maxFindings: 1 } },
    credentials,
    items,
  });
  expect(keepAll.items.map((i) => i.json.alertname)).toEqual(['Watchdog', 'KubePodCrashLooping']);
  expect(keepAll.items[1].json.findings).toHaveLength(1);
});
