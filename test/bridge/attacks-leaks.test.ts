/**
 * Reads that would leak what has no `password=` shape to catch it by: a ServiceAccount token printed bare by a pod
 * or quoted by an event, a PEM private key spread over log lines, a credential under an annotation key whose value is
 * plain or base64, and selectors or log arguments used as oracles or to reach other URLs. Every form of each planted
 * value is searched in the whole MCP result (text and structured content), the bridge log and the audit.
 */
import { type AttackStack, startAttackStack } from './attack-fixture';
import { callTool, textOf } from './helpers';

const b64url = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** a ServiceAccount token as `cat /var/run/secrets/kubernetes.io/serviceaccount/token` prints it */
const JWT = `${b64url({ alg: 'RS256', kid: 'k1' })}.${b64url({ iss: 'kubernetes/serviceaccount', sub: 'system:serviceaccount:victim:admin' })}.${'Zm9vYmFyYmF6'.repeat(20)}`;
const JWT_SIGNATURE = JWT.split('.')[2];
const KEY_BODY = ['MIIEowIBAAKCAQEAPl4ntedPemKeyLine1xq', 'Pl4ntedPemKeyLine2xqABCDEFGHIJKLMNOP'];
const PEM = ['-----BEGIN RSA PRIVATE KEY-----', ...KEY_BODY, '-----END RSA PRIVATE KEY-----'];
const CR_PASSWORD = 'Pl4nted-Cr-Root-Password-3';
const ARGV_SECRET = 'Pl4nted-Argv-Password-8';
const ANNOTATED = 'Pl4nted-Annotation-Value-55';
const ANNOTATED_B64 = Buffer.from(`admin:${ANNOTATED}`).toString('base64');
/** tokens that name their issuer by a prefix, as an env dump or a CI log prints them */
const PREFIXED = [
  'AKIAPL4NTEDKEY12345Q',
  `ghp_${'Pl4ntedGithubToken'.repeat(2)}`,
  `xoxb-1234567890-Pl4ntedSlackToken`,
  `sk-proj-${'Pl4ntedOpenAiKey'.repeat(3)}`,
];
const PLANTED = [
  JWT,
  JWT_SIGNATURE,
  ...KEY_BODY,
  ANNOTATED,
  ANNOTATED_B64,
  Buffer.from(ANNOTATED).toString('base64'),
  CR_PASSWORD,
  Buffer.from(CR_PASSWORD).toString('base64'),
  ARGV_SECRET,
  ...PREFIXED,
];

/** a custom resource keeping a credential in its spec, as database operators' CRs do */
const DATABASE_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'databases.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'databases', singular: 'database', kind: 'Database', listKind: 'DatabaseList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      },
    ],
  },
};

const EXTRA = [
  DATABASE_CRD,
  {
    apiVersion: 'example.com/v1',
    kind: 'Database',
    metadata: { name: 'orders', namespace: 'victim' },
    spec: {
      engine: 'mysql',
      rootPassword: CR_PASSWORD,
      credentialsSecretName: 'orders-db',
      auth: { token: Buffer.from(CR_PASSWORD).toString('base64'), passwordSecretRef: { name: 'orders-db', key: 'p' } },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'tok-0',
      namespace: 'victim',
      annotations: {
        'sim.kube-aiops.io/logs-app': [
          'booting',
          JWT,
          'loaded key:',
          ...PEM,
          'ready',
          `env: AWS_ACCESS_KEY_ID_HINT ${PREFIXED[0]} GH ${PREFIXED[1]}`,
          `slack ${PREFIXED[2]} openai (${PREFIXED[3]})`,
        ].join('\n'),
        'example.com/db-password': ANNOTATED,
        'example.com/basic-auth': ANNOTATED_B64,
        'example.com/owner': 'team-a',
      },
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'app:1',
          args: ['--listen', ':8080', '--db-password', ARGV_SECRET, '--secret-name', 'orders-db'],
        },
      ],
    },
    status: { phase: 'Running' },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'tokens', namespace: 'victim' },
    data: { notes: `the CI job uses ${JWT} for now`, 'tls.key': PEM.join('\n') },
    binaryData: { DB_PASSWORD: Buffer.from(ANNOTATED).toString('base64') },
  },
  {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'tok-0.1', namespace: 'victim' },
    involvedObject: { kind: 'Pod', name: 'tok-0', namespace: 'victim' },
    reason: 'Failed',
    type: 'Warning',
    message: `webhook rejected request with token ${JWT}`,
    count: 1,
    lastTimestamp: '2026-12-01T10:00:05Z',
  },
];

let s: AttackStack;
const results: string[] = [];

beforeAll(async () => {
  s = await startAttackStack({}, EXTRA);
}, 90_000);

afterAll(async () => {
  const everything = [...results, ...s.logs, JSON.stringify(s.audit())].join('\n');
  for (const value of PLANTED) expect(everything).not.toContain(value);
  await s?.close();
});

async function call(tool: string, args: Record<string, unknown>) {
  const r = await callTool(s.client, tool, args);
  const all = JSON.stringify(r);
  results.push(all);
  for (const value of PLANTED) expect({ tool, leaked: all.includes(value) }).toEqual({ tool, leaked: false });
  return r;
}

