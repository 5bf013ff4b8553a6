/**
 * Credentials inside cluster text — container logs, an event, env literals, an annotation, an alert annotation —
 * never come back from any tool or land in the bridge's log or audit, whatever the tool; the rest of the line stays.
 */
import { SECRET_FORMS, type AttackStack, startAttackStack } from './attack-fixture';
import { callTool, everythingIn, textOf } from './helpers';

let s: AttackStack;
const results: string[] = [];

beforeAll(async () => {
  s = await startAttackStack();
}, 60_000);

afterAll(async () => {
  const all = [...results, ...s.logs, JSON.stringify(s.audit())].join('\n');
  for (const form of SECRET_FORMS) expect(all).not.toContain(form);
  await s?.close();
});

const ALERT = {
  version: '4',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: {
        alertname: 'KubePodCrashLooping',
        namespace: 'victim',
        pod: 'app-0',
        container: 'app',
        severity: 'warning',
      },
      annotations: {
        summary: 'Pod victim/app-0 is crash looping.',
        description: `last error: connecting to postgres://admin:${SECRET_FORMS[0]}@db:5432/app failed; password=${SECRET_FORMS[0]}`,
      },
      startsAt: '2026-12-01T10:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      fingerprint: 'f00d',
    },
  ],
};

const CALLS: [string, Record<string, unknown>, RegExp | null][] = [
  ['get_pod_logs', { name: 'app-0', namespace: 'victim' }, /password authentication failed for user/],
  [
    'get_pod_logs',
    { name: 'app', kind: 'Deployment', namespace: 'victim', previous: true },
    /postgres:\/\/admin:<redacted/,
  ],
  ['get_pod_logs', { name: 'app-0', namespace: 'victim', grep: 'S3cr3t' }, null],
  ['get_pod_logs', { name: 'app-0', namespace: 'victim', grep: 'password=S' }, null],
  ['list_events', { namespace: 'victim' }, /redis:\/\/default:<redact/],
  ['get_resource', { kind: 'pod', name: 'app-0', namespace: 'victim' }, /MYSQL_ROOT_PW/],
  [
    'get_resource',
    { kind: 'pod', name: 'app-0', namespace: 'victim' },
    /secretName: db\n[\s\S]*secretKeyRef:\s+name: db\s+key: password/,
  ],
  ['get_resource', { kind: 'deploy', name: 'app', namespace: 'victim' }, /MYSQL_ROOT_PW/],
  ['describe_resource', { kind: 'pod', name: 'app-0', namespace: 'victim' }, null],
  ['list_resources', { kind: 'pods', namespace: 'victim', full: true }, null],
  ['diagnose', { namespace: 'victim' }, /app-0/],
  ['diagnose', { kind: 'Pod', name: 'app-0', namespace: 'victim' }, null],
  ['triage_alert', { alert: JSON.stringify(ALERT) }, /KubePodCrashLooping/],
  ['triage_alert', { resource: { kind: 'Pod', name: 'app-0', namespace: 'victim' } }, null],
];

describe('no planted credential in any tool result', () => {
  it.each(CALLS)('%s %j', async (tool, args, expected) => {
    const r = await callTool(s.client, tool, args);
    const all = everythingIn(r);
    results.push(all);
    for (const form of SECRET_FORMS) expect(all).not.toContain(form);
    if (expected) expect(textOf(r)).toMatch(expected);
  });

  it('a grep cannot test guesses of a hidden value', async () => {
    const r = await callTool(s.client, 'get_pod_logs', { name: 'app-0', namespace: 'victim', grep: 'S3cr3t-Pl4nted' });
    results.push(everythingIn(r));
    expect(r.structuredContent).toMatchObject({ matched: 0 });
  });
});

describe('diagnose says when logs or metrics could not be read', () => {
  it('refused log and metrics reads are named in the warnings and in the text a model reads', async () => {
    const fault = (path: string) =>
      fetch(`${s.proxy.url}/_sim/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ path, status: 403 }),
      });
    expect((await fault('/pods/app-0/log$')).ok).toBe(true);
    expect((await fault('metrics.k8s.io/v1beta1/namespaces/victim/pods$')).ok).toBe(true);
    try {
      const r = await callTool(s.client, 'diagnose', { namespace: 'victim' });
      results.push(everythingIn(r));
      const warnings = (r.structuredContent as { warnings?: string[] }).warnings ?? [];
      expect(warnings).toContainEqual(expect.stringMatching(/^logs of victim\/app-0\/app could not be read/));
      expect(warnings).toContainEqual(expect.stringMatching(/metrics could not be read \(forbidden\)/));
      expect(textOf(r)).toMatch(/the logs of victim\/app-0\/app, pod and node metrics, which could not be read/);
    } finally {
      await fetch(`${s.proxy.url}/_sim/faults`, { method: 'DELETE' });
    }
  });
});

describe('triage says when logs could not be read', () => {
  it('a log read that fails is named in the warnings and the markdown, not passed over', async () => {
    const faults = await fetch(`${s.proxy.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/pods/app-0/log$', status: 403 }),
    });
    expect(faults.ok).toBe(true);
    try {
      const r = await callTool(s.client, 'triage_alert', {
        resource: { kind: 'Pod', name: 'app-0', namespace: 'victim' },
      });
      results.push(everythingIn(r));
      expect(everythingIn(r)).toMatch(/logs of victim\/app-0\/app could not be read/);
      expect(textOf(r)).toMatch(/could not be read/);
    } finally {
      await fetch(`${s.proxy.url}/_sim/faults`, { method: 'DELETE' });
    }
  });
});
