import { probeAnalyzer } from '../../lib/diagnose/analyzers/probe';
import { analyzeScenario } from './net-support';

describe('Probe analyzer', () => {
  test("readiness probe on an undeclared port, with the kubelet's connection refused as evidence", async () => {
    const findings = await analyzeScenario(probeAnalyzer, 'probe-port', 'broken');
    const f = findings.find((x) => x.name === 'fulfillment');
    expect(f).toMatchObject({ severity: 'critical', reason: 'ProbePortMismatch', kind: 'Deployment' });
    expect(f?.rootCause?.fact).toBe(
      'readiness probe of container fulfillment checks port 8081, which the container does not declare (declares http:8080)',
    );
    expect(
      f?.evidence.some(
        (e) => e.source === 'event' && e.text.includes('dial tcp 10.245.1.110:8081: connect: connection refused'),
      ),
    ).toBe(true);
  });

  test('liveness probe on a port name the container does not declare', async () => {
    const f = (await analyzeScenario(probeAnalyzer, 'probe-port', 'broken')).find((x) => x.name === 'packer');
    expect(f?.severity).toBe('critical');
    expect(f?.rootCause?.fact).toContain('uses port name "healthz"');
    expect(f?.message).toContain('keeps restarting');
    expect(f?.evidence.some((e) => e.text.includes('failed liveness probe'))).toBe(true);
  });

  test('twin whose probes use the listening port yields nothing', async () => {
    expect(await analyzeScenario(probeAnalyzer, 'probe-port', 'healthy')).toEqual([]);
  });
});
