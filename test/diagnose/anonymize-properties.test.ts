import fc from 'fast-check';
import { anonymize, MASK_TYPES, maskText, unmask, unmaskResult } from '../../lib/diagnose/anonymize';
import type { DiagnosisResult, Finding } from '../../lib/diagnose/types';

/** Strings that are vocabulary in the result (severity, evidence source, stats keys) or kept on purpose. */
const RESERVED = new Set([
  'critical',
  'warning',
  'info',
  'event',
  'log',
  'field',
  'condition',
  'metric',
  'pods',
  'findings',
  'default',
  'kubernetes',
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'kube-dns',
  'coredns',
  'kube-proxy',
  'metrics-server',
  'localhost',
]);
const KINDS = [
  'Deployment',
  'Pod',
  'Service',
  'StatefulSet',
  'ConfigMap',
  'Secret',
  'Ingress',
  'NetworkPolicy',
  'Node',
];

// Names equal to a mask prefix ("ns", "pod") would be found inside every mask; they are excluded by construction.
const name = fc
  .stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/)
  .filter((n) => !RESERVED.has(n) && !MASK_TYPES.includes(n));
const octet = fc.integer({ min: 1, max: 254 });
const ip = fc.tuple(fc.constantFrom(10, 172, 192), octet, octet, octet).map((p) => p.join('.'));
const image = fc
  .tuple(name, name, fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}$/))
  .map(([org, repo, tag]) => `registry.corp-${org}.io/${org}/${repo}:${tag}`);
const host = fc.tuple(name, name).map(([a, b]) => `${a}.${b}.example.com`);

const findingArb: fc.Arbitrary<Finding> = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    ns: name,
    n: name,
    owner: name,
    dep: name,
    container: name,
    ip,
    image,
    host,
    severity: fc.constantFrom('critical' as const, 'warning' as const, 'info' as const),
    count: fc.integer({ min: 1, max: 9 }),
  })
  .map(({ kind, ns, n, owner, dep, container, ip: addr, image: img, host: h, severity, count }) => ({
    severity,
    analyzer: kind,
    kind,
    namespace: ns,
    name: n,
    owner: { kind: 'Deployment', namespace: ns, name: owner },
    reason: 'CrashLoopBackOff',
    count,
    message: `${kind} ${ns}/${n}: pulling image "${img}" from ${h} failed; dial tcp ${addr}:5432: i/o timeout; container ${container} exits with code 1`,
    evidence: [
      {
        source: 'log' as const,
        object: { kind: 'Pod', namespace: ns, name: `${n}-7d9f8b6c5-x2k4q` },
        text: `2026-11-24T05:59:01Z error: lookup ${dep}.${ns}.svc.cluster.local on 10.96.0.10:53: no such host`,
      },
      { source: 'event' as const, text: `Back-off restarting failed container=${container} pod=${n}_${ns}` },
    ],
    rootCause: {
      object: { kind: 'Service', namespace: ns, name: dep },
      code: 'NoPods',
      facts: { service: dep, caller: `http://${h}:8080/api` },
      fact: `Service ${dep} has no endpoints; ${owner} calls http://${h}:8080/api`,
    },
    suggestion: `kubectl -n ${ns} rollout restart deployment ${owner}`,
    commands: [`kubectl -n ${ns} describe ${kind.toLowerCase()} ${n}`, `kubectl -n ${ns} logs deploy/${owner}`],
    related: [{ kind: 'Pod', namespace: ns, name: `${n}-abc` }],
  }));

const resultArb: fc.Arbitrary<DiagnosisResult> = fc
  .array(findingArb, { minLength: 1, maxLength: 6 })
  .map((findings) => {
    const namespaces: DiagnosisResult['namespaces'] = {};
    for (const f of findings) namespaces[f.namespace as string] = { score: 40, critical: 1, warning: 0, info: 0 };
    namespaces['kube-system'] = { score: 100, critical: 0, warning: 0, info: 0 };
    const f0 = findings[0];
    return {
      score: 40,
      complete: true,
      namespaces,
      findings,
      scope: { namespace: f0.namespace, resource: { kind: f0.kind, namespace: f0.namespace, name: f0.name } },
      generatedAt: '2026-11-24T06:00:00Z',
      stats: { pods: 3, findings: findings.length },
      usage: [
        {
          namespace: f0.namespace as string,
          pod: `${f0.name}-abc`,
          container: 'main-app',
          cpuMillicores: 120,
          memoryBytes: 1024,
          memoryLimit: 2048,
        },
      ],
    };
  });

function occursAsToken(haystack: string, needle: string): boolean {
  return new RegExp(`(?<![A-Za-z0-9_])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`).test(haystack);
}

