import {
  describe as describeObject,
  events,
  KubeError,
  logs,
  ownerChain,
  get,
  topNodes,
  topPods,
} from '../../lib/kube';
import { startShop, type ShopSim } from './shop-sim';

const ago = (minutes: number): string =>
  new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const event = (
  name: string,
  kind: string,
  object: string,
  type: string,
  reason: string,
  message: string,
  minutesAgo: number,
) => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'shop' },
  involvedObject: { kind, name: object, namespace: 'shop' },
  type,
  reason,
  message,
  count: 1,
  firstTimestamp: ago(minutesAgo),
  lastTimestamp: ago(minutesAgo),
  source: { component: 'kubelet' },
});

const objects = [
  event('e1', 'Pod', 'web-7b9c6d5f8-crashing', 'Warning', 'BackOff', 'Back-off restarting failed container app', 2),
  event('e2', 'Pod', 'web-7b9c6d5f8-crashing', 'Normal', 'Pulled', 'Container image "nginx:1.25" already present', 90),
  event('e3', 'Pod', 'web-7b9c6d5f8-healthy', 'Normal', 'Started', 'Started container app', 5),
  event('e4', 'Deployment', 'web', 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-7b9c6d5f8 to 2', 60),
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'chatty',
      namespace: 'shop',
      annotations: {
        'sim.kube-aiops.io/logs-main': Array.from(
          { length: 50 },
          (_, i) => `line ${i} ${i % 10 === 0 ? 'ERROR boom' : 'ok'}`,
        ).join('\n'),
      },
    },
    spec: {
      containers: [
        { name: 'main', image: 'busybox' },
        { name: 'sidecar', image: 'envoy' },
      ],
    },
    status: {
      phase: 'Running',
      containerStatuses: [
        { name: 'main', ready: true, restartCount: 0, image: 'busybox', imageID: '', state: { running: {} } },
        { name: 'sidecar', ready: true, restartCount: 0, image: 'envoy', imageID: '', state: { running: {} } },
      ],
    },
  },
];

let shop: ShopSim;
beforeAll(async () => {
  shop = await startShop({ objects });
});
afterAll(() => shop.close());

describe('events', () => {
  it('lists an object’s events oldest first', async () => {
    const rows = await events(shop.conn, { object: { kind: 'pod', name: 'web-7b9c6d5f8-crashing' } });
    expect(rows.map((r) => r.reason)).toEqual(['Pulled', 'BackOff']);
    expect(rows[1]).toMatchObject({
      type: 'Warning',
      object: 'pod/web-7b9c6d5f8-crashing',
      count: '1',
      lastSeen: expect.stringMatching(/^(11\ds|2m(\d+s)?)$/),
    });
  });

  it('filters warnings only and by since', async () => {
    expect((await events(shop.conn, { warningsOnly: true })).map((r) => r.reason)).toEqual(['BackOff']);
    expect((await events(shop.conn, { since: '10m' })).map((r) => r.reason)).toEqual(['Started', 'BackOff']);
    expect(await events(shop.conn, { namespace: 'kube-system' })).toEqual([]);
  });
});

describe('describe', () => {
  it('describes a deployment: summary, pods with status, events, text', async () => {
    const d = await describeObject(shop.conn, { kind: 'deploy', name: 'web' });
    expect(d.summary).toMatchObject({ name: 'web', ready: '1/2', images: 'nginx:1.25' });
    expect(d.pods?.map((p) => `${p.name} ${p.status} ${p.ready}`).sort()).toEqual([
      'web-7b9c6d5f8-crashing CrashLoopBackOff 0/1',
      'web-7b9c6d5f8-healthy Running 1/1',
    ]);
    expect(d.events.map((e) => e.reason)).toEqual(['ScalingReplicaSet']);
    expect(d.owners).toEqual([]);
    expect(d.text).toContain('Deployment shop/web (apps/v1)');
    expect(d.text).toMatch(/web-7b9c6d5f8-crashing\s+shop\s+CrashLoopBackOff\s+0\/1\s+5 \(/);
    expect(d.text).toContain('ScalingReplicaSet');
  });

  it('follows a pod’s owner chain to the Deployment', async () => {
    const d = await describeObject(shop.conn, { kind: 'po', name: 'web-7b9c6d5f8-crashing' });
    expect(d.owners.map((o) => `${o.kind}/${o.name}`)).toEqual(['ReplicaSet/web-7b9c6d5f8', 'Deployment/web']);
    expect(d.text).toContain('owned by: ReplicaSet/web-7b9c6d5f8 → Deployment/web');
    expect(d.summary.status).toBe('CrashLoopBackOff');
    expect(await ownerChain(shop.conn, await get(shop.conn, { kind: 'rs', name: 'web-7b9c6d5f8' }))).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' },
    ]);
  });

  it('lists the pods of a service and of a node', async () => {
    expect((await describeObject(shop.conn, { kind: 'svc', name: 'web' })).pods).toHaveLength(2);
    const node = await describeObject(shop.conn, { kind: 'node', name: 'node-1' });
    expect(node.pods?.map((p) => p.name).sort()).toEqual(['coredns-abc', 'web-7b9c6d5f8-healthy']);
    expect(node.summary).toMatchObject({ status: 'Ready', roles: 'control-plane' });
  });
});

