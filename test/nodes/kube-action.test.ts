/**
 * The Kubernetes Action node through n8n's execution engine (test/helpers/n8n-exec) against the simulator with the
 * demo cluster: every operation, dry runs, what changed and the audit record, the credential's write policy
 * (read-only, dry-run, protected namespaces, denied kinds) that no node parameter can widen, all-or-nothing
 * multi-document apply, continueOnFail and pairedItem, and the planted Secret value never in any output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NodeHelpers,
  type ICredentialDataDecryptedObject,
  type IDataObject,
  type INode,
  type INodeParameters,
  type INodeProperties,
} from 'n8n-workflow';
import { Kubernetes } from '../../nodes/Kubernetes/Kubernetes.node';
import { KubernetesAction } from '../../nodes/KubernetesAction/KubernetesAction.node';
import { runNode, type RunNodeOptions, type RunResult } from '../helpers/n8n-exec';
import { startTestSim } from '../helpers/sim';

const PLANTED = 'Pl4nted-Db-Passw0rd-7f3a9c';
const PLANTED_B64 = 'UGw0bnRlZC1EYi1QYXNzdzByZC03ZjNhOWM=';
const ACTOR = 'n8n workflow "test" node "Kubernetes Action"';

type Sim = Awaited<ReturnType<typeof startTestSim>>;
let sim: Sim;
const seen: string[] = [];

beforeAll(async () => {
  sim = await startTestSim({ fixtures: ['sim/scenarios/demo'] });
});

afterAll(async () => {
  await sim?.close();
});

const rl = (value: string, mode: 'name' | 'list' = 'name') => ({ __rl: true, mode, value });

/** A credential as the admin sets it; read-write unless told otherwise. */
function credential(policy: IDataObject = { allowedActions: 'read-write' }): ICredentialDataDecryptedObject {
  return { connection: 'kubeconfig', kubeconfig: sim.kubeconfig, ...policy };
}

async function act(
  parameters: INodeParameters,
  opts: Omit<RunNodeOptions, 'parameters'> & { policy?: IDataObject } = {},
): Promise<RunResult> {
  const { policy, ...rest } = opts;
  const result = await runNode(KubernetesAction, {
    credentials: { kubernetesApi: credential(policy) },
    ...rest,
    parameters,
  });
  seen.push(
    JSON.stringify(result.outputs),
    result.error ? `${result.error.message} ${result.error.description ?? ''}` : '',
  );
  return result;
}

async function changed(
  parameters: INodeParameters,
  opts: Omit<RunNodeOptions, 'parameters'> & { policy?: IDataObject } = {},
): Promise<IDataObject[]> {
  const result = await act(parameters, opts);
  if (result.error) throw new Error(`node failed: ${result.error.message} ${result.error.description ?? ''}`);
  return result.items.map((i) => i.json);
}

/** Reads through the read node, so the test also sees what a workflow would. */
async function read(kind: string, name: string, namespace?: string): Promise<IDataObject | undefined> {
  const r = await runNode(Kubernetes, {
    credentials: { kubernetesApi: credential() },
    parameters: { operation: 'get', kind: rl(kind), name, namespace: rl(namespace ?? ''), output: 'full' },
  });
  if (r.error) {
    if ((r.error as unknown as { httpCode?: string }).httpCode === '404') return undefined;
    throw new Error(r.error.message);
  }
  return r.items[0].json;
}

const replicasOf = async (kind: string, name: string, ns: string): Promise<number> =>
  ((await read(kind, name, ns))?.spec as IDataObject).replicas as number;

