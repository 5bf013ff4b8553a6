import { ingressAnalyzer } from '../../lib/diagnose/analyzers/ingress';
import { analyzeScenario, only } from './net-support';

describe('Ingress analyzer', () => {
  test('backend Service that does not exist, with the near name', async () => {
    const f = only(await analyzeScenario(ingressAnalyzer, 'ingress-backend', 'broken'), 'IngressBackendServiceMissing');
    expect(f).toMatchObject({ severity: 'critical', kind: 'Ingress', namespace: 'storefront', name: 'storefront' });
    expect(f.rootCause).toMatchObject({
      object: { kind: 'Service', namespace: 'storefront', name: 'api-svc' },
      fact: 'Service api-svc does not exist',
    });
    expect(f.message).toContain('shop.example.com/api');
    expect(f.message).toContain('"api" exists');
  });

  test('backend port the Service does not expose', async () => {
    const f = only(await analyzeScenario(ingressAnalyzer, 'ingress-backend', 'broken'), 'IngressBackendPortMissing');
    expect(f.rootCause?.fact).toBe('Service web has no port 8080');
    expect(f.message).toContain('the Service exposes http:80');
  });

  test("an existing backend that serves nothing ends at the Service's selector", async () => {
    const f = only(await analyzeScenario(ingressAnalyzer, 'ingress-backend', 'broken'), 'IngressBackendUnavailable');
    expect(f.name).toBe('admin');
    expect(f.rootCause?.object).toEqual({ kind: 'Service', namespace: 'storefront', name: 'admin' });
    expect(f.rootCause?.fact).toContain('app=admin (pods have app=admin-panel)');
  });

  test('backend twin yields nothing', async () => {
    expect(await analyzeScenario(ingressAnalyzer, 'ingress-backend', 'healthy')).toEqual([]);
  });

  test('unknown class, missing TLS Secret, no class without a default, Opaque TLS Secret', async () => {
    const findings = await analyzeScenario(ingressAnalyzer, 'ingress-class-tls', 'broken');
    const cls = only(findings, 'IngressClassNotFound');
    expect(cls).toMatchObject({ severity: 'critical', name: 'blog' });
    expect(cls.rootCause?.fact).toBe('IngressClass nginx-internal does not exist');
    expect(cls.message).toContain('Did you mean "nginx"');
    const tls = only(findings, 'IngressTLSSecretMissing');
    expect(tls.rootCause).toMatchObject({
      object: { kind: 'Secret', namespace: 'blog', name: 'blog-tls' },
      fact: 'Secret blog-tls does not exist',
    });
    expect(tls.commands?.[0]).toContain('create secret tls blog-tls');
    expect(only(findings, 'IngressClassNotSpecified').name).toBe('docs');
    expect(only(findings, 'IngressTLSSecretInvalid').rootCause?.fact).toContain('type Opaque');
  });

  test('class and TLS twin yields nothing', async () => {
    expect(await analyzeScenario(ingressAnalyzer, 'ingress-class-tls', 'healthy')).toEqual([]);
  });
});
