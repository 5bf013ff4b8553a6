import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { connect, get, KubeError, list, listContexts, serverVersion } from '../../lib/kube';
import { startShop, type ShopSim } from './shop-sim';

const TOKEN = 'sim-token-123';
let plain: ShopSim;
let secured: ShopSim;
let caBase64: string;
beforeAll(async () => {
  [plain, secured] = await Promise.all([startShop(), startShop({ tls: true, token: TOKEN })]);
  const cfg = parse(secured.kubeconfig) as { clusters: { cluster: Record<string, string> }[] };
  caBase64 = cfg.clusters[0].cluster['certificate-authority-data'];
});
afterAll(() => Promise.all([plain.close(), secured.close()]));

const names = async (conn: ReturnType<typeof connect>): Promise<string[]> =>
  (await list(conn, { kind: 'pods' })).items.map((p) => p.metadata?.name ?? '').sort();

describe('connect', () => {
  it('from pasted kubeconfig text, with the context namespace as default and kc exposed', async () => {
    const conn = connect({ source: 'kubeconfig', kubeconfig: plain.kubeconfig });
    expect(conn.namespace).toBe('default');
    expect(conn.kc.getCurrentCluster()?.server).toBe(plain.url);
    expect(conn.warnings).toEqual([]);
    expect((await serverVersion(conn)).gitVersion).toMatch(/^v1\.\d+/);
    const shopConn = connect({ source: 'kubeconfig', kubeconfig: plain.kubeconfig, namespace: 'shop' });
    expect(await names(shopConn)).toEqual(['web-7b9c6d5f8-crashing', 'web-7b9c6d5f8-healthy']);
  });

  it('from a kubeconfig file, picking a context', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube-aiops-'));
    const path = join(dir, 'config');
    const cfg = parse(secured.kubeconfig) as Record<string, unknown[]> & {
      contexts: { name: string; context: Record<string, string> }[];
    };
    cfg.contexts.push({ name: 'shop-ctx', context: { ...cfg.contexts[0].context, namespace: 'shop' } });
    writeFileSync(path, JSON.stringify(cfg));
    const conn = connect({ source: 'kubeconfigFile', path, context: 'shop-ctx' });
    expect(conn.context).toBe('shop-ctx');
    expect(conn.namespace).toBe('shop');
    expect(await names(conn)).toHaveLength(2);
    expect(listContexts(JSON.stringify(cfg)).map((c) => c.name)).toEqual(['kube-aiops-sim', 'shop-ctx']);
    expect(() => connect({ source: 'kubeconfigFile', path, context: 'prod' })).toThrow(
      'context "prod" is not in the kubeconfig; available contexts: kube-aiops-sim, shop-ctx',
    );
    expect(() => connect({ source: 'kubeconfigFile', path: join(dir, 'missing') })).toThrow(
      /kubeconfig file .*missing does not exist/,
    );
  });

  it('from server URL + token + CA (base64 or PEM)', async () => {
    const viaBase64 = connect({
      source: 'token',
      server: secured.url,
      token: TOKEN,
      caData: caBase64,
      namespace: 'shop',
    });
    expect(await names(viaBase64)).toHaveLength(2);
    const pem = Buffer.from(caBase64, 'base64').toString('utf8');
    const viaPem = connect({ source: 'token', server: secured.url, token: TOKEN, caData: pem, namespace: 'shop' });
    expect(await names(viaPem)).toHaveLength(2);
  });

  it('skip-TLS-verify works but is reported as a warning', async () => {
    const conn = connect({
      source: 'token',
      server: secured.url,
      token: TOKEN,
      skipTlsVerify: true,
      namespace: 'shop',
    });
    expect(conn.warnings).toHaveLength(1);
    expect(conn.warnings[0]).toMatch(/^TLS certificate verification is disabled for https:/);
    expect(await names(conn)).toHaveLength(2);
  });

  it('explains TLS, 401, refused connections and missing in-cluster credentials', async () => {
    const noCa = connect({ source: 'token', server: secured.url, token: TOKEN, readAttempts: 1 });
    const tls = (await get(noCa, { kind: 'ns', name: 'shop' }).catch((e: unknown) => e)) as KubeError;
    expect(tls.reason).toBe('TLS');
    expect(tls.message).toMatch(
      new RegExp(`^TLS verification failed for the Kubernetes API at ${secured.url}: .*provide the cluster CA`),
    );

    const badToken = connect({ source: 'token', server: secured.url, token: 'wrong', caData: caBase64 });
    const unauthorized = (await list(badToken, { kind: 'pods' }).catch((e: unknown) => e)) as KubeError;
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.message).toBe(
      `unauthorized: the Kubernetes API at ${secured.url} rejected the credentials; the token or client certificate is missing, invalid or expired — refresh the kubeconfig or token`,
    );

    const nobody = connect({ source: 'token', server: 'http://127.0.0.1:9', token: 't', readAttempts: 1 });
    await expect(list(nobody, { kind: 'pods' })).rejects.toThrow(
      'cannot reach the Kubernetes API at http://127.0.0.1:9: connection refused; check the server address and that the API server is running',
    );

    expect(() => connect({ source: 'inCluster' })).toThrow(/not running inside a Kubernetes pod/);
    expect(() => connect({ source: 'token', server: 'k8s.example.com', token: 't' })).toThrow(
      /must start with https:\/\//,
    );
    expect(() => connect({ source: 'kubeconfig', kubeconfig: '  ' })).toThrow(/kubeconfig text is empty/);
  });

  it('client-node typed APIs work on conn.kc (the diagnosis snapshot uses them)', async () => {
    const { CoreV1Api } = await import('@kubernetes/client-node');
    const conn = connect({ source: 'kubeconfig', kubeconfig: plain.kubeconfig });
    const api = conn.kc.makeApiClient(CoreV1Api);
    const pods = await api.listNamespacedPod({ namespace: 'shop' });
    expect(pods.items).toHaveLength(2);
  });
});
