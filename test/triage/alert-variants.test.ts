/**
 * Alerts as real rule sets label them, triaged against the demo cluster over HTTP: the object diagnosed is the one
 * an on-call engineer would open, hostile label values never become requests, and heartbeats are not problems.
 */
import { AppsV1Api, BatchV1Api, CoreV1Api } from '@kubernetes/client-node';
import { connect } from '../../lib/kube/connect';
import { triageAlerts } from '../../lib/triage';
import { startCountingProxy, type CountingProxy } from '../helpers/counting-proxy';
import { startTestSim } from '../helpers/sim';

let sim: Awaited<ReturnType<typeof startTestSim>>;
let proxy: CountingProxy;

beforeAll(async () => {
  sim = await startTestSim({ fixtures: ['sim/scenarios/demo'] });
  proxy = await startCountingProxy(sim.url);
  // a ReplicaSet whose name would guess another Deployment: its owner reference says app-xyz
  await sim.kc.makeApiClient(AppsV1Api).createNamespacedReplicaSet({
    namespace: 'shop',
    body: {
      metadata: {
        name: 'legacy-api-7d9f8b6c5',
        labels: { app: 'legacy' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'app-xyz',
            uid: 'a769c9ee-5d54-4cfa-b000-2d12fa24fd3e',
            controller: true,
          },
        ],
      },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'legacy' } },
        template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } },
      },
    },
  });
  // a second Service "redis" (shop has one): a name that no longer says which namespace
  await sim.kc.makeApiClient(CoreV1Api).createNamespacedService({
    namespace: 'default',
    body: { metadata: { name: 'redis' }, spec: { ports: [{ port: 6379 }] } },
  });
  await sim.kc.makeApiClient(BatchV1Api).createNamespacedCronJob({
    namespace: 'shop',
    body: {
      metadata: { name: 'nightly-report' },
      spec: {
        schedule: '0 2 * * *',
        jobTemplate: {
          spec: {
            template: { spec: { restartPolicy: 'Never', containers: [{ name: 'report', image: 'busybox' }] } },
          },
        },
      },
    },
  });
});
afterAll(async () => {
  await proxy?.close();
  await sim?.close();
});

const conn = () => connect({ source: 'kubeconfig', kubeconfig: proxy.kubeconfig(sim.kubeconfig, sim.url) });

function payload(...labelSets: Record<string, string>[]) {
  return {
    version: '4',
    status: 'firing',
    receiver: 'kube-aiops',
    groupKey: '{}:{}',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    truncatedAlerts: 0,
    alerts: labelSets.map((labels, i) => ({
      status: 'firing',
      labels: { severity: 'warning', ...labels },
      annotations: { summary: `alert ${i}` },
      startsAt: '2026-11-24T05:50:00Z',
      endsAt: '0001-01-01T00:00:00Z',
    })),
  };
}

/** Target labels kube-prometheus-stack's kube-state-metrics ServiceMonitor (honorLabels) adds to every series. */
const KSM_TARGET = {
  job: 'kube-state-metrics',
  instance: '10.244.1.50:8080',
  endpoint: 'http',
  service: 'prom-ksm',
  pod: 'prom-ksm-6c9d7b8f4-k2x9z',
  container: 'kube-state-metrics',
};

test('KubeDeploymentReplicasMismatch with the exporter target labels: the Deployment, not the exporter pod', async () => {
  const r = await triageAlerts(
    conn(),
    payload({ alertname: 'KubeDeploymentReplicasMismatch', ...KSM_TARGET, namespace: 'shop', deployment: 'app-xyz' }),
  );
  const [a] = r.alerts;
  expect(a.resource).toMatchObject({ kind: 'Deployment', namespace: 'shop', name: 'app-xyz', via: 'label:deployment' });
  expect(a.resource?.container).toBeUndefined();
  expect(a.target).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'app-xyz' });
  expect(a.rootCause).toMatch(/OOMKilled/);
});

