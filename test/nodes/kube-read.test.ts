/**
 * The Kubernetes node through n8n's execution engine (test/helpers/n8n-exec) against the simulator with the demo
 * cluster: every operation, summary vs full output, the list searches, errors, continueOnFail and pairedItem, and
 * the planted Secret value never leaving in any output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NodeHelpers,
  type ICredentialDataDecryptedObject,
  type IDataObject,
  type ILoadOptionsFunctions,
  type INode,
  type INodeParameters,
  type INodeProperties,
} from 'n8n-workflow';
import { Kubernetes } from '../../nodes/Kubernetes/Kubernetes.node';
import { runNode, type RunNodeOptions, type RunResult } from '../helpers/n8n-exec';
import { startTestSim } from '../helpers/sim';

const PLANTED = 'Pl4nted-Db-Passw0rd-7f3a9c';
const PLANTED_B64 = 'UGw0bnRlZC1EYi1QYXNzdzByZC03ZjNhOWM=';

type Sim = Awaited<ReturnType<typeof startTestSim>>;
let sim: Sim;
let credential: ICredentialDataDecryptedObject;
/** every output and error of every run, checked for the planted secret at the end */
const seen: string[] = [];

beforeAll(async () => {
  sim = await startTestSim({ fixtures: ['sim/scenarios/demo'] });
  credential = { connection: 'kubeconfig', kubeconfig: sim.kubeconfig };
});

afterAll(async () => {
  await sim?.close();
});

const rl = (value: string, mode: 'name' | 'list' = 'name') => ({ __rl: true, mode, value });

async function run(parameters: INodeParameters, opts: Omit<RunNodeOptions, 'parameters'> = {}): Promise<RunResult> {
  const result = await runNode(Kubernetes, { credentials: { kubernetesApi: credential }, ...opts, parameters });
  seen.push(
    JSON.stringify(result.outputs),
    result.error ? `${result.error.message} ${result.error.description ?? ''}` : '',
  );
  return result;
}

/** JSON of the items, failing with n8n's error when the node failed. */
async function json(
  parameters: INodeParameters,
  opts: Omit<RunNodeOptions, 'parameters'> = {},
): Promise<IDataObject[]> {
  const result = await run(parameters, opts);
  if (result.error) throw new Error(`node failed: ${result.error.message}`);
  return result.items.map((i) => i.json);
}

describe('the node description', () => {
  const node = new Kubernetes();
  const d = node.description;
  const operation = d.properties.find((p) => p.name === 'operation') as INodeProperties;
  const options = (operation.options ?? []) as { name: string; value: string; action?: string; description?: string }[];

  test('is a read node usable as an AI tool, tested by the shared credential test', () => {
    expect(d.name).toBe('kubernetes');
    expect(d.displayName).toBe('Kubernetes');
    expect(d.usableAsTool).toBe(true);
    expect(d.credentials).toEqual([{ name: 'kubernetesApi', required: true, testedBy: 'kubernetesApiTest' }]);
    expect(Object.keys(node.methods.credentialTest)).toEqual(['kubernetesApiTest']);
    expect(Object.keys(node.methods.listSearch).sort()).toEqual(['searchKinds', 'searchNamespaces', 'searchNodes']);
    expect(d.description).toMatch(/without changing it/);
  });

  test('offers the eight read operations, sorted, each with an action and a description for models', () => {
    expect(options.map((o) => o.value)).toEqual([
      'apiResources',
      'clusterInfo',
      'describe',
      'events',
      'get',
      'list',
      'logs',
      'top',
    ]);
    expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort());
    for (const o of options) {
      expect(o.action).toBeTruthy();
      expect((o.description ?? '').length).toBeGreaterThan(40);
    }
  });

  test('as an AI tool, each operation describes itself to the model through its action', () => {
    // as n8n does when it loads a workflow: parameters left out take their defaults (the resource, here)
    const describeFor = (operation: string): string => {
      const parameters = NodeHelpers.getNodeParameters(d.properties, { operation }, true, false, null, d) ?? {};
      return NodeHelpers.getToolDescriptionForNode({ parameters } as unknown as INode, node);
    };
    expect(describeFor('describe')).toBe('Describe an object with its events, owners and pods in Kubernetes');
    expect(describeFor('logs')).toBe('Read container logs of a pod or workload in Kubernetes');
  });

  test('kind and namespace are resource locators with a search and a by-name mode', () => {
    for (const p of d.properties.filter((x) => x.name === 'kind' || x.name === 'namespace')) {
      expect(p.type).toBe('resourceLocator');
      expect(p.modes?.map((m) => m.name)).toEqual(['list', 'name']);
      expect(p.modes?.[0].typeOptions?.searchListMethod).toBe(p.name === 'kind' ? 'searchKinds' : 'searchNamespaces');
    }
  });

  test('ships a codex file naming the package type', () => {
    const codex = JSON.parse(readFileSync(join(__dirname, '../../nodes/Kubernetes/Kubernetes.node.json'), 'utf8')) as {
      node: string;
    };
    expect(codex.node).toBe('n8n-nodes-kube-aiops.kubernetes');
  });
});

