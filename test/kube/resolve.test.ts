import { apply, describeType, discover, KubeError, resolveKind } from '../../lib/kube';
import { startShop, type ShopSim } from './shop-sim';

let shop: ShopSim;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop.close());

describe('resolveKind through discovery', () => {
  it.each([
    ['Deployment'],
    ['deployment'],
    ['deployments'],
    ['deploy'],
    ['apps/v1/Deployment'],
    ['apps/v1/deployments'],
    ['deployment.apps'],
    ['Deployment.apps'],
    ['deployments.v1.apps'],
  ])('%s → deployments (Deployment, apps/v1)', async (typed) => {
    expect(describeType(await resolveKind(shop.conn, typed))).toBe('deployments (Deployment, apps/v1)');
  });

  it('resolves core kinds, short names and apiVersion + kind pairs', async () => {
    expect(describeType(await resolveKind(shop.conn, 'po'))).toBe('pods (Pod, v1)');
    expect(describeType(await resolveKind(shop.conn, 'v1/Service'))).toBe('services (Service, v1)');
    expect(describeType(await resolveKind(shop.conn, 'svc'))).toBe('services (Service, v1)');
    expect(describeType(await resolveKind(shop.conn, { apiVersion: 'apps/v1', kind: 'ReplicaSet' }))).toBe(
      'replicasets (ReplicaSet, apps/v1)',
    );
    // events exist in core and in events.k8s.io: core wins, as in kubectl
    expect((await resolveKind(shop.conn, 'events')).apiVersion).toBe('v1');
    // the preferred version of a multi-version group, unless one is named
    expect((await resolveKind(shop.conn, 'hpa')).apiVersion).toBe('autoscaling/v2');
    expect((await resolveKind(shop.conn, 'autoscaling/v1/HorizontalPodAutoscaler')).apiVersion).toBe('autoscaling/v1');
    const node = await resolveKind(shop.conn, 'nodes');
    expect(node.namespaced).toBe(false);
  });

  it("resolves a CRD's kind, plural, singular and short name, with its scale subresource", async () => {
    for (const typed of ['Widget', 'widgets', 'widget', 'wd', 'widgets.example.com', 'example.com/v1/Widget']) {
      const t = await resolveKind(shop.conn, typed);
      expect(describeType(t)).toBe('widgets (Widget, example.com/v1)');
      expect(t.subresources).toContain('scale');
    }
  });

  it('fails with close matches for a typo', async () => {
    await expect(resolveKind(shop.conn, 'deploymnt')).rejects.toThrow(
      'unknown resource kind "deploymnt"; did you mean: deployments (Deployment, apps/v1)?',
    );
    const err = await resolveKind(shop.conn, 'widgit').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect((err as KubeError).reason).toBe('UnknownKind');
    expect((err as KubeError).message).toContain('widgets (Widget, example.com/v1)');
  });

  it('says when nothing is close, and when a known kind is asked for in a version not served', async () => {
    await expect(resolveKind(shop.conn, 'zzqqxx')).rejects.toThrow(
      /unknown resource kind "zzqqxx"; the cluster serves no resource with that kind, plural or short name/,
    );
    await expect(resolveKind(shop.conn, 'apps/v2/Deployment')).rejects.toThrow(
      'unknown resource kind "apps/v2/Deployment": Deployment is served only as apps/v1; use one of those API versions',
    );
  });

  it('refreshes discovery on a miss, so a CRD installed after the first lookup resolves', async () => {
    const conn = shop.connect();
    await discover(conn);
    await expect(resolveKind(conn, 'gadget')).rejects.toThrow(/unknown resource kind "gadget"/);
    await apply(
      conn,
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'gadgets.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { kind: 'Gadget', plural: 'gadgets', singular: 'gadget', shortNames: ['gd'] },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
            },
          ],
        },
      } as never,
      { policy: { mode: 'read-write', allowKinds: ['CustomResourceDefinition'] } },
    );
    // the refresh after a miss is throttled (2 s) so that repeated typos do not hammer discovery
    await new Promise((r) => setTimeout(r, 2100));
    expect(describeType(await resolveKind(conn, 'gd'))).toBe('gadgets (Gadget, example.com/v1)');
  });
});
