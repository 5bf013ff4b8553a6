/** The pure pieces under the analyzers: message parsers, the cron validator, log picking, score, fold and merge. */
import fc from 'fast-check';
import { cause } from '../../../lib/diagnose/cause';
import { cronError } from '../../../lib/diagnose/explain/cron';
import { classifyPullError } from '../../../lib/diagnose/explain/image';
import { errorLines } from '../../../lib/diagnose/explain/logs';
import { missingRefIn } from '../../../lib/diagnose/explain/refs';
import { parseSchedulingMessage } from '../../../lib/diagnose/explain/scheduling';
import { foldPods, mergeByRootCause, sortFindings } from '../../../lib/diagnose/fold';
import { scoreFormula } from '../../../lib/diagnose/score';
import type { Finding, RootCause } from '../../../lib/diagnose/types';
import { bytesText, millis, quantity } from '../../../lib/diagnose/util';

describe('scheduler messages', () => {
  test('counts and categories, preemption tail ignored', () => {
    const m = parseSchedulingMessage(
      "0/5 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.",
    );
    expect(m.totalNodes).toBe(5);
    expect(m.reasons.map((r) => [r.count, r.category, r.detail])).toEqual([
      [1, 'taint', '{node-role.kubernetes.io/control-plane: }'],
      [2, 'insufficient-resource', 'memory'],
      [2, 'node-selector', undefined],
    ]);
  });
  test('messages without a node count', () => {
    expect(parseSchedulingMessage('persistentvolumeclaim "data" not found').reasons[0]).toMatchObject({
      category: 'pvc-missing',
      detail: 'data',
    });
    expect(
      parseSchedulingMessage('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: x')
        .reasons[0].category,
    ).toBe('unbound-pvc');
    expect(parseSchedulingMessage('no nodes available to schedule pods').reasons[0].category).toBe('no-nodes');
  });
  test('never throws and keeps counts within the node total', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseSchedulingMessage(s);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 9 }),
            fc.constantFrom('Insufficient cpu', 'Too many pods', 'node(s) were unschedulable'),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        (parts) => {
          const total = parts.reduce((n, [c]) => n + c, 0);
          const m = parseSchedulingMessage(
            `0/${total} nodes are available: ${parts.map(([c, t]) => `${c} ${t}`).join(', ')}.`,
          );
          expect(m.reasons.reduce((n, r) => n + (r.count ?? 0), 0)).toBe(total);
        },
      ),
    );
  });
});

describe('cron schedules', () => {
  test.each([
    ['*/5 * * * *'],
    ['0 2 * * MON-FRI'],
    ['15 3 1,15 JAN,JUL ?'],
    ['@hourly'],
    ['@every 1h30m'],
    ['TZ=Europe/Berlin 0 2 * * *'],
    ['0 0 1-7/2 * 0'],
  ])('valid: %s', (s) => {
    expect(cronError(s)).toBeUndefined();
  });
  test.each([
    ['*/5 * * *', 'expected exactly 5 fields, found 4: "*/5 * * *"'],
    ['60 * * * *', 'minute value 60 is outside 0-59'],
    ['0 25 * * *', 'hour value 25 is outside 0-23'],
    ['0 0 * FOO *', '"FOO" is not a valid month'],
    ['*/0 * * * *', 'step 0 in minute'],
    ['0 0 10-2 * *', 'range 10-2 in day of month runs backwards'],
    ['@fortnightly', 'unknown descriptor "@fortnightly"'],
    ['TZ=Mars/Olympus 0 0 * * *', 'unknown time zone "Mars/Olympus"'],
    ['', 'empty schedule'],
  ])('invalid: %s', (s, err) => {
    expect(cronError(s)).toBe(err);
  });
  test('generated valid schedules pass, and nothing throws', () => {
    const field = (max: number) =>
      fc.oneof(
        fc.constant('*'),
        fc.integer({ min: 0, max }).map(String),
        fc.integer({ min: 1, max }).map((n) => `*/${n}`),
      );
    fc.assert(
      fc.property(
        field(59),
        field(23),
        fc.integer({ min: 1, max: 31 }).map(String),
        fc.integer({ min: 1, max: 12 }).map(String),
        field(6),
        (a, b, c, d, e) => {
          expect(cronError(`${a} ${b} ${c} ${d} ${e}`)).toBeUndefined();
        },
      ),
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        cronError(s);
      }),
    );
  });
});

