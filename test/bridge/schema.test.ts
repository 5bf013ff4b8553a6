/**
 * Schema snapshot: per configuration, the tool names, their annotations and their argument names (required ones
 * starred), as a client sees them in tools/list. Changing a tool's surface means changing this file on purpose.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BridgeConfig } from '../../bridge/config';
import { configFromFlags, type BridgeFlags } from '../../bridge/flags';
import { startBridge } from '../../bridge/index';
import { createLogger } from '../../bridge/logger';
import { connectClient } from './helpers';

/** RO/rw = readOnlyHint, DE/nd = destructiveHint, ID/ni = idempotentHint, OW/cw = openWorldHint */
const TOOLS: Record<string, string> = {
  diagnose: 'RO nd ID cw | namespace kind name analyzers minSeverity budget language',
  triage_alert: 'RO nd ID cw | alert resource minSeverity includeResolved maxAlerts budget',
  get_api_resources: 'RO nd ID cw | group',
  list_resources: 'RO nd ID cw | kind* namespace allNamespaces labelSelector fieldSelector limit full',
  get_resource: 'RO nd ID cw | kind* name* namespace',
  describe_resource: 'RO nd ID cw | kind* name* namespace',
  list_events: 'RO nd ID cw | namespace allNamespaces kind name warningsOnly since limit',
  get_pod_logs: 'RO nd ID cw | name* kind namespace container previous tailLines since grep maxBytes',
  top: 'RO nd ID cw | target* namespace allNamespaces labelSelector sortBy',
  query_prometheus: 'RO nd ID OW | query* start end step',
  capacity_report: 'RO nd ID OW | namespace window poolLabel headroom prices top budget',
  apply_resource: 'rw DE ID cw | manifest* namespace dryRun force',
  create_resource: 'rw nd ni cw | manifest* namespace dryRun',
  patch_resource: 'rw DE ni cw | kind* name* namespace patch* type dryRun',
  delete_resource: 'rw DE ni cw | kind* name* namespace propagationPolicy gracePeriodSeconds dryRun',
  scale: 'rw DE ID cw | kind* name* namespace replicas* dryRun',
  rollout_restart: 'rw DE ni cw | kind* name* namespace dryRun',
  rollout_undo: 'rw DE ni cw | kind* name* namespace toRevision dryRun',
  set_image: 'rw DE ID cw | kind* name* namespace images* dryRun',
  set_resources: 'rw DE ID cw | kind* name* namespace containers requests limits dryRun',
};

const READS = [
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
const CONFIGS: [string, BridgeFlags, string[]][] = [
  ['default', {}, READS],
  ['--prometheus-url', { prometheusUrl: 'http://127.0.0.1:1' }, [...READS, 'query_prometheus', 'capacity_report']],
  ['--enable-create', { enableCreate: true }, [...READS, 'apply_resource', 'create_resource']],
  [
    '--enable-update',
    { enableUpdate: true },
    [...READS, 'patch_resource', 'scale', 'rollout_restart', 'rollout_undo', 'set_image', 'set_resources'],
  ],
  ['--enable-delete', { enableDelete: true }, [...READS, 'delete_resource']],
  [
    'everything',
    { enableCreate: true, enableUpdate: true, enableDelete: true, prometheusUrl: 'http://127.0.0.1:1' },
    Object.keys(TOOLS),
  ],
];

const flag = (on: boolean | undefined, yes: string, no: string) => (on ? yes : no);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kube-aiops-schema-'));
  // tools/list never reaches the API server, so the kubeconfig may point nowhere
  writeFileSync(
    join(dir, 'kubeconfig'),
    'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u, user: {}}]\ncurrent-context: c\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.each(CONFIGS)('%s', async (_label, flags, names) => {
  const config: BridgeConfig = { ...configFromFlags({ ...flags, kubeconfig: join(dir, 'kubeconfig') }, {}), port: 0 };
  const bridge = await startBridge(config, { log: createLogger('error', () => undefined) });
  const client = await connectClient(bridge.url as string, 'http');
  try {
    const { tools } = await client.listTools();
    const seen: Record<string, string> = {};
    for (const t of tools) {
      const a = t.annotations ?? {};
      const props = Object.keys(t.inputSchema.properties ?? {});
      const required = new Set(t.inputSchema.required ?? []);
      seen[t.name] = [
        [
          flag(a.readOnlyHint, 'RO', 'rw'),
          flag(a.destructiveHint, 'DE', 'nd'),
          flag(a.idempotentHint, 'ID', 'ni'),
          flag(a.openWorldHint, 'OW', 'cw'),
        ].join(' '),
        props.map((p) => (required.has(p) ? `${p}*` : p)).join(' '),
      ].join(' | ');
      expect(t.title ?? t.annotations?.title).toBeTruthy();
    }
    expect(seen).toEqual(Object.fromEntries(names.map((n) => [n, TOOLS[n]])));
  } finally {
    await client.close();
    await bridge.close();
  }
});
