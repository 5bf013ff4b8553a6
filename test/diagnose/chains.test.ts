/**
 * Cause chains that cross analyzers end at one root cause, so one problem gives one finding: a probe on the wrong
 * port, a webhook whose backend is gone or down, a NetworkPolicy (or a broken Service) behind a workload's
 * connection errors. Each broken case is checked against its healthy twin.
 */
import { deploymentAnalyzer } from '../../lib/diagnose/analyzers/deployment';
import { logsAnalyzer } from '../../lib/diagnose/analyzers/logs';
import { podAnalyzer } from '../../lib/diagnose/analyzers/pod';
import { replicaSetAnalyzer } from '../../lib/diagnose/analyzers/replicaset';
import type { Finding, ObjectRef } from '../../lib/diagnose/types';
import { analyzeScenario, diagnoseScenario, serious } from './net-support';

const names = (refs: ObjectRef[] | undefined) => (refs ?? []).map((r) => `${r.kind}/${r.name}`);
const one = (findings: Finding[], pred: (f: Finding) => boolean): Finding => {
  const hits = findings.filter(pred);
  if (hits.length !== 1)
    throw new Error(
      `expected one finding, got ${hits.length}: ${JSON.stringify(findings.map((f) => `${f.analyzer} ${f.reason} ${f.kind}/${f.name}`))}`,
    );
  return hits[0];
};

describe('probe failures end at the probe-port mistake', () => {
  const readinessFact =
    'readiness probe of container fulfillment checks port 8081, which the container does not declare (declares http:8080)';
  const livenessFact =
    'liveness probe of container indexer checks port 9090, which the container does not declare (declares http:8080)';

  test('readiness: the Pod and Deployment findings name the port, not "connection refused"', async () => {
    const pod = one(await analyzeScenario(podAnalyzer, 'probe-port', 'broken'), (f) => f.owner?.name === 'fulfillment');
    expect(pod.reason).toBe('ReadinessProbeFailed');
    expect(pod.rootCause).toMatchObject({
      object: { kind: 'Deployment', namespace: 'fulfillment', name: 'fulfillment' },
      fact: readinessFact,
    });
    expect(pod.message).toContain('connection refused; the probe checks port 8081');
    expect(pod.suggestion).toContain('(http:8080)');
    const dep = one(await analyzeScenario(deploymentAnalyzer, 'probe-port', 'broken'), (f) => f.name === 'fulfillment');
    expect(dep.rootCause?.fact).toBe(readinessFact);
  });

  test('readiness: Probe, Deployment, Pod and Service findings merge into one, the Probe finding speaking', async () => {
    const r = await diagnoseScenario('probe-port', 'broken');
    const f = one(serious(r.findings), (x) => x.rootCause?.object.name === 'fulfillment');
    expect([f.analyzer, f.reason, f.rootCause?.fact]).toEqual(['Probe', 'ProbePortMismatch', readinessFact]);
    expect(names(f.related)).toEqual(
      expect.arrayContaining(['Service/fulfillment', 'Pod/fulfillment-8b7c6d5e4f-m3n4p']),
    );
    expect(f.evidence.some((e) => e.text.includes('dial tcp 10.245.1.110:8081: connect: connection refused'))).toBe(
      true,
    );
  });

  test('liveness: a crash loop from probe kills ends at the probe port and merges with the Probe finding', async () => {
    const pod = one(await analyzeScenario(podAnalyzer, 'probe-liveness-port', 'broken'), () => true);
    expect([pod.reason, pod.rootCause?.fact]).toEqual(['LivenessProbeFailed', livenessFact]);
    const r = await diagnoseScenario('probe-liveness-port', 'broken');
    const f = one(serious(r.findings), () => true);
    expect([f.analyzer, f.severity, f.rootCause?.fact]).toEqual(['Probe', 'critical', livenessFact]);
    expect(names(f.related)).toContain('Pod/indexer-6b5a4c3d2e-h7j3k');
  });

  test('twins: probes on the listening port raise nothing, with every analyzer on', async () => {
    for (const c of ['probe-port', 'probe-liveness-port'])
      expect(serious((await diagnoseScenario(c, 'healthy', { analyzers: ['all'] })).findings)).toEqual([]);
  });
});

