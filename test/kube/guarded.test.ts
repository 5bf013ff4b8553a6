import type { KubernetesObject } from '@kubernetes/client-node';
import { memorySink, type WritePolicy } from '../../lib/guard';
import { apply, create, get, KubeError, list, remove, scale } from '../../lib/kube';
import { startShop, type ShopSim } from './shop-sim';

let shop: ShopSim;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop.close());

const replicas = async (): Promise<number | undefined> =>
  ((await get(shop.conn, { kind: 'deploy', name: 'web' })) as { spec?: { replicas?: number } }).spec?.replicas;
const configMapNames = async (ns: string): Promise<string[]> =>
  (await list(shop.conn, { kind: 'cm', namespace: ns })).items.map((c) => c.metadata?.name ?? '');
const refusal = (p: Promise<unknown>): Promise<KubeError> =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: KubeError) => e,
  );

describe('the write policy is checked before any request', () => {
  it('read-only refuses, sends nothing, and audits the refusal', async () => {
    const audit = memorySink();
    await shop.fault({ path: '.*', method: 'PATCH', status: 500 }); // any PATCH reaching the server would fail loudly
    const err = await refusal(
      scale(
        shop.conn,
        { kind: 'deploy', name: 'web', replicas: 9 },
        { policy: { mode: 'read-only' }, audit, actor: 'alice' },
      ),
    );
    expect((await shop.faultHits())[0]).toBe(0);
    await shop.clearFaults();
    expect(err.reason).toBe('PolicyDenied');
    expect(err.message).toMatch(/^refused: scale Deployment shop\/web — the write policy is read-only/);
    expect(audit.records).toEqual([
      expect.objectContaining({
        actor: 'alice',
        verb: 'scale',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        allowed: false,
        reason: err.message,
      }),
    ]);
    expect(err.audit).toEqual(audit.records[0]);
    expect(await replicas()).toBe(2);
  });

  it('refuses writes in protected namespaces and to denied kinds', async () => {
    const rw: WritePolicy = { mode: 'read-write' };
    const ks = await refusal(
      remove(shop.conn, { kind: 'pod', name: 'coredns-abc', namespace: 'kube-system' }, { policy: rw }),
    );
    expect(ks.message).toContain('namespace kube-system is protected by the write policy');
    expect((await list(shop.conn, { kind: 'pods', namespace: 'kube-system' })).items).toHaveLength(1);
    const secret = await refusal(remove(shop.conn, { kind: 'secret', name: 'db-credentials' }, { policy: rw }));
    expect(secret.message).toContain('writes to Secret are denied by default');
    await get(shop.conn, { kind: 'secret', name: 'db-credentials' });
  });

  it('forces dry run in dry-run mode and says so', async () => {
    const audit = memorySink();
    const r = await scale(
      shop.conn,
      { kind: 'deploy', name: 'web', replicas: 4 },
      { policy: { mode: 'dry-run' }, audit },
    );
    expect(r.dryRun).toBe(true);
    expect(r.after).toEqual({ 'spec.replicas': 4 });
    expect(r.warnings.join(' ')).toContain('dry-run mode');
    expect(audit.records[0]).toMatchObject({
      dryRun: true,
      allowed: true,
      before: { 'spec.replicas': 2 },
      after: { 'spec.replicas': 4 },
    });
    expect(await replicas()).toBe(2);
  });

  it('audits a done write with its changed fields', async () => {
    const audit = memorySink();
    await scale(
      shop.conn,
      { kind: 'deploy', name: 'web', replicas: 2 },
      { policy: { mode: 'read-write', verbs: ['scale'] }, audit },
    );
    expect(audit.records).toHaveLength(1);
    expect(audit.records[0]).toMatchObject({ verb: 'scale', dryRun: false, allowed: true });
  });
});

describe('multi-document apply is all or nothing', () => {
  const cm = (name: string, namespace = 'shop'): KubernetesObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace },
  });

  it('one document refused by the policy applies nothing', async () => {
    const audit = memorySink();
    const err = await refusal(
      apply(shop.conn, [cm('all-a'), cm('all-b', 'kube-system'), cm('all-c')], {
        policy: { mode: 'read-write' },
        audit,
      }),
    );
    expect(err.message).toMatch(
      /^nothing was applied — document 2 \(ConfigMap kube-system\/all-b\): refused: .*namespace kube-system is protected/,
    );
    expect(await configMapNames('shop')).not.toEqual(expect.arrayContaining(['all-a']));
    expect(await configMapNames('shop')).not.toContain('all-c');
    expect(audit.records.map((r) => r.allowed)).toEqual([false, false, false]);
  });

  it('one document the server rejects (dry run) applies nothing', async () => {
    const bad = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'broken' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c' }] } },
      },
    };
    const err = await refusal(apply(shop.conn, [cm('srv-a'), bad, cm('srv-c')], { policy: { mode: 'read-write' } }));
    expect(err.message).toMatch(
      /^nothing was applied — document 2 \(Deployment shop\/broken\) failed the server dry run: Deployment "broken" is invalid: spec\.template\.spec\.containers\[0\]\.image/,
    );
    const names = await configMapNames('shop');
    expect(names).not.toContain('srv-a');
    expect(names).not.toContain('srv-c');
  });

  it('an unknown kind in any document applies nothing', async () => {
    const err = await refusal(
      apply(shop.conn, [cm('kind-a'), { apiVersion: 'example.com/v1', kind: 'Gizmo', metadata: { name: 'x' } }], {
        policy: { mode: 'read-write' },
      }),
    );
    expect(err.message).toMatch(/^nothing was applied — document 2: unknown resource kind "example.com\/v1\/Gizmo"/);
    expect(await configMapNames('shop')).not.toContain('kind-a');
  });

  it('create follows the same rule', async () => {
    await refusal(
      create(shop.conn, [cm('cr-a'), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cr-s' } }], {
        policy: { mode: 'read-write' },
      }),
    );
    expect(await configMapNames('shop')).not.toContain('cr-a');
  });
});
