/**
 * Scenario plumbing for the network/reference/report tests: serves `sim/scenarios/diagnose/<case>/<variant>.yaml`
 * from the simulator, collects it through the engine's collector (logs of every pod), and runs analyzers on it.
 */
import { join } from 'node:path';
import { collectSnapshot } from '../../lib/diagnose/collect';
import { buildContext } from '../../lib/diagnose/run-context';
import { runDiagnosis, type DiagnoseOptions } from '../../lib/diagnose/engine';
import type { Analyzer, DiagnosisResult, Finding, Snapshot } from '../../lib/diagnose/types';
import { startTestSim } from '../helpers/sim';

export const SCENARIOS = join(__dirname, '../../sim/scenarios/diagnose');

export type Variant = 'broken' | 'healthy';

export async function collectScenario(scenario: string, variant: Variant, namespace?: string): Promise<Snapshot> {
  const sim = await startTestSim({ fixtures: [join(SCENARIOS, scenario, `${variant}.yaml`)] });
  try {
    return await collectSnapshot(sim.kc, namespace ? { namespace } : {}, { logs: 'all' });
  } finally {
    await sim.close();
  }
}

export async function analyzeScenario(analyzer: Analyzer, scenario: string, variant: Variant): Promise<Finding[]> {
  return analyzer.analyze(buildContext(await collectScenario(scenario, variant)));
}

export async function diagnoseScenario(
  scenario: string,
  variant: Variant,
  opts: DiagnoseOptions = {},
): Promise<DiagnosisResult> {
  return runDiagnosis(await collectScenario(scenario, variant, opts.namespace), opts);
}

/** Findings at warning or above: a healthy twin must have none. */
export function serious(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity !== 'info');
}

export function only(findings: Finding[], reason: string): Finding {
  const hits = findings.filter((f) => f.reason === reason);
  if (hits.length !== 1)
    throw new Error(
      `expected one ${reason} finding, got ${hits.length}: ${JSON.stringify(findings.map((f) => `${f.reason} ${f.kind}/${f.name}`))}`,
    );
  return hits[0];
}
