/**
 * Identical reads share one API server request: in flight always, and for `cacheMs` afterwards. Counted by the
 * simulator itself (GET /_sim/requests), so what is asserted is what reached the server.
 */
import { CoreV1Api } from '@kubernetes/client-node';
import { get, list, read, scale, KubeError, type KubeConnection } from '../../lib/kube';
import { identityOf, sharedGet, type RawAnswer } from '../../lib/kube/read-share';
import { write } from '../../lib/kube/retry';
import { startShop, type ShopSim } from './shop-sim';

let shop: ShopSim;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop.close());
afterEach(() => shop.clearFaults());

async function counts(): Promise<Record<string, number>> {
  const res = await fetch(`${shop.url}/_sim/requests`);
  return ((await res.json()) as { byVerbResource: Record<string, number> }).byVerbResource;
}
async function resetCounts(): Promise<void> {
  await fetch(`${shop.url}/_sim/requests`, { method: 'DELETE' });
}
/** discovery is cached per connection; warm it so only the reads under test are counted */
async function warm(conn: KubeConnection): Promise<KubeConnection> {
  await list(conn, { kind: 'configmaps' });
  await resetCounts();
  return conn;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the simulator counts requests', () => {
  it('by verb and resource, resettable, as client-node sends them', async () => {
    await resetCounts();
    const core = shop.connect().kc.makeApiClient(CoreV1Api);
    await core.listNamespacedPod({ namespace: 'shop' });
    await core.listNamespacedPod({ namespace: 'shop' });
    await core.readNamespace({ name: 'shop' });
    expect(await counts()).toEqual({ 'list pods': 2, 'get namespaces': 1 });
    await resetCounts();
    expect(await counts()).toEqual({});
  });
});

describe('identical reads share one request', () => {
  it('10 concurrent identical lists → 1 list on the server, each caller with its own copy', async () => {
    const conn = await warm(shop.connect());
    const results = await Promise.all(Array.from({ length: 10 }, () => list(conn, { kind: 'pods' })));
    expect((await counts())['list pods']).toBe(1);
    expect(results.every((r) => r.items.length === results[0].items.length && r.items.length > 0)).toBe(true);
    results[0].items[0].metadata!.name = 'changed-by-one-caller';
    expect(results[1].items[0].metadata!.name).not.toBe('changed-by-one-caller');
  });

  it('10 concurrent identical gets across separate connections with the same credential → 1 get', async () => {
    const conns = await Promise.all(Array.from({ length: 10 }, () => warm(shop.connect())));
    await resetCounts();
    const pods = await list(conns[0], { kind: 'pods' });
    const name = pods.items[0].metadata!.name!;
    await resetCounts();
    await Promise.all(conns.map((c) => get(c, { kind: 'pods', name })));
    expect((await counts())['get pods']).toBe(1);
  });

  it('different queries are different requests', async () => {
    const conn = await warm(shop.connect());
    await Promise.all([
      list(conn, { kind: 'pods' }),
      list(conn, { kind: 'pods', labelSelector: 'app=web' }),
      list(conn, { kind: 'pods', labelSelector: 'app=web' }),
    ]);
    expect((await counts())['list pods']).toBe(2);
  });

  it('without cacheMs, a read after the first has finished goes to the server again', async () => {
    const conn = await warm(shop.connect());
    await list(conn, { kind: 'pods' });
    await list(conn, { kind: 'pods' });
    expect((await counts())['list pods']).toBe(2);
  });
});