describe('values without a key=value shape are still hidden', () => {
  it('a token and a private key printed to a log are redacted, the lines around them kept', async () => {
    const r = await call('get_pod_logs', { name: 'tok-0', namespace: 'victim' });
    const text = textOf(r);
    expect(text).toMatch(/booting\n<redacted: \d+ bytes>\nloaded key:\n-----BEGIN RSA PRIVATE KEY-----<redacted/);
    expect(text).toContain('-----END RSA PRIVATE KEY-----\nready');
    expect(text).toMatch(/env: AWS_ACCESS_KEY_ID_HINT <redacted: 20 bytes> GH <redacted: \d+ bytes>/);
    expect(text).toMatch(/slack <redacted: \d+ bytes> openai \(<redacted: \d+ bytes>\)/);
    // a grep for a piece of the hidden key finds nothing: redaction comes first
    const grep = await call('get_pod_logs', { name: 'tok-0', namespace: 'victim', grep: 'Pl4ntedPemKey' });
    expect(textOf(grep)).toMatch(/0 lines, 0 matching/);
  });

  it('a token in a ConfigMap value or an event message is redacted, in text and structured content', async () => {
    const cm = await call('get_resource', { kind: 'configmap', name: 'tokens', namespace: 'victim' });
    expect(textOf(cm)).toContain('the CI job uses <redacted:');
    // binaryData under a credential name is hidden like data
    expect(
      (cm.structuredContent as { object: { binaryData: Record<string, string> } }).object.binaryData.DB_PASSWORD,
    ).toMatch(/^<redacted: \d+ bytes>$/);
    await call('list_resources', { kind: 'configmaps', namespace: 'victim', full: true });
    const events = await call('list_events', { namespace: 'victim' });
    expect(textOf(events)).toMatch(/webhook rejected request with token <redacted/);
    await call('describe_resource', { kind: 'pod', name: 'tok-0', namespace: 'victim' });
  });

  it('an annotation under a credential key is hidden whole, plain or base64; other annotations are kept', async () => {
    const r = await call('get_resource', { kind: 'pods', name: 'tok-0', namespace: 'victim' });
    const annotations = (r.structuredContent as { object: { metadata: { annotations: Record<string, string> } } })
      .object.metadata.annotations;
    expect(annotations['example.com/db-password']).toMatch(/^<redacted: \d+ bytes>$/);
    expect(annotations['example.com/basic-auth']).toMatch(/^<redacted: \d+ bytes>$/);
    expect(annotations['example.com/owner']).toBe('team-a');
    // a password passed as the word after its flag
    const args = (r.structuredContent as { object: { spec: { containers: { args: string[] }[] } } }).object.spec
      .containers[0].args;
    expect(args).toEqual([
      '--listen',
      ':8080',
      '--db-password',
      expect.stringMatching(/^<redacted/),
      '--secret-name',
      'orders-db',
    ]);
    await call('list_resources', { kind: 'pods', namespace: 'victim', full: true });
  });

  it('a custom resource field named like a credential is hidden in structured content too; references stay', async () => {
    const r = await call('get_resource', { kind: 'databases', name: 'orders', namespace: 'victim' });
    const spec = (r.structuredContent as { object: { spec: Record<string, unknown> } }).object.spec;
    expect(spec).toMatchObject({
      engine: 'mysql',
      rootPassword: expect.stringMatching(/^<redacted: \d+ bytes>$/),
      credentialsSecretName: 'orders-db',
      auth: { token: expect.stringMatching(/^<redacted/), passwordSecretRef: { name: 'orders-db', key: 'p' } },
    });
    await call('list_resources', { kind: 'Database', namespace: 'victim', full: true });
    await call('describe_resource', { kind: 'database', name: 'orders', namespace: 'victim' });
  });

  it('a json patch cannot copy or test the hidden annotation', async () => {
    for (const op of [
      { op: 'copy', from: '/metadata/annotations/example.com~1db-password', path: '/metadata/labels/x' },
      { op: 'test', path: '/metadata/annotations/example.com~1db-password', value: ANNOTATED },
    ]) {
      const r = await call('patch_resource', {
        kind: 'pod',
        name: 'tok-0',
        namespace: 'victim',
        type: 'json',
        patch: JSON.stringify([op]),
        dryRun: true,
      });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/reads hide/);
    }
  });
});

describe('arguments used as oracles or to reach other URLs', () => {
  it.each([
    ['secrets', 'data.password=eA=='],
    ['databases', 'spec.rootPassword=guess'],
    ['databases', 'metadata.name=orders,spec.auth.token!=x'],
  ])(
    'a field selector on a hidden field of %s (%s) is refused before any list request',
    async (kind, fieldSelector) => {
      const before = s.proxy.seen.filter((q) => q.path.includes(`/${kind}`)).length;
      const r = await call('list_resources', { kind, namespace: 'victim', fieldSelector });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/would match a value reads hide/);
      expect(s.proxy.seen.filter((q) => q.path.includes(`/${kind}`)).length).toBe(before);
    },
  );

  it.each([
    [{ container: 'app?previous=true' }, /container name .* is not a valid Kubernetes name/],
    [{ container: '../../secrets/db' }, /container name .* is not a valid Kubernetes name/],
    [{ since: '-10m' }, /is not a duration/],
    [{ since: '99999999999999999999h' }, /too far back/],
  ])('get_pod_logs with %j is refused before any log request', async (args, why) => {
    const before = s.proxy.seen.filter((q) => q.path.endsWith('/log')).length;
    const r = await call('get_pod_logs', { name: 'tok-0', namespace: 'victim', ...args });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(why);
    expect(s.proxy.seen.filter((q) => q.path.endsWith('/log')).length).toBe(before);
  });
});