test('KubeNodeNotReady and KubeJobFailed with exporter target labels map to the Node and the Job', async () => {
  const r = await triageAlerts(
    conn(),
    payload(
      { alertname: 'KubeNodeNotReady', ...KSM_TARGET, namespace: 'monitoring', node: 'node-2', condition: 'Ready' },
      { alertname: 'KubeJobFailed', ...KSM_TARGET, namespace: 'shop', job_name: 'db-migrate', condition: 'true' },
    ),
  );
  expect(r.alerts.map((a) => a.target)).toEqual([
    { kind: 'Node', name: 'node-2' },
    { kind: 'Job', namespace: 'shop', name: 'db-migrate' },
  ]);
});

test('a ReplicaSet label: the Deployment its owner reference names, even when the hash guess says otherwise', async () => {
  const r = await triageAlerts(
    conn(),
    payload({ alertname: 'KubeReplicaSetDown', namespace: 'shop', replicaset: 'legacy-api-7d9f8b6c5' }),
  );
  const [a] = r.alerts;
  expect(a.resource).toMatchObject({ kind: 'Deployment', name: 'legacy-api', confidence: 'medium' });
  expect(a.target).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'app-xyz' });
  expect(a.warnings).toContain(
    'ReplicaSet legacy-api-7d9f8b6c5 belongs to Deployment app-xyz, not Deployment legacy-api',
  );
  // and the common case, where the guess is right
  const ok = await triageAlerts(
    conn(),
    payload({ alertname: 'X', namespace: 'shop', replicaset: 'app-xyz-5969b7fffc' }),
  );
  expect(ok.alerts[0].target).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'app-xyz' });
  expect(ok.alerts[0].warnings.join('\n')).not.toMatch(/belongs to/);
});

test('a failed Job the history limit already removed is diagnosed through its CronJob', async () => {
  const r = await triageAlerts(
    conn(),
    payload({ alertname: 'KubeJobFailed', namespace: 'shop', job_name: 'nightly-report-29400120' }),
  );
  const [a] = r.alerts;
  expect(a.resource).toMatchObject({ kind: 'Job', name: 'nightly-report-29400120' });
  expect(a.target).toEqual({ kind: 'CronJob', namespace: 'shop', name: 'nightly-report' });
  expect(a.warnings.join('\n')).toMatch(/was not found; diagnosed CronJob shop\/nightly-report instead/);
});

test('host / nodename labels name the Node', async () => {
  const r = await triageAlerts(
    conn(),
    payload(
      { alertname: 'HostHighCpuLoad', host: 'node-2' },
      { alertname: 'NodeClockNotSynchronising', instance: '10.0.0.13:9100', job: 'node-exporter', nodename: 'NODE-3' },
    ),
  );
  expect(r.alerts.map((a) => a.target)).toEqual([
    { kind: 'Node', name: 'node-2' },
    { kind: 'Node', name: 'node-3' },
  ]);
});

test('hostile label values never become a request: no path outside the names the cluster could hold', async () => {
  proxy.seen.length = 0;
  const r = await triageAlerts(
    conn(),
    payload(
      { alertname: 'KubePodCrashLooping', namespace: '../kube-system', pod: 'coredns-0' },
      { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'app-xyz/../../secrets/app-xyz-db' },
      { alertname: 'KubePodNotReady', namespace: 'shop%2F..', pod: 'x' },
      { alertname: 'TargetDown', namespace: '..', job: 'x' },
    ),
  );
  expect(r.alerts).toHaveLength(4);
  for (const a of r.alerts) {
    expect(a.resource).toBeNull();
    expect(a.warnings.join('\n')).toMatch(/ignored: .* is not a valid Kubernetes name/);
  }
  // the shop alert with a bad pod name is still about namespace shop; the others have no usable namespace
  expect(r.alerts.map((a) => a.enriched)).toEqual([false, true, false, false]);
  for (const req of proxy.seen) expect(decodeURIComponent(req.url)).not.toMatch(/\.\.|secrets\/app-xyz-db|%2F/i);
});