describe('logs', () => {
  it('reads a workload’s failing pod, saying why it was picked', async () => {
    const r = await logs(shop.conn, { kind: 'deployment', name: 'web' });
    expect(r.pod).toBe('web-7b9c6d5f8-crashing');
    expect(r.picked).toBe('web-7b9c6d5f8-crashing: failing (CrashLoopBackOff) among 2 pods');
    expect(r.text).toBe('starting web 1.25\nERROR connect to db: connection refused\nerror: exiting');
  });

  it('reads previous logs, and explains when there are none', async () => {
    expect((await logs(shop.conn, { name: 'web-7b9c6d5f8-crashing', previous: true })).text).toContain(
      'FATAL out of memory',
    );
    await expect(logs(shop.conn, { name: 'web-7b9c6d5f8-healthy', previous: true })).rejects.toThrow(
      'container app of pod shop/web-7b9c6d5f8-healthy has not restarted, so it has no previous logs; read the current logs instead',
    );
  });

  it('greps with a regex (optionally case-insensitive), tails and caps bytes', async () => {
    const sensitive = await logs(shop.conn, { name: 'web-7b9c6d5f8-crashing', grep: '^error' });
    expect(sensitive.text).toBe('error: exiting');
    const insensitive = await logs(shop.conn, { name: 'web-7b9c6d5f8-crashing', grep: '^error', ignoreCase: true });
    expect(insensitive.matched).toBe(2);
    const tail = await logs(shop.conn, { name: 'chatty', container: 'main', tail: 5 });
    expect(tail.text.split('\n')).toEqual(['line 45 ok', 'line 46 ok', 'line 47 ok', 'line 48 ok', 'line 49 ok']);
    const capped = await logs(shop.conn, { name: 'chatty', container: 'main', maxBytes: 25 });
    expect(capped).toMatchObject({ truncated: true, text: 'line 48 ok\nline 49 ok' });
    await expect(logs(shop.conn, { name: 'chatty', grep: '(' })).rejects.toThrow(/is not a valid regular expression/);
  });

  it('names the containers when the one asked for does not exist', async () => {
    await expect(logs(shop.conn, { name: 'chatty', container: 'nope' })).rejects.toThrow(
      'pod shop/chatty has no container named "nope"; containers: main, sidecar',
    );
  });
});

describe('top', () => {
  it('reports pod and node usage from metrics.k8s.io', async () => {
    const pods = await topPods(shop.conn, { sortBy: 'cpu' });
    expect(pods.map((p) => `${p.name} ${p.cpu} ${p.memory}`)).toEqual([
      'web-7b9c6d5f8-crashing 250m 200Mi',
      'web-7b9c6d5f8-healthy 20m 64Mi',
    ]);
    const nodes = await topNodes(shop.conn, { sortBy: 'memory' });
    expect(nodes.map((n) => `${n.name} ${n.cpu} ${n.cpuPercent}% ${n.memory} ${n.memoryPercent}%`)).toEqual([
      'node-2 500m 25% 3072Mi 75%',
      'node-1 1200m 30% 2048Mi 25%',
    ]);
  });

  it('says to install metrics-server when metrics.k8s.io is not served', async () => {
    await shop.fault({ path: '^/apis/metrics\\.k8s\\.io', status: 404 });
    try {
      const conn = shop.connect();
      const err = (await topPods(conn).catch((e: unknown) => e)) as KubeError;
      expect(err.message).toBe('metrics.k8s.io is not served by this cluster; install metrics-server');
      expect(err.reason).toBe('MetricsUnavailable');
    } finally {
      await shop.clearFaults();
    }
  });
});
