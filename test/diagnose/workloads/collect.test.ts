/**
 * The collector against the demo cluster, directly and through a small proxy that forbids some lists, hides others
 * and counts requests in flight: paging, bounded concurrency, secret values never kept, logs only for failing pods.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { collectSnapshot } from '../../../lib/diagnose/collect';
import { startTestSim } from '../../helpers/sim';

const DEMO = join(__dirname, '../../../sim/scenarios/demo');
const PLANTED = 'Pl4nted-Db-Passw0rd-7f3a9c';

let sim: Awaited<ReturnType<typeof startTestSim>>;
beforeAll(async () => {
  sim = await startTestSim({ fixtures: [DEMO] });
});
afterAll(() => sim?.close());

interface Proxy {
  kc: KubeConfig;
  maxInFlight: number;
  paths: string[];
  close(): Promise<void>;
}

/** Forwards to the simulator; answers 403 for `forbid` paths, 404 for `hide` paths and 400 for `reject` ones. */
async function proxy(
  forbid: RegExp[],
  hide: RegExp[],
  reject: RegExp[] = [],
  /** what the upstream is asked for instead of the path requested */
  rewrite: (path: string) => string = (path) => path,
): Promise<Proxy> {
  const target = new URL(sim.url);
  const state = { inFlight: 0, maxInFlight: 0, paths: [] as string[] };
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    state.paths.push(path);
    const deny = (code: number, reason: string) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason,
          code,
          message: `${reason} ${path}`,
        }),
      );
    };
    if (forbid.some((r) => r.test(path))) return deny(403, 'Forbidden');
    if (hide.some((r) => r.test(path))) return deny(404, 'NotFound');
    if (reject.some((r) => r.test(path))) return deny(400, 'BadRequest');
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    const up = http.request(
      { host: target.hostname, port: target.port, path: rewrite(path), method: req.method, headers: req.headers },
      (r) => {
        // Hold each answer briefly so that concurrent requests overlap measurably.
        setTimeout(() => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res).on('finish', () => state.inFlight--);
        }, 5);
      },
    );
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig.replace(sim.url, `http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  return {
    kc,
    get maxInFlight() {
      return state.maxInFlight;
    },
    paths: state.paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

test('lists every kind, with metrics and the logs of failing pods only', async () => {
  const s = await collectSnapshot(sim.kc);
  expect(s.pods.length).toBe(20);
  expect(s.nodes.map((n) => n.metadata?.name).sort()).toEqual(['node-1', 'node-2', 'node-3']);
  expect(s.events.length).toBeGreaterThan(10);
  expect(s.podMetrics.length).toBeGreaterThan(0);
  expect(s.nodeMetrics.map((n) => n.name).sort()).toEqual(['node-1', 'node-2', 'node-3']);
  // Only app-xyz crashes; the ImagePullBackOff and Pending pods have no container that ran.
  expect(Object.keys(s.logs)).toEqual(['shop/app-xyz-5969b7fffc-7ndjr/app']);
  expect(s.logs['shop/app-xyz-5969b7fffc-7ndjr/app'].previous).toContain('session cache eviction disabled');
  expect(s.unavailable).toBeUndefined();
  expect(s.stats?.['logs.fetched']).toBe(2);
});

test('secret values never enter the snapshot; key names do; managed fields are dropped', async () => {
  const s = await collectSnapshot(sim.kc);
  const secret = s.secrets.find((x) => x.metadata?.name === 'app-xyz-db');
  expect(secret?.data).toEqual({ password: '', username: '' });
  const text = JSON.stringify(s);
  expect(text).not.toContain(PLANTED);
  expect(text).not.toContain(Buffer.from(PLANTED).toString('base64'));
  expect(text).not.toContain('"managedFields"');
});

async function routineEvents() {
  const all = (await sim.kc.makeApiClient(CoreV1Api).listEventForAllNamespaces()).items;
  const routine = all.filter(
    (e) => e.type === 'Normal' && ['Scheduled', 'Pulled', 'Created', 'Started'].includes(e.reason ?? ''),
  );
  expect(routine.length).toBeGreaterThan(0);
  return { all, routine };
}

test("the kubelet's routine start events stay on the server; warnings and other Normal events are read", async () => {
  const { all, routine } = await routineEvents();
  const p = await proxy([], []);
  try {
    const s = await collectSnapshot(p.kc, {}, { logs: 'none', metrics: false });
    const eventPaths = p.paths.filter((x) => x.startsWith('/api/v1/events'));
    expect(eventPaths.length).toBeGreaterThanOrEqual(2);
    for (const path of eventPaths) expect(new URL(path, 'http://x').searchParams.get('fieldSelector')).toBeTruthy();
    expect(s.stats?.['events.routine']).toBeUndefined();
    expect(s.events).toHaveLength(all.length - routine.length);
    expect(s.events.some((e) => e.type === 'Warning')).toBe(true);
    expect(s.events.filter((e) => e.type === 'Normal').map((e) => e.reason)).toEqual(
      expect.arrayContaining(['Pulling', 'SuccessfulCreate', 'ScalingReplicaSet']),
    );
    expect(s.events.filter((e) => routine.some((r) => r.metadata?.name === e.metadata?.name))).toEqual([]);
    // the two selected lists merge back into the server's order (namespace, then name)
    const keys = s.events.map((e) => `${e.metadata?.namespace}\u0000${e.metadata?.name}`);
    expect(keys).toEqual([...keys].sort());
  } finally {
    await p.close();
  }
});

test('a server that rejects the field selectors is read unfiltered; the routine events are dropped and counted here', async () => {
  const { all, routine } = await routineEvents();
  const filtered = await collectSnapshot(sim.kc, {}, { logs: 'none', metrics: false });
  const p = await proxy([], [], [/fieldSelector=/]);
  try {
    const s = await collectSnapshot(p.kc, {}, { logs: 'none', metrics: false });
    expect(s.unavailable).toBeUndefined();
    expect(s.stats?.['events.routine']).toBe(routine.length);
    expect(s.stats?.['unfiltered.events']).toBe(1);
    expect(s.events).toHaveLength(all.length - routine.length);
    expect(s.events.map((e) => e.metadata?.name)).toEqual(filtered.events.map((e) => e.metadata?.name));
  } finally {
    await p.close();
  }
});

test('a server that ignores the field selectors answers each with every event; each event is kept once', async () => {
  const { all, routine } = await routineEvents();
  const filtered = await collectSnapshot(sim.kc, {}, { logs: 'none', metrics: false });
  const ignoring = (path: string) => {
    const url = new URL(path, 'http://x');
    url.searchParams.delete('fieldSelector');
    return `${url.pathname}${url.search}`;
  };
  const p = await proxy([], [], [], ignoring);
  try {
    const s = await collectSnapshot(p.kc, {}, { logs: 'none', metrics: false });
    expect(s.events).toHaveLength(all.length - routine.length);
    expect(s.events.map((e) => e.metadata?.name)).toEqual(filtered.events.map((e) => e.metadata?.name));
    expect(s.stats?.['events.routine']).toBe(routine.length * 2);
  } finally {
    await p.close();
  }
});

test('paging follows continue tokens to the same result', async () => {
  const small = await collectSnapshot(sim.kc, {}, { pageSize: 3, logs: 'none', metrics: false });
  const big = await collectSnapshot(sim.kc, {}, { logs: 'none', metrics: false });
  expect(small.pods.map((p) => p.metadata?.name)).toEqual(big.pods.map((p) => p.metadata?.name));
  expect(small.events.length).toBe(big.events.length);
  expect(small.stats?.pages ?? 0).toBeGreaterThan((big.stats?.pages ?? 0) + 10);
});

test('one namespace: its objects plus the cluster-scoped ones', async () => {
  const s = await collectSnapshot(sim.kc, { namespace: 'shop' });
  expect(new Set(s.pods.map((p) => p.metadata?.namespace))).toEqual(new Set(['shop']));
  expect(s.namespaces.map((n) => n.metadata?.name)).toEqual(['shop']);
  expect(s.nodes).toHaveLength(3);
  expect(s.storageClasses.map((c) => c.metadata?.name)).toEqual(['local-path']);
  await expect(collectSnapshot(sim.kc, { namespace: 'nope' })).rejects.toThrow('namespace "nope" does not exist');
});

test('forbidden and absent lists become empty and are named; concurrency stays bounded', async () => {
  const p = await proxy([/\/secrets(\?|$)/], [/poddisruptionbudgets/, /metrics\.k8s\.io/]);
  try {
    const s = await collectSnapshot(p.kc, {}, { concurrency: 3 });
    expect(s.secrets).toEqual([]);
    expect(s.pdbs).toEqual([]);
    expect(s.pods.length).toBe(20);
    expect(s.unavailable?.sort()).toEqual(['pdbs', 'secrets']);
    expect(s.stats?.['forbidden.secrets']).toBe(1);
    expect(s.stats?.['absent.pdbs']).toBe(1);
    expect(s.stats?.['absent.metrics']).toBe(1);
    expect(s.podMetrics).toEqual([]);
    expect(p.maxInFlight).toBeLessThanOrEqual(3);
    expect(p.maxInFlight).toBeGreaterThan(1);
    expect(p.paths.every((x) => x.includes('limit=500') || x.includes('/log?') || x.includes('metrics.k8s.io'))).toBe(
      true,
    );
  } finally {
    await p.close();
  }
});

test('an unreachable API server fails the collection with a clear error', async () => {
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig.replace(sim.url, 'http://127.0.0.1:1'));
  await expect(collectSnapshot(kc)).rejects.toThrow(/127\.0\.0\.1:1/);
});