describe('anonymizer properties', () => {
  test('unmask(anonymize(x)) restores every masked string', () => {
    fc.assert(
      fc.property(resultArb, (r) => {
        const before = structuredClone(r);
        const { result, mapping } = anonymize(r);
        expect(r).toEqual(before);
        expect(unmaskResult(result, mapping)).toEqual(r);
      }),
      { numRuns: 200 },
    );
  });

  test('no original name, image, host or IP remains in the anonymized JSON', () => {
    fc.assert(
      fc.property(resultArb, (r) => {
        const { result, mapping } = anonymize(r);
        const json = JSON.stringify(result);
        for (const e of mapping.entries) expect(occursAsToken(json, e.original)).toBe(false);
        const originals = new Set(mapping.entries.map((e) => e.original));
        for (const f of r.findings) {
          for (const s of [f.namespace, f.name, f.owner?.name, f.rootCause?.object.name])
            expect(originals.has(s as string)).toBe(true);
          expect(f.message).toMatch(/registry\.corp-/);
        }
        for (const e of mapping.entries.filter((x) => x.type === 'image' || x.type === 'ip'))
          expect(e.masked).toMatch(/^(image|ip)-\d+$/);
      }),
      { numRuns: 200 },
    );
  });

  test('masks are consistent across fields; kinds, reasons, numbers and system namespaces stay', () => {
    fc.assert(
      fc.property(resultArb, (r) => {
        const { result, mapping } = anonymize(r);
        const mask = new Map(mapping.entries.map((e) => [e.original, e.masked]));
        result.findings.forEach((f, i) => {
          const o = r.findings[i];
          expect(f.namespace).toBe(mask.get(o.namespace as string));
          expect(f.name).toBe(mask.get(o.name));
          expect(f.kind).toBe(o.kind);
          expect(f.reason).toBe(o.reason);
          expect(f.count).toBe(o.count);
          expect(f.severity).toBe(o.severity);
          expect(f.message).toContain(`${o.kind} ${mask.get(o.namespace as string)}/${mask.get(o.name)}`);
          expect(f.message).toContain(':5432');
        });
        expect(Object.keys(result.namespaces)).toContain('kube-system');
        expect(result.stats).toEqual(r.stats);
        expect(result.score).toBe(r.score);
      }),
      { numRuns: 100 },
    );
  });

  test('a model answer written in masks unmasks to the originals; maskText masks a follow-up the same way', () => {
    fc.assert(
      fc.property(resultArb, (r) => {
        const { result, mapping } = anonymize(r);
        const f = result.findings[0];
        const answer = `Root cause: ${f.rootCause?.object.kind} ${f.rootCause?.object.namespace}/${f.rootCause?.object.name}. Run \`kubectl -n ${f.namespace} describe pod ${f.name}\`.`;
        const o = r.findings[0];
        const expected = `Root cause: Service ${o.namespace}/${o.rootCause?.object.name}. Run \`kubectl -n ${o.namespace} describe pod ${o.name}\`.`;
        expect(unmask(answer, mapping)).toBe(expected);
        expect(maskText(expected, mapping)).toBe(answer);
      }),
      { numRuns: 100 },
    );
  });
});

describe('anonymizer examples', () => {
  test('names inside pod names, service hosts, images, URLs and IPs are masked; webhook is not a "web"', () => {
    const r: DiagnosisResult = {
      score: 10,
      complete: true,
      namespaces: { shop: { score: 10, critical: 1, warning: 0, info: 0 } },
      scope: {},
      generatedAt: 'now',
      stats: {},
      findings: [
        {
          severity: 'critical',
          analyzer: 'Pod',
          kind: 'Deployment',
          namespace: 'shop',
          name: 'web',
          reason: 'ImagePullBackOff',
          message:
            'Failed to pull image "registry.acme.io/shop/web:1.2": pod web-6d4cf56db6-7xk2p on ip-10-0-1-23.ec2.internal calls postgres.db.svc:5432 at 10.244.1.17 via https://api.acme.io/v1; the webhook is fine',
          evidence: [],
          rootCause: {
            object: { kind: 'Node', name: 'ip-10-0-1-23.ec2.internal' },
            code: 'NodeNotReady',
            facts: { node: 'ip-10-0-1-23.ec2.internal' },
            fact: 'NotReady',
          },
        },
      ],
    };
    const { result, mapping } = anonymize(r);
    const msg = result.findings[0].message;
    for (const leak of [
      'registry.acme.io',
      'web-6d4cf56db6',
      'ip-10-0-1-23',
      'postgres',
      '10.244.1.17',
      'api.acme.io',
      'shop',
    ])
      expect(msg).not.toContain(leak);
    expect(msg).toContain('webhook');
    expect(msg).toMatch(/image "image-1"/);
    expect(msg).toMatch(/node-1 calls svc-1\.ns-\d\.svc:5432 at ip-1 via https:\/\/host-1\/v1/);
    expect(unmaskResult(result, mapping)).toEqual(r);
  });

  test('masks avoid strings that already occur in the text', () => {
    const r: DiagnosisResult = {
      score: 100,
      complete: true,
      namespaces: {},
      scope: {},
      generatedAt: 'now',
      stats: {},
      findings: [
        {
          severity: 'warning',
          analyzer: 'Service',
          kind: 'Service',
          namespace: 'ns-1',
          name: 'svc-1',
          reason: 'X',
          message: 'svc-1 in ns-1 talks to deploy-1',
          evidence: [],
        },
      ],
    };
    const { result, mapping } = anonymize(r);
    expect(result.findings[0].namespace).toBe('ns-2');
    expect(result.findings[0].name).toBe('svc-2');
    expect(unmaskResult(result, mapping)).toEqual(r);
  });
});