describe('the node description', () => {
  const node = new KubernetesAction();
  const d = node.description;
  const operation = d.properties.find((p) => p.name === 'operation') as INodeProperties;
  const options = (operation.options ?? []) as { name: string; value: string; action?: string; description?: string }[];

  test('is a write node usable as an AI tool, tested by the shared credential test', () => {
    expect(d.name).toBe('kubernetesAction');
    expect(d.displayName).toBe('Kubernetes Action');
    expect(d.usableAsTool).toBe(true);
    expect(d.credentials).toEqual([{ name: 'kubernetesApi', required: true, testedBy: 'kubernetesApiTest' }]);
    expect(Object.keys(node.methods.credentialTest)).toEqual(['kubernetesApiTest']);
    expect(Object.keys(node.methods.listSearch).sort()).toEqual(['searchKinds', 'searchNamespaces', 'searchNodes']);
  });

  test('offers every write operation, sorted, each with an action and a description for models', () => {
    expect(options.map((o) => o.value).sort()).toEqual(
      [
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
      ].sort(),
    );
    expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort());
    for (const o of options) {
      expect(o.action).toBeTruthy();
      expect((o.description ?? '').length).toBeGreaterThan(30);
    }
  });

  test('as an AI tool, each operation describes itself to the model through its action', () => {
    const describeFor = (operation: string): string => {
      const parameters = NodeHelpers.getNodeParameters(d.properties, { operation }, true, false, null, d) ?? {};
      return NodeHelpers.getToolDescriptionForNode({ parameters } as unknown as INode, node);
    };
    expect(describeFor('scale')).toBe('Scale a workload to a number of replicas in Kubernetes Action');
    expect(describeFor('setResources')).toBe(
      'Set CPU and memory requests and limits of containers in Kubernetes Action',
    );
  });

  test('has a Dry Run toggle for every operation and no parameter that touches the write policy', () => {
    const dryRun = d.properties.find((p) => p.name === 'dryRun');
    expect(dryRun).toMatchObject({ type: 'boolean', default: false });
    expect(dryRun?.displayOptions).toBeUndefined();
    const names = d.properties.map((p) => p.name.toLowerCase());
    for (const policyField of [
      'allowedactions',
      'allowedverbs',
      'allowednamespaces',
      'protectednamespaces',
      'deniedkinds',
      'policy',
      'mode',
    ]) {
      expect(names).not.toContain(policyField);
    }
  });

  test('ships a codex file naming the package type', () => {
    const codex = JSON.parse(
      readFileSync(join(__dirname, '../../nodes/KubernetesAction/KubernetesAction.node.json'), 'utf8'),
    ) as { node: string };
    expect(codex.node).toBe('n8n-nodes-kube-aiops.kubernetesAction');
  });
});