describe('List', () => {
  test('returns one compact summary item per object by default, paired to its input item', async () => {
    const r = await run({ operation: 'list', kind: rl('pods'), namespace: rl('shop', 'list') });
    expect(r.error).toBeUndefined();
    const names = r.items.map((i) => i.json.name);
    expect(names).toEqual(expect.arrayContaining(['app-xyz-5969b7fffc-7ndjr', 'redis-0']));
    for (const item of r.items) {
      expect(item.pairedItem).toEqual({ item: 0 });
      expect(item.json).toMatchObject({ kind: 'Pod', namespace: 'shop' });
      expect(item.json.metadata).toBeUndefined();
    }
    expect(r.items.find((i) => i.json.name === 'app-xyz-5969b7fffc-7ndjr')?.json).toMatchObject({
      status: 'CrashLoopBackOff',
      ready: '0/1',
    });
  });

  test('returns full objects with Output = Full Object, without managedFields', async () => {
    const items = await json({ operation: 'list', kind: rl('deploy'), namespace: rl('default'), output: 'full' });
    expect(items.map((i) => (i.metadata as IDataObject).name).sort()).toEqual(['nginx-test', 'web']);
    for (const item of items) {
      expect(item).toMatchObject({ kind: 'Deployment', apiVersion: 'apps/v1' });
      expect((item.metadata as IDataObject).managedFields).toBeUndefined();
      expect(item.spec).toBeDefined();
    }
  });

  test('lists across all namespaces with field and label selectors, and stops at the limit', async () => {
    const pending = await json({
      operation: 'list',
      kind: rl('pods'),
      allNamespaces: true,
      fieldSelector: 'status.phase=Pending',
    });
    expect(pending.map((p) => p.namespace).sort()).toEqual(['aiops', 'default', 'default', 'default']);
    const labelled = await json({
      operation: 'list',
      kind: rl('pods'),
      allNamespaces: true,
      labelSelector: 'app=nginx-test',
    });
    expect(labelled).toHaveLength(3);
    const limited = await json({ operation: 'list', kind: rl('pods'), allNamespaces: true, limit: 2 });
    expect(limited).toHaveLength(2);
  });

  test('lists cluster-scoped kinds, and takes the default namespace from the credential', async () => {
    expect((await json({ operation: 'list', kind: rl('nodes') })).map((n) => n.name)).toEqual([
      'node-1',
      'node-2',
      'node-3',
    ]);
    const saved = credential;
    credential = { ...credential, namespace: 'aiops' };
    try {
      expect((await json({ operation: 'list', kind: rl('deployments.apps', 'list') })).map((d) => d.name)).toEqual([
        'test-deployment',
      ]);
    } finally {
      credential = saved;
    }
  });

  test('runs once per input item, with parameters from expressions, each output paired to its item', async () => {
    const r = await run(
      { operation: 'list', kind: rl('deploy'), namespace: rl('={{ $json.ns }}') },
      { items: [{ json: { ns: 'shop' } }, { json: { ns: 'aiops' } }] },
    );
    expect(r.error).toBeUndefined();
    expect(r.items.map((i) => [i.json.name, i.pairedItem])).toEqual([
      ['app-xyz', { item: 0 }],
      ['test-deployment', { item: 1 }],
    ]);
  });
});

