/** The network/reference analyzers inside the whole engine: healthy twins stay quiet, causes merge across objects. */
import { join } from 'node:path';
import { collectSnapshot } from '../../lib/diagnose/collect';
import { runDiagnosis } from '../../lib/diagnose/engine';
import { startTestSim } from '../helpers/sim';
import { diagnoseScenario, serious } from './net-support';

const CASES = [
  'service-selector',
  'service-targetport',
  'service-notready',
  'ingress-backend',
  'ingress-class-tls',
  'netpol-dns',
  'netpol-caller',
  'webhook-backend',
  'configmap-usage',
  'security-pod',
  'refs-config',
  'refs-serviceaccount',
  'refs-statefulset-hpa',
  'probe-port',
];

describe('engine over the network/reference scenarios', () => {
  test.each(CASES)('%s: the healthy twin has nothing at warning or above with every analyzer on', async (c) => {
    const r = await diagnoseScenario(c, 'healthy', { analyzers: ['all'] });
    expect(serious(r.findings).map((f) => `${f.analyzer} ${f.reason} ${f.kind}/${f.name}`)).toEqual([]);
  });

  test.each(CASES.filter((c) => !['configmap-usage', 'security-pod'].includes(c)))(
    '%s: the broken twin has a critical or warning finding with a root cause',
    async (c) => {
      const r = await diagnoseScenario(c, 'broken');
      const top = r.findings[0];
      expect(['critical', 'warning']).toContain(top.severity);
      expect(top.rootCause?.fact.length).toBeGreaterThan(5);
    },
  );

  test('a missing ServiceAccount: Deployment, ReplicaSet, Service and reference findings merge into one root cause', async () => {
    const r = await diagnoseScenario('refs-serviceaccount', 'broken');
    const withCause = r.findings.filter((f) => f.rootCause?.object.kind === 'ServiceAccount');
    expect(withCause).toHaveLength(1);
    expect(withCause[0].rootCause?.fact).toBe('ServiceAccount reporter-sa does not exist');
    expect(withCause[0].related?.map((x) => `${x.kind}/${x.name}`)).toEqual(
      expect.arrayContaining(['Service/reporter']),
    );
    expect(r.findings.filter((f) => f.severity !== 'info')).toHaveLength(1);
  });

  test("a missing ConfigMap: the pod's FailedMount finding and the static reference finding merge", async () => {
    const r = await diagnoseScenario('refs-config', 'broken');
    const cm = r.findings.filter((f) => f.rootCause?.fact === 'ConfigMap billing-config does not exist');
    expect(cm).toHaveLength(1);
    expect(cm[0].related?.some((x) => x.kind === 'Deployment' && x.name === 'billing')).toBe(true);
  });

  test('a probe on the wrong port: the Service finding merges into the Probe finding', async () => {
    const r = await diagnoseScenario('probe-port', 'broken');
    const probe = r.findings.find((f) => f.analyzer === 'Probe' && f.name === 'fulfillment');
    expect(probe?.related?.some((x) => x.kind === 'Service' && x.name === 'fulfillment')).toBe(true);
  });

  test("the demo cluster: undeclared health ports, the nginx admission webhook and the ingress raise nothing; the OOMKilled app's Service ends at the OOM", async () => {
    const sim = await startTestSim({ fixtures: [join(__dirname, '../../sim/scenarios/demo')] });
    try {
      const r = runDiagnosis(await collectSnapshot(sim.kc), {
        analyzers: [
          'Service',
          'Ingress',
          'NetworkPolicy',
          'ValidatingWebhookConfiguration',
          'MutatingWebhookConfiguration',
          'References',
          'Probe',
          'ConfigMap',
        ],
      });
      expect(r.findings.map((f) => `${f.analyzer} ${f.reason} ${f.kind}/${f.namespace}/${f.name}`)).toEqual([
        'Service ServiceNoReadyEndpoints Service/shop/app-xyz',
      ]);
      expect(r.findings[0].rootCause?.fact).toMatch(/OOMKilled/);
    } finally {
      await sim.close();
    }
  });
});