describe('FailedCreate "failed calling webhook" follows the webhook to its Service', () => {
  test('a missing Service: the ReplicaSet and Deployment end where the webhook analyzer ends', async () => {
    const rootCause = {
      object: { kind: 'Service', namespace: 'policy', name: 'policy-webhook' },
      fact: 'Service policy-webhook does not exist',
    };
    const rs = one(
      await analyzeScenario(replicaSetAnalyzer, 'webhook-backend', 'broken'),
      (f) => f.namespace === 'orders',
    );
    expect(rs.reason).toBe('WebhookUnavailable');
    expect(rs.rootCause).toMatchObject(rootCause);
    expect(rs.message).toContain('it calls Service policy/policy-webhook, which does not exist');
    const r = await diagnoseScenario('webhook-backend', 'broken');
    const f = one(r.findings, (x) => x.rootCause?.object.name === 'policy-webhook');
    expect(f.rootCause).toMatchObject(rootCause);
    expect(names(f.related)).toEqual(
      expect.arrayContaining(['ValidatingWebhookConfiguration/policy-check', 'ReplicaSet/orders-84d6f9c7b5']),
    );
    expect(f.message).toContain('admission webhook validate.policy.example.com');
  });

  test('a Service without ready endpoints: one finding, ending at why the webhook pod crashes', async () => {
    const dep = one(
      await analyzeScenario(deploymentAnalyzer, 'webhook-endpoints', 'broken'),
      (f) => f.name === 'reports',
    );
    const fact =
      'container guard exits with code 1 (Error): fatal: failed to load TLS key pair: open /certs/tls.key: no such file or directory';
    expect(dep.rootCause).toMatchObject({
      object: { kind: 'Deployment', namespace: 'guard', name: 'guard-webhook' },
      fact,
    });
    const r = await diagnoseScenario('webhook-endpoints', 'broken');
    const f = one(serious(r.findings), () => true);
    expect(f.rootCause?.fact).toBe(fact);
    expect(names(f.related)).toEqual(
      expect.arrayContaining([
        'Deployment/reports',
        'ReplicaSet/reports-7c6b5a4d3e',
        'ValidatingWebhookConfiguration/guard-policy',
        'Service/guard-webhook',
        'Service/reports',
      ]),
    );
  });

  test('twins: webhooks with serving backends raise nothing, with every analyzer on', async () => {
    for (const c of ['webhook-backend', 'webhook-endpoints'])
      expect(serious((await diagnoseScenario(c, 'healthy', { analyzers: ['all'] })).findings)).toEqual([]);
  });
});

describe('connection errors in logs end at the NetworkPolicy that drops them', () => {
  test('a caller the ingress rules leave out: its Deployment, pod, Service and logs merge into the policy finding', async () => {
    const fact = 'ingress rules do not admit Deployment frontend/web on 5432/TCP';
    const dep = one(await analyzeScenario(deploymentAnalyzer, 'netpol-caller', 'broken'), (f) => f.name === 'web');
    expect(dep.rootCause).toMatchObject({
      object: { kind: 'NetworkPolicy', namespace: 'db', name: 'postgres-ingress' },
      fact,
    });
    expect(dep.message).toContain('web-7f6d5c4b9a-z7m3k → Service db/postgres → NetworkPolicy db/postgres-ingress: ');
    const pod = one(await analyzeScenario(podAnalyzer, 'netpol-caller', 'broken'), (f) => f.owner?.name === 'web');
    expect(pod.message).toContain(
      'its readiness probe fails: HTTP probe failed with statuscode: 503. Its connections fail: its calls to Service db/postgres are dropped by NetworkPolicy db/postgres-ingress.',
    );
    expect(pod.evidence.some((e) => e.source === 'log' && e.text.includes('ETIMEDOUT 10.96.61.5:5432'))).toBe(true);
    const r = await diagnoseScenario('netpol-caller', 'broken', { analyzers: ['all'] });
    const f = one(r.findings, (x) => x.rootCause?.fact === fact);
    expect([f.analyzer, f.name]).toEqual(['NetworkPolicy', 'postgres-ingress']);
    expect(names(f.related)).toEqual(
      expect.arrayContaining(['Deployment/web', 'Service/web', 'Pod/web-7f6d5c4b9a-z7m3k']),
    );
    expect(
      serious(r.findings)
        .map((x) => x.name)
        .sort(),
    ).toEqual(['postgres-ingress', 'worker-egress']);
  });

  test('a running worker whose logs time out on a Service its egress rules leave out', async () => {
    const f = one(await analyzeScenario(logsAnalyzer, 'netpol-caller', 'broken'), (x) => x.owner?.name === 'worker');
    expect(f.rootCause).toMatchObject({
      object: { kind: 'NetworkPolicy', namespace: 'frontend', name: 'worker-egress' },
      fact: 'egress rules do not allow Deployment frontend/worker to reach Service frontend/redis on 6379/TCP',
    });
  });

  test('DNS lookups a default deny drops: the crashing Deployments end at the policy', async () => {
    const deps = await analyzeScenario(deploymentAnalyzer, 'netpol-dns', 'broken');
    expect(one(deps, (f) => f.name === 'payments').rootCause).toMatchObject({
      object: { kind: 'NetworkPolicy', namespace: 'payments', name: 'default-deny-all' },
      fact: 'egress to UDP 53 (kube-dns) is not allowed; allows no DNS traffic (UDP/TCP 53 to kube-dns in kube-system)',
    });
    expect(one(deps, (f) => f.name === 'ledger').rootCause?.object).toEqual({
      kind: 'NetworkPolicy',
      namespace: 'ledger',
      name: 'allow-dns',
    });
    const r = await diagnoseScenario('netpol-dns', 'broken', { analyzers: ['all'] });
    expect(
      serious(r.findings)
        .map((f) => `${f.analyzer} ${f.namespace}/${f.name}`)
        .sort(),
    ).toEqual(['NetworkPolicy ledger/allow-dns', 'NetworkPolicy payments/default-deny-all']);
  });

  test('twins: allowed traffic raises nothing, with every analyzer on', async () => {
    for (const c of ['netpol-caller', 'netpol-dns'])
      expect(serious((await diagnoseScenario(c, 'healthy', { analyzers: ['all'] })).findings)).toEqual([]);
  });
});
