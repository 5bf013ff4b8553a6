/**
 * Write safety over the wire: a default bridge offers and runs no write; each enable flag adds exactly its tools;
 * protected namespaces and --namespaces hold even with writes on, and every refusal is one JSON line in the audit log.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { BridgeConfig } from '../../bridge/config';
import { configFromFlags } from '../../bridge/flags';
import { type RunningBridge, startBridge } from '../../bridge/index';
import { createLogger } from '../../bridge/logger';
import { get } from '../../lib/kube';
import { type KubeConnection, connect } from '../../lib/kube/connect';
import { DEMO, type Sim, callTool, connectClient, textOf } from './helpers';
import { startTestSim } from '../helpers/sim';

const READ_TOOLS = [
  'diagnose',
  'triage_alert',
  'get_api_resources',
  'list_resources',
  'get_resource',
  'describe_resource',
  'list_events',
  'get_pod_logs',
  'top',
];
const BY_FLAG = {
  create: ['apply_resource', 'create_resource'],
  update: ['patch_resource', 'scale', 'rollout_restart', 'rollout_undo', 'set_image', 'set_resources'],
  delete: ['delete_resource'],
};
const WRITE_CALLS: [string, Record<string, unknown>][] = [
  [
    'apply_resource',
    { manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: forged\n  namespace: default\n' },
  ],
  [
    'create_resource',
    { manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: forged\n  namespace: default\n' },
  ],
  [
    'patch_resource',
    { kind: 'Deployment', name: 'web', namespace: 'default', patch: '{"spec":{"replicas":5}}', type: 'merge' },
  ],
  ['scale', { kind: 'Deployment', name: 'web', namespace: 'default', replicas: 5 }],
  ['rollout_restart', { kind: 'Deployment', name: 'web', namespace: 'default' }],
  ['rollout_undo', { kind: 'Deployment', name: 'web', namespace: 'default' }],
  ['set_image', { kind: 'Deployment', name: 'web', namespace: 'default', images: { '*': 'evil:1' } }],
  ['set_resources', { kind: 'Deployment', name: 'web', namespace: 'default', limits: { memory: '1Mi' } }],
  ['delete_resource', { kind: 'Deployment', name: 'web', namespace: 'default' }],
];

let sim: Sim;
let kube: KubeConnection;
let dir: string;
const running: { bridge: RunningBridge; client: Client }[] = [];

async function bridgeWith(config: BridgeConfig): Promise<{ bridge: RunningBridge; client: Client }> {
  const bridge = await startBridge(
    { ...config, port: 0, kubeconfig: join(dir, 'kubeconfig') },
    { log: createLogger('error', () => undefined) },
  );
  const client = await connectClient(bridge.url as string, 'http');
  const b = { bridge, client };
  running.push(b);
  return b;
}

const toolNames = async (client: Client) => (await client.listTools()).tools.map((t) => t.name).sort();
const replicas = async (namespace: string, name: string) =>
  ((await get(kube, { kind: 'Deployment', namespace, name })) as { spec: { replicas: number } }).spec.replicas;

beforeAll(async () => {
  sim = await startTestSim({ fixtures: [DEMO] });
  kube = connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig });
  dir = mkdtempSync(join(tmpdir(), 'kube-aiops-security-'));
  writeFileSync(join(dir, 'kubeconfig'), sim.kubeconfig, { mode: 0o600 });
});

afterAll(async () => {
  for (const { client, bridge } of running) {
    await client.close();
    await bridge.close();
  }
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('default start (no enable flag)', () => {
  it('lists only read tools, all annotated read-only', async () => {
    const { client } = await bridgeWith(configFromFlags({}, {}));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...READ_TOOLS].sort());
    expect(
      tools
        .filter((t) => t.annotations?.readOnlyHint !== true || t.annotations?.destructiveHint !== false)
        .map((t) => t.name),
    ).toEqual([]);
  });

  it('refuses a forged tools/call to every write tool and changes nothing', async () => {
    const { client } = await bridgeWith(configFromFlags({}, {}));
    for (const [tool, args] of WRITE_CALLS) {
      const r = await callTool(client, tool, args);
      expect({ tool, isError: r.isError }).toEqual({ tool, isError: true });
      expect(textOf(r)).toMatch(new RegExp(`${tool}.*not found`));
    }
    expect(await replicas('default', 'web')).toBe(2);
    await expect(get(kube, { kind: 'ConfigMap', namespace: 'default', name: 'forged' })).rejects.toThrow(/not found/i);
  });
});

describe('enable flags', () => {
  it.each([
    ['--enable-create', { enableCreate: true }, {}, BY_FLAG.create],
    ['--enable-update', { enableUpdate: true }, {}, BY_FLAG.update],
    ['--enable-delete', { enableDelete: true }, {}, BY_FLAG.delete],
    ['KUBE_AIOPS_ENABLE_UPDATE=true', {}, { KUBE_AIOPS_ENABLE_UPDATE: 'true' }, BY_FLAG.update],
    [
      'all three',
      { enableCreate: true, enableUpdate: true, enableDelete: true },
      {},
      [...BY_FLAG.create, ...BY_FLAG.update, ...BY_FLAG.delete],
    ],
  ] as const)('%s adds exactly its tools', async (_label, flags, env, added) => {
    const { client, bridge } = await bridgeWith(configFromFlags(flags, env));
    const names = await toolNames(client);
    expect(names).toEqual([...READ_TOOLS, ...added].sort());
    expect([...bridge.tools].sort()).toEqual(names);
  });
});

describe('write policy with writes enabled', () => {
  const auditLines = (path: string) => readFileSync(path, 'utf8').trim().split('\n');

  it('refuses protected namespaces and audits the refusal as one JSON line', async () => {
    const audit = join(dir, 'audit-protected.log');
    const { client } = await bridgeWith(
      configFromFlags({ enableCreate: true, enableUpdate: true, enableDelete: true, auditLog: audit }, {}),
    );
    const r = await callTool(client, 'scale', {
      kind: 'Deployment',
      name: 'coredns',
      namespace: 'kube-system',
      replicas: 0,
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/kube-system is protected/);
    const del = await callTool(client, 'delete_resource', {
      kind: 'Deployment',
      name: 'coredns',
      namespace: 'kube-system',
    });
    expect(del.isError).toBe(true);
    expect(await replicas('kube-system', 'coredns')).toBe(2);

    const lines = auditLines(audit);
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(first).toMatchObject({
      verb: 'scale',
      kind: 'Deployment',
      namespace: 'kube-system',
      name: 'coredns',
      allowed: false,
      actor: 'mcp',
    });
    expect(String(first.reason)).toMatch(/protected/);
    expect(JSON.parse(lines[1])).toMatchObject({ verb: 'delete', allowed: false });
  });

  it('--namespaces restricts writes to the listed namespaces', async () => {
    const audit = join(dir, 'audit-namespaces.log');
    const { client } = await bridgeWith(
      configFromFlags({ enableUpdate: true, namespaces: 'shop', auditLog: audit }, {}),
    );
    const refused = await callTool(client, 'scale', {
      kind: 'Deployment',
      name: 'web',
      namespace: 'default',
      replicas: 4,
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/default/);
    expect(await replicas('default', 'web')).toBe(2);

    const allowed = await callTool(client, 'scale', {
      kind: 'Deployment',
      name: 'app-xyz',
      namespace: 'shop',
      replicas: 2,
    });
    expect(allowed.isError).toBeFalsy();
    expect(textOf(allowed)).toMatch(/from 1 to 2 replicas/);
    expect(await replicas('shop', 'app-xyz')).toBe(2);

    const lines = auditLines(audit).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.namespace, l.allowed])).toEqual([
      ['default', false],
      ['shop', true],
    ]);
  });
});