describe('Get', () => {
  test('summary: the kubectl columns of one object, its kind and labels', async () => {
    const [web] = await json({ operation: 'get', kind: rl('deploy'), name: 'web', namespace: rl('default') });
    expect(web).toMatchObject({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      name: 'web',
      namespace: 'default',
      ready: '2/2',
    });
    expect(web.spec).toBeUndefined();
  });

  test('full: the whole object', async () => {
    const [web] = await json({
      operation: 'get',
      kind: rl('apps/v1/Deployment'),
      name: 'web',
      namespace: rl('default'),
      output: 'full',
    });
    expect(((web.spec as IDataObject).template as IDataObject).spec).toBeDefined();
    expect((web.metadata as IDataObject).name).toBe('web');
  });

  test('a missing object fails with lib/kube’s sentence as a NodeApiError carrying the HTTP code and the item index', async () => {
    const r = await run({ operation: 'get', kind: rl('deploy'), name: 'nope', namespace: rl('default') });
    expect(r.items).toEqual([]);
    expect(r.error?.message).toBe(
      'Deployment "nope" not found in namespace "default"; check the name and namespace (list deployments to see what exists)',
    );
    expect(r.error?.name).toBe('NodeApiError');
    expect((r.error as unknown as { httpCode: string }).httpCode).toBe('404');
    expect(r.error?.context.itemIndex).toBe(0);
  });

  test('an unknown kind fails as a NodeOperationError that suggests the right one', async () => {
    const r = await run({ operation: 'get', kind: rl('deploymnt'), name: 'web' });
    expect(r.error?.name).toBe('NodeOperationError');
    expect(r.error?.message).toMatch(
      /^unknown resource kind "deploymnt"; did you mean: deployments \(Deployment, apps\/v1\)/,
    );
  });
});

describe('Describe', () => {
  test('summary: owners, events, pods and a text, without the object', async () => {
    const [pod] = await json({
      operation: 'describe',
      kind: rl('pods'),
      name: 'app-xyz-5969b7fffc-7ndjr',
      namespace: rl('shop'),
    });
    expect(pod).toMatchObject({ kind: 'Pod', name: 'app-xyz-5969b7fffc-7ndjr', namespace: 'shop' });
    expect((pod.owners as IDataObject[]).map((o) => o.kind)).toEqual(['ReplicaSet', 'Deployment']);
    expect((pod.events as IDataObject[]).some((e) => e.reason === 'BackOff')).toBe(true);
    expect(pod.object).toBeUndefined();
    expect(pod.text).toMatch(/owned by: ReplicaSet\/app-xyz-5969b7fffc → Deployment\/app-xyz/);
    expect(pod.text).not.toMatch(/\nObject:/);

    const [deploy] = await json({ operation: 'describe', kind: rl('deploy'), name: 'app-xyz', namespace: rl('shop') });
    expect((deploy.pods as IDataObject[]).map((p) => p.name)).toEqual(['app-xyz-5969b7fffc-7ndjr']);
  });

  test('full: adds the object and its YAML', async () => {
    const [d] = await json({
      operation: 'describe',
      kind: rl('deploy'),
      name: 'web',
      namespace: rl('default'),
      output: 'full',
    });
    expect((d.object as IDataObject).spec).toBeDefined();
    expect(d.text).toMatch(/\nObject:\n/);
  });
});

