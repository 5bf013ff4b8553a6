/**
 * The kubernetesApi credential as the nodes read it: mapping to lib/kube and lib/guard, and the
 * credential test against the simulator (plain HTTP, bearer token over TLS, RBAC refusals, outages).
 */
import { parse } from 'yaml';
import { KubernetesApi } from '../../credentials/KubernetesApi.credentials';
import { connectOptions, writePolicy, type CredentialData } from '../../nodes/shared/credentials';
import { testKubernetesCredential } from '../../nodes/shared/credentialTest';
import { startSimulator, type RunningSimulator } from '../../sim';
import { freePort } from '../../scripts/n8n/ports';

const TOKEN = 'sim-token-0123456789';

/** What n8n stores for a credential saved with only the given fields filled in. */
function withDefaults(fields: CredentialData): CredentialData {
  const defaults = Object.fromEntries(
    new KubernetesApi().properties.filter((p) => p.type !== 'notice').map((p) => [p.name, p.default]),
  );
  return { ...(defaults as CredentialData), ...fields };
}

function caOf(kubeconfig: string): string {
  const doc = parse(kubeconfig) as { clusters: { cluster: Record<string, string> }[] };
  return Buffer.from(doc.clusters[0].cluster['certificate-authority-data'], 'base64').toString('utf8');
}

async function addFault(sim: RunningSimulator, fault: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sim.url}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  expect(res.ok).toBe(true);
}

describe('mapping the credential', () => {
  test('each connection type becomes lib/kube connect options', () => {
    expect(connectOptions(withDefaults({ kubeconfig: 'k', context: ' prod ', namespace: 'shop' }))).toEqual({
      source: 'kubeconfig',
      kubeconfig: 'k',
      context: 'prod',
      namespace: 'shop',
    });
    expect(connectOptions(withDefaults({ connection: 'inCluster' }))).toEqual({
      source: 'inCluster',
      namespace: undefined,
    });
    expect(
      connectOptions(
        withDefaults({
          connection: 'token',
          server: 'https://k:6443/',
          token: ' t ',
          caData: 'PEM',
          skipTlsVerify: true,
        }),
        { timeoutMs: 5 },
      ),
    ).toEqual({
      source: 'token',
      server: 'https://k:6443/',
      token: 't',
      caData: 'PEM',
      skipTlsVerify: true,
      namespace: undefined,
      timeoutMs: 5,
    });
    expect(() => connectOptions({ connection: 'ssh' })).toThrow(/unknown connection type "ssh"/);
  });

  test('a new credential is read-only and protects the system namespaces', () => {
    expect(writePolicy(withDefaults({}))).toEqual({
      mode: 'read-only',
      namespaces: [],
      protectedNamespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
      deniedKinds: [],
      allowKinds: [],
      allowEscalation: [],
      allowClusterScoped: false,
    });
  });

  test('the admin’s settings become the write policy; empty lists mean none, missing fields the safe default', () => {
    expect(
      writePolicy(
        withDefaults({
          allowedActions: 'read-write',
          allowedVerbs: ['scale', 'restart'],
          allowedNamespaces: 'shop, payments',
          protectedNamespaces: '',
          deniedKinds: 'ingresses',
          allowedKinds: 'Secret',
          allowedEscalations: 'hostNetwork',
          allowClusterScoped: true,
        }),
      ),
    ).toEqual({
      mode: 'read-write',
      verbs: ['scale', 'restart'],
      namespaces: ['shop', 'payments'],
      protectedNamespaces: [],
      deniedKinds: ['ingresses'],
      allowKinds: ['Secret'],
      allowEscalation: ['hostNetwork'],
      allowClusterScoped: true,
    });
    // saved through the API without policy fields: lib/guard's defaults, and never read-write
    expect(writePolicy({ connection: 'kubeconfig' })).toEqual({ mode: 'read-only', allowClusterScoped: false });
    expect(() => writePolicy({ allowedActions: 'everything' })).toThrow(/unknown write policy mode/);
  });
});

