/**
 * Every workload analyzer and chain against its broken fixture and its healthy twin, served by one simulator and
 * collected through the real client: each case lives in its own namespace (`<case>` broken, `<case>-ok` healthy).
 */
import { join } from 'node:path';
import { collectSnapshot } from '../../../lib/diagnose/collect';
import { runDiagnosis } from '../../../lib/diagnose/engine';
import type { DiagnosisResult, Finding, Snapshot } from '../../../lib/diagnose/types';
import { DIAGNOSE_SCENARIOS as DIR, startScenarioSim, startTestSim } from '../../helpers/sim';

const CASES = [
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
  'node-conditions',
  'hpa',
  'pdb',
  'logs',
];

let sim: Awaited<ReturnType<typeof startTestSim>>;
let snapshot: Snapshot;
let all: DiagnosisResult;

beforeAll(async () => {
  sim = await startScenarioSim(CASES);
  snapshot = await collectSnapshot(sim.kc, {}, { logs: 'all', maxRunningLogPods: 200 });
  all = runDiagnosis(snapshot, { analyzers: ['all'] });
});
afterAll(() => sim?.close());

const serious = (f: Finding) => f.severity !== 'info';
function inNs(ns: string, r: DiagnosisResult = all): Finding[] {
  return r.findings.filter((f) => f.namespace === ns);
}
function one(ns: string, pred: (f: Finding) => boolean = serious): Finding {
  const hits = inNs(ns).filter(pred);
  if (hits.length !== 1)
    throw new Error(
      `expected one finding in ${ns}, got ${hits.length}: ${hits.map((h) => `${h.kind}/${h.name} ${h.reason}`).join('; ')}`,
    );
  return hits[0];
}

describe('healthy twins', () => {
  test.each(CASES.filter((c) => c !== 'node-conditions'))('%s-ok has nothing at warning or above', (c) => {
    expect(inNs(`${c}-ok`).filter(serious)).toEqual([]);
  });
  test('healthy nodes (extra healthy conditions, EtcdIsVoter, cordoned) are at most info', () => {
    const nodes = all.findings.filter((f) => f.kind === 'Node' && (f.name === 'nc-node-c' || f.name === 'nc-node-d'));
    expect(nodes.filter(serious)).toEqual([]);
    expect(nodes.map((f) => f.reason)).toEqual(['Cordoned']);
  });
  test('base worker nodes yield nothing', () => {
    expect(all.findings.filter((f) => f.kind === 'Node' && f.name.startsWith('wl-node'))).toEqual([]);
  });
});

