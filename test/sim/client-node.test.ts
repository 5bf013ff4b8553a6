/** The simulator driven by the real @kubernetes/client-node: typed APIs, the generic object API, logs and metrics. */
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  Log,
  Metrics,
  PatchStrategy,
  setHeaderOptions,
  type KubernetesObject,
  type V1Pod,
} from '@kubernetes/client-node';
import { startTestSim } from '../helpers/sim';

const FIXTURES = join(__dirname, '../fixtures/sim');

type Sim = Awaited<ReturnType<typeof startTestSim>>;

async function failure(p: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiException)
      return { code: err.code, body: JSON.parse(String(err.body)) as Record<string, unknown> };
    throw err;
  }
  throw new Error('expected the request to fail');
}

describe('simulator with @kubernetes/client-node', () => {
  let sim: Sim;
  let core: CoreV1Api;
  let apps: AppsV1Api;

  beforeAll(async () => {
    sim = await startTestSim({ fixtures: [join(FIXTURES, 'cluster.yaml'), join(FIXTURES, 'configmaps.json')] });
    core = sim.kc.makeApiClient(CoreV1Api);
    apps = sim.kc.makeApiClient(AppsV1Api);
  });
  afterAll(() => sim.close());

  it('lists pods in all namespaces and in one namespace, with statuses from the fixtures', async () => {
    const all = await core.listPodForAllNamespaces();
    expect(all.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`)).toEqual([
      'default/batch-1',
      'shop/api-0',
      'shop/web-7d4b9c-aaaaa',
      'shop/web-7d4b9c-bbbbb',
    ]);
    const shop = await core.listNamespacedPod({ namespace: 'shop' });
    expect(shop.items).toHaveLength(3);
    const api = shop.items.find((p) => p.metadata?.name === 'api-0');
    expect(api?.status?.containerStatuses?.[0].state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(api?.status?.podIPs).toEqual([{ ip: '10.244.0.9' }]);
    expect(Number(all.metadata?.resourceVersion)).toBeGreaterThan(0);
  });

  it('hides sim.kube-aiops.io annotations but keeps others', async () => {
    const pod = await core.readNamespacedPod({ name: 'api-0', namespace: 'shop' });
    expect(pod.metadata?.annotations).toBeUndefined();
    expect(JSON.stringify(pod)).not.toContain('sim.kube-aiops.io');
  });

  it('creates, reads, replaces and deletes a ConfigMap with resourceVersion semantics', async () => {
    const created = await core.createNamespacedConfigMap({
      namespace: 'shop',
      body: { metadata: { name: 'cfg' }, data: { k: 'v' } },
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    const rv1 = created.metadata?.resourceVersion;
    const updated = await core.replaceNamespacedConfigMap({
      name: 'cfg',
      namespace: 'shop',
      body: { ...created, data: { k: 'v2' } },
    });
    expect(updated.data).toEqual({ k: 'v2' });
    expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(Number(rv1));
    const stale = await failure(
      core.replaceNamespacedConfigMap({ name: 'cfg', namespace: 'shop', body: { ...created, data: { k: 'v3' } } }),
    );
    expect(stale.code).toBe(409);
    expect(stale.body.reason).toBe('Conflict');
    expect(stale.body.message).toBe(
      'Operation cannot be fulfilled on configmaps "cfg": the object has been modified; please apply your changes to the latest version and try again',
    );
    await core.deleteNamespacedConfigMap({ name: 'cfg', namespace: 'shop' });
    const gone = await failure(core.readNamespacedConfigMap({ name: 'cfg', namespace: 'shop' }));
    expect(gone.code).toBe(404);
    expect(gone.body).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'NotFound',
      message: 'configmaps "cfg" not found',
      details: { name: 'cfg', kind: 'configmaps' },
      code: 404,
    });
  });

  it('reports AlreadyExists with the group-qualified resource', async () => {
    const dup = await failure(
      apps.createNamespacedDeployment({
        namespace: 'shop',
        body: {
          metadata: { name: 'web' },
          spec: {
            selector: { matchLabels: { app: 'web' } },
            template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
          },
        },
      }),
    );
    expect(dup.code).toBe(409);
    expect(dup.body.message).toBe('deployments.apps "web" already exists');
    expect(dup.body.details).toEqual({ name: 'web', group: 'apps', kind: 'deployments' });
  });

  it('patches a deployment with strategic merge (containers by name) and bumps generation only on spec changes', async () => {
    const before = await apps.readNamespacedDeployment({ name: 'web', namespace: 'shop' });
    const patched = await apps.patchNamespacedDeployment(
      {
        name: 'web',
        namespace: 'shop',
        body: {
          spec: {
            template: {
              spec: { containers: [{ name: 'nginx', image: 'nginx:1.28', env: [{ name: 'EXTRA', value: '1' }] }] },
            },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    const c = patched.spec?.template.spec?.containers ?? [];
    expect(c).toHaveLength(1);
    expect(c[0].image).toBe('nginx:1.28');
    expect(c[0].env).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'EXTRA', value: '1' },
    ]);
    expect(patched.metadata?.generation).toBe((before.metadata?.generation ?? 0) + 1);
    const labelled = await apps.patchNamespacedDeployment(
      { name: 'web', namespace: 'shop', body: { metadata: { labels: { extra: 'yes' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(labelled.metadata?.generation).toBe(patched.metadata?.generation);
    expect(labelled.metadata?.labels).toEqual({ app: 'web', extra: 'yes' });
    // status is ignored on the main resource and written through /status without touching generation
    const status = await apps.patchNamespacedDeploymentStatus(
      { name: 'web', namespace: 'shop', body: { status: { readyReplicas: 1 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(status.status?.readyReplicas).toBe(1);
    expect(status.metadata?.generation).toBe(patched.metadata?.generation);
  });

  it('applies a JSON patch and scales through the scale subresource', async () => {
    const jp = await apps.patchNamespacedDeployment(
      { name: 'web', namespace: 'shop', body: [{ op: 'replace', path: '/spec/replicas', value: 4 }] },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    expect(jp.spec?.replicas).toBe(4);
    const scale = await apps.readNamespacedDeploymentScale({ name: 'web', namespace: 'shop' });
    expect(scale).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 4 },
      status: { selector: 'app=web' },
    });
    await apps.replaceNamespacedDeploymentScale({
      name: 'web',
      namespace: 'shop',
      body: { ...scale, spec: { replicas: 1 } },
    });
    expect((await apps.readNamespacedDeployment({ name: 'web', namespace: 'shop' })).spec?.replicas).toBe(1);
  });

  it('server-side applies with a field manager, creating when absent and removing fields it no longer sends', async () => {
    const objects = KubernetesObjectApi.makeApiClient(sim.kc);
    const spec: KubernetesObject & { data: Record<string, string> } = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'applied', namespace: 'shop' },
      data: { a: '1', b: '2' },
    };
    const first = await objects.patch(spec, undefined, undefined, 'tests', true, PatchStrategy.ServerSideApply);
    expect(first.data).toEqual({ a: '1', b: '2' });
    const second = (await objects.patch(
      { ...spec, data: { a: '1' } },
      undefined,
      undefined,
      'tests',
      true,
      PatchStrategy.ServerSideApply,
    )) as typeof spec & {
      metadata: { managedFields?: { manager: string; operation: string }[] };
    };
    expect(second.data).toEqual({ a: '1' });
    expect(second.metadata.managedFields?.some((m) => m.manager === 'tests' && m.operation === 'Apply')).toBe(true);
  });

  it('reads, lists and deletes through KubernetesObjectApi, resolving kinds by discovery', async () => {
    const objects = KubernetesObjectApi.makeApiClient(sim.kc);
    const svc = await objects.read({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' } });
    expect((svc as { spec?: { clusterIP?: string } }).spec?.clusterIP).toBe('10.96.10.10');
    const nodes = await objects.list('v1', 'Node');
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(['node-a', 'node-b']);
    const created = await objects.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's1', namespace: 'shop' },
      stringData: { p: 'x' },
    } as KubernetesObject);
    expect(created.metadata?.uid).toBeTruthy();
    await objects.delete({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's1', namespace: 'shop' } });
    await expect(
      objects.read({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's1', namespace: 'shop' } }),
    ).rejects.toThrow();
  });

  it('streams logs through Log with container, previous and tailLines', async () => {
    const read = async (
      container: string,
      options: { previous?: boolean; tailLines?: number; timestamps?: boolean },
    ) => {
      const out = new PassThrough();
      let text = '';
      out.on('data', (d: Buffer) => (text += d.toString()));
      const finished = new Promise<void>((resolve) => out.on('finish', () => resolve()));
      await new Log(sim.kc).log('shop', 'api-0', container, out, options);
      await finished;
      return text;
    };
    expect(await read('app', {})).toBe('boot\nconnecting to db\npanic: out of memory\n');
    expect(await read('app', { tailLines: 1 })).toBe('panic: out of memory\n');
    expect(await read('app', { previous: true })).toBe('boot (previous)\npanic: out of memory (previous)\n');
    expect(await read('app', { tailLines: 1, timestamps: true })).toBe('2026-11-24T05:59:02Z panic: out of memory\n');
  });

  it('serves PodMetrics and NodeMetrics through Metrics', async () => {
    const metrics = new Metrics(sim.kc);
    const nodes = await metrics.getNodeMetrics();
    expect(nodes.items.map((n) => [n.metadata.name, n.usage.cpu])).toEqual([
      ['node-a', '1'],
      ['node-b', '500m'],
    ]);
    const pods = await metrics.getPodMetrics('shop');
    expect(pods.items.find((p) => p.metadata.name === 'api-0')?.containers.map((c) => c.usage.memory)).toEqual([
      '240Mi',
      '20Mi',
    ]);
  });

  it('creates pods the way the apiserver does: defaults, Pending status, generateName', async () => {
    const pod: V1Pod = await core.createNamespacedPod({
      namespace: 'shop',
      body: {
        metadata: { generateName: 'job-' },
        spec: { containers: [{ name: 'c', image: 'busybox', resources: { limits: { cpu: '1', memory: '1Gi' } } }] },
      },
    });
    expect(pod.metadata?.name).toMatch(/^job-[a-z0-9]{5}$/);
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
    expect(pod.spec?.containers[0].imagePullPolicy).toBe('Always');
    expect(pod.spec?.restartPolicy).toBe('Always');
    expect(pod.spec?.serviceAccountName).toBe('default');
    const missingNs = await failure(
      core.createNamespacedPod({
        namespace: 'nowhere',
        body: { metadata: { name: 'x' }, spec: { containers: [{ name: 'c', image: 'i' }] } },
      }),
    );
    expect(missingNs.code).toBe(404);
    expect(missingNs.body.message).toBe('namespaces "nowhere" not found');
    const noName = await failure(
      core.createNamespacedPod({ namespace: 'shop', body: { spec: { containers: [{ name: 'c', image: 'i' }] } } }),
    );
    expect(noName.code).toBe(422);
    expect(noName.body.reason).toBe('Invalid');
    expect(noName.body.message).toBe(
      'Pod "" is invalid: metadata.name: Required value: name or generateName is required',
    );
  });
});
