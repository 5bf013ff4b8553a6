/**
 * The package inside a real n8n (each supported version): installed as a community package from the packed tarball,
 * its credential type loaded, credentials stored through n8n's API, and workflows executed with
 * their node outputs read back — the paths every other e2e test builds on.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { nodeOutput, nodesThatRan, type N8nClient } from '../../scripts/n8n';
import { testCluster, type TestCluster } from './setup/cluster';
import { e2eClient, e2eInstance } from './setup/instance';
import { manualSetWorkflow, webhookSetWorkflow } from './workflows';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  name: string;
  n8n: { nodes: string[]; credentials: string[] };
};

let client: N8nClient;
let cluster: TestCluster;

beforeAll(async () => {
  client = await e2eClient();
  cluster = await testCluster();
});

afterAll(async () => {
  await cluster?.close();
});

describe('the package loads into n8n', () => {
  test('the kubernetesApi credential type is known, with its fields and its icon served', async () => {
    expect(await client.credentialTypes()).toContain('kubernetesApi');
    const kube = await client.credentialType('kubernetesApi');
    expect(kube?.properties.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'connection',
        'kubeconfig',
        'context',
        'server',
        'token',
        'caData',
        'skipTlsVerify',
        'namespace',
        'allowedActions',
        'allowedNamespaces',
        'protectedNamespaces',
        'deniedKinds',
      ]),
    );
    expect(kube?.properties.find((p) => p.name === 'allowedActions')?.default).toBe('read-only');
    const icons = kube?.iconUrl;
    expect(typeof icons).toBe('object');
    for (const icon of typeof icons === 'object' ? [icons.light, icons.dark] : []) {
      expect(icon).toMatch(/^icons\/n8n-nodes-kube-aiops\//);
      const svg = await fetch(`${e2eInstance().url}/${icon}`);
      expect(svg.status).toBe(200);
      expect(await svg.text()).toContain('<svg');
    }
  });

  test('every credential and node listed in package.json is loaded under the package name', async () => {
    const credentialTypes = await client.credentialTypes();
    for (const path of pkg.n8n.credentials) {
      // KubernetesApi.credentials.js → kubernetesApi
      const className = basename(path, '.credentials.js');
      expect(credentialTypes).toContain(className.charAt(0).toLowerCase() + className.slice(1));
    }
    const ours = (await client.nodeTypes()).filter((t) => t.startsWith(`${pkg.name}.`) && !t.endsWith('Tool'));
    const expected = pkg.n8n.nodes.map((path) => {
      // dist/nodes/Kubernetes/Kubernetes.node.js → n8n-nodes-kube-aiops.kubernetes (n8n's naming convention)
      const className = basename(path, '.node.js');
      return `${pkg.name}.${className.charAt(0).toLowerCase()}${className.slice(1)}`;
    });
    expect(ours.sort()).toEqual(expected.sort());
  });
});

describe('credentials through n8n', () => {
  test('a kubernetesApi credential is stored with its settings, the kubeconfig kept secret', async () => {
    const created = await client.createCredential('kubernetesApi', 'Simulated cluster', {
      connection: 'kubeconfig',
      kubeconfig: cluster.kubeconfig,
      namespace: 'default',
      allowedActions: 'dry-run',
      protectedNamespaces: 'kube-system',
    });
    expect(created).toMatchObject({ type: 'kubernetesApi', name: 'Simulated cluster' });
    const stored = await client.getCredential(created.id);
    expect(stored.data).toMatchObject({
      connection: 'kubeconfig',
      namespace: 'default',
      allowedActions: 'dry-run',
      protectedNamespaces: 'kube-system',
    });
    // n8n never sends a password-typed field back to the editor
    expect(typeof stored.data?.kubeconfig).toBe('string');
    expect(stored.data?.kubeconfig).not.toContain('apiVersion');
  });
});

// n8n runs it through a node that lists kubernetesApi with `testedBy: 'kubernetesApiTest'`
describe('the credential test inside n8n', () => {
  test('a stored kubernetesApi credential tests OK against the simulator', async () => {
    const created = await client.createCredential('kubernetesApi', 'Tested cluster', {
      connection: 'kubeconfig',
      kubeconfig: cluster.kubeconfig,
    });
    const result = await client.testStoredCredential(created.id);
    expect(result).toMatchObject({ status: 'OK' });
    expect(result.message).toContain(`Connected to ${cluster.url}`);
  });

  test('a credential naming a context the kubeconfig lacks fails with the reason', async () => {
    // stored first: n8n 1.94 tests only credentials the user already has
    const created = await client.createCredential('kubernetesApi', 'Missing context', {
      connection: 'kubeconfig',
      kubeconfig: cluster.kubeconfig,
      context: 'prod',
    });
    const result = await client.testStoredCredential(created.id);
    expect(result.status).toBe('Error');
    expect(result.message).toMatch(/context "prod" is not in the kubeconfig/);
  });
});

describe('executing workflows', () => {
  test('a manual run of Manual Trigger → Set finishes and each node’s output can be read', async () => {
    const wf = await client.importWorkflow(manualSetWorkflow('harness manual run'));
    const execution = await client.runAndWait(wf.id);
    expect(execution.status).toBe('success');
    expect(nodesThatRan(execution)).toEqual(['Start', 'Set']);
    expect(nodeOutput(execution, 'Set')).toEqual([{ answer: 42, source: 'harness manual run' }]);
  });

  test('a manual run can feed a Webhook trigger its request, without activating the workflow', async () => {
    const wf = await client.importWorkflow(webhookSetWorkflow('harness injected webhook', 'harness-injected'));
    const execution = await client.runAndWait(wf.id, { triggerItems: [{ body: { who: 'injected' } }] });
    expect(execution.status).toBe('success');
    expect(nodeOutput(execution, 'Set')).toEqual([{ greeting: 'hello injected' }]);
  });

  test('an active Webhook → Set workflow answers with the last node and records the execution', async () => {
    const wf = await client.importWorkflow(webhookSetWorkflow('harness webhook', 'harness-hello'));
    const active = await client.activateWorkflow(wf.id);
    expect(active.active).toBe(true);
    const res = await client.callWebhook('harness-hello', { who: 'kube' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ greeting: 'hello kube' });
    const [execution] = await client.waitForExecutions(wf.id, 1);
    expect(execution.mode).toBe('webhook');
    expect(nodeOutput(execution, 'Webhook')[0]).toMatchObject({ body: { who: 'kube' } });
    expect(nodeOutput(execution, 'Set')).toEqual([{ greeting: 'hello kube' }]);
    await client.deactivateWorkflow(wf.id);
    expect(await webhookGone('harness-hello')).toBe(true);
  });
});

/** Deregistration, like registration, lands shortly after the API call returns. */
async function webhookGone(path: string, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await client.callWebhook(path, {}, { registrationWaitMs: 0 })).status === 404) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