describe('log lines', () => {
  test('errors first; warnings only when there is no error; noise and info dropped', () => {
    expect(errorLines('a\nINFO ok 0 errors\nERROR boom\nok').lines).toEqual(['ERROR boom']);
    const w = errorLines('{"level":"info","msg":"x"}\n{"level":"warn","msg":"cache disabled"}');
    expect(w).toEqual({ lines: ['{"level":"warn","msg":"cache disabled"}'], warnings: true });
    expect(errorLines('started\nlistening').lines).toEqual([]);
    expect(errorLines('started\nlistening').lastLine).toBe('listening');
  });
  test('bounded: first lines and last lines, repeats collapsed, long lines clipped', () => {
    const log = Array.from({ length: 40 }, (_, i) => `ERROR attempt ${i}`).join('\n');
    expect(errorLines(log, 5).lines).toEqual([
      'ERROR attempt 0',
      'ERROR attempt 1',
      'ERROR attempt 37',
      'ERROR attempt 38',
      'ERROR attempt 39',
    ]);
    expect(errorLines('ERROR same\nERROR same\nERROR same').lines).toEqual(['ERROR same']);
    expect(errorLines(`ERROR ${'x'.repeat(1000)}`).lines[0]).toHaveLength(300);
  });
});

describe('kubelet and API texts', () => {
  test('pull errors', () => {
    expect(
      classifyPullError(
        'rpc error: code = NotFound desc = failed to resolve reference "docker.io/library/nginx:lastest": not found',
      ),
    ).toBe('not-found');
    expect(
      classifyPullError(
        'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope',
      ),
    ).toBe('unauthorized');
    expect(classifyPullError('dial tcp: lookup registry.internal: no such host')).toBe('unreachable');
    expect(
      classifyPullError(
        '429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit',
      ),
    ).toBe('rate-limited');
    expect(
      classifyPullError(
        'Failed to apply default image tag "Nginx:1": couldn\'t parse image reference: invalid reference format',
      ),
    ).toBe('invalid-name');
  });
  test('missing references', () => {
    expect(missingRefIn('secret "db" not found', 'shop')).toEqual({
      object: { kind: 'Secret', namespace: 'shop', name: 'db' },
    });
    expect(missingRefIn("couldn't find key password in Secret shop/db", 'x')).toEqual({
      object: { kind: 'Secret', namespace: 'shop', name: 'db' },
      key: 'password',
    });
    expect(missingRefIn('MountVolume.SetUp failed for volume "c" : configmap "app" not found', 'ns')?.object).toEqual({
      kind: 'ConfigMap',
      namespace: 'ns',
      name: 'app',
    });
    expect(missingRefIn('something else', 'ns')).toBeUndefined();
  });
  test('quantities', () => {
    expect(quantity('256Mi')).toBe(268435456);
    expect(quantity('500m')).toBe(0.5);
    expect(quantity('1.5G')).toBe(1.5e9);
    expect(quantity('15243964Ki')).toBe(15243964 * 1024);
    expect(Number.isNaN(quantity('lots'))).toBe(true);
    expect(bytesText(quantity('15243964Ki'))).toBe('14.5Gi');
  });
});

describe('API timestamps', () => {
  test('millis reads the API server format as Date.parse does, Go zero time included', () => {
    expect(millis('0001-01-01T00:00:00Z')).toBe(Date.parse('0001-01-01T00:00:00Z'));
    expect(millis('2026-11-24T05:59:00.5Z')).toBe(Date.parse('2026-11-24T05:59:00.500Z'));
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.boolean(),
        (d, whole) => {
          const iso = d.toISOString();
          const text = whole ? iso.replace(/\.\d{3}Z$/, 'Z') : iso;
          expect(millis(text)).toBe(Date.parse(text));
        },
      ),
    );
  });
});