describe('pods', () => {
  test('crash loop folds two pods into the Deployment and names the log line', () => {
    const f = one('pod-crashloop');
    expect(f.severity).toBe('critical');
    expect(f.rootCause?.object).toEqual({ kind: 'Deployment', namespace: 'pod-crashloop', name: 'orders' });
    expect(f.rootCause?.fact).toMatch(
      /container api exits with code 1 \(Error\): .*password authentication failed for user "orders"/,
    );
    expect(f.related?.filter((r) => r.kind === 'Pod')).toHaveLength(2);
    expect(f.evidence.some((e) => e.source === 'log' && e.text.includes('FATAL cannot start'))).toBe(true);
  });
  test('image pull denied is reported as an access problem, with the pull event', () => {
    const f = one('pod-image-pull');
    expect(f.reason).toBe('ImagePullBackOff');
    expect(f.rootCause?.fact).toMatch(/registry\.example\.com\/private\/billing:2\.0\.1.*denies access/);
    expect(f.evidence.some((e) => e.source === 'event' && e.text.includes('pull access denied'))).toBe(true);
    expect(f.evidence.some((e) => e.text === 'imagePullSecrets: (none)')).toBe(true);
  });
  test('CreateContainerConfigError points at the missing Secret', () => {
    const f = one('pod-config-missing');
    expect(f.rootCause).toMatchObject({
      object: { kind: 'Secret', namespace: 'pod-config-missing', name: 'checkout-db' },
      fact: 'Secret checkout-db does not exist',
    });
    expect(f.related).toEqual(
      expect.arrayContaining([{ kind: 'Deployment', namespace: 'pod-config-missing', name: 'checkout' }]),
    );
  });
  test('liveness-probe kills are told apart from application crashes', () => {
    const f = one('pod-liveness');
    expect(f.reason).toBe('LivenessProbeFailed');
    // the index warm-up outlives the 3 × 10 s the probe allows: a slow starter without a startupProbe
    expect(f.rootCause?.fact).toContain(
      'liveness probe of container search fails (HTTP probe failed with statuscode: 500)',
    );
    expect(f.rootCause).toMatchObject({
      code: 'LivenessKillsSlowStart',
      facts: { container: 'search', allowedSeconds: 30, startingForSeconds: 31, startupProbe: 'none' },
    });
  });
  test('readiness failure is a warning with the probe text', () => {
    const f = one('pod-readiness');
    expect(f.severity).toBe('warning');
    expect(f.reason).toBe('ReadinessProbeFailed');
    expect(f.rootCause?.fact).toContain('statuscode: 503');
  });
  test('eviction names the resource and blames the missing request', () => {
    const f = one('pod-evicted');
    expect(f.severity).toBe('warning');
    expect(f.reason).toBe('Evicted');
    expect(f.rootCause?.fact).toMatch(/low on ephemeral-storage and the pod used more than it requests/);
  });
  test('FailedMount follows to the missing ConfigMap', () => {
    const f = one('pod-mount-missing');
    expect(f.rootCause).toMatchObject({
      object: { kind: 'ConfigMap', namespace: 'pod-mount-missing', name: 'gateway-routes' },
      fact: 'ConfigMap gateway-routes does not exist',
    });
  });
  test("StartError keeps the runtime's reason; a command path that does not exist is the executable missing", () => {
    const f = one('pod-start-error');
    expect(f.reason).toBe('StartError');
    expect(f.rootCause).toMatchObject({
      code: 'ExecutableNotFound',
      facts: { container: 'worker', executable: '/app/bin/start-worker.sh' },
      fact: 'container worker cannot start: executable "/app/bin/start-worker.sh" does not exist in image registry.example.com/jobs/worker:7.1.0 (command: /app/bin/start-worker.sh)',
    });
  });
});

describe('scheduling', () => {
  test('insufficient memory: request larger than any node', () => {
    const f = one('pod-unschedulable');
    expect(f.reason).toBe('FailedScheduling');
    expect(f.rootCause?.object).toEqual({ kind: 'Deployment', namespace: 'pod-unschedulable', name: 'analytics' });
    expect(f.rootCause?.fact).toBe('requests 24Gi memory, more than any node can allocate (largest 14.5Gi)');
    expect(f.count).toBe(3);
  });
  test('node selector that no node carries', () => {
    expect(one('pod-node-selector').rootCause?.fact).toBe('nodeSelector accelerator=nvidia-a100 matches no node');
  });
  test('untolerated taint wins over the selector that deliberately excludes other nodes', () => {
    expect(one('pod-taint').rootCause?.fact).toBe('no toleration for taint {dedicated: gpu} on node(s) taint-gpu-1');
  });
});

describe('storage chains', () => {
  test('Pending pod → PVC → provisioner failure text on the StorageClass', () => {
    const f = one('pvc-provisioning');
    expect(f.rootCause?.object).toEqual({ kind: 'StorageClass', name: 'fast-ssd' });
    expect(f.rootCause?.fact).toMatch(/^provisioner pd\.csi\.storage\.gke\.io failed: .*Quota 'SSD_TOTAL_GB' exceeded/);
    expect(f.related).toEqual(
      expect.arrayContaining([{ kind: 'Pod', namespace: 'pvc-provisioning', name: 'postgres' }]),
    );
  });
  test('claim without class and no default class is a warning while nothing uses it', () => {
    const f = one('pvc-no-class');
    expect(f.severity).toBe('warning');
    expect(f.reason).toBe('PVCNoStorageClass');
  });
  test('StatefulSet → pod → claim → missing StorageClass, merged into one finding', () => {
    const f = one('sts-storage');
    expect(f.rootCause).toMatchObject({
      object: { kind: 'StorageClass', name: 'premium-rwo' },
      fact: 'StorageClass "premium-rwo" does not exist',
    });
    expect(f.related).toEqual(
      expect.arrayContaining([
        { kind: 'StatefulSet', namespace: 'sts-storage', name: 'kafka' },
        { kind: 'Pod', namespace: 'sts-storage', name: 'kafka-0' },
      ]),
    );
  });
  test('the StatefulSet analyzer alone: availability and the template class merge on their shared cause', () => {
    const r = runDiagnosis(snapshot, { analyzers: ['StatefulSet'], namespace: 'sts-storage' });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0];
    expect([f.severity, f.reason]).toEqual(['critical', 'ReplicasUnavailable']);
    expect(f.message).toContain('0/3 replicas ready');
    expect(f.rootCause?.object).toEqual({ kind: 'StorageClass', name: 'premium-rwo' });
    expect(f.evidence.map((e) => e.text)).toContain('volumeClaimTemplates[data].spec.storageClassName=premium-rwo');
  });
});