describe('the short-lived cache', () => {
  it('serves repeats within cacheMs and asks again after it', async () => {
    const conn = await warm(shop.connect({ cacheMs: 400 }));
    await list(conn, { kind: 'services' });
    await list(conn, { kind: 'services' });
    expect((await counts())['list services']).toBe(1);
    await sleep(500);
    await list(conn, { kind: 'services' });
    expect((await counts())['list services']).toBe(2);
  });

  it('never keeps errors', async () => {
    const conn = await warm(shop.connect({ cacheMs: 5000, readAttempts: 1 }));
    await shop.fault({ path: '^/api/v1/namespaces/shop/endpoints$', method: 'GET', status: 503, count: 1 });
    await expect(list(conn, { kind: 'endpoints' })).rejects.toBeInstanceOf(KubeError);
    const after = await list(conn, { kind: 'endpoints' });
    expect(after.items).toBeDefined();
    expect((await counts())['list endpoints']).toBe(2);
  });

  it('a write that lost its socket clears it too: it may have been applied', async () => {
    const conn = await warm(shop.connect({ cacheMs: 5000 }));
    await list(conn, { kind: 'configmaps' });
    await resetCounts();
    await shop.fault({ path: '^/api/v1/namespaces/shop/configmaps$', method: 'POST', drop: true, count: 1 });
    await expect(
      write(conn, {
        method: 'POST',
        path: '/api/v1/namespaces/shop/configmaps',
        body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'lost-socket' } },
      }),
    ).rejects.toBeInstanceOf(KubeError);
    await list(conn, { kind: 'configmaps' });
    expect((await counts())['list configmaps']).toBe(1);
  });

  it('a write clears it, and the reads a write makes go to the server', async () => {
    const conn = await warm(shop.connect({ cacheMs: 5000 }));
    const scalePath = '/apis/apps/v1/namespaces/shop/deployments/web/scale';
    const cached = (await read<{ spec: { replicas: number } }>(conn, { path: scalePath })).body.spec.replicas;
    await get(conn, { kind: 'deployments', name: 'web' });
    await resetCounts();
    await read(conn, { path: scalePath });
    expect(await counts()).toEqual({});
    await scale(conn, { kind: 'deployments', name: 'web', replicas: cached + 1 }, { policy: { mode: 'read-write' } });
    expect((await counts())['get deployments.apps/scale']).toBe(1);
    expect((await counts())['patch deployments.apps/scale'] ?? (await counts())['update deployments.apps/scale']).toBe(
      1,
    );
    const after = await get<{ apiVersion: string; kind: string; spec: { replicas: number } }>(conn, {
      kind: 'deployments',
      name: 'web',
    });
    expect(after.spec.replicas).toBe(cached + 1);
    expect((await counts())['get deployments.apps']).toBe(1);
  });
});

describe('who shares', () => {
  const server = 'https://k8s.example:6443';
  it('two kubeconfig username/password users (client-node sets them as `auth`, not a header) never share', () => {
    expect(identityOf(server, { auth: 'alice:pw1' })).not.toBe(identityOf(server, { auth: 'bob:pw2' }));
    expect(identityOf(server, { auth: 'alice:pw1' })).toBe(identityOf(server, { auth: 'alice:pw1' }));
  });
  it('bearer tokens, client certificates (PEM or PKCS#12) and servers each tell identities apart', () => {
    const base = identityOf(server, { headers: { Authorization: 'Bearer a' } });
    expect(identityOf(server, { headers: { Authorization: 'Bearer b' } })).not.toBe(base);
    expect(identityOf('https://other:6443', { headers: { Authorization: 'Bearer a' } })).not.toBe(base);
    expect(identityOf(server, { cert: Buffer.from('CERT-1') })).not.toBe(identityOf(server, { cert: 'CERT-2' }));
    expect(identityOf(server, { pfx: Buffer.from('P1') })).not.toBe(identityOf(server, { pfx: Buffer.from('P2') }));
    // fields do not run into each other: a token ending where a certificate begins is another identity
    expect(identityOf(server, { auth: 'ab' })).not.toBe(identityOf(server, { auth: 'a', cert: 'b' }));
  });
});

describe('cacheMs bounds', () => {
  it('is capped at 10 s and never negative, whatever the caller asks', () => {
    expect(shop.connect({ cacheMs: 3_600_000 }).cacheMs).toBe(10_000);
    expect(shop.connect({ cacheMs: -5 }).cacheMs).toBe(0);
    expect(shop.connect({ cacheMs: 400 }).cacheMs).toBe(400);
  });
});

test('callers joining one answer get it one turn of the event loop at a time, each finishing before the next', async () => {
  let answer: (a: RawAnswer) => void = () => undefined;
  const exchange = () => new Promise<RawAnswer>((r) => (answer = r));
  const order: string[] = [];
  const caller = async (name: string) => {
    const raw = await sharedGet('test-identity', 'json http://x/api/v1/pods', 0, exchange);
    // a caller's own work after the answer: parse, then a few awaits (render, redact, answer)
    JSON.parse(raw.text);
    order.push(`${name}1`);
    await Promise.resolve();
    order.push(`${name}2`);
    await Promise.resolve();
    order.push(`${name}3`);
  };
  const all = Promise.all(['a', 'b', 'c'].map(caller));
  answer({ status: 200, headers: {}, text: '{"items":[]}' });
  await all;
  expect(order).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'c1', 'c2', 'c3']);
});