describe('Events', () => {
  test('of a namespace, warnings only, one item each', async () => {
    const events = await json({
      operation: 'events',
      eventsOf: 'namespace',
      namespace: rl('shop'),
      warningsOnly: true,
    });
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e).toMatchObject({ type: 'Warning', namespace: 'shop' });
    expect(events.map((e) => e.reason)).toContain('BackOff');
  });

  test('of one object, and only since a time', async () => {
    const all = await json({
      operation: 'events',
      eventsOf: 'object',
      kind: rl('pods'),
      name: 'nginx-test-6d8d947585-7zghn',
      namespace: rl('default'),
    });
    expect(all.map((e) => e.object)).toEqual(all.map(() => 'pod/nginx-test-6d8d947585-7zghn'));
    expect(all.map((e) => e.reason)).toEqual(expect.arrayContaining(['Pulling', 'Failed', 'BackOff']));
    const recent = await json({
      operation: 'events',
      eventsOf: 'object',
      kind: rl('pods'),
      name: 'nginx-test-6d8d947585-7zghn',
      namespace: rl('default'),
      since: '2026-11-24T05:59:00Z',
    });
    expect(recent.length).toBeLessThan(all.length);
    for (const e of recent)
      expect(Date.parse(e.time as string)).toBeGreaterThanOrEqual(Date.parse('2026-11-24T05:59:00Z'));
  });

  test('of all namespaces, as full event objects', async () => {
    const events = await json({ operation: 'events', eventsOf: 'all', output: 'full', limit: 500 });
    expect(new Set(events.map((e) => (e.metadata as IDataObject).namespace))).toEqual(
      new Set(['aiops', 'default', 'shop']),
    );
    expect(events[0].involvedObject).toBeDefined();
  });
});

describe('Logs', () => {
  test('of a pod: previous instance, grep, tail', async () => {
    const [logs] = await json({
      operation: 'logs',
      kind: rl('pods'),
      name: 'app-xyz-5969b7fffc-7ndjr',
      namespace: rl('shop'),
      logOptions: { previous: true, grep: 'RSSMB', tail: 400 },
    });
    expect(logs).toMatchObject({ pod: 'app-xyz-5969b7fffc-7ndjr', container: 'app', previous: true, truncated: false });
    const lines = (logs.text as string).split('\n');
    expect(lines.length).toBe(logs.matched);
    for (const line of lines) expect(line).toMatch(/rssMB/);
  });

  test('of a workload: its failing pod, cut to max bytes', async () => {
    const [logs] = await json({
      operation: 'logs',
      kind: rl('deploy'),
      name: 'app-xyz',
      namespace: rl('shop'),
      logOptions: { maxBytes: 300 },
    });
    expect(logs.picked).toMatch(/^app-xyz-5969b7fffc-7ndjr: failing \(CrashLoopBackOff\)/);
    expect(logs.truncated).toBe(true);
    expect(Buffer.byteLength(logs.text as string)).toBeLessThanOrEqual(300);
  });

  test('a container that does not exist is named with the ones that do', async () => {
    const r = await run({
      operation: 'logs',
      name: 'app-xyz-5969b7fffc-7ndjr',
      namespace: rl('shop'),
      logOptions: { container: 'sidecar' },
    });
    expect(r.error?.message).toBe(
      'pod shop/app-xyz-5969b7fffc-7ndjr has no container named "sidecar"; containers: app',
    );
  });
});

