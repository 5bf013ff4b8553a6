import { networkPolicyAnalyzer } from '../../lib/diagnose/analyzers/network-policy';
import { analyzeScenario, only, serious } from './net-support';

describe('NetworkPolicy analyzer', () => {
  test('default-deny egress without DNS: critical, on the deny-all policy, with the resolver error from the logs', async () => {
    const findings = (await analyzeScenario(networkPolicyAnalyzer, 'netpol-dns', 'broken')).filter(
      (f) => f.reason === 'NetworkPolicyBlocksDNS',
    );
    const payments = findings.find((f) => f.namespace === 'payments');
    expect(payments).toMatchObject({ severity: 'critical', kind: 'NetworkPolicy', name: 'default-deny-all' });
    expect(payments?.rootCause?.fact).toContain('egress to UDP 53 (kube-dns) is not allowed');
    expect(
      payments?.evidence.some((e) => e.source === 'log' && e.text.includes('getaddrinfo EAI_AGAIN postgres')),
    ).toBe(true);
    expect(payments?.commands?.some((c) => c.includes('"protocol":"UDP","port":53'))).toBe(true);
  });

  test("a DNS rule with a port but no protocol allows TCP only, and the finding says so on that rule's policy", async () => {
    const f = (await analyzeScenario(networkPolicyAnalyzer, 'netpol-dns', 'broken')).find(
      (x) => x.namespace === 'ledger',
    );
    expect(f).toMatchObject({ reason: 'NetworkPolicyBlocksDNS', name: 'allow-dns' });
    expect(f?.rootCause?.fact).toContain('allows TCP 53 but not UDP 53');
  });

  test('DNS twin yields nothing', async () => {
    expect(await analyzeScenario(networkPolicyAnalyzer, 'netpol-dns', 'healthy')).toEqual([]);
  });

  test('ingress rules that leave out a caller named in its env, with its timeout log line', async () => {
    const f = only(
      await analyzeScenario(networkPolicyAnalyzer, 'netpol-caller', 'broken'),
      'NetworkPolicyBlocksCaller',
    );
    expect(f).toMatchObject({ severity: 'critical', namespace: 'db', name: 'postgres-ingress' });
    expect(f.rootCause?.fact).toBe('ingress rules do not admit Deployment frontend/web on 5432/TCP');
    expect(f.message).not.toContain('backend/api');
    const texts = f.evidence.map((e) => e.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'env DB_HOST=postgres.db.svc.cluster.local (container web)',
        'Error: connect ETIMEDOUT 10.96.61.5:5432',
      ]),
    );
    const fix = f.commands?.find((c) => c.includes('patch networkpolicy postgres-ingress')) ?? '';
    expect(fix).toContain('"kubernetes.io/metadata.name":"frontend"');
    expect(fix).toContain('"app":"web"');
  });

  test('egress rules that leave out the Service the client calls', async () => {
    const f = only(
      await analyzeScenario(networkPolicyAnalyzer, 'netpol-caller', 'broken'),
      'NetworkPolicyBlocksEgress',
    );
    expect(f).toMatchObject({ severity: 'critical', namespace: 'frontend', name: 'worker-egress' });
    expect(f.rootCause?.fact).toContain('Service frontend/redis on 6379/TCP');
  });

  test('a policy selecting no pods is info only', async () => {
    const f = only(await analyzeScenario(networkPolicyAnalyzer, 'netpol-caller', 'broken'), 'NetworkPolicyUnused');
    expect(f).toMatchObject({ severity: 'info', name: 'legacy-allow' });
  });

  test('caller twin yields nothing at warning or above', async () => {
    const findings = await analyzeScenario(networkPolicyAnalyzer, 'netpol-caller', 'healthy');
    expect(serious(findings)).toEqual([]);
    expect(findings).toEqual([]);
  });
});
