/**
 * Secret values with Secret writes allowed (--deny-kinds without Secret): the planted password goes INTO the bridge
 * through write arguments, and must still never come back out in a result, a log line or an audit line.
 */
import { readFileSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CRASHLOOP_PAYLOAD } from './calls';
import {
  PLANTED,
  PLANTED_FORMS,
  type Stack,
  callTool,
  connectClient,
  everythingIn,
  startStack,
  textOf,
} from './helpers';

const B64 = Buffer.from(PLANTED).toString('base64');
let stack: Stack;
let client: Client;
const seen: { call: string; result: string }[] = [];

beforeAll(async () => {
  stack = await startStack({
    config: { enable: { create: true, update: true, delete: true }, allowKinds: ['Secret'] },
  });
  client = await connectClient(stack.bridge.url as string, 'http');
});

afterAll(async () => {
  await client?.close();
  await stack?.close();
});

const secret = (name: string, body: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: shop\ntype: Opaque\n${body}\n`;

const CALLS: [string, Record<string, unknown>, 'ok' | 'error' | 'any'][] = [
  ['apply_resource', { manifest: secret('copied-db', `stringData:\n  password: ${PLANTED}`) }, 'ok'],
  ['create_resource', { manifest: secret('app-xyz-db', `data:\n  password: ${B64}`) }, 'error'],
  ['create_resource', { manifest: secret('broken-b64', `data:\n  password: ${PLANTED}`) }, 'any'],
  [
    'patch_resource',
    {
      kind: 'Secret',
      name: 'app-xyz-db',
      namespace: 'shop',
      type: 'merge',
      patch: JSON.stringify({ data: { password: B64, extra: B64 } }),
    },
    'ok',
  ],
  [
    'apply_resource',
    {
      manifest: [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: leaky-config',
        '  namespace: shop',
        '  annotations:',
        `    kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"password":"${PLANTED}"}}'`,
        'data:',
        '  DB_HOST: db.internal',
      ].join('\n'),
    },
    'ok',
  ],
  [
    'set_image',
    {
      kind: 'Deployment',
      name: 'app-xyz',
      namespace: 'shop',
      images: { app: 'registry.example.com/shop/app-xyz:1.4.2' },
    },
    'ok',
  ],
  ['get_resource', { kind: 'Secret', name: 'copied-db', namespace: 'shop' }, 'ok'],
  ['get_resource', { kind: 'Secret', name: 'app-xyz-db', namespace: 'shop' }, 'ok'],
  ['get_resource', { kind: 'ConfigMap', name: 'leaky-config', namespace: 'shop' }, 'ok'],
  ['list_resources', { kind: 'secrets', allNamespaces: true, full: true, limit: 100 }, 'ok'],
  ['list_resources', { kind: 'configmaps', namespace: 'shop', full: true }, 'ok'],
  ['describe_resource', { kind: 'Secret', name: 'copied-db', namespace: 'shop' }, 'ok'],
  ['describe_resource', { kind: 'Deployment', name: 'app-xyz', namespace: 'shop' }, 'ok'],
  ['get_resource', { kind: 'Deployment', name: 'app-xyz', namespace: 'shop' }, 'ok'],
  ['get_resource', { kind: 'Job', name: 'db-migrate', namespace: 'shop' }, 'ok'],
  ['list_events', { namespace: 'shop', warningsOnly: false }, 'ok'],
  ['diagnose', { namespace: 'shop', analyzers: ['all'], minSeverity: 'info' }, 'ok'],
  ['triage_alert', { alert: CRASHLOOP_PAYLOAD }, 'ok'],
  ['triage_alert', { resource: { kind: 'Secret', name: 'app-xyz-db', namespace: 'shop' } }, 'ok'],
  ['delete_resource', { kind: 'Secret', name: 'copied-db', namespace: 'shop' }, 'ok'],
];

it.each(CALLS.map((c) => [`${c[0]} ${JSON.stringify(c[1]).slice(0, 50)}`, ...c] as const))(
  '%s',
  async (label, tool, args, want) => {
    const r = await callTool(client, tool, args);
    seen.push({ call: label, result: everythingIn(r) });
    if (want !== 'any')
      expect({ isError: r.isError ?? false, text: textOf(r).slice(0, 200) }).toMatchObject({
        isError: want === 'error',
      });
  },
);

it('the planted value, plain or base64, is in no result, log line or audit line', () => {
  expect(seen).toHaveLength(CALLS.length);
  const logs = stack.logs.join('');
  const audit = readFileSync(stack.auditPath, 'utf8');
  // the Secret writes really were audited
  expect(audit).toMatch(/"kind":"Secret","namespace":"shop","name":"copied-db"/);
  expect(audit).toMatch(/"verb":"patch","kind":"Secret"/);
  for (const form of PLANTED_FORMS) {
    expect(seen.filter((s) => s.result.includes(form)).map((s) => s.call)).toEqual([]);
    expect(logs).not.toContain(form);
    expect(audit).not.toContain(form);
  }
});