describe('score', () => {
  test('documented examples', () => {
    expect(scoreFormula({ objects: 0, critical: 0, warning: 0, criticalFindings: 0, warningFindings: 0 })).toBe(100);
    expect(scoreFormula({ objects: 3, critical: 2, warning: 0, criticalFindings: 1, warningFindings: 0 })).toBe(0);
    expect(scoreFormula({ objects: 200, critical: 1, warning: 0, criticalFindings: 1, warningFindings: 0 })).toBe(88);
    expect(scoreFormula({ objects: 50, critical: 0, warning: 2, criticalFindings: 0, warningFindings: 2 })).toBe(86);
  });
  test('bounded, and more trouble never raises it', () => {
    const input = fc.record({
      objects: fc.nat(5000),
      critical: fc.nat(100),
      warning: fc.nat(100),
      criticalFindings: fc.nat(20),
      warningFindings: fc.nat(20),
    });
    fc.assert(
      fc.property(input, fc.nat(5), (i, more) => {
        const s = scoreFormula(i);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(100);
        expect(
          scoreFormula({ ...i, critical: i.critical + more, criticalFindings: i.criticalFindings + (more ? 1 : 0) }),
        ).toBeLessThanOrEqual(s);
        expect(scoreFormula({ ...i, warning: i.warning + more })).toBeLessThanOrEqual(s);
      }),
    );
  });
});

describe('fold, merge, sort', () => {
  const owner = { kind: 'Deployment', namespace: 'a', name: 'web' };
  const exits = (container: string, detail: string): RootCause =>
    cause(owner, 'ContainerExited', { container, exitCode: 1, reason: 'Error', detail });
  const pod = (name: string, rc: RootCause, severity: Finding['severity'] = 'critical'): Finding => ({
    severity,
    analyzer: 'Pod',
    kind: 'Pod',
    namespace: 'a',
    name,
    owner,
    reason: 'CrashLoopBackOff',
    message: `Pod a/${name}: crash`,
    evidence: [{ source: 'log', text: `${name} log` }],
    rootCause: rc,
  });
  test('pods of one owner failing alike fold; different containers do not', () => {
    const out = foldPods([
      pod('p1', exits('app', 'x at 10:01')),
      pod('p2', exits('app', 'x at 10:02')),
      pod('p3', exits('sidecar', 'y')),
    ]);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ name: 'p1', count: 2, related: [{ kind: 'Pod', namespace: 'a', name: 'p2' }] });
    expect(out[0].message).toMatch(/^2 pods of Deployment web fail the same way\./);
  });
  test('the same root cause merges into the most severe finding about the cause itself', () => {
    const dep: Finding = {
      severity: 'warning',
      analyzer: 'Deployment',
      kind: 'Deployment',
      namespace: 'a',
      name: 'web',
      reason: 'ReplicasUnavailable',
      message: 'd',
      evidence: [{ source: 'field', text: 'spec.replicas=2' }],
      rootCause: cause(owner, 'ScaledToZero'),
    };
    const out = mergeByRootCause([pod('p1', cause(owner, 'ScaledToZero'), 'warning'), dep]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      kind: 'Deployment',
      count: 2,
      related: [{ kind: 'Pod', namespace: 'a', name: 'p1' }],
    });
    expect(out[0].evidence.map((e) => e.text)).toEqual(['spec.replicas=2', 'p1 log']);
  });
  test('fold and merge never lose an object: counts add up', () => {
    const arb = fc.array(
      fc.record({
        n: fc.integer({ min: 0, max: 99 }),
        fact: fc.constantFrom(exits('a', '1'), exits('b', '2')),
        sev: fc.constantFrom('critical', 'warning'),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const input = rows.map((r, i) => pod(`p${i}-${r.n}`, r.fact, r.sev as Finding['severity']));
        const out = mergeByRootCause(foldPods(input));
        expect(out.reduce((n, f) => n + (f.count ?? 1), 0)).toBe(input.length);
      }),
    );
  });
  test('sort: severity, then root cause known, then impact', () => {
    const base = pod('x', cause(owner, 'ScaledToZero'));
    const sorted = sortFindings([
      { ...base, name: 'info', severity: 'info' },
      { ...base, name: 'warn-big', severity: 'warning', count: 9 },
      { ...base, name: 'crit-nocause', rootCause: undefined },
      { ...base, name: 'crit-small' },
      { ...base, name: 'crit-big', count: 4 },
    ]);
    expect(sorted.map((f) => f.name)).toEqual(['crit-big', 'crit-small', 'crit-nocause', 'warn-big', 'info']);
  });
});
