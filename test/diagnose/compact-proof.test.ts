/**
 * The compact report a model reads (`-o llm`, the bridge's diagnose text at its default budget): for every broken
 * scenario, each finding's root cause — its facts — and the one line of evidence that proves it are in the text.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderForLLM } from '../../lib/diagnose/report/llm';
import type { FactValue } from '../../lib/diagnose/types';
import { diagnoseScenario, SCENARIOS } from './net-support';

/** The bridge's budget when the model asks for none (bridge/tools/shared.ts textBudget). */
const BRIDGE_BUDGET = 8000;

const broken = readdirSync(SCENARIOS).filter((d) => existsSync(join(SCENARIOS, d, 'broken.yaml')));

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Values worth finding in the text: names, keys, limits, quoted messages (not flags or one-digit codes). */
const short = (v: FactValue): string[] =>
  typeof v === 'boolean'
    ? []
    : (Array.isArray(v) ? v : [String(v)]).filter((x) => x.length >= 3 && x.length <= 60).map(oneLine);

test('there are broken scenarios to check', () => {
  expect(broken.length).toBeGreaterThan(30);
});

test.each(broken)('%s: root-cause facts and their proof survive the compact text', async (scenario) => {
  const r = await diagnoseScenario(scenario, 'broken', { minSeverity: 'warning' });
  const text = renderForLLM(r, { budget: BRIDGE_BUDGET });
  expect(text.length).toBeLessThanOrEqual(BRIDGE_BUDGET);
  for (const f of r.findings) {
    const rc = f.rootCause;
    if (!rc) continue;
    // the facts the cause's sentence states (supporting facts such as a log line may only sit in the JSON)
    for (const v of Object.values(rc.facts)
      .flatMap(short)
      .filter((x) => oneLine(rc.fact).includes(x)))
      expect([rc.code, v, text.includes(v)]).toEqual([rc.code, v, true]);
    if (rc.evidence) expect(text).toContain(oneLine(rc.evidence.text).slice(0, 60));
  }
});
