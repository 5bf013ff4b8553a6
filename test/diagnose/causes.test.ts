/**
 * Root causes are data: every code renders in English and Chinese from its facts, folding and merging key on
 * (object, code, identity facts) and never on the rendered text, and the JSON report carries code and facts.
 */
import { cause, CAUSE_CODES, missingCause } from '../../lib/diagnose/cause';
import { foldPods, mergeByRootCause } from '../../lib/diagnose/fold';
import { causeKey, renderCause } from '../../lib/diagnose/render/cause-text';
import { reportSchema, toReportJSON } from '../../lib/diagnose/report/json';
import type { Finding, RootCause } from '../../lib/diagnose/types';
import { diagnoseScenario } from './net-support';

const CJK = /[\u4e00-\u9fff]/;
const owner = { kind: 'Deployment', namespace: 'a', name: 'web' };

function podFinding(name: string, rc: RootCause): Finding {
  return {
    severity: 'critical',
    analyzer: 'Pod',
    kind: 'Pod',
    namespace: 'a',
    name,
    owner,
    reason: 'CrashLoopBackOff',
    message: `Pod a/${name} crashes`,
    evidence: [{ source: 'log', text: `${name}: boom` }],
    rootCause: rc,
  };
}

describe('cause codes', () => {
  test('every code renders a sentence in both languages; the Chinese one is Chinese', () => {
    const facts = { container: 'app', kind: 'ConfigMap', name: 'cfg', key: 'DB_HOST', message: 'x', image: 'a/b:1' };
    for (const code of CAUSE_CODES) {
      const en = renderCause({ code, facts });
      const zh = renderCause({ code, facts }, 'zh');
      expect([code, en.length > 0]).toEqual([code, true]);
      expect([code, zh]).toEqual([code, expect.stringMatching(CJK)]);
      expect(zh).not.toEqual(en);
    }
  });

  test('values quoted from the cluster stay as they are in Chinese', () => {
    const rc = cause(owner, 'UntoleratedTaint', { taint: '{dedicated: gpu}', nodes: ['gpu-1', 'gpu-2'] });
    expect(rc.fact).toBe('no toleration for taint {dedicated: gpu} on node(s) gpu-1, gpu-2');
    const zh = renderCause(rc, 'zh');
    expect(zh).toContain('{dedicated: gpu}');
    expect(zh).toContain('gpu-1, gpu-2');
  });

  test('missing references get the code of their kind, and the key when the object exists', () => {
    expect(missingCause({ kind: 'ConfigMap', namespace: 'a', name: 'cfg' }).code).toBe('MissingConfigMap');
    const key = missingCause({ kind: 'ConfigMap', namespace: 'a', name: 'cfg' }, 'DB_HOST');
    expect(key).toMatchObject({ code: 'MissingConfigMapKey', facts: { key: 'DB_HOST' } });
    expect(key.fact).toBe('ConfigMap cfg has no key "DB_HOST"');
    expect(missingCause({ kind: 'Service', name: 's' }, 'port 8443').code).toBe('MissingPort');
  });

  test('an unknown code keeps its English text and never throws', () => {
    const rc = { object: owner, code: 'FromTheFuture', facts: { a: 1 }, fact: 'something new' };
    expect(renderCause(rc, 'zh')).toBe('something new');
  });
});

describe('folding and merging by code', () => {
  test('pods whose causes read differently but share object, code and identity fold into one', () => {
    const a = cause(owner, 'ContainerExited', { container: 'app', exitCode: 1, detail: 'error at 10:01' });
    const b = cause(owner, 'ContainerExited', { container: 'app', exitCode: 1, detail: 'error at 10:02' });
    expect(a.fact).not.toEqual(b.fact);
    expect(causeKey(a)).toEqual(causeKey(b));
    const out = foldPods([podFinding('p1', a), podFinding('p2', b)]);
    expect(out).toHaveLength(1);
    expect(out[0].count).toBe(2);
  });

  test('an identity fact keeps two causes on one object apart', () => {
    const cm = { kind: 'ConfigMap', namespace: 'a', name: 'cfg' };
    const k1 = missingCause(cm, 'DB_HOST');
    const k2 = missingCause(cm, 'DB_PORT');
    const d1: Finding = { ...podFinding('x', k1), kind: 'Deployment', name: 'one', owner: undefined };
    const d2: Finding = { ...podFinding('y', k2), kind: 'Deployment', name: 'two', owner: undefined };
    expect(mergeByRootCause([d1, d2])).toHaveLength(2);
    const d3: Finding = { ...d2, rootCause: { ...k1, fact: 'the same cause, worded differently' } };
    const merged = mergeByRootCause([d1, d3]);
    expect(merged).toHaveLength(1);
    expect(merged[0].related).toEqual([{ kind: 'Deployment', namespace: 'a', name: 'two' }]);
  });
});

describe('JSON report', () => {
  test('root causes carry code, facts and their evidence; the schema accepts them', async () => {
    const r = await diagnoseScenario('pod-crashloop', 'broken');
    const json = toReportJSON(r);
    expect(() => reportSchema.parse(json)).not.toThrow();
    const withCause = json.findings.filter((f) => f.rootCause);
    expect(withCause.length).toBeGreaterThan(0);
    for (const f of withCause) {
      expect(CAUSE_CODES).toContain(f.rootCause?.code);
      expect(typeof f.rootCause?.fact).toBe('string');
      expect(f.rootCause?.evidence?.text.length).toBeGreaterThan(0);
    }
  });
});
