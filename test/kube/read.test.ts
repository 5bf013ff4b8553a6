import { get, KubeError, list, renderTable, summarizeAll } from '../../lib/kube';
import { startShop, type ShopSim } from './shop-sim';

const configMaps = Array.from({ length: 25 }, (_, i) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: `page-${String(i).padStart(2, '0')}`,
    namespace: 'paging',
    labels: { batch: i % 2 === 0 ? 'even' : 'odd' },
  },
  data: { i: String(i) },
}));

let shop: ShopSim;
beforeAll(async () => {
  shop = await startShop({
    objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'paging' } }, ...configMaps],
  });
});
afterAll(() => shop.close());

describe('get', () => {
  it('reads one object by any kind form, in the connection namespace by default, cleaned', async () => {
    const dep = await get(shop.conn, { kind: 'deploy', name: 'web' });
    expect(dep.kind).toBe('Deployment');
    expect(dep.metadata?.namespace).toBe('shop');
    expect(dep.metadata?.managedFields).toBeUndefined();
    expect(dep.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
    const raw = await get(shop.conn, { kind: 'deploy', name: 'web' }, { raw: true });
    expect(raw.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeDefined();
  });

  it('reads cluster-scoped objects, ignoring a namespace', async () => {
    const node = await get(shop.conn, { kind: 'node', name: 'node-1', namespace: 'shop' });
    expect(node.metadata?.name).toBe('node-1');
  });

  it('fails with a clear sentence for a missing object', async () => {
    const err = (await get(shop.conn, { kind: 'deploy', name: 'nope' }).catch((e: unknown) => e)) as KubeError;
    expect(err).toBeInstanceOf(KubeError);
    expect(err.status).toBe(404);
    expect(err.message).toBe(
      'Deployment "nope" not found in namespace "shop"; check the name and namespace (list deployments to see what exists)',
    );
  });
});

describe('list', () => {
  it('lists in a namespace and across all namespaces, filling in kind on items', async () => {
    const shopPods = await list(shop.conn, { kind: 'pods' });
    expect(shopPods.items.map((p) => p.metadata?.name).sort()).toEqual([
      'web-7b9c6d5f8-crashing',
      'web-7b9c6d5f8-healthy',
    ]);
    expect(shopPods.items.every((p) => p.kind === 'Pod' && p.apiVersion === 'v1')).toBe(true);
    const all = await list(shop.conn, { kind: 'pods', allNamespaces: true });
    expect(all.items.map((p) => p.metadata?.namespace)).toContain('kube-system');
    expect(all.namespace).toBeUndefined();
  });

  it('filters by label and field selectors', async () => {
    const even = await list(shop.conn, { kind: 'cm', namespace: 'paging', labelSelector: 'batch=even' });
    expect(even.items).toHaveLength(13);
    const onNode2 = await list(shop.conn, { kind: 'pods', allNamespaces: true, fieldSelector: 'spec.nodeName=node-2' });
    expect(onNode2.items.map((p) => p.metadata?.name)).toEqual(['web-7b9c6d5f8-crashing']);
  });

  it('pages with limit and continue', async () => {
    const first = await list(shop.conn, { kind: 'configmaps', namespace: 'paging', limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.continue).toBeTruthy();
    const second = await list(shop.conn, {
      kind: 'configmaps',
      namespace: 'paging',
      limit: 10,
      continue: first.continue,
    });
    expect(second.items).toHaveLength(10);
    const names = new Set([...first.items, ...second.items].map((c) => c.metadata?.name));
    expect(names.size).toBe(20);
  });

  it('follows all pages, and stops at maxItems with a continue token', async () => {
    const all = await list(shop.conn, { kind: 'configmaps', namespace: 'paging', allPages: true, limit: 7 });
    expect(all.items.filter((c) => c.metadata?.name?.startsWith('page-'))).toHaveLength(25);
    expect(all.truncated).toBe(false);
    expect(all.continue).toBeUndefined();
    const capped = await list(shop.conn, {
      kind: 'configmaps',
      namespace: 'paging',
      allPages: true,
      limit: 7,
      maxItems: 12,
    });
    expect(capped.items).toHaveLength(12);
    expect(capped.truncated).toBe(true);
    expect(capped.continue).toBeTruthy();
  });

  it('lists custom resources and renders a compact table', async () => {
    const widgets = await list(shop.conn, { kind: 'wd' });
    expect(widgets.items.map((w) => w.metadata?.name)).toEqual(['gizmo']);
    const deps = await list(shop.conn, { kind: 'deployments' });
    const table = renderTable(summarizeAll(deps.items));
    expect(table.split('\n')[0]).toBe('NAME   NAMESPACE   READY   UP-TO-DATE   AVAILABLE   AGE   IMAGES');
    expect(table).toMatch(/web\s+shop\s+1\/2\s+2\s+1\s+\S+\s+nginx:1\.25/);
  });
});