describe('Top', () => {
  test('pods of a namespace, and nodes with their share of allocatable', async () => {
    const pods = await json({ operation: 'top', topOf: 'pods', namespace: rl('shop'), sortBy: 'memory' });
    expect(pods.find((p) => p.name === 'app-xyz-5969b7fffc-7ndjr')).toMatchObject({
      namespace: 'shop',
      memory: '250Mi',
    });
    const memory = pods.map((p) => p.memoryBytes as number);
    expect(memory).toEqual([...memory].sort((a, b) => b - a));
    const nodes = await json({ operation: 'top', topOf: 'nodes', sortBy: 'name' });
    expect(nodes.map((n) => n.name)).toEqual(['node-1', 'node-2', 'node-3']);
    for (const n of nodes) expect(n.cpuPercent).toEqual(expect.any(Number));
    const everywhere = await json({ operation: 'top', topOf: 'pods', allNamespaces: true });
    expect(new Set(everywhere.map((p) => p.namespace)).size).toBeGreaterThan(2);
  });
});

describe('API Resources', () => {
  test('the served kinds with the name other operations accept, filtered by group and scope', async () => {
    const apps = await json({ operation: 'apiResources', apiGroup: 'apps' });
    expect(apps.find((t) => t.kind === 'Deployment')).toMatchObject({
      name: 'deployments.apps',
      apiVersion: 'apps/v1',
      namespaced: true,
      shortNames: ['deploy'],
    });
    expect(apps.every((t) => (t.apiVersion as string).startsWith('apps/'))).toBe(true);
    const core = await json({ operation: 'apiResources', apiGroup: 'core', scope: 'cluster' });
    expect(core.map((t) => t.kind)).toEqual(expect.arrayContaining(['Node', 'Namespace', 'PersistentVolume']));
    expect(core.map((t) => t.kind)).not.toContain('Pod');
  });
});

describe('Cluster Info', () => {
  test('version, server, context, nodes and namespaces', async () => {
    const [info] = await json({ operation: 'clusterInfo' });
    expect(info).toMatchObject({
      server: sim.url,
      defaultNamespace: 'default',
      nodes: { total: 3, ready: 3, notReady: [], cordoned: [] },
      unavailable: [],
    });
    expect(info.version).toMatch(/^v1\.\d+\.\d+/);
    expect(info.namespaces).toEqual(expect.arrayContaining(['default', 'kube-system', 'shop', 'aiops']));
  });
});

describe('list searches', () => {
  const node = new Kubernetes();
  const context = (): ILoadOptionsFunctions =>
    ({
      getCredentials: async () => credential,
      getNode: () =>
        ({
          name: 'Kubernetes',
          type: 'n8n-nodes-kube-aiops.kubernetes',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        }) as INode,
    }) as unknown as ILoadOptionsFunctions;

  test('kinds come from discovery, filtered by kind, plural or short name', async () => {
    const all = await node.methods.listSearch.searchKinds.call(context());
    expect(all.results.length).toBeGreaterThan(20);
    const deploy = await node.methods.listSearch.searchKinds.call(context(), 'deploy');
    expect(deploy.results).toContainEqual({
      name: 'Deployment (apps/v1)',
      value: 'deployments.apps',
      description: 'namespaced, deploy',
    });
    const pods = await node.methods.listSearch.searchKinds.call(context(), 'po');
    expect(pods.results.map((r) => r.value)).toContain('pods');
  });

  test('namespaces come from the namespace list', async () => {
    const all = await node.methods.listSearch.searchNamespaces.call(context());
    expect(all.results.map((r) => r.value)).toEqual([
      'aiops',
      'default',
      'ingress-nginx',
      'kube-node-lease',
      'kube-public',
      'kube-system',
      'local-path-storage',
      'monitoring',
      'shop',
    ]);
    expect((await node.methods.listSearch.searchNamespaces.call(context(), 'SH')).results).toEqual([
      { name: 'shop', value: 'shop' },
    ]);
  });

  test('nodes come with their status', async () => {
    const nodes = await node.methods.listSearch.searchNodes.call(context());
    expect(nodes.results).toEqual([
      { name: 'node-1 (Ready)', value: 'node-1' },
      { name: 'node-2 (Ready)', value: 'node-2' },
      { name: 'node-3 (Ready)', value: 'node-3' },
    ]);
  });
});

