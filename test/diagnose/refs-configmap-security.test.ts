import { configMapAnalyzer } from '../../lib/diagnose/analyzers/configmap';
import { securityAnalyzer } from '../../lib/diagnose/analyzers/security';
import { analyzeScenario } from './net-support';

describe('ConfigMap analyzer', () => {
  test('unused and empty ConfigMaps are info; system and label-loaded ones never show up', async () => {
    const findings = await analyzeScenario(configMapAnalyzer, 'configmap-usage', 'broken');
    expect(findings.map((f) => `${f.reason} ${f.name}`).sort()).toEqual([
      'ConfigMapEmpty placeholder',
      'ConfigMapUnused old-feature-flags',
      'ConfigMapUnused placeholder',
    ]);
    expect(findings.every((f) => f.severity === 'info')).toBe(true);
    const names = JSON.stringify(findings);
    for (const never of [
      'kube-root-ca.crt',
      'grafana-dashboard-reporter',
      'reporter-leader',
      'coredns',
      'extension-apiserver-authentication',
      'reporter-migrations',
      'reporter-templates',
    ])
      expect(names).not.toContain(never);
  });

  test('used twin yields nothing', async () => {
    expect(await analyzeScenario(configMapAnalyzer, 'configmap-usage', 'healthy')).toEqual([]);
  });
});

describe('Security analyzer', () => {
  test('optional and info-only; one finding per workload led by the privileged container; kube-system skipped', async () => {
    expect(securityAnalyzer.default).toBe(false);
    const findings = await analyzeScenario(securityAnalyzer, 'security-pod', 'broken');
    expect(findings).toHaveLength(1);
    const f = findings[0];
    expect(f).toMatchObject({
      severity: 'info',
      kind: 'Deployment',
      namespace: 'ops',
      name: 'node-agent',
      reason: 'PodSecurityRisk',
    });
    expect(f.rootCause?.fact).toBe('container agent is privileged');
    const texts = f.evidence.map((e) => e.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'uses the host network',
        'container agent runs as root (runAsUser 0)',
        'mounts hostPath /var/run/docker.sock (volume docker-sock)',
        'runs as the default ServiceAccount with its API token mounted',
        'container agent adds capabilities SYS_ADMIN, NET_ADMIN',
      ]),
    );
  });

  test('hardened twin yields nothing', async () => {
    expect(await analyzeScenario(securityAnalyzer, 'security-pod', 'healthy')).toEqual([]);
  });
});
