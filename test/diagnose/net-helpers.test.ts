import type { V1NetworkPolicy, V1Service } from '@kubernetes/client-node';
import { serviceCalls, serviceForHost } from '../../lib/diagnose/callers';
import { emptySnapshot } from '../../lib/diagnose/context';
import { buildContext } from '../../lib/diagnose/run-context';
import { inCidr, verdict, type Endpoint } from '../../lib/diagnose/net-policy';
import { podSpecHolders } from '../../lib/diagnose/pod-specs';
import { resolvePort } from '../../lib/diagnose/ports';
import { closestName } from '../../lib/diagnose/ref-check';
import { matchesSelector, mismatchText, nearMisses } from '../../lib/diagnose/selectors';

const pod = (name: string, labels: Record<string, string>) => ({
  metadata: { name, namespace: 'a', labels },
  spec: { containers: [] },
});

describe('selectors', () => {
  test('matchExpressions follow the API semantics', () => {
    const sel = {
      matchLabels: { app: 'x' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['web', 'api'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    };
    expect(matchesSelector({ app: 'x', tier: 'web' }, sel)).toBe(true);
    expect(matchesSelector({ app: 'x', tier: 'db' }, sel)).toBe(false);
    expect(matchesSelector({ app: 'x', tier: 'web', canary: 'true' }, sel)).toBe(false);
    expect(matchesSelector({}, {})).toBe(true);
  });

  test('near misses prefer pods that carry the key with another value and group them', () => {
    const pods = [
      pod('a1', { app: 'web-v2', tier: 'fe' }),
      pod('a2', { app: 'web-v2', tier: 'fe' }),
      pod('b', { tier: 'fe' }),
      pod('c', { other: 'x' }),
    ];
    const near = nearMisses(pods, { app: 'web', tier: 'fe' });
    expect(near).toHaveLength(1);
    expect(near[0].pods.map((p) => p.metadata?.name)).toEqual(['a1', 'a2']);
    expect(mismatchText(near[0].diff)).toBe('app=web (pods have app=web-v2)');
  });
});

describe('ports and names', () => {
  test('named targets must be declared; numbers only suspicious when others are declared', () => {
    const declared = [{ container: 'c', name: 'http', port: 8080, protocol: 'TCP' }];
    expect(resolvePort(declared, 'http')).toMatchObject({ ok: true, port: 8080 });
    expect(resolvePort(declared, 'web')).toMatchObject({ ok: false, why: 'unknown-name' });
    expect(resolvePort(declared, 9090)).toMatchObject({ ok: false, why: 'undeclared-number' });
    expect(resolvePort([], 9090)).toMatchObject({ ok: true });
    expect(resolvePort(declared, '8080')).toMatchObject({ ok: true, port: 8080 });
  });

  test('closest names catch typos and suffixes but not unrelated names', () => {
    expect(closestName('billing-config', ['billing-conf', 'other'])).toBe('billing-conf');
    expect(closestName('api-svc', ['api', 'web'])).toBe('api');
    expect(closestName('postgres', ['redis', 'web'])).toBeUndefined();
  });
});

describe('NetworkPolicy evaluation', () => {
  const client: Endpoint = { namespace: 'a', labels: { app: 'c' }, ip: '10.0.1.5', ports: [] };
  const dns: Endpoint = {
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns' },
    ports: [{ container: 'coredns', name: 'dns', port: 53, protocol: 'UDP' }],
  };
  const ctxWith = (...policies: V1NetworkPolicy[]) => {
    const s = emptySnapshot();
    s.networkPolicies = policies;
    return buildContext(s);
  };
  const egress = (name: string, rule: object): V1NetworkPolicy => ({
    metadata: { name, namespace: 'a' },
    spec: { podSelector: {}, policyTypes: ['Egress'], egress: [rule] },
  });

  test('a port without protocol is TCP: UDP DNS stays blocked', () => {
    const ctx = ctxWith(egress('dns', { ports: [{ port: 53 }] }));
    expect(verdict(ctx, 'Egress', client, dns, 53, 'UDP')).toMatchObject({ isolated: true, allowed: false });
    expect(verdict(ctx, 'Egress', client, dns, 53, 'TCP').allowed).toBe(true);
  });

  test("a podSelector alone means the policy's namespace, so it does not reach kube-system", () => {
    const ctx = ctxWith(
      egress('dns', {
        to: [{ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ port: 53, protocol: 'UDP' }],
      }),
    );
    expect(verdict(ctx, 'Egress', client, dns, 53, 'UDP').allowed).toBe(false);
  });

  test('namespaceSelector on the automatic name label, named ports, endPort ranges and ipBlocks', () => {
    const byNs = ctxWith(
      egress('dns', {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
        ports: [{ port: 'dns', protocol: 'UDP' }],
      }),
    );
    expect(verdict(byNs, 'Egress', client, dns, 53, 'UDP').allowed).toBe(true);
    const range = ctxWith(egress('r', { ports: [{ port: 50, endPort: 60, protocol: 'UDP' }] }));
    expect(verdict(range, 'Egress', client, dns, 53, 'UDP').allowed).toBe(true);
    const unknownIp = ctxWith(egress('ip', { to: [{ ipBlock: { cidr: '10.96.0.0/12' } }] }));
    expect(verdict(unknownIp, 'Egress', client, dns, 53, 'UDP')).toMatchObject({ allowed: false, uncertain: true });
    expect(inCidr('10.0.1.5', '10.0.0.0/16')).toBe(true);
    expect(inCidr('10.1.1.5', '10.0.0.0/16')).toBe(false);
  });

  test('no policy selecting the pod means not isolated', () => {
    expect(verdict(ctxWith(), 'Ingress', client, dns, 53, 'UDP')).toMatchObject({ isolated: false, allowed: true });
  });
});

describe('callers', () => {
  test('env values name Services by short name, namespace-qualified name, FQDN and URL; DB_NAME is not a host', () => {
    const s = emptySnapshot();
    const svc = (ns: string, name: string): V1Service => ({
      metadata: { namespace: ns, name },
      spec: { selector: { app: name }, ports: [{ port: 80 }] },
    });
    s.services = [svc('a', 'postgres'), svc('b', 'api'), svc('a', 'orders')];
    s.deployments = [
      {
        metadata: { name: 'web', namespace: 'a', uid: 'u1' },
        spec: {
          selector: {},
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              containers: [
                {
                  name: 'web',
                  image: 'x',
                  env: [
                    { name: 'DB_HOST', value: 'postgres' },
                    { name: 'API_URL', value: 'http://api.b.svc.cluster.local:80/v1' },
                    { name: 'DB_NAME', value: 'orders' },
                  ],
                },
              ],
            },
          },
        },
      },
    ];
    const ctx = buildContext(s);
    const calls = serviceCalls(ctx, podSpecHolders(ctx)[0]);
    expect(
      calls.map((c) => `${c.service.metadata?.namespace}/${c.service.metadata?.name}:${c.port ?? ''}`).sort(),
    ).toEqual(['a/postgres:', 'b/api:80']);
    expect(serviceForHost(ctx, 'postgres.a', 'z')?.metadata?.name).toBe('postgres');
    expect(serviceForHost(ctx, 'api.example.com', 'a')).toBeUndefined();
  });
});
