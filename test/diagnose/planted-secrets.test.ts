/**
 * Secrets planted where a cluster really holds them — a literal env value under a credential name, a flag's value
 * in args, an annotation under a credential key, a URL password in a termination message, a pair and a token in
 * the crash's log, a pair in a Warning event — never appear in any output of a diagnosis (the result object and
 * every report format), while the crash they sit next to is reported.
 */
import { diagnose } from '../../lib/diagnose/engine';
import { renderReport, REPORT_FORMATS } from '../../lib/diagnose/report';
import type { DiagnosisResult } from '../../lib/diagnose/types';
import { startTestSim } from '../helpers/sim';

const SECRETS = {
  env: 'Hunter2-env-planted',
  flag: 'flag-planted-7781',
  annotation: 'annot-planted-0042',
  url: 'urlpw-planted-991',
  log: 'logpw-planted-55',
  token: `ghp_${'Q7x'.repeat(12)}`,
  event: 'evpw-planted-31',
};
const STARTED = '2026-11-20T10:00:00Z';

function cluster(): object[] {
  const labels = { app: 'api' };
  const container = {
    name: 'main',
    image: 'registry.example.com/api:1.0',
    args: ['--api-token', SECRETS.flag],
    env: [
      { name: 'DB_PASSWORD', value: SECRETS.env },
      { name: 'APP', value: 'api' },
    ],
  };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' }, status: { phase: 'Active' } },
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-0' },
      status: {
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: STARTED }],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'api',
        namespace: 'shop',
        uid: 'uid-d',
        annotations: { 'example.com/db-password': SECRETS.annotation },
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [container] } },
      },
      status: { replicas: 1, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 1 },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'api-1',
        namespace: 'shop',
        uid: 'uid-rs',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: 'uid-d', controller: true }],
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [container] } },
      },
      status: { replicas: 1, readyReplicas: 0 },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'api-1-abcde',
        namespace: 'shop',
        uid: 'uid-p',
        labels,
        annotations: {
          'example.com/db-password': SECRETS.annotation,
          'sim.kube-aiops.io/previous-logs-main': `${STARTED} starting\n${STARTED} ERROR login failed password=${SECRETS.log} using ${SECRETS.token}`,
        },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-1', uid: 'uid-rs', controller: true },
        ],
      },
      spec: { nodeName: 'node-0', containers: [container] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: STARTED }],
        containerStatuses: [
          {
            name: 'main',
            ready: false,
            restartCount: 6,
            image: 'registry.example.com/api:1.0',
            state: {
              waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=main' },
            },
            lastState: {
              terminated: {
                reason: 'Error',
                exitCode: 1,
                message: `cannot connect to postgres://app:${SECRETS.url}@db:5432/shop`,
                startedAt: STARTED,
                finishedAt: STARTED,
              },
            },
          },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'api-1-abcde.1', namespace: 'shop' },
      involvedObject: {
        apiVersion: 'v1',
        kind: 'Pod',
        namespace: 'shop',
        name: 'api-1-abcde',
        fieldPath: 'spec.containers{main}',
      },
      type: 'Warning',
      reason: 'BackOff',
      message: `Back-off restarting failed container main (last error: password=${SECRETS.event})`,
      count: 9,
      firstTimestamp: STARTED,
      lastTimestamp: '2026-11-24T05:59:00Z',
    },
  ];
}

let sim: Awaited<ReturnType<typeof startTestSim>>;
let result: DiagnosisResult;
beforeAll(async () => {
  sim = await startTestSim({ objects: cluster() });
  result = await diagnose(sim.kc, { analyzers: ['all'] });
}, 60_000);
afterAll(() => sim?.close());

test('the crash is reported, with the log line that holds a secret, redacted', () => {
  const f = result.findings.find((x) => x.name === 'api' || x.name === 'api-1-abcde');
  expect(f).toBeDefined();
  const all = JSON.stringify(result);
  expect(all).toContain('CrashLoopBackOff');
  expect(all).toContain('<redacted');
  // the lines around the secrets are quoted, so their absence below is redaction, not omission
  expect(all).toContain('ERROR login failed password=<redacted');
  expect(all).toContain('postgres://app:<redacted');
});

test.each(['result', ...REPORT_FORMATS])('%s: no planted secret appears', (format) => {
  const out =
    format === 'result' ? JSON.stringify(result) : renderReport(result, format as (typeof REPORT_FORMATS)[number]);
  expect(out.length).toBeGreaterThan(100);
  for (const [where, secret] of Object.entries(SECRETS)) expect([where, out.includes(secret)]).toEqual([where, false]);
});
