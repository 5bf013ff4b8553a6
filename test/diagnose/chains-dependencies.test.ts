/**
 * A crash whose logs name a dependency ends at the dependency's own root cause: DNS lookups that time out → the
 * cluster DNS Service → CoreDNS, which rejects its Corefile; a host the logs name → that Service → its endpoints →
 * the backing pod, OOMKilled. Each against its healthy twin. And the config-file family over the message shapes of
 * other programs than CoreDNS, so it is the mechanism (a rejected file under a ConfigMap or Secret mount) that is
 * recognised, not one fixture's string.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { emptySnapshot } from '../../lib/diagnose/context';
import { configFileCause } from '../../lib/diagnose/families/config-file';
import type { Snapshot } from '../../lib/diagnose/types';
import { diagnoseScenario, serious } from './net-support';

const names = (f: { related?: { kind: string; namespace?: string; name: string }[] }) =>
  (f.related ?? []).map((r) => `${r.kind}/${r.namespace}/${r.name}`);

describe('DNS timeouts → kube-dns → CoreDNS → its Corefile', () => {
  test('broken: one finding, the ConfigMap line CoreDNS rejects, with the app that could not resolve folded in', async () => {
    const found = serious((await diagnoseScenario('chain-dns-coredns', 'broken')).findings);
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f.rootCause).toMatchObject({
      code: 'ConfigFileRejected',
      object: { kind: 'ConfigMap', namespace: 'kube-system', name: 'coredns' },
      facts: { key: 'Corefile', line: 7, file: '/etc/coredns/Corefile' },
    });
    expect(String(f.rootCause?.facts.error)).toContain("Unknown directive 'forwrd'");
    expect(names(f)).toEqual(
      expect.arrayContaining([
        'Deployment/shop/orders',
        'Pod/shop/orders-6c9d8f7b5-q4mzt',
        'Service/kube-system/kube-dns',
      ]),
    );
  });
  test('healthy twin: nothing', async () => {
    expect(serious((await diagnoseScenario('chain-dns-coredns', 'healthy')).findings)).toEqual([]);
  });
});

describe('a host in the logs → its Service → endpoints → the backing pod', () => {
  test('broken: one finding, redis OOMKilled at its limit, with checkout folded in', async () => {
    const found = serious((await diagnoseScenario('chain-service-backend', 'broken')).findings);
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f.rootCause).toMatchObject({
      code: 'OOMKilled',
      object: { kind: 'Deployment', namespace: 'cache', name: 'redis' },
      facts: { limit: '64Mi' },
    });
    expect(names(f)).toEqual(expect.arrayContaining(['Deployment/shop/checkout', 'Service/cache/redis']));
  });
  test('healthy twin: nothing', async () => {
    expect(serious((await diagnoseScenario('chain-service-backend', 'healthy')).findings)).toEqual([]);
  });
});

describe('config file rejected: the mechanism, in several programs’ words', () => {
  const spec = { kind: 'Deployment', namespace: 'web', name: 'front' };
  function podWith(log: string, mount: object, volume: object): { s: Snapshot; pod: V1Pod } {
    const s = emptySnapshot();
    const pod = {
      metadata: { name: 'front-1', namespace: 'web' },
      spec: { containers: [{ name: 'app', image: 'x', volumeMounts: [mount] }], volumes: [volume] },
    } as V1Pod;
    s.pods = [pod];
    s.configMaps = [
      { metadata: { name: 'front-conf', namespace: 'web' }, data: { 'default.conf': '', 'prometheus.yml': '' } },
    ];
    s.secrets = [{ metadata: { name: 'front-tls', namespace: 'web' }, data: { 'nginx.conf': '' } }];
    s.logs['web/front-1/app'] = { previous: log };
    return { s, pod };
  }
  const cm = { name: 'conf', configMap: { name: 'front-conf' } };

  test('nginx: [emerg] … in <file>:<line>', () => {
    const { s, pod } = podWith(
      '2026/11/24 05:58:01 [emerg] 1#1: unknown directive "servr" in /etc/nginx/conf.d/default.conf:3',
      { name: 'conf', mountPath: '/etc/nginx/conf.d' },
      cm,
    );
    expect(configFileCause(s, pod, spec, 'app')?.rootCause).toMatchObject({
      code: 'ConfigFileRejected',
      object: { kind: 'ConfigMap', name: 'front-conf' },
      facts: { key: 'default.conf', line: 3 },
    });
  });
  test('Prometheus: "line N" elsewhere in the message, file mounted with subPath', () => {
    const { s, pod } = podWith(
      'ts=2026-11-24T05:58:01Z level=error msg="Error loading config" err="parsing YAML file /etc/prometheus/prometheus.yml: yaml: line 12: did not find expected key"',
      { name: 'conf', mountPath: '/etc/prometheus/prometheus.yml', subPath: 'prometheus.yml' },
      cm,
    );
    expect(configFileCause(s, pod, spec, 'app')?.rootCause.facts).toMatchObject({ key: 'prometheus.yml', line: 12 });
  });
  test('a file from a Secret mount names the Secret', () => {
    const { s, pod } = podWith(
      'nginx: [emerg] unexpected "}" in /etc/nginx/nginx.conf:41',
      { name: 'tls', mountPath: '/etc/nginx' },
      { name: 'tls', secret: { secretName: 'front-tls' } },
    );
    expect(configFileCause(s, pod, spec, 'app')?.rootCause.object).toMatchObject({ kind: 'Secret', name: 'front-tls' });
  });
  test('no cause: a path outside every mount, a key the ConfigMap does not hold, or a line that rejects nothing', () => {
    const outside = podWith(
      'parse error in /usr/share/app/defaults.yaml:2',
      { name: 'conf', mountPath: '/etc/app' },
      cm,
    );
    expect(configFileCause(outside.s, outside.pod, spec, 'app')).toBeUndefined();
    const noKey = podWith('parse error in /etc/app/other.yaml:2', { name: 'conf', mountPath: '/etc/app' }, cm);
    expect(configFileCause(noKey.s, noKey.pod, spec, 'app')).toBeUndefined();
    const calm = podWith('loaded /etc/app/default.conf', { name: 'conf', mountPath: '/etc/app' }, cm);
    expect(configFileCause(calm.s, calm.pod, spec, 'app')).toBeUndefined();
  });
});
