/**
 * The engine on the demo cluster (sim/scenarios/demo) plus every healthy twin of the workload cases: the three
 * stories' root causes come out first, nothing else in the cluster is flagged by the workload analyzers, and
 * scoping to a namespace or a resource keeps exactly what belongs to it.
 */
import { join } from 'node:path';
import { collectSnapshot } from '../../../lib/diagnose/collect';
import { diagnose, runDiagnosis } from '../../../lib/diagnose/engine';
import type { DiagnosisResult, Finding, Snapshot } from '../../../lib/diagnose/types';
import { startTestSim } from '../../helpers/sim';

const DEMO = join(__dirname, '../../../sim/scenarios/demo');
const DIAG = join(__dirname, '../../../sim/scenarios/diagnose');
const TWINS = [
  'pod-crashloop',
  'pod-image-pull',
  'pod-config-missing',
  'pod-liveness',
  'pod-readiness',
  'pod-evicted',
  'pod-mount-missing',
  'pod-start-error',
  'pod-unschedulable',
  'pod-node-selector',
  'pod-taint',
  'pvc-provisioning',
  'pvc-no-class',
  'deploy-quota',
  'deploy-webhook',
  'deploy-rollout-stuck',
  'deploy-rollout-cause',
  'sts-storage',
  'ds-unavailable',
  'job-failed',
  'cronjob',
  'hpa',
  'pdb',
  'logs',
];
const WORKLOAD_ANALYZERS = [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'PersistentVolumeClaim',
  'Node',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Storage',
];
const BROKEN_NS = new Set(['default', 'aiops', 'shop']);

let sim: Awaited<ReturnType<typeof startTestSim>>;
let snapshot: Snapshot;
let result: DiagnosisResult;

beforeAll(async () => {
  sim = await startTestSim({
    fixtures: [DEMO, join(DIAG, 'cluster-base'), ...TWINS.map((c) => join(DIAG, c, 'healthy.yaml'))],
  });
  snapshot = await collectSnapshot(sim.kc);
  result = runDiagnosis(snapshot, { analyzers: WORKLOAD_ANALYZERS });
});
afterAll(() => sim?.close());

const serious = (f: Finding) => f.severity !== 'info';

test('the three demo root causes are the three critical findings, first', () => {
  const critical = result.findings.filter((f) => f.severity === 'critical');
  expect(critical).toHaveLength(3);
  expect(result.findings.slice(0, 3)).toEqual(critical);

  const image = critical.find((f) => f.namespace === 'default') as Finding;
  expect(image.rootCause?.object).toEqual({ kind: 'Deployment', namespace: 'default', name: 'nginx-test' });
  expect(image.rootCause?.fact).toMatch(/^image "nginx:lastest" not found/);
  expect(
    image.evidence.some((e) => e.source === 'event' && e.text.includes('docker.io/library/nginx:lastest: not found')),
  ).toBe(true);
  expect(image.related?.filter((r) => r.kind === 'Pod')).toHaveLength(3);

  const storage = critical.find((f) => f.namespace === 'aiops') as Finding;
  expect(storage.rootCause).toMatchObject({
    object: { kind: 'StorageClass', name: 'cbs' },
    fact: 'StorageClass "cbs" does not exist',
  });
  expect([storage.kind, storage.name]).toEqual(['PersistentVolumeClaim', 'test-data']);
  expect(storage.related).toEqual(
    expect.arrayContaining([
      { kind: 'Deployment', namespace: 'aiops', name: 'test-deployment' },
      { kind: 'Pod', namespace: 'aiops', name: 'test-deployment-57ccbfddd5-6s8jc' },
    ]),
  );
  expect(storage.evidence.map((e) => e.text)).toContain(
    'ProvisioningFailed: storageclass.storage.k8s.io "cbs" not found',
  );

  const oom = critical.find((f) => f.namespace === 'shop') as Finding;
  expect(oom.rootCause?.object).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'app-xyz' });
  expect(oom.rootCause?.fact).toBe(
    'container app is OOMKilled: memory use exceeds its memory limit 256Mi (last seen 250Mi)',
  );
  const texts = oom.evidence.map((e) => e.text);
  expect(texts).toContain('container app last terminated: reason=OOMKilled exitCode=137; restarts=7');
  expect(texts).toContain('container app memory usage 250Mi (98% of limit)');
  expect(texts.some((t) => t.includes('session cache eviction disabled'))).toBe(true);
});

