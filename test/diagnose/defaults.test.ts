/**
 * Which analyzers run with no filter: all of them except the opt-in ones, each opt-in for a stated reason.
 * The healthy twins staying silent under the default set is asserted in test/diagnose/coverage.test.ts.
 */
import { ANALYZERS, selectAnalyzers } from '../../lib/diagnose/analyzers';

/** Opt-in analyzers and why: Security is posture (info only); Logs reads every running pod's log. */
const OPT_IN = ['Logs', 'Security'];

test('every analyzer but the opt-in ones is on by default', () => {
  const on = selectAnalyzers().analyzers.map((a) => a.name);
  expect(ANALYZERS.filter((a) => !a.default).map((a) => a.name)).toEqual(OPT_IN);
  expect(on).toEqual(expect.arrayContaining(['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Storage']));
  expect(on).toHaveLength(ANALYZERS.length - OPT_IN.length);
});
