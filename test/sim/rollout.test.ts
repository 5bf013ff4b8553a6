/**
 * The simulator's rollout controller seen through @kubernetes/client-node: a pod-template change replaces the pods
 * of a Deployment with Running/Ready ones under a new ReplicaSet (or the matching old one on undo), endpoints and
 * status follow; a scale resizes the ReplicaSet; a workload marked keep-failing keeps failing after a rollout.
 */
import { join } from 'node:path';
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions, type V1Pod } from '@kubernetes/client-node';
import { startTestSim } from '../helpers/sim';
import { rolloutUndo, setResources, connect } from '../../lib/kube';

const DEMO = join(__dirname, '../../sim/scenarios/demo');
type Sim = Awaited<ReturnType<typeof startTestSim>>;

const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const strategic = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);

function appPods(pods: V1Pod[], prefix: string): V1Pod[] {
  return pods.filter((p) => p.metadata?.name?.startsWith(prefix));
}

describe('rollout controller', () => {
  let sim: Sim;
  let core: CoreV1Api;
  let apps: AppsV1Api;

  beforeEach(async () => {
    sim = await startTestSim({ fixtures: [DEMO], rolloutController: true });
    core = sim.kc.makeApiClient(CoreV1Api);
    apps = sim.kc.makeApiClient(AppsV1Api);
  });
  afterEach(() => sim.close());

  it('replaces the OOMKilled pod of shop/app-xyz with a Ready one when its memory limit changes', async () => {
    const before = await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app.kubernetes.io/name=app-xyz' });
    expect(before.items.map((p) => p.metadata?.name)).toEqual(['app-xyz-5969b7fffc-7ndjr']);

    await apps.patchNamespacedDeployment(
      {
        name: 'app-xyz',
        namespace: 'shop',
        body: {
          spec: { template: { spec: { containers: [{ name: 'app', resources: { limits: { memory: '512Mi' } } }] } } },
        },
      },
      strategic,
    );

    const pods = (await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app.kubernetes.io/name=app-xyz' }))
      .items;
    expect(pods).toHaveLength(1);
    const [pod] = pods;
    expect(pod.metadata?.name).not.toBe('app-xyz-5969b7fffc-7ndjr');
    const hash = pod.metadata?.labels?.['pod-template-hash'];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
    expect(hash).not.toBe('5969b7fffc');
    expect(pod.metadata?.name).toMatch(new RegExp(`^app-xyz-${hash}-[a-z0-9]{5}$`));
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    const cs = pod.status?.containerStatuses?.[0];
    expect(cs).toMatchObject({ name: 'app', ready: true, restartCount: 0 });
    expect(cs?.state?.running?.startedAt).toBeDefined();
    expect(cs?.lastState?.terminated).toBeUndefined();
    expect(pod.spec?.containers[0].resources?.limits?.memory).toBe('512Mi');
    expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'ReplicaSet',
      name: `app-xyz-${hash}`,
      controller: true,
    });

    const rsets = (
      await apps.listNamespacedReplicaSet({ namespace: 'shop', labelSelector: 'app.kubernetes.io/name=app-xyz' })
    ).items;
    const byName = Object.fromEntries(rsets.map((rs) => [rs.metadata?.name, rs]));
    expect(byName['app-xyz-5969b7fffc']?.spec?.replicas).toBe(0);
    expect(byName['app-xyz-5969b7fffc']?.status?.replicas).toBe(0);
    expect(byName[`app-xyz-${hash}`]?.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(byName[`app-xyz-${hash}`]?.status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1 });

    const dep = await apps.readNamespacedDeployment({ name: 'app-xyz', namespace: 'shop' });
    expect(dep.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(dep.status).toMatchObject({
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: dep.metadata?.generation,
    });
    expect(dep.status?.unavailableReplicas).toBeUndefined();
    expect(dep.status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
    });

    const ep = await core.readNamespacedEndpoints({ name: 'app-xyz', namespace: 'shop' });
    expect(ep.subsets?.[0].addresses?.map((a) => a.targetRef?.name)).toEqual([pod.metadata?.name]);
    expect(ep.subsets?.[0].notReadyAddresses).toBeUndefined();
    expect(ep.subsets?.[0].ports?.[0].port).toBe(8080);

    // the old pod's metrics went with it; events tell the story
    const events = (await core.listNamespacedEvent({ namespace: 'shop' })).items;
    expect(events.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        `Scaled up replica set app-xyz-${hash} to 1`,
        'Scaled down replica set app-xyz-5969b7fffc to 0 from 1',
      ]),
    );
  });

  it('runs through lib/kube: set resources, then rollout undo reuses the first ReplicaSet', async () => {
    const conn = connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig });
    const opts = { policy: { mode: 'read-write' as const }, actor: 'test' };
    await setResources(
      conn,
      { kind: 'deployment', name: 'app-xyz', namespace: 'shop', limits: { memory: '384Mi' } },
      opts,
    );
    const first = appPods((await core.listNamespacedPod({ namespace: 'shop' })).items, 'app-xyz-');
    expect(first).toHaveLength(1);
    expect(first[0].status?.containerStatuses?.[0].ready).toBe(true);

    await rolloutUndo(conn, { kind: 'deployment', name: 'app-xyz', namespace: 'shop' }, opts);
    const back = appPods((await core.listNamespacedPod({ namespace: 'shop' })).items, 'app-xyz-');
    expect(back).toHaveLength(1);
    expect(back[0].metadata?.labels?.['pod-template-hash']).toBe('5969b7fffc');
    expect(back[0].spec?.containers[0].resources?.limits?.memory).toBe('256Mi');
    const rs = await apps.readNamespacedReplicaSet({ name: 'app-xyz-5969b7fffc', namespace: 'shop' });
    expect(rs.spec?.replicas).toBe(1);
    expect(rs.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    const dep = await apps.readNamespacedDeployment({ name: 'app-xyz', namespace: 'shop' });
    expect(dep.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('a rollout restart replaces the pods; a scale resizes the ReplicaSet without a new revision', async () => {
    const restartedAt = new Date().toISOString();
    await apps.patchNamespacedDeployment(
      {
        name: 'web',
        namespace: 'default',
        body: {
          spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } } },
        },
      },
      merge,
    );
    const pods = appPods((await core.listNamespacedPod({ namespace: 'default' })).items, 'web-');
    expect(pods).toHaveLength(2);
    expect(new Set(pods.map((p) => p.metadata?.labels?.['pod-template-hash'])).size).toBe(1);
    expect(pods.every((p) => p.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] === restartedAt)).toBe(
      true,
    );
    const revision = (await apps.readNamespacedDeployment({ name: 'web', namespace: 'default' })).metadata
      ?.annotations?.['deployment.kubernetes.io/revision'];
    expect(revision).toBe('3');

    await apps.patchNamespacedDeployment({ name: 'web', namespace: 'default', body: { spec: { replicas: 4 } } }, merge);
    const scaled = appPods((await core.listNamespacedPod({ namespace: 'default' })).items, 'web-');
    expect(scaled).toHaveLength(4);
    const dep = await apps.readNamespacedDeployment({ name: 'web', namespace: 'default' });
    expect(dep.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(dep.status).toMatchObject({ replicas: 4, readyReplicas: 4 });

    await apps.patchNamespacedDeployment({ name: 'web', namespace: 'default', body: { spec: { replicas: 1 } } }, merge);
    expect(appPods((await core.listNamespacedPod({ namespace: 'default' })).items, 'web-')).toHaveLength(1);
  });

  it('fixes the image typo of default/nginx-test when set image corrects the tag', async () => {
    await apps.patchNamespacedDeployment(
      {
        name: 'nginx-test',
        namespace: 'default',
        body: { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:latest' }] } } } },
      },
      strategic,
    );
    const pods = appPods((await core.listNamespacedPod({ namespace: 'default' })).items, 'nginx-test-');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.status?.phase).toBe('Running');
      expect(p.status?.containerStatuses?.[0]).toMatchObject({ image: 'nginx:latest', ready: true });
    }
  });

  it('keeps failing when the scenario says so: new pods copy the failure, the Deployment stays unavailable', async () => {
    await sim.close();
    sim = await startTestSim({
      fixtures: [DEMO],
      rolloutController: true,
      objects: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: {
            name: 'stubborn',
            namespace: 'shop',
            annotations: { 'sim.kube-aiops.io/keep-failing': 'true' },
            uid: 'b0b0b0b0-0000-4000-8000-000000000001',
          },
          spec: {
            replicas: 1,
            selector: { matchLabels: { app: 'stubborn' } },
            template: {
              metadata: { labels: { app: 'stubborn' } },
              spec: { containers: [{ name: 'app', image: 'stubborn:1', resources: { limits: { memory: '64Mi' } } }] },
            },
          },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            name: 'stubborn-abc',
            namespace: 'shop',
            labels: { app: 'stubborn', 'pod-template-hash': 'abc' },
            annotations: { 'deployment.kubernetes.io/revision': '1' },
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'Deployment',
                name: 'stubborn',
                uid: 'b0b0b0b0-0000-4000-8000-000000000001',
                controller: true,
              },
            ],
            uid: 'b0b0b0b0-0000-4000-8000-000000000002',
          },
          spec: {
            replicas: 1,
            selector: { matchLabels: { app: 'stubborn', 'pod-template-hash': 'abc' } },
            template: {
              metadata: { labels: { app: 'stubborn', 'pod-template-hash': 'abc' } },
              spec: { containers: [{ name: 'app', image: 'stubborn:1', resources: { limits: { memory: '64Mi' } } }] },
            },
          },
        },
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: 'stubborn-abc-zzzzz',
            namespace: 'shop',
            labels: { app: 'stubborn', 'pod-template-hash': 'abc' },
            annotations: { 'sim.kube-aiops.io/previous-logs-app': 'out of memory\n' },
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: 'stubborn-abc',
                uid: 'b0b0b0b0-0000-4000-8000-000000000002',
                controller: true,
              },
            ],
          },
          spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'stubborn:1' }] },
          status: {
            phase: 'Running',
            conditions: [{ type: 'Ready', status: 'False' }],
            containerStatuses: [
              {
                name: 'app',
                image: 'stubborn:1',
                ready: false,
                restartCount: 4,
                state: { waiting: { reason: 'CrashLoopBackOff' } },
                lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
              },
            ],
          },
        },
      ],
    });
    core = sim.kc.makeApiClient(CoreV1Api);
    apps = sim.kc.makeApiClient(AppsV1Api);
    await apps.patchNamespacedDeployment(
      {
        name: 'stubborn',
        namespace: 'shop',
        body: {
          spec: { template: { spec: { containers: [{ name: 'app', resources: { limits: { memory: '128Mi' } } }] } } },
        },
      },
      strategic,
    );
    const pods = appPods((await core.listNamespacedPod({ namespace: 'shop' })).items, 'stubborn-');
    expect(pods).toHaveLength(1);
    expect(pods[0].metadata?.name).not.toBe('stubborn-abc-zzzzz');
    expect(pods[0].status?.containerStatuses?.[0]).toMatchObject({
      ready: false,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { reason: 'OOMKilled' } },
    });
    expect(pods[0].spec?.containers[0].resources?.limits?.memory).toBe('128Mi');
    const log = await core.readNamespacedPodLog({
      name: pods[0].metadata?.name ?? '',
      namespace: 'shop',
      previous: true,
    });
    expect(log).toContain('out of memory');
    const dep = await apps.readNamespacedDeployment({ name: 'stubborn', namespace: 'shop' });
    expect(dep.status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({ status: 'False' });
    expect(dep.status?.unavailableReplicas).toBe(1);
  });
});