describe('controllers', () => {
  test('quota refusal: ResourceQuota named with its numbers; 3/4 ready is a warning', () => {
    const f = one('deploy-quota');
    expect(f.severity).toBe('warning');
    expect(f.rootCause?.object).toEqual({ kind: 'ResourceQuota', namespace: 'deploy-quota', name: 'compute-quota' });
    expect(f.rootCause?.fact).toContain('limited: limits.memory=8Gi');
  });
  test('the ReplicaSet analyzer alone finds the FailedCreate', () => {
    const r = runDiagnosis(snapshot, { analyzers: ['ReplicaSet'], namespace: 'deploy-quota' });
    expect(r.findings.map((f) => [f.kind, f.reason, f.owner?.name])).toEqual([
      ['ReplicaSet', 'QuotaExceeded', 'reports'],
    ]);
  });
  test('webhook denial is traced to the ValidatingWebhookConfiguration', () => {
    const f = one('deploy-webhook');
    expect(f.severity).toBe('critical');
    expect(f.rootCause?.object).toEqual({ kind: 'ValidatingWebhookConfiguration', name: 'policy-guard' });
    expect(f.rootCause?.fact).toContain('pod is missing the required label "team"');
  });
  test("stuck rollout while the old ReplicaSet serves: warning with the new pods' cause", () => {
    const f = one('deploy-rollout-stuck');
    expect(f.severity).toBe('warning');
    expect(f.reason).toBe('ProgressDeadlineExceeded');
    expect(f.message).toContain('old ReplicaSet still serves 3/3');
    expect(f.rootCause?.fact).toContain('unknown configuration key "cache.legacyMode"');
  });
  test("stuck rollouts name the new pods' root cause: image not found, OOMKilled, missing ConfigMap", () => {
    const found = inNs('deploy-rollout-cause').filter(serious);
    expect(found).toHaveLength(3);
    const of = (name: string) =>
      found.find(
        (f) => f.name === name || f.related?.some((r) => r.kind === 'Deployment' && r.name === name),
      ) as Finding;
    const catalog = of('catalog');
    expect([catalog.kind, catalog.reason, catalog.severity]).toEqual([
      'Deployment',
      'ProgressDeadlineExceeded',
      'warning',
    ]);
    expect(catalog.rootCause).toMatchObject({
      object: { kind: 'Deployment', namespace: 'deploy-rollout-cause', name: 'catalog' },
      // the runtime's own words follow: "…: registry.example.com/shop/catalog:3.1.O: not found"
      fact: expect.stringMatching(
        /^image "registry\.example\.com\/shop\/catalog:3\.1\.O" not found: the repository or tag does not exist in the registry/,
      ),
    });
    expect(catalog.message).toContain('old ReplicaSet still serves 2/2');
    const cart = of('cart');
    expect(cart.reason).toBe('ProgressDeadlineExceeded');
    expect(cart.rootCause?.fact).toBe('container cart is OOMKilled: memory use exceeds its memory limit 128Mi');
    // The Deployment's finding merged with the References finding on the missing ConfigMap; the stuck rollout is evidence.
    const checkout = of('checkout');
    expect(checkout.rootCause).toMatchObject({
      object: { kind: 'ConfigMap', namespace: 'deploy-rollout-cause', name: 'checkout-config-v2' },
      fact: 'ConfigMap checkout-config-v2 does not exist',
    });
    expect(checkout.evidence.some((e) => e.text.startsWith('Progressing=False reason=ProgressDeadlineExceeded'))).toBe(
      true,
    );
    const byDeployment = runDiagnosis(snapshot, { analyzers: ['Deployment'], namespace: 'deploy-rollout-cause' });
    expect(byDeployment.findings.map((f) => `${f.name}: ${f.rootCause?.fact}`).sort()).toEqual([
      'cart: container cart is OOMKilled: memory use exceeds its memory limit 128Mi',
      'catalog: image "registry.example.com/shop/catalog:3.1.O" not found: the repository or tag does not exist in the registry: registry.example.com/shop/catalog:3.1.O: not found',
      'checkout: ConfigMap checkout-config-v2 does not exist',
    ]);
  });
  test("DaemonSet: the crashing pod's cause, and misscheduled pods", () => {
    const found = inNs('ds-unavailable').filter(serious);
    expect(found.map((f) => f.reason).sort()).toEqual(['CrashLoopBackOff', 'Misscheduled']);
    const crash = found.find((f) => f.reason === 'CrashLoopBackOff') as Finding;
    expect(crash.rootCause?.object).toEqual({ kind: 'DaemonSet', namespace: 'ds-unavailable', name: 'node-agent' });
    expect(crash.rootCause?.fact).toContain('open /host/proc/sys/net: no such file or directory');
    expect(crash.related).toEqual(
      expect.arrayContaining([{ kind: 'DaemonSet', namespace: 'ds-unavailable', name: 'node-agent' }]),
    );
  });
  test("failed Job → its pod's exit code and log line", () => {
    const f = one('job-failed');
    expect(f.kind).toBe('Job');
    expect(f.reason).toBe('BackoffLimitExceeded');
    expect(f.rootCause?.fact).toMatch(
      /container migrate exits with code 1 \(Error\): .*relation "orders_v2" does not exist/,
    );
  });
  test("CronJob: invalid schedule, missed start times, and the last run's OOMKill reaches the CronJob", () => {
    const found = inNs('cronjob').filter(serious);
    const invalid = found.find((f) => f.reason === 'InvalidSchedule') as Finding;
    expect(invalid.rootCause?.fact).toBe(
      'schedule "*/15 * * *" is invalid: expected exactly 5 fields, found 4: "*/15 * * *"',
    );
    const oom = found.find((f) => f.rootCause?.object.name === 'nightly-report') as Finding;
    expect(oom.rootCause?.fact).toBe('container report is OOMKilled: memory use exceeds its memory limit 512Mi');
    expect(oom.related).toEqual(
      expect.arrayContaining([{ kind: 'CronJob', namespace: 'cronjob', name: 'nightly-report' }]),
    );
    const missed = found.find((f) => f.name === 'sync') as Finding;
    expect([missed.severity, missed.reason]).toEqual(['warning', 'TooManyMissedTimes']);
    expect(missed.rootCause?.fact).toContain('too many missed start times: 600');
    expect(found).toHaveLength(3);
  });
  test('the CronJob analyzer alone reports LastRunFailed; history and suspension are info', () => {
    const r = runDiagnosis(snapshot, { analyzers: ['CronJob', 'Job'] });
    const cj = r.findings.filter((f) => f.analyzer === 'CronJob' || f.analyzer === 'Job');
    const run = cj.find((f) => f.namespace === 'cronjob' && f.rootCause?.object.name === 'nightly-report') as Finding;
    expect([run.kind, run.name]).toEqual(['Job', 'nightly-report-29390400']);
    expect(run.related).toEqual([{ kind: 'CronJob', namespace: 'cronjob', name: 'nightly-report' }]);
    expect(
      cj
        .filter((f) => f.namespace === 'cronjob-ok')
        .map((f) => [f.reason, f.severity])
        .sort(),
    ).toEqual([
      ['BackoffLimitExceeded', 'info'],
      ['Suspended', 'info'],
    ]);
  });
});