describe('the credential test', () => {
  let plain: RunningSimulator;
  let secure: RunningSimulator;

  beforeAll(async () => {
    plain = await startSimulator();
    secure = await startSimulator({ tls: true, token: TOKEN });
  });

  afterAll(async () => {
    await plain?.close();
    await secure?.close();
  });

  test('a kubeconfig that reaches the cluster passes and says what it can see', async () => {
    const result = await testKubernetesCredential(withDefaults({ kubeconfig: plain.kubeconfig }));
    expect(result.status).toBe('OK');
    expect(result.message).toContain(`Connected to ${plain.url}`);
    expect(result.message).toContain('can list namespaces');
  });

  test('server URL + token + CA passes over TLS', async () => {
    const result = await testKubernetesCredential(
      withDefaults({ connection: 'token', server: secure.url, token: TOKEN, caData: caOf(secure.kubeconfig) }),
    );
    expect(result).toMatchObject({ status: 'OK' });
    expect(result.message).not.toContain('Warning');
  });

  test('without the CA the certificate is refused, with advice; skipping verification passes with a warning', async () => {
    const refused = await testKubernetesCredential(
      withDefaults({ connection: 'token', server: secure.url, token: TOKEN }),
    );
    expect(refused.status).toBe('Error');
    expect(refused.message).toMatch(/TLS verification failed/);
    expect(refused.message).toMatch(/CA/);
    const skipped = await testKubernetesCredential(
      withDefaults({ connection: 'token', server: secure.url, token: TOKEN, skipTlsVerify: true }),
    );
    expect(skipped.status).toBe('OK');
    expect(skipped.message).toMatch(/Warning: TLS certificate verification is disabled/);
  });

  test('a wrong token is reported as unauthorized', async () => {
    const result = await testKubernetesCredential(
      withDefaults({ connection: 'token', server: secure.url, token: 'wrong', caData: caOf(secure.kubeconfig) }),
    );
    expect(result.status).toBe('Error');
    expect(result.message).toMatch(/^unauthorized/);
  });

  test('when RBAC forbids listing namespaces, listing pods in the default namespace is enough', async () => {
    const sim = await startSimulator();
    try {
      await addFault(sim, { path: '^/api/v1/namespaces$', status: 403 });
      const ok = await testKubernetesCredential(withDefaults({ kubeconfig: sim.kubeconfig, namespace: 'shop' }));
      expect(ok).toMatchObject({ status: 'OK' });
      expect(ok.message).toContain('cannot list namespaces (RBAC), can list pods in namespace "shop"');
      await addFault(sim, { path: '^/api/v1/namespaces/shop/pods$', status: 403 });
      const refused = await testKubernetesCredential(withDefaults({ kubeconfig: sim.kubeconfig, namespace: 'shop' }));
      expect(refused.status).toBe('Error');
      expect(refused.message).toMatch(/^forbidden: .*pods in namespace "shop"/);
    } finally {
      await sim.close();
    }
  });

  test('an unreachable server, an empty kubeconfig and an unknown context each get their own sentence', async () => {
    const port = await freePort();
    const down = await testKubernetesCredential(
      withDefaults({ connection: 'token', server: `http://127.0.0.1:${port}`, token: 't' }),
    );
    expect(down).toMatchObject({ status: 'Error' });
    expect(down.message).toMatch(/cannot reach the Kubernetes API at http:\/\/127\.0\.0\.1:\d+: connection refused/);
    expect(await testKubernetesCredential(withDefaults({ kubeconfig: '  ' }))).toMatchObject({
      status: 'Error',
      message: expect.stringMatching(/kubeconfig text is empty/),
    });
    const context = await testKubernetesCredential(withDefaults({ kubeconfig: plain.kubeconfig, context: 'prod' }));
    expect(context).toMatchObject({
      status: 'Error',
      message: expect.stringMatching(/context "prod" is not in the kubeconfig; available contexts: kube-aiops-sim/),
    });
  });
});
