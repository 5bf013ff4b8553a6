/**
 * Chinese rendering from the same cause data: our words and root causes in Simplified Chinese; object names,
 * messages quoted from the cluster and kubectl commands exactly as in the English report.
 */
import { renderForLLM } from '../../lib/diagnose/report/llm';
import { renderMarkdown } from '../../lib/diagnose/report/markdown';
import { renderText } from '../../lib/diagnose/report/text';
import type { DiagnosisResult } from '../../lib/diagnose/types';
import { diagnoseScenario } from './net-support';

const CJK = /[\u4e00-\u9fff]/;
let r: DiagnosisResult;

beforeAll(async () => {
  r = { ...(await diagnoseScenario('pod-config-missing', 'broken')), generatedAt: '2026-12-02T06:00:00.000Z' };
});

test('markdown in Chinese: snapshot', () => {
  expect(renderMarkdown(r, { language: 'zh', maxChars: 20000, top: 50 })).toMatchSnapshot();
});

test('text in Chinese: snapshot', () => {
  expect(renderText(r, { language: 'zh' })).toMatchSnapshot();
});

test('names, quoted values and commands are the same as in English; our words are not', () => {
  const en = renderMarkdown(r, { maxChars: 20000, top: 50 });
  const zh = renderMarkdown(r, { language: 'zh', maxChars: 20000, top: 50 });
  expect(zh).toMatch(CJK);
  expect(zh).toContain('根因：');
  expect(en).not.toMatch(CJK);
  const commands = (s: string) => s.split('\n').filter((l) => l.startsWith('`kubectl'));
  expect(commands(zh)).toEqual(commands(en));
  expect(commands(zh).length).toBeGreaterThan(0);
  for (const f of r.findings) {
    if (!f.rootCause) continue;
    expect(zh).toContain(f.rootCause.object.name);
    for (const v of Object.values(f.rootCause.facts))
      if (typeof v === 'string' && v.length >= 3 && v.length < 60) expect(zh).toContain(v);
  }
});

test('the LLM text carries Chinese root causes with the same proof lines', () => {
  const zh = renderForLLM(r, { language: 'zh' });
  const en = renderForLLM(r);
  expect(zh).toMatch(CJK);
  const proofs = (s: string) => [...s.matchAll(/proof \w+: [^|]+/g)].map((m) => m[0]);
  expect(proofs(zh)).toEqual(proofs(en));
});
