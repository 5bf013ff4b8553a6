/**
 * The Kubernetes and Kubernetes Action nodes inside a real n8n 2.40.7 (installed from the packed tarball): both
 * node types and their AI-tool variants are loaded, the list searches answer through the editor's API, and one
 * imported workflow runs every operation of both nodes against a simulated demo cluster through stored
 * `kubernetesApi` credentials — read-write for the changes, read-only to show a refusal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  nodeOutput,
  nodesThatRan,
  executionError,
  type Execution,
  type N8nClient,
  type WorkflowJson,
} from '../../scripts/n8n';
import { testCluster, type TestCluster } from './setup/cluster';
import { e2eClient } from './setup/instance';

const READ = 'n8n-nodes-kube-aiops.kubernetes';
const ACTION = 'n8n-nodes-kube-aiops.kubernetesAction';
const PLANTED = 'Pl4nted-Db-Passw0rd-7f3a9c';
const PLANTED_B64 = 'UGw0bnRlZC1EYi1QYXNzdzByZC03ZjNhOWM=';

let client: N8nClient;
let cluster: TestCluster;
let readWrite: { id: string; name: string };
let readOnly: { id: string; name: string };

beforeAll(async () => {
  client = await e2eClient();
  cluster = await testCluster({ fixtures: ['sim/scenarios/demo'] });
  readWrite = await client.createCredential('kubernetesApi', 'Kube e2e read-write', {
    connection: 'kubeconfig',
    kubeconfig: cluster.kubeconfig,
    namespace: 'shop',
    allowedActions: 'read-write',
    protectedNamespaces: 'kube-system,kube-public,kube-node-lease',
    deniedKinds: 'Secret,ClusterRoleBinding',
  });
  readOnly = await client.createCredential('kubernetesApi', 'Kube e2e read-only', {
    connection: 'kubeconfig',
    kubeconfig: cluster.kubeconfig,
    allowedActions: 'read-only',
  });
});

afterAll(async () => {
  await cluster?.close();
});

type Json = Record<string, unknown>;

describe('the node types inside n8n', () => {
  test('both nodes are loaded under the package name, each with its AI-tool variant', async () => {
    const types = await client.nodeTypes();
    expect(types).toEqual(expect.arrayContaining([READ, ACTION, `${READ}Tool`, `${ACTION}Tool`]));
  });

  test('the resource locators search the cluster through the editor’s API', async () => {
    const search = (node: string, methodName: string, path: string, filter?: string) =>
      client.rest<{ results: { name: string; value: string }[] }>(
        'POST',
        '/dynamic-node-parameters/resource-locator-results',
        {
          path,
          nodeTypeAndVersion: { name: node, version: 1 },
          currentNodeParameters: { operation: node === READ ? 'list' : 'cordon' },
          credentials: { kubernetesApi: readWrite },
          methodName,
          ...(filter ? { filter } : {}),
        },
      );
    expect((await search(READ, 'searchKinds', 'parameters.kind', 'deploy')).results).toContainEqual(
      expect.objectContaining({ name: 'Deployment (apps/v1)', value: 'deployments.apps' }),
    );
    expect((await search(READ, 'searchNamespaces', 'parameters.namespace')).results.map((r) => r.value)).toEqual(
      expect.arrayContaining(['default', 'shop', 'kube-system']),
    );
    expect((await search(ACTION, 'searchNodes', 'parameters.node')).results.map((r) => r.value)).toEqual([
      'node-1',
      'node-2',
      'node-3',
    ]);
  });
});

describe('one workflow running every operation of both nodes', () => {
  let execution: Execution;
  const out = (node: string): Json[] => nodeOutput(execution, node);

  beforeAll(async () => {
    const text = readFileSync(join(__dirname, 'workflows', 'kube-nodes.json'), 'utf8')
      .replaceAll('{{KUBE_RW}}', readWrite.id)
      .replaceAll('{{KUBE_RO}}', readOnly.id);
    const wf = await client.importWorkflow(JSON.parse(text) as WorkflowJson);
    execution = await client.runAndWait(wf.id, { timeoutMs: 120_000 });
  });

  test('finishes successfully with every node run, in order', () => {
    expect(executionError(execution)).toBeUndefined();
    expect(execution.status).toBe('success');
    const workflow = JSON.parse(readFileSync(join(__dirname, 'workflows', 'kube-nodes.json'), 'utf8')) as WorkflowJson;
    expect(nodesThatRan(execution)).toEqual(workflow.nodes.map((n) => n.name));
    expect(new Set(workflow.nodes.filter((n) => n.name !== 'Start').map((n) => n.type))).toEqual(
      new Set([READ, ACTION]),
    );
  });

  test('covers every operation of both nodes', () => {
    const workflow = JSON.parse(readFileSync(join(__dirname, 'workflows', 'kube-nodes.json'), 'utf8')) as WorkflowJson;
    const ops = (type: string) =>
      new Set(workflow.nodes.filter((n) => n.type === type).map((n) => n.parameters.operation));
    expect(ops(READ)).toEqual(
      new Set(['apiResources', 'clusterInfo', 'describe', 'events', 'get', 'list', 'logs', 'top']),
    );
    expect(ops(ACTION)).toEqual(
      new Set([
        'apply',
        'cordon',
        'create',
        'delete',
        'deletePod',
        'patch',
        'rolloutRestart',
        'rolloutUndo',
        'scale',
        'setImage',
        'setResources',
        'uncordon',
      ]),
    );
  });

  test('Kubernetes: Cluster Info, API Resources, List, Get, Describe', () => {
    expect(out('Cluster Info')).toEqual([
      expect.objectContaining({
        server: cluster.url,
        defaultNamespace: 'shop',
        nodes: { total: 3, ready: 3, notReady: [], cordoned: [] },
      }),
    ]);
    expect(out('API Resources')).toContainEqual(
      expect.objectContaining({ kind: 'Deployment', name: 'deployments.apps', apiVersion: 'apps/v1' }),
    );
    const pods = out('List Pods');
    expect(pods.map((p) => p.name)).toEqual(expect.arrayContaining(['app-xyz-5969b7fffc-7ndjr', 'redis-0']));
    expect(pods.find((p) => p.name === 'app-xyz-5969b7fffc-7ndjr')).toMatchObject({
      kind: 'Pod',
      status: 'CrashLoopBackOff',
    });
    expect(out('Get Deployment')).toEqual([
      expect.objectContaining({ kind: 'Deployment', name: 'web', namespace: 'default', ready: '2/2' }),
    ]);
    const [described] = out('Describe Pod');
    expect((described.owners as Json[]).map((o) => o.kind)).toEqual(['ReplicaSet', 'Deployment']);
    expect(described.text).toMatch(/Events \(\d+, oldest first\)/);
  });

  test('Kubernetes: Events, Logs, Top', () => {
    const events = out('Events');
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e).toMatchObject({ type: 'Warning', namespace: 'shop' });
    const [logs] = out('Logs');
    expect(logs).toMatchObject({ pod: 'app-xyz-5969b7fffc-7ndjr', container: 'app', previous: true });
    expect(logs.picked).toMatch(/CrashLoopBackOff/);
    for (const line of (logs.text as string).split('\n')) expect(line).toContain('rssMB');
    expect(out('Top Pods').find((p) => p.name === 'app-xyz-5969b7fffc-7ndjr')).toMatchObject({ memory: '250Mi' });
    expect(out('Top Nodes').map((n) => n.name)).toEqual(['node-1', 'node-2', 'node-3']);
  });

  test('Kubernetes Action: Apply, Create, Patch, Delete', () => {
    expect(out('Apply').map((r) => [r.document, r.namespace, r.name, r.message])).toEqual([
      [1, 'shop', 'e2e-settings', 'created ConfigMap shop/e2e-settings (server-side apply)'],
      [2, 'shop', 'e2e-extra', 'created ConfigMap shop/e2e-extra (server-side apply)'],
    ]);
    expect(out('Apply')[0].audit).toMatchObject({
      verb: 'apply',
      allowed: true,
      actor: 'n8n workflow "Kubernetes nodes: every operation" node "Apply"',
    });
    expect(out('Create')).toEqual([
      expect.objectContaining({ verb: 'create', name: 'e2e-created', message: 'created ConfigMap shop/e2e-created' }),
    ]);
    expect(out('Patch')).toEqual([
      expect.objectContaining({ before: { 'data.mode': 'fast' }, after: { 'data.mode': 'slow' } }),
    ]);
    expect(out('Delete')).toEqual([
      expect.objectContaining({ verb: 'delete', message: 'deleted ConfigMap shop/e2e-created' }),
    ]);
  });

  test('Kubernetes Action: Scale (and its dry run), Rollout Undo, Rollout Restart', () => {
    expect(out('Scale')).toEqual([
      expect.objectContaining({
        message: 'scaled Deployment default/web from 2 to 3 replicas',
        dryRun: false,
        before: { 'spec.replicas': 2 },
        after: { 'spec.replicas': 3 },
      }),
    ]);
    expect(out('Scale (Dry Run)')).toEqual([
      expect.objectContaining({ dryRun: true, before: { 'spec.replicas': 3 }, after: { 'spec.replicas': 9 } }),
    ]);
    expect(out('Rollout Undo')).toEqual([
      expect.objectContaining({ verb: 'rollback', kind: 'Deployment', name: 'web', changed: true }),
    ]);
    expect(out('Rollout Restart')).toEqual([
      expect.objectContaining({
        verb: 'restart',
        message: 'restarted Deployment default/web (pods are replaced by a rolling update)',
      }),
    ]);
  });

  test('Kubernetes Action: Set Image, Set Resources, Cordon, Uncordon, Delete Pod', () => {
    expect(out('Set Image')).toEqual([
      expect.objectContaining({ message: 'set image nginx=nginx:latest on Deployment default/nginx-test' }),
    ]);
    expect(JSON.stringify(out('Set Resources')[0].after)).toContain('512Mi');
    expect(out('Cordon')).toEqual([
      expect.objectContaining({ verb: 'cordon', name: 'node-3', after: { 'spec.unschedulable': true } }),
    ]);
    expect(out('Uncordon')).toEqual([
      expect.objectContaining({
        verb: 'uncordon',
        name: 'node-3',
        message: 'uncordoned Node node-3: pods can be scheduled on it again',
      }),
    ]);
    expect(out('Delete Pod')).toEqual([
      expect.objectContaining({ verb: 'evict', name: 'db-migrate-rlkcx', namespace: 'shop' }),
    ]);
  });

  test('the credential’s policy refuses, saying what it allows, as error items with the audit record', () => {
    expect(out('Scale (Read-Only Credential)')).toEqual([
      expect.objectContaining({
        error: expect.stringMatching(/^refused: scale Deployment default\/web — the write policy is read-only/),
        reason: 'PolicyDenied',
        allowed: expect.stringMatching(/^The Kubernetes API credential is read-only/),
        audit: expect.objectContaining({ verb: 'scale', allowed: false }),
      }),
    ]);
    expect(out('Scale (Protected Namespace)')).toEqual([
      expect.objectContaining({
        error: expect.stringMatching(
          /^refused: scale Deployment kube-system\/coredns — namespace kube-system is protected/,
        ),
      }),
    ]);
  });

  test('the planted Secret value is in no node’s output', () => {
    const secrets = out('List Secrets');
    expect(secrets.find((s) => (s.metadata as Json).name === 'app-xyz-db')?.data).toEqual({
      password: '<redacted: 26 bytes>',
      username: '<redacted: 7 bytes>',
    });
    const everything = JSON.stringify(execution.data);
    expect(everything).not.toContain(PLANTED);
    expect(everything).not.toContain(PLANTED_B64);
  });
});
