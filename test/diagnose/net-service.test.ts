import type { V1Deployment, V1Service } from '@kubernetes/client-node';
import { serviceAnalyzer } from '../../lib/diagnose/analyzers/service';
import { buildContext } from '../../lib/diagnose/run-context';
import { snapshotFromObjects } from '../../lib/diagnose/offline';
import { analyzeScenario, only, serious } from './net-support';

describe('Service analyzer', () => {
  test('selector one label off from the pods names the label that differs', async () => {
    const f = only(await analyzeScenario(serviceAnalyzer, 'service-selector', 'broken'), 'ServiceSelectorMismatch');
    expect(f).toMatchObject({ severity: 'critical', kind: 'Service', namespace: 'shop', name: 'web' });
    expect(f.rootCause?.object).toEqual({ kind: 'Service', namespace: 'shop', name: 'web' });
    expect(f.rootCause?.fact).toContain('label app differs: app=web (pods have app=web-v2)');
    expect(f.message).toContain('Deployment shop/web');
    expect(f.commands?.some((c) => c.includes(`patch service web`) && c.includes('"app":"web-v2"'))).toBe(true);
  });

  test('healthy selector twin yields nothing', async () => {
    expect(await analyzeScenario(serviceAnalyzer, 'service-selector', 'healthy')).toEqual([]);
  });

  test('named targetPort the pods do not declare is critical; an undeclared number is a warning', async () => {
    const findings = await analyzeScenario(serviceAnalyzer, 'service-targetport', 'broken');
    const named = only(findings, 'ServiceTargetPortUnresolved');
    expect(named).toMatchObject({ severity: 'critical', name: 'catalog' });
    expect(named.rootCause?.fact).toBe(
      'targetPort "web" is not a port name of the selected pods (they declare http:8080, metrics:9090)',
    );
    const numeric = only(findings, 'ServiceTargetPortNotExposed');
    expect(numeric).toMatchObject({ severity: 'warning', name: 'catalog-metrics' });
    expect(numeric.rootCause?.fact).toContain('targetPort 9091');
  });

  test('ports twin that targets http and 9090 yields nothing', async () => {
    expect(await analyzeScenario(serviceAnalyzer, 'service-targetport', 'healthy')).toEqual([]);
  });

  test("endpoints not ready carry the pods' readiness reason", async () => {
    const f = only(await analyzeScenario(serviceAnalyzer, 'service-notready', 'broken'), 'ServiceNoReadyEndpoints');
    expect(f.severity).toBe('critical');
    expect(f.rootCause?.fact).toContain('HTTP probe failed with statuscode: 503');
    expect(f.evidence.map((e) => e.text)).toEqual(
      expect.arrayContaining(['Endpoints cart/cart: 0 ready, 2 not ready address(es)']),
    );
    expect(f.evidence.some((e) => e.source === 'event' && e.text.includes('Readiness probe failed'))).toBe(true);
  });

  test('ready twin yields nothing', async () => {
    expect(serious(await analyzeScenario(serviceAnalyzer, 'service-notready', 'healthy'))).toEqual([]);
  });
});

describe('Service analyzer without the simulator', () => {
  test('a Service whose Deployment is scaled to zero is info, not an outage', () => {
    const dep: V1Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'batch', namespace: 'jobs', uid: 'd1' },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'batch' } },
        template: { metadata: { labels: { app: 'batch' } }, spec: { containers: [{ name: 'b', image: 'x' }] } },
      },
    };
    const svc: V1Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'batch', namespace: 'jobs' },
      spec: { selector: { app: 'batch' }, ports: [{ port: 80 }] },
    };
    const findings = serviceAnalyzer.analyze(buildContext(snapshotFromObjects([dep, svc])));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'info', reason: 'ServiceBackendScaledToZero' });
    expect(findings[0].rootCause).toMatchObject({
      object: { kind: 'Deployment', namespace: 'jobs', name: 'batch' },
      fact: 'scaled to 0 replicas',
    });
  });
});