test('no warning or critical anywhere else in the cluster', () => {
  const elsewhere = result.findings.filter((f) => serious(f) && !(f.namespace && BROKEN_NS.has(f.namespace)));
  expect(elsewhere).toEqual([]);
  expect(
    result.findings.filter((f) => serious(f) && f.namespace === 'default').map((f) => f.rootCause?.object.name),
  ).toEqual(['nginx-test']);
  for (const ns of ['kube-system', 'ingress-nginx', 'monitoring', 'local-path-storage', ...TWINS.map((c) => `${c}-ok`)])
    expect(result.namespaces[ns]?.score).toBe(100);
});

test('scores: broken namespaces low, cluster between', () => {
  for (const ns of ['aiops', 'shop']) expect(result.namespaces[ns].score).toBeLessThan(50);
  expect(result.namespaces.aiops.critical).toBe(1);
  expect(result.score).toBeGreaterThan(0);
  expect(result.score).toBeLessThan(100);
});

test('namespace scope keeps that namespace and its cluster-scoped causes', () => {
  const r = runDiagnosis(snapshot, { namespace: 'aiops', analyzers: WORKLOAD_ANALYZERS });
  expect(r.findings.every((f) => f.namespace === 'aiops')).toBe(true);
  expect(r.findings.filter(serious)).toHaveLength(1);
  expect(Object.keys(r.namespaces)).toEqual(['aiops']);
  expect(r.scope).toEqual({ namespace: 'aiops', analyzers: WORKLOAD_ANALYZERS });
});

test("resource scope: a pod of nginx-test brings its Deployment's finding, nothing else", () => {
  const r = runDiagnosis(snapshot, {
    resource: { kind: 'pods', namespace: 'default', name: 'nginx-test-6d8d947585-7zghn' },
    analyzers: WORKLOAD_ANALYZERS,
  });
  expect(r.findings.map((f) => f.rootCause?.object.name)).toEqual(['nginx-test']);
  const byDeployment = runDiagnosis(snapshot, {
    resource: { kind: 'deploy', namespace: 'shop', name: 'app-xyz' },
    analyzers: WORKLOAD_ANALYZERS,
  });
  expect(byDeployment.findings.map((f) => f.name)).toEqual(['app-xyz']);
  const noNamespace = runDiagnosis(snapshot, {
    resource: { kind: 'deployment', name: 'test-deployment' },
    analyzers: WORKLOAD_ANALYZERS,
  });
  expect(noNamespace.scope.resource).toEqual({ kind: 'Deployment', namespace: 'aiops', name: 'test-deployment' });
  expect(noNamespace.findings.map((f) => f.name)).toEqual(['test-data']);
  const byClass = runDiagnosis(snapshot, {
    resource: { kind: 'StorageClass', name: 'cbs' },
    analyzers: WORKLOAD_ANALYZERS,
  });
  expect(byClass.findings.map((f) => f.name)).toEqual(['test-data']);
});

test('minSeverity drops lower findings but not the score', () => {
  const r = runDiagnosis(snapshot, { analyzers: WORKLOAD_ANALYZERS, minSeverity: 'critical' });
  expect(r.findings).toHaveLength(3);
  expect(r.score).toBe(result.score);
});

test('diagnose() collects and runs in one call, scoped to a namespace; the report stats are filled', async () => {
  const r = await diagnose(sim.kc, { namespace: 'shop', analyzers: WORKLOAD_ANALYZERS });
  expect(r.findings.filter(serious).map((f) => f.rootCause?.fact)).toEqual([
    'container app is OOMKilled: memory use exceeds its memory limit 256Mi (last seen 250Mi)',
  ]);
  expect(r.stats.pods).toBeGreaterThan(0);
  expect(r.stats['logs.fetched']).toBeGreaterThanOrEqual(1);
  expect(r.usage?.[0]).toMatchObject({
    namespace: 'shop',
    pod: 'app-xyz-5969b7fffc-7ndjr',
    container: 'app',
    memoryLimit: 268435456,
  });
});

test('unknown analyzer names are reported, not fatal', () => {
  const r = runDiagnosis(snapshot, { analyzers: ['Pod', 'Nope'] });
  expect(r.warnings).toEqual(['analyzer "Nope" does not exist']);
  expect(r.findings.every((f) => f.analyzer === 'Pod')).toBe(true);
});