describe('errors and continueOnFail', () => {
  test('with On Error: Continue, a failing item becomes an error item and the next item still runs', async () => {
    const r = await run(
      { operation: 'get', kind: rl('deploy'), name: '={{ $json.name }}', namespace: rl('default') },
      { items: [{ json: { name: 'nope' } }, { json: { name: 'web' } }], settings: { continueOnFail: true } },
    );
    expect(r.error).toBeUndefined();
    expect(r.items).toHaveLength(2);
    expect(r.items[0]).toEqual({
      json: { error: expect.stringMatching(/^Deployment "nope" not found/), reason: 'NotFound', status: 404 },
      pairedItem: { item: 0 },
    });
    expect(r.items[1].json).toMatchObject({ name: 'web' });
    expect(r.items[1].pairedItem).toEqual({ item: 1 });
  });

  test('without it, the second item’s failure stops the node and names that item', async () => {
    const r = await run(
      { operation: 'get', kind: rl('deploy'), name: '={{ $json.name }}', namespace: rl('default') },
      { items: [{ json: { name: 'web' } }, { json: { name: 'nope' } }] },
    );
    expect(r.items).toEqual([]);
    expect(r.error?.context.itemIndex).toBe(1);
  });

  test('an unreachable API server keeps lib/kube’s sentence (not n8n’s generic ECONNREFUSED text)', async () => {
    const saved = credential;
    credential = { connection: 'token', server: 'http://127.0.0.1:9', token: 'x' };
    try {
      const r = await run({ operation: 'clusterInfo' });
      expect(r.error?.name).toBe('NodeApiError');
      expect(r.error?.message).toBe(
        'cannot reach the Kubernetes API at http://127.0.0.1:9: connection refused; check the server address and that the API server is running',
      );
    } finally {
      credential = saved;
    }
  });

  test('a broken credential fails every item, or yields error items with continueOnFail', async () => {
    const saved = credential;
    credential = { connection: 'kubeconfig', kubeconfig: sim.kubeconfig, context: 'prod' };
    try {
      const r = await run(
        { operation: 'clusterInfo' },
        { items: [{ json: {} }, { json: {} }], settings: { continueOnFail: true } },
      );
      expect(r.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
      for (const item of r.items) expect(item.json.error).toMatch(/^context "prod" is not in the kubeconfig/);
    } finally {
      credential = saved;
    }
  });
});

describe('the planted Secret value', () => {
  test('is redacted in every view of the Secret', async () => {
    const views = [
      await json({ operation: 'get', kind: rl('secrets'), name: 'app-xyz-db', namespace: rl('shop'), output: 'full' }),
      await json({ operation: 'get', kind: rl('secret'), name: 'app-xyz-db', namespace: rl('shop') }),
      await json({ operation: 'list', kind: rl('secrets'), allNamespaces: true, output: 'full' }),
      await json({
        operation: 'describe',
        kind: rl('secrets'),
        name: 'app-xyz-db',
        namespace: rl('shop'),
        output: 'full',
      }),
      await json({ operation: 'describe', kind: rl('deploy'), name: 'app-xyz', namespace: rl('shop'), output: 'full' }),
      await json({ operation: 'list', kind: rl('jobs'), namespace: rl('shop'), output: 'full' }),
    ];
    const [secret] = views[0];
    expect((secret.data as IDataObject).password).toBe('<redacted: 26 bytes>');
    const text = JSON.stringify(views);
    expect(text).not.toContain(PLANTED);
    expect(text).not.toContain(PLANTED_B64);
  });

  test('never appeared in any output or error of this file', () => {
    expect(seen.length).toBeGreaterThan(40);
    for (const text of seen) {
      expect(text).not.toContain(PLANTED);
      expect(text).not.toContain(PLANTED_B64);
    }
  });
});