describe('Apply and Create', () => {
  const configMap = (name: string, value: string, namespace = '') =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data:\n  mode: "${value}"\n`;

  test('apply creates, then configures, one item per document with before/after and the audit record', async () => {
    const [created] = await changed({
      operation: 'apply',
      manifest: configMap('settings', 'fast'),
      namespace: rl('shop'),
    });
    expect(created).toMatchObject({
      document: 1,
      verb: 'apply',
      kind: 'ConfigMap',
      namespace: 'shop',
      name: 'settings',
      dryRun: false,
      changed: true,
    });
    expect(created.message).toBe('created ConfigMap shop/settings (server-side apply)');
    expect(created.audit).toMatchObject({
      actor: ACTOR,
      verb: 'apply',
      kind: 'ConfigMap',
      namespace: 'shop',
      name: 'settings',
      allowed: true,
      dryRun: false,
    });
    const [configured] = await changed({
      operation: 'apply',
      manifest: configMap('settings', 'slow'),
      namespace: rl('shop'),
    });
    expect(configured).toMatchObject({
      message: 'configured ConfigMap shop/settings (server-side apply)',
      before: { 'data.mode': 'fast' },
      after: { 'data.mode': 'slow' },
    });
  });

  test('apply takes JSON and objects from expressions too, and a dry run saves nothing', async () => {
    const doc = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-json' }, data: { a: '1' } };
    const [dry] = await changed({
      operation: 'apply',
      manifest: JSON.stringify(doc),
      namespace: rl('shop'),
      dryRun: true,
    });
    expect(dry).toMatchObject({ dryRun: true, changed: true });
    expect(dry.message).toMatch(/^dry run: created ConfigMap shop\/from-json .*nothing was saved$/);
    expect(await read('configmaps', 'from-json', 'shop')).toBeUndefined();
    const [real] = await changed(
      { operation: 'apply', manifest: '={{ $json.doc }}', namespace: rl('shop') },
      { items: [{ json: { doc } }] },
    );
    expect(real.message).toBe('created ConfigMap shop/from-json (server-side apply)');
  });

  test('a multi-document apply with one invalid document applies nothing', async () => {
    const manifest = [configMap('multi-good', 'x'), configMap('Bad_Name', 'y')].join('---\n');
    const r = await act({ operation: 'apply', manifest, namespace: rl('shop') });
    expect(r.error?.message).toMatch(
      /^nothing was applied — document 2: ConfigMap name "Bad_Name" is not a valid Kubernetes name/,
    );
    expect(await read('configmaps', 'multi-good', 'shop')).toBeUndefined();
    const ok = await changed({
      operation: 'apply',
      manifest: [configMap('multi-a', '1'), configMap('multi-b', '2', 'default')].join('---\n'),
      namespace: rl('shop'),
    });
    expect(ok.map((i) => [i.document, i.namespace, i.name])).toEqual([
      [1, 'shop', 'multi-a'],
      [2, 'default', 'multi-b'],
    ]);
  });

  test('a multi-document apply with one refused document applies nothing and says what the credential allows', async () => {
    const manifest = [configMap('multi-refused', 'x'), configMap('sneaky', 'y', 'kube-system')].join('---\n');
    const r = await act({ operation: 'apply', manifest, namespace: rl('shop') });
    expect(r.error?.name).toBe('NodeOperationError');
    expect(r.error?.message).toMatch(
      /^nothing was applied — document 2 \(ConfigMap kube-system\/sneaky\): refused: apply ConfigMap kube-system\/sneaky — namespace kube-system is protected/,
    );
    expect(r.error?.description).toMatch(
      /^The Kubernetes API credential allows changes: every action in every namespace; never in kube-system, kube-public, kube-node-lease/,
    );
    expect(await read('configmaps', 'multi-refused', 'shop')).toBeUndefined();
  });

  test('create makes new objects and refuses to overwrite one', async () => {
    const [created] = await changed({
      operation: 'create',
      manifest: configMap('created', 'new'),
      namespace: rl('default'),
    });
    expect(created).toMatchObject({
      document: 1,
      verb: 'create',
      namespace: 'default',
      name: 'created',
      message: 'created ConfigMap default/created',
    });
    const again = await act({ operation: 'create', manifest: configMap('created', 'new'), namespace: rl('default') });
    expect(again.error?.message).toBe(
      'ConfigMap "created" already exists in namespace "default"; use apply or patch to change it',
    );
    expect(again.error?.name).toBe('NodeApiError');
  });
});

describe('Patch and Delete', () => {
  beforeAll(async () => {
    await changed({
      operation: 'apply',
      manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: patch-me\ndata:\n  a: "1"\n',
      namespace: rl('shop'),
    });
  });

  test('patches with a strategic merge (automatic), a JSON merge and a JSON patch', async () => {
    const [strategic] = await changed({
      operation: 'patch',
      kind: rl('deploy'),
      name: 'web',
      namespace: rl('default'),
      patch: '{"metadata":{"labels":{"team":"storefront"}}}',
    });
    expect(strategic).toMatchObject({
      verb: 'patch',
      kind: 'Deployment',
      changed: true,
      after: { 'metadata.labels.team': 'storefront' },
    });
    expect(strategic.message).toBe('patched Deployment default/web (strategic patch)');
    const [merge] = await changed({
      operation: 'patch',
      kind: rl('cm'),
      name: 'patch-me',
      namespace: rl('shop'),
      patchType: 'merge',
      patch: '{"data":{"a":"2"}}',
    });
    expect(merge).toMatchObject({ before: { 'data.a': '1' }, after: { 'data.a': '2' } });
    const [json] = await changed({
      operation: 'patch',
      kind: rl('cm'),
      name: 'patch-me',
      namespace: rl('shop'),
      patchType: 'json',
      patch: '[{"op":"add","path":"/data/b","value":"3"}]',
    });
    expect(json).toMatchObject({ after: { 'data.b': '3' }, message: 'patched ConfigMap shop/patch-me (json patch)' });
  });

  test('a JSON patch that is not a list of operations is explained', async () => {
    const r = await act({
      operation: 'patch',
      kind: rl('cm'),
      name: 'patch-me',
      namespace: rl('shop'),
      patchType: 'json',
      patch: '{"data":{}}',
    });
    expect(r.error?.message).toMatch(/^a json patch is a list of operations/);
  });

  test('delete: a dry run keeps the object, a real one removes it', async () => {
    const [dry] = await changed({
      operation: 'delete',
      kind: rl('configmaps'),
      name: 'patch-me',
      namespace: rl('shop'),
      dryRun: true,
    });
    expect(dry).toMatchObject({
      verb: 'delete',
      dryRun: true,
      before: { '(object)': 'ConfigMap shop/patch-me' },
      after: {},
    });
    expect(await read('cm', 'patch-me', 'shop')).toBeDefined();
    const [real] = await changed({
      operation: 'delete',
      kind: rl('configmaps'),
      name: 'patch-me',
      namespace: rl('shop'),
      deleteOptions: { propagationPolicy: 'Foreground' },
    });
    expect(real.message).toBe('deleted ConfigMap shop/patch-me (foreground propagation)');
    expect(real.audit).toMatchObject({
      verb: 'delete',
      allowed: true,
      dryRun: false,
      before: { '(object)': 'ConfigMap shop/patch-me' },
    });
    expect(await read('cm', 'patch-me', 'shop')).toBeUndefined();
  });
});

describe('workload operations', () => {
  test('Scale: a dry run changes nothing, a real one sets replicas', async () => {
    const [dry] = await changed({
      operation: 'scale',
      kind: rl('deployments.apps', 'list'),
      name: 'web',
      namespace: rl('default'),
      replicas: 4,
      dryRun: true,
    });
    expect(dry).toMatchObject({ dryRun: true, before: { 'spec.replicas': 2 }, after: { 'spec.replicas': 4 } });
    expect(await replicasOf('deploy', 'web', 'default')).toBe(2);
    const [real] = await changed({ operation: 'scale', name: 'web', namespace: rl('default'), replicas: 3 });
    expect(real).toMatchObject({
      message: 'scaled Deployment default/web from 2 to 3 replicas',
      dryRun: false,
      changed: true,
    });
    expect(await replicasOf('deploy', 'web', 'default')).toBe(3);
    const [sts] = await changed({
      operation: 'scale',
      kind: rl('sts'),
      name: 'redis',
      namespace: rl('shop'),
      replicas: 2,
    });
    expect(sts.message).toBe('scaled StatefulSet shop/redis from 1 to 2 replicas');
  });

  test('Rollout Restart stamps the pod template of a Deployment, StatefulSet or DaemonSet', async () => {
    const [deploy] = await changed({ operation: 'rolloutRestart', name: 'web', namespace: rl('default') });
    expect(deploy.message).toBe('restarted Deployment default/web (pods are replaced by a rolling update)');
    expect(JSON.stringify(deploy.after)).toContain('kubectl.kubernetes.io/restartedAt');
    const [ds] = await changed({
      operation: 'rolloutRestart',
      workloadKind: 'daemonsets.apps',
      name: 'node-exporter',
      namespace: rl('monitoring'),
      dryRun: true,
    });
    expect(ds).toMatchObject({ kind: 'DaemonSet', dryRun: true });
  });

  test('Rollout Undo goes back to the previous revision of a Deployment', async () => {
    const [undo] = await changed({ operation: 'rolloutUndo', name: 'web', namespace: rl('default') });
    expect(undo).toMatchObject({ verb: 'rollback', kind: 'Deployment', name: 'web', changed: true });
    expect(undo.message).toMatch(/revision 1/);
  });

  test('Set Image changes one container’s image', async () => {
    const [fixed] = await changed({
      operation: 'setImage',
      name: 'nginx-test',
      namespace: rl('default'),
      container: 'nginx',
      image: 'nginx:latest',
    });
    expect(fixed.message).toBe('set image nginx=nginx:latest on Deployment default/nginx-test');
    expect(JSON.stringify(fixed.before)).toContain('nginx:lastest');
    expect(JSON.stringify(fixed.after)).toContain('nginx:latest');
    const wrong = await act({
      operation: 'setImage',
      name: 'nginx-test',
      namespace: rl('default'),
      container: 'sidecar',
      image: 'x:1',
    });
    expect(wrong.error?.message).toBe(
      'Deployment default/nginx-test has no container named "sidecar"; containers: nginx',
    );
  });

  test('Set Resources changes requests and limits of the named containers, leaving the rest', async () => {
    const [raised] = await changed({
      operation: 'setResources',
      name: 'app-xyz',
      namespace: rl('shop'),
      containers: 'app',
      memoryLimit: '512Mi',
      cpuRequest: '200m',
    });
    expect(raised.message).toBe('set requests cpu=200m, limits memory=512Mi on app of Deployment shop/app-xyz');
    expect(JSON.stringify(raised.before)).toContain('256Mi');
    expect(JSON.stringify(raised.after)).toContain('512Mi');
    const full = await read('deploy', 'app-xyz', 'shop');
    const container = (
      ((full?.spec as IDataObject).template as IDataObject).spec as { containers: { resources: IDataObject }[] }
    ).containers[0];
    expect(container.resources).toEqual({
      requests: { cpu: '200m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
    const none = await act({ operation: 'setResources', name: 'app-xyz', namespace: rl('shop') });
    expect(none.error?.message).toMatch(/^no requests or limits given/);
  });
});

describe('node and pod operations', () => {
  test('Cordon and Uncordon a node', async () => {
    const [cordoned] = await changed({ operation: 'cordon', node: rl('node-3', 'list') });
    expect(cordoned).toMatchObject({
      verb: 'cordon',
      kind: 'Node',
      name: 'node-3',
      after: { 'spec.unschedulable': true },
    });
    expect((await read('nodes', 'node-3'))?.spec).toMatchObject({ unschedulable: true });
    const [again] = await changed({ operation: 'cordon', node: rl('node-3') });
    expect(again).toMatchObject({ changed: false, message: 'Node node-3 is already cordoned; nothing to do' });
    const [uncordoned] = await changed({ operation: 'uncordon', node: rl('node-3') });
    expect(uncordoned.message).toBe('uncordoned Node node-3: pods can be scheduled on it again');
  });

  test('Delete Pod evicts by default, or deletes directly', async () => {
    const [dry] = await changed({
      operation: 'deletePod',
      name: 'web-6fbb8d9595-hc5n8',
      namespace: rl('default'),
      dryRun: true,
    });
    expect(dry).toMatchObject({ verb: 'evict', dryRun: true });
    expect(await read('pods', 'web-6fbb8d9595-hc5n8', 'default')).toBeDefined();
    const [evicted] = await changed({ operation: 'deletePod', name: 'web-6fbb8d9595-hc5n8', namespace: rl('default') });
    expect(evicted.message).toBe(
      'evicted Pod default/web-6fbb8d9595-hc5n8 (its controller, if any, creates a replacement)',
    );
    const [deleted] = await changed({
      operation: 'deletePod',
      name: 'db-migrate-rlkcx',
      namespace: rl('shop'),
      useEviction: false,
      deletePodOptions: { gracePeriodSeconds: 0 },
    });
    expect(deleted).toMatchObject({ verb: 'delete', kind: 'Pod', name: 'db-migrate-rlkcx' });
    expect(await read('pods', 'db-migrate-rlkcx', 'shop')).toBeUndefined();
  });
});

describe('the credential’s write policy', () => {
  test('a read-only credential refuses a Scale, saying what it allows, and nothing changes', async () => {
    const before = await replicasOf('deploy', 'nginx-test', 'default');
    for (const policy of [{ allowedActions: 'read-only' }, {}]) {
      const r = await act(
        { operation: 'scale', name: 'nginx-test', namespace: rl('default'), replicas: 0 },
        { policy },
      );
      expect(r.error?.name).toBe('NodeOperationError');
      expect(r.error?.message).toBe(
        'refused: scale Deployment default/nginx-test — the write policy is read-only, so no change (not even a dry run) is sent to the cluster; set the mode to dry-run or read-write to allow it',
      );
      expect(r.error?.description).toMatch(/^The Kubernetes API credential is read-only: it allows no changes/);
      expect(r.error?.context.itemIndex).toBe(0);
    }
    // the Dry Run toggle does not get a write past a read-only credential either
    const dry = await act(
      { operation: 'scale', name: 'nginx-test', namespace: rl('default'), replicas: 0, dryRun: true },
      { policy: { allowedActions: 'read-only' } },
    );
    expect(dry.error?.message).toMatch(
      /^refused: scale \(dry run\) Deployment default\/nginx-test — the write policy is read-only/,
    );
    expect(await replicasOf('deploy', 'nginx-test', 'default')).toBe(before);
  });

  test('read-write still refuses the protected namespace kube-system', async () => {
    const r = await act({ operation: 'scale', name: 'coredns', namespace: rl('kube-system'), replicas: 5 });
    expect(r.error?.message).toBe(
      'refused: scale Deployment kube-system/coredns — namespace kube-system is protected by the write policy (protected: kube-system, kube-public, kube-node-lease)',
    );
    expect(await replicasOf('deploy', 'coredns', 'kube-system')).toBe(2);
  });

  test('a dry-run credential turns every change into a dry run, whatever the node asks', async () => {
    const [forced] = await changed(
      { operation: 'scale', name: 'nginx-test', namespace: rl('default'), replicas: 1, dryRun: false },
      { policy: { allowedActions: 'dry-run' } },
    );
    expect(forced).toMatchObject({ dryRun: true, before: { 'spec.replicas': 3 }, after: { 'spec.replicas': 1 } });
    expect(forced.warnings).toEqual([
      'the write policy is in dry-run mode: the change was validated by the API server but not saved',
    ]);
    expect(forced.audit).toMatchObject({ dryRun: true, allowed: true });
    expect(await replicasOf('deploy', 'nginx-test', 'default')).toBe(3);
  });

  test('allowed actions and namespaces from the credential are enforced', async () => {
    const policy = { allowedActions: 'read-write', allowedVerbs: ['restart'], allowedNamespaces: 'shop' };
    const verb = await act({ operation: 'scale', name: 'app-xyz', namespace: rl('shop'), replicas: 2 }, { policy });
    expect(verb.error?.message).toBe(
      'refused: scale Deployment shop/app-xyz — the write policy allows only these actions: restart',
    );
    expect(verb.error?.description).toMatch(
      /^The Kubernetes API credential allows changes: actions restart in namespaces shop; never in kube-system, kube-public, kube-node-lease; never to Secret, Role, ClusterRole, RoleBinding, ClusterRoleBinding, .*CertificateSigningRequest; no privileged or host-access pods; no cluster-scoped objects. Only the credential's owner can change this.$/,
    );
    const ns = await act({ operation: 'rolloutRestart', name: 'web', namespace: rl('default') }, { policy });
    expect(ns.error?.message).toBe(
      'refused: restart Deployment default/web — the write policy allows writes only in namespaces: shop',
    );
    const [ok] = await changed(
      { operation: 'rolloutRestart', name: 'app-xyz', namespace: rl('shop'), dryRun: true },
      { policy },
    );
    expect(ok.verb).toBe('restart');
  });

  test('Secrets are a denied kind by default', async () => {
    const r = await act({
      operation: 'patch',
      kind: rl('secrets'),
      name: 'app-xyz-db',
      namespace: rl('shop'),
      patch: '{"metadata":{"labels":{"x":"y"}}}',
    });
    expect(r.error?.message).toBe(
      'refused: patch Secret shop/app-xyz-db — writes to Secret are denied by default (they can read secrets, grant permissions or take over the API); allow the kind by name to permit it',
    );
  });

  test('with On Error: Continue a refusal becomes an error item with the audit record, and the next item runs', async () => {
    const r = await act(
      { operation: 'scale', name: '={{ $json.name }}', namespace: rl('={{ $json.ns }}'), replicas: 1, dryRun: true },
      {
        items: [{ json: { name: 'coredns', ns: 'kube-system' } }, { json: { name: 'web', ns: 'default' } }],
        settings: { continueOnFail: true },
      },
    );
    expect(r.error).toBeUndefined();
    expect(r.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
    expect(r.items[0].json).toMatchObject({
      error: expect.stringMatching(
        /^refused: scale \(dry run\) Deployment kube-system\/coredns — namespace kube-system is protected/,
      ),
      reason: 'PolicyDenied',
      allowed: expect.stringMatching(/^The Kubernetes API credential allows changes/),
      audit: { actor: ACTOR, verb: 'scale', namespace: 'kube-system', name: 'coredns', allowed: false },
    });
    expect(r.items[1].json).toMatchObject({ name: 'web', dryRun: true, audit: { allowed: true } });
  });
});

describe('the planted Secret value', () => {
  test('stays redacted when a credential allows writing Secrets', async () => {
    const policy = { allowedActions: 'read-write', allowedKinds: 'Secret' };
    const [patched] = await changed(
      {
        operation: 'patch',
        kind: rl('secrets'),
        name: 'app-xyz-db',
        namespace: rl('shop'),
        patchType: 'merge',
        patch: '{"metadata":{"labels":{"rotated":"no"}}}',
      },
      { policy },
    );
    expect(patched.after).toEqual({ 'metadata.labels.rotated': 'no' });
    const [dry] = await changed(
      { operation: 'delete', kind: rl('secrets'), name: 'app-xyz-db', namespace: rl('shop'), dryRun: true },
      { policy },
    );
    expect(dry.before).toEqual({ '(object)': 'Secret shop/app-xyz-db' });
    const applied = await act(
      {
        operation: 'apply',
        manifest: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: copy\n  namespace: shop\nstringData:\n  password: ${PLANTED}\n`,
        dryRun: true,
      },
      { policy },
    );
    expect(JSON.stringify(applied.items)).toContain('<redacted');
  });

  test('never appeared in any output or error of this file', () => {
    expect(seen.length).toBeGreaterThan(40);
    for (const text of seen) {
      expect(text).not.toContain(PLANTED);
      expect(text).not.toContain(PLANTED_B64);
    }
  });
});
