import { create, get, KubeError, list, scale } from '../../lib/kube';
import { startShop, type ShopSim } from './shop-sim';

const policy = { mode: 'read-write' as const };
let shop: ShopSim;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop.close());
afterEach(() => shop.clearFaults());

const podsPath = '^/api/v1/namespaces/shop/pods$';

describe('reads retry with backoff', () => {
  it('survives two 503s', async () => {
    await shop.fault({ path: podsPath, method: 'GET' }); // a fault that does nothing counts the requests
    await shop.fault({ path: podsPath, method: 'GET', status: 503, count: 2 });
    const pods = await list(shop.conn, { kind: 'pods' });
    expect(pods.items).toHaveLength(2);
    expect(await shop.faultHits()).toEqual([3]);
  });

  it('honours Retry-After on 429', async () => {
    await shop.fault({ path: podsPath, method: 'GET', status: 429, retryAfter: 1, count: 1 });
    const started = Date.now();
    await list(shop.conn, { kind: 'pods' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('survives a dropped connection and a slow answer past the timeout', async () => {
    await shop.fault({ path: podsPath, method: 'GET', drop: true, count: 1 });
    expect((await list(shop.conn, { kind: 'pods' })).items).toHaveLength(2);
    await shop.clearFaults();
    const impatient = shop.connect({ timeoutMs: 300 });
    await shop.fault({ path: podsPath, method: 'GET', latencyMs: 1000, count: 1 });
    expect((await list(impatient, { kind: 'pods' })).items).toHaveLength(2);
  });

  it('gives up after 3 attempts with a clear sentence', async () => {
    await shop.fault({ path: podsPath, method: 'GET', status: 503 });
    const err = (await list(shop.conn, { kind: 'pods' }).catch((e: unknown) => e)) as KubeError;
    expect(await shop.faultHits()).toEqual([3]);
    expect(err.status).toBe(503);
    expect(err.message).toBe(
      `the Kubernetes API at ${shop.url} answered 503 Service Unavailable to list Pod: the server is currently unable to handle the request; the control plane may be overloaded or restarting`,
    );
  });

  it('does not retry what cannot get better (404, 403)', async () => {
    await shop.fault({ path: '^/apis/apps/v1/namespaces/shop/deployments/web$', method: 'GET', status: 403 });
    await expect(get(shop.conn, { kind: 'deploy', name: 'web' })).rejects.toThrow(
      /^forbidden: the current user cannot get deployments in namespace "shop"; grant the permission with a Role and RoleBinding \(RBAC\)/,
    );
    expect(await shop.faultHits()).toEqual([1]);
  });
});

describe('writes are never repeated', () => {
  it('a create hit by a 503 fails once and leaves nothing behind', async () => {
    await shop.fault({ path: '^/api/v1/namespaces/shop/configmaps$', method: 'POST' }); // counts the requests
    await shop.fault({ path: '^/api/v1/namespaces/shop/configmaps$', method: 'POST', status: 503, count: 1 });
    const err = (await create(
      shop.conn,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'once' } },
      { policy },
    ).catch((e: unknown) => e)) as KubeError;
    expect(err).toBeInstanceOf(KubeError);
    expect(err.message).toMatch(
      /answered 503 Service Unavailable to create ConfigMap "once".*the write was not repeated — check the object before trying again$/,
    );
    expect(await shop.faultHits()).toEqual([1]);
    // a retry would have met no fault and created the object
    await expect(get(shop.conn, { kind: 'cm', name: 'once' })).rejects.toMatchObject({ status: 404 });
  });

  it('a scale whose connection drops is not repeated and the audit records the error', async () => {
    const before = await get(shop.conn, { kind: 'deploy', name: 'web' });
    await shop.fault({ path: '/deployments/web/scale$', method: 'PATCH' }); // counts the requests
    await shop.fault({ path: '/deployments/web/scale$', method: 'PATCH', drop: true, count: 1 });
    const err = (await scale(shop.conn, { kind: 'deploy', name: 'web', replicas: 6 }, { policy }).catch(
      (e: unknown) => e,
    )) as KubeError;
    expect(err.message).toMatch(
      /was dropped during scale Deployment "web".*the write may or may not have been applied/,
    );
    expect(err.audit).toMatchObject({ verb: 'scale', allowed: true, error: err.message });
    expect(await shop.faultHits()).toEqual([1]);
    const after = await get(shop.conn, { kind: 'deploy', name: 'web' });
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
    expect((after as { spec?: { replicas?: number } }).spec?.replicas).toBe(2);
  });
});