describe('nodes, autoscaling, budgets, logs', () => {
  test('NotReady node carries the kubelet message; DiskPressure is a warning; NPD problem is info', () => {
    const a = all.findings.filter((f) => f.kind === 'Node' && f.name === 'nc-node-a');
    expect(a.map((f) => [f.severity, f.reason])).toEqual([['critical', 'NodeNotReady']]);
    expect(a[0].rootCause?.fact).toContain('cni plugin not initialized');
    const b = all.findings.filter((f) => f.kind === 'Node' && f.name === 'nc-node-b');
    expect(b.map((f) => [f.severity, f.reason]).sort()).toEqual([
      ['info', 'ReadonlyFilesystem'],
      ['warning', 'DiskPressure'],
    ]);
  });
  test('HPA: missing request on a sidecar, metrics API not served, capped at maxReplicas', () => {
    const web = all.findings.find(
      (f) => f.namespace === 'hpa' && f.name === 'web' && f.analyzer === 'HorizontalPodAutoscaler',
    ) as Finding;
    expect(web.rootCause).toMatchObject({
      object: { kind: 'Deployment', namespace: 'hpa', name: 'web' },
      fact: 'container proxy of Deployment web has no cpu request, so utilization cannot be computed',
    });
    const queue = all.findings.find((f) => f.namespace === 'hpa' && f.name === 'queue') as Finding;
    expect(queue.rootCause?.object).toEqual({ kind: 'APIService', name: 'v1beta1.metrics.k8s.io' });
    expect(queue.rootCause?.fact).toMatch(
      /^metrics-server does not serve the metrics the HPA needs: .*get pods\.metrics\.k8s\.io/,
    );
    const worker = all.findings.find((f) => f.namespace === 'hpa' && f.name === 'worker') as Finding;
    expect([worker.severity, worker.reason]).toEqual(['warning', 'TooManyReplicas']);
    // pinned at the maximum: the metric that wants more, against its target, as the HPA status and spec write them
    expect(worker.rootCause).toMatchObject({
      code: 'HPAAtMaxReplicas',
      facts: { maxReplicas: 10, metric: 'cpu utilization', current: '97%', target: '60%' },
      fact: 'maxReplicas=10 reached while cpu utilization is 97% against a target of 60%',
    });
  });
  test("PDB blocked by a crashing pod carries the crash's cause; a PDB selecting nothing is reported", () => {
    const found = inNs('pdb').filter(serious);
    const crash = found.find((f) =>
      f.related?.some((r) => r.kind === 'PodDisruptionBudget' && r.name === 'cart'),
    ) as Finding;
    expect(crash.rootCause?.fact).toContain('panic: runtime error: invalid memory address');
    expect(found.find((f) => f.name === 'legacy-api')?.reason).toBe('SelectorMatchesNoPods');
  });
  test('Logs (optional) finds error lines in a running pod and ignores "0 errors"', () => {
    const f = one('logs');
    expect([f.analyzer, f.severity]).toEqual(['Logs', 'warning']);
    expect(f.rootCause?.fact).toContain('gw.payments.example.net/v2/charge failed: context deadline exceeded');
    const dflt = runDiagnosis(snapshot, { namespace: 'logs' });
    expect(dflt.findings.filter(serious)).toEqual([]);
  });
});

describe('storage analyzer (cluster-wide, own simulator)', () => {
  async function storage(variant: 'broken' | 'healthy'): Promise<Finding[]> {
    const s = await startTestSim({ fixtures: [join(DIR, 'storage-classes', `${variant}.yaml`)] });
    try {
      return runDiagnosis(await collectSnapshot(s.kc), { analyzers: ['Storage'] }).findings;
    } finally {
      await s.close();
    }
  }
  test('two default classes and a Failed volume', async () => {
    const f = await storage('broken');
    expect(f.map((x) => x.reason).sort()).toEqual(['MultipleDefaultStorageClasses', 'PersistentVolumeFailed']);
    expect(f.find((x) => x.reason === 'PersistentVolumeFailed')?.rootCause?.fact).toContain(
      'currently attached to "i-0f1e2d3c4b5a69788"',
    );
  });
  test('one default class, a no-provisioner class and a Bound volume yield nothing', async () => {
    expect(await storage('healthy')).toEqual([]);
  });
});
