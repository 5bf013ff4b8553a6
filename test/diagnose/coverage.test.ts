/**
 * The coverage invariant over every scenario the tests have (each twin of sim/scenarios/diagnose on the shared
 * base, and the demo cluster): every Warning event, waiting or terminated container reason and False condition of
 * a pod, workload, node, PVC, HPA or Job is explained by a finding of the default analyzers or classified benign by
 * a named rule (lib/diagnose/benign.ts). And the check has teeth: without the findings, the signals show.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BENIGN_RULES, benignRuleFor } from '../../lib/diagnose/benign';
import { collectSnapshot } from '../../lib/diagnose/collect';
import { unexplainedSignals } from '../../lib/diagnose/coverage';
import { runDiagnosis } from '../../lib/diagnose/engine';
import { explainPodFully, plainlyHealthy } from '../../lib/diagnose/explain/pod';
import { buildContext } from '../../lib/diagnose/run-context';
import { signals } from '../../lib/diagnose/signals';
import type { DiagnosisResult, Snapshot } from '../../lib/diagnose/types';
import { startTestSim } from '../helpers/sim';

const DEMO = join(__dirname, '../../sim/scenarios/demo');
const DIAG = join(__dirname, '../../sim/scenarios/diagnose');
const BASE = join(DIAG, 'cluster-base');
const SCENARIOS: [string, string[]][] = [
  ['demo', [DEMO]],
  ...readdirSync(DIAG)
    .filter((d) => d !== 'cluster-base')
    .flatMap((d) =>
      ['broken.yaml', 'healthy.yaml'].map((f): [string, string[]] => [`${d}/${f}`, [BASE, join(DIAG, d, f)]]),
    ),
];

const runs = new Map<string, { snapshot: Snapshot; result: DiagnosisResult }>();

beforeAll(async () => {
  for (const [label, fixtures] of SCENARIOS) {
    const sim = await startTestSim({ fixtures });
    try {
      const snapshot = await collectSnapshot(sim.kc, {}, {});
      runs.set(label, { snapshot, result: runDiagnosis(snapshot, {}) });
    } finally {
      await sim.close();
    }
  }
}, 600_000);

const show = (xs: ReturnType<typeof signals>) =>
  xs.map(
    (x) => `${x.source} ${x.object.kind}/${x.object.namespace ?? ''}/${x.object.name} ${x.reason}: ${x.detail ?? ''}`,
  );

test('there are scenarios with signals to explain', () => {
  expect(SCENARIOS.length).toBeGreaterThan(100);
  const total = [...runs.values()].reduce((n, r) => n + signals(r.snapshot).length, 0);
  expect(total).toBeGreaterThan(300);
});

test.each(SCENARIOS.map(([l]) => l))('%s: every signal is explained by a finding or a named benign rule', (label) => {
  const { snapshot, result } = runs.get(label)!;
  expect(show(unexplainedSignals(snapshot, result.findings))).toEqual([]);
});

test('the invariant has teeth: dropping the findings of a broken scenario leaves its signals unexplained', () => {
  const blind: string[] = [];
  let checked = 0;
  for (const [label, { snapshot, result }] of runs) {
    if (!label.endsWith('broken.yaml')) continue;
    const troubled = signals(snapshot).filter((x) => !benignRuleFor(x, snapshot));
    if (!troubled.length) continue; // a static misconfiguration: nothing in the cluster's status to explain
    checked++;
    if (unexplainedSignals(snapshot, []).length === 0) blind.push(label);
    // dropping only the findings at warning or above must also expose something
    if (
      unexplainedSignals(
        snapshot,
        result.findings.filter((f) => f.severity === 'info'),
      ).length === 0
    )
      blind.push(`${label} (info only)`);
  }
  expect(checked).toBeGreaterThan(30);
  expect(blind).toEqual([]);
});

test('dropping the one crash-loop finding exposes the CrashLoopBackOff reason of its pods', () => {
  const { snapshot, result } = runs.get('pod-crashloop/broken.yaml')!;
  const crash = result.findings.filter((f) => f.rootCause?.object.name === 'orders');
  expect(crash).toHaveLength(1);
  const gaps = unexplainedSignals(
    snapshot,
    result.findings.filter((f) => f !== crash[0]),
  );
  expect(gaps.map((g) => g.reason)).toEqual(expect.arrayContaining(['CrashLoopBackOff']));
});

test('benign rules have unique names and reasons, and each one is used by some scenario', () => {
  const names = BENIGN_RULES.map((r) => r.name);
  expect(new Set(names).size).toBe(names.length);
  expect(BENIGN_RULES.every((r) => r.why.length > 20)).toBe(true);
  const used = new Set<string>();
  for (const { snapshot } of runs.values())
    for (const x of signals(snapshot)) {
      const r = benignRuleFor(x, snapshot);
      if (r) used.add(r.name);
    }
  expect(names.filter((n) => !used.has(n))).toEqual([]);
});

test('a pod explainPod calls plainly healthy (and skips the checks for) is one the checks find nothing wrong with', () => {
  let healthy = 0;
  let failing = 0;
  const wrong: string[] = [];
  for (const [label, { snapshot }] of runs) {
    const ctx = buildContext(snapshot);
    for (const pod of snapshot.pods) {
      const problems = explainPodFully(ctx, pod);
      if (problems.length) failing++;
      if (!plainlyHealthy(ctx, pod)) continue;
      healthy++;
      if (problems.length)
        wrong.push(`${label}: ${pod.metadata?.namespace}/${pod.metadata?.name} ${problems.map((p) => p.reason)}`);
    }
  }
  expect(wrong).toEqual([]);
  // the shortcut is taken, and the scenarios have failing pods for it to get wrong
  expect(healthy).toBeGreaterThan(100);
  expect(failing).toBeGreaterThan(50);
});
