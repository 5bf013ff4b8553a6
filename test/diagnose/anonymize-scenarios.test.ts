/** The anonymizer over real diagnoses of the simulator scenarios: event, log and message text included. */
import { anonymize, unmask, unmaskResult } from '../../lib/diagnose/anonymize';
import { renderForLLM } from '../../lib/diagnose/report';
import { diagnoseScenario } from './net-support';

function occursAsToken(haystack: string, needle: string): boolean {
  return new RegExp(`(?<![A-Za-z0-9_])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`).test(haystack);
}

describe.each(['netpol-caller', 'webhook-backend', 'ingress-backend', 'probe-port', 'pod-image-pull'])(
  'anonymized %s',
  (scenario) => {
    test('round-trips, leaks nothing it masked, and keeps kinds and reasons', async () => {
      const r = await diagnoseScenario(scenario, 'broken', { analyzers: ['all'] });
      const { result, mapping } = anonymize(r);
      expect(unmaskResult(result, mapping)).toEqual(r);
      const json = JSON.stringify(result);
      expect(mapping.entries.filter((e) => occursAsToken(json, e.original)).map((e) => e.original)).toEqual([]);
      expect(result.findings.map((f) => `${f.kind} ${f.reason}`)).toEqual(
        r.findings.map((f) => `${f.kind} ${f.reason}`),
      );
      for (const f of r.findings)
        if (f.namespace) expect(mapping.entries.some((e) => e.original === f.namespace)).toBe(true);
      expect(mapping.entries.some((e) => e.original === 'kube-system')).toBe(false);
    });
  },
);

test("event and log text is masked too, and the model's answer unmasks", async () => {
  const r = await diagnoseScenario('netpol-caller', 'broken');
  const { result, mapping } = anonymize(r);
  const llm = renderForLLM(result, { budget: 4000 });
  for (const secret of ['postgres', 'frontend', '10.96.61.5', 'web-7f6d5c4b9a-z7m3k', 'redis'])
    expect(occursAsToken(llm, secret)).toBe(false);
  const policy = result.findings.find((f) => f.reason === 'NetworkPolicyBlocksCaller');
  const answer = `Add a rule to ${policy?.name} in ${policy?.namespace} admitting ${policy?.rootCause?.fact.match(/Deployment (\S+)/)?.[1]}.`;
  expect(unmask(answer, mapping)).toBe('Add a rule to postgres-ingress in db admitting frontend/web.');
});
