import { referencesAnalyzer } from '../../lib/diagnose/analyzers/references';
import { analyzeScenario, only } from './net-support';

describe('References analyzer', () => {
  test('ConfigMap volume, Secret key and imagePullSecret that do not exist; optional refs ignored', async () => {
    const findings = await analyzeScenario(referencesAnalyzer, 'refs-config', 'broken');
    expect(findings).toHaveLength(3);
    const cm = only(findings, 'MissingConfigMap');
    expect(cm).toMatchObject({ severity: 'critical', kind: 'Deployment', namespace: 'billing', name: 'billing' });
    expect(cm.rootCause).toMatchObject({
      object: { kind: 'ConfigMap', namespace: 'billing', name: 'billing-config' },
      fact: 'ConfigMap billing-config does not exist',
    });
    expect(cm.message).toContain('"billing-conf" exists');
    expect(cm.evidence.some((e) => e.source === 'event' && e.text.startsWith('FailedMount:'))).toBe(true);
    const key = only(findings, 'MissingSecretKey');
    expect(key.rootCause?.fact).toBe('Secret billing-db has no key "pasword"');
    expect(key.message).toContain('"password" exists');
    const pull = only(findings, 'MissingImagePullSecret');
    expect(pull).toMatchObject({ severity: 'warning' });
    expect(pull.commands?.[0]).toContain('create secret docker-registry regcred');
    expect(JSON.stringify(findings)).not.toContain('billing-overrides');
  });

  test('config twin yields nothing', async () => {
    expect(await analyzeScenario(referencesAnalyzer, 'refs-config', 'healthy')).toEqual([]);
  });

  test('a missing ServiceAccount is found with the FailedCreate event as evidence', async () => {
    const f = only(await analyzeScenario(referencesAnalyzer, 'refs-serviceaccount', 'broken'), 'MissingServiceAccount');
    expect(f).toMatchObject({ severity: 'critical', kind: 'Deployment', name: 'reporter' });
    expect(f.rootCause?.fact).toBe('ServiceAccount reporter-sa does not exist');
    expect(f.evidence.some((e) => e.text.includes('serviceaccount "reporter-sa" not found'))).toBe(true);
    expect(f.commands).toContain('kubectl -n reports create serviceaccount reporter-sa');
  });

  test('ServiceAccount twin yields nothing', async () => {
    expect(await analyzeScenario(referencesAnalyzer, 'refs-serviceaccount', 'healthy')).toEqual([]);
  });

  test('StatefulSet serviceName and HPA scaleTargetRef that point at nothing', async () => {
    const findings = await analyzeScenario(referencesAnalyzer, 'refs-statefulset-hpa', 'broken');
    const sts = only(findings, 'StatefulSetServiceMissing');
    expect(sts.rootCause?.fact).toBe('Service kafka-headless does not exist');
    expect(sts.message).toContain('"kafka" exists');
    const hpa = only(findings, 'HPAScaleTargetMissing');
    expect(hpa).toMatchObject({ kind: 'HorizontalPodAutoscaler', name: 'frontend' });
    expect(hpa.rootCause?.object).toEqual({ kind: 'Deployment', namespace: 'streaming', name: 'frontend-web' });
    expect(hpa.evidence.some((e) => e.text.startsWith('FailedGetScale'))).toBe(true);
  });

  test('StatefulSet/HPA twin yields nothing', async () => {
    expect(await analyzeScenario(referencesAnalyzer, 'refs-statefulset-hpa', 'healthy')).toEqual([]);
  });
});
