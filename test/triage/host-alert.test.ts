/** An alert on a host names its node by the exporter's instance IP; with the cluster at hand, the Node by name. */
import { join } from 'node:path';
import { connect } from '../../lib/kube/connect';
import { triageAlerts } from '../../lib/triage';
import { startTestSim } from '../helpers/sim';

let sim: Awaited<ReturnType<typeof startTestSim>>;

beforeAll(async () => {
  sim = await startTestSim({ fixtures: [join(__dirname, '../../sim/scenarios/demo')] });
});
afterAll(() => sim.close());

const payload = (instance: string) => ({
  receiver: 'kube-aiops',
  status: 'firing',
  version: '4',
  groupKey: '{}:{alertname="NodeFilesystemAlmostFull"}',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'NodeFilesystemAlmostFull', severity: 'warning', instance, job: 'node-exporter' },
      annotations: { summary: 'disk almost full' },
      startsAt: '2026-12-02T06:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      fingerprint: 'f1',
    },
  ],
});

test('instance="10.0.0.11:9100" maps to Node node-1, keeping the IP', async () => {
  const conn = connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig });
  const r = await triageAlerts(conn, payload('10.0.0.11:9100'));
  expect(r.alerts).toHaveLength(1);
  const a = r.alerts[0];
  expect(a.resource).toMatchObject({ kind: 'Node', name: 'node-1', nodeIP: '10.0.0.11' });
  expect(a.target).toEqual({ kind: 'Node', name: 'node-1' });
  expect(a.warnings).toContain('instance 10.0.0.11 is Node node-1');
});

test('an IP no node has stays as it was, and says it was not found', async () => {
  const conn = connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig });
  const r = await triageAlerts(conn, payload('10.9.9.9:9100'));
  expect(r.alerts[0].resource).toMatchObject({ kind: 'Node', name: '10.9.9.9' });
  expect(r.alerts[0].targetFound).toBe(false);
});