test('Watchdog and InfoInhibitor are heartbeats: passed through as informational, never diagnosed', async () => {
  proxy.seen.length = 0;
  const r = await triageAlerts(
    conn(),
    payload(
      { alertname: 'Watchdog', severity: 'none' },
      { alertname: 'InfoInhibitor', severity: 'none', namespace: 'shop' },
    ),
  );
  expect(r.alerts.map((a) => [a.alertname, a.enriched, a.findings.length])).toEqual([
    ['Watchdog', false, 0],
    ['InfoInhibitor', false, 0],
  ]);
  for (const a of r.alerts) expect(a.skipped).toMatch(/heartbeat alert: it fires on purpose and reports no problem/);
  expect(proxy.seen.filter((s) => s.method === 'GET' && /namespaces|pods/.test(s.path))).toEqual([]);
});

test('an application metric names its pod only by instance (pod IP:port): the Pod, not a Node', async () => {
  const r = await triageAlerts(
    conn(),
    payload(
      { alertname: 'HighErrorRate', job: 'shop/app-xyz', namespace: 'shop', instance: '10.244.1.6:8080' },
      { alertname: 'HighErrorRate', job: 'web', namespace: 'other', instance: '10.244.1.6:8080' },
    ),
  );
  const [a, other] = r.alerts;
  expect(a.resource).toMatchObject({
    kind: 'Pod',
    namespace: 'shop',
    name: 'app-xyz-5969b7fffc-7ndjr',
    confidence: 'medium',
    via: 'label:instance→Pod IP',
  });
  expect(a.target).toEqual({ kind: 'Pod', namespace: 'shop', name: 'app-xyz-5969b7fffc-7ndjr' });
  expect(a.warnings).toContain("instance 10.244.1.6 is no node's address but Pod shop/app-xyz-5969b7fffc-7ndjr's");
  expect(a.rootCause).toMatch(/OOMKilled/);
  // the same IP in another namespace's alert is not that pod
  expect(other.targetFound).toBe(false);
});

test('no namespace label: the one object of that kind and name in the cluster, saying so; an ambiguous name stays unfound', async () => {
  const r = await triageAlerts(
    conn(),
    payload(
      { alertname: 'KubeDeploymentReplicasMismatch', deployment: 'app-xyz' },
      { alertname: 'X', service: 'kubernetes' },
      { alertname: 'X', service: 'redis' },
      { alertname: 'X', deployment: 'no-such-app' },
    ),
  );
  const [a, svc, ambiguous, none] = r.alerts;
  expect(a.target).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'app-xyz' });
  expect(a.warnings).toContain(
    'the alert has no namespace label; Deployment shop/app-xyz is the only Deployment of that name',
  );
  expect(a.rootCause).toMatch(/OOMKilled/);
  expect(svc.target).toEqual({ kind: 'Service', namespace: 'default', name: 'kubernetes' });
  expect(ambiguous.targetFound).toBe(false);
  expect(none.targetFound).toBe(false);
});

test('a gone pod is diagnosed through the controller its name says: DaemonSet, Job, CronJob, StatefulSet', async () => {
  const r = await triageAlerts(
    conn(),
    payload(
      { alertname: 'KubePodCrashLooping', namespace: 'kube-system', pod: 'kube-proxy-x7k2p' },
      { alertname: 'KubePodNotReady', namespace: 'shop', pod: 'db-migrate-q8w4z' },
      { alertname: 'KubePodNotReady', namespace: 'shop', pod: 'nightly-report-29400120-mk4vz' },
      { alertname: 'KubePodNotReady', namespace: 'shop', pod: 'redis-3' },
    ),
  );
  expect(r.alerts.map((a) => a.target)).toEqual([
    { kind: 'DaemonSet', namespace: 'kube-system', name: 'kube-proxy' },
    { kind: 'Job', namespace: 'shop', name: 'db-migrate' },
    { kind: 'CronJob', namespace: 'shop', name: 'nightly-report' },
    { kind: 'StatefulSet', namespace: 'shop', name: 'redis' },
  ]);
  for (const a of r.alerts) expect(a.warnings.join('\n')).toMatch(/was not found; diagnosed .* instead/);
});
