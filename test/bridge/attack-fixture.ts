/**
 * A small cluster for hostile-argument tests: a namespace "victim" with ConfigMaps, a Secret, a pod whose env,
 * logs and events carry a planted credential in the shapes real software prints them; and a bridge with every write
 * enabled behind a counting proxy, so a test can assert which requests reached the API server.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type BridgeConfig, defaultConfig } from '../../bridge/config';
import { type RunningBridge, startBridge } from '../../bridge/index';
import { createLogger } from '../../bridge/logger';
import { type KubeConnection, connect } from '../../lib/kube/connect';
import { type CountingProxy, startCountingProxy } from '../helpers/counting-proxy';
import { startTestSim } from '../helpers/sim';
import { connectClient } from './helpers';

export const SECRET = 'S3cr3t-Pl4nted-91xq';
export const SECRET_FORMS = [
  SECRET,
  Buffer.from(SECRET).toString('base64'),
  Buffer.from(SECRET).toString('base64').replace(/=+$/, ''),
];

const LOGS = [
  '2026-12-01T10:00:00Z starting app',
  `2026-12-01T10:00:01Z connecting to postgres://admin:${SECRET}@db.victim:5432/app`,
  `2026-12-01T10:00:02Z config loaded: password=${SECRET} user=admin`,
  `2026-12-01T10:00:03Z {"level":"error","db_password":"${SECRET}","msg":"boom"}`,
  '2026-12-01T10:00:04Z FATAL: password authentication failed for user "admin"',
].join('\n');

export const VICTIM_OBJECTS: object[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'victim' } },
  ...['cm-1', 'cm-2', 'cm-3'].map((name) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'victim' },
    data: { a: '1' },
  })),
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'coredns', namespace: 'kube-system' },
    data: { Corefile: '.:53 {}' },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'db',
      namespace: 'victim',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'db', namespace: 'victim' },
          data: { password: Buffer.from(SECRET).toString('base64') },
        }),
      },
    },
    type: 'Opaque',
    data: { password: Buffer.from(SECRET).toString('base64') },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'app', namespace: 'victim', uid: 'dep-app' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'app' } },
      template: {
        metadata: { labels: { app: 'app' } },
        spec: { containers: [{ name: 'app', image: 'app:1', env: [{ name: 'MYSQL_ROOT_PW', value: SECRET }] }] },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'app-0',
      namespace: 'victim',
      labels: { app: 'app' },
      annotations: {
        'sim.kube-aiops.io/logs-app': LOGS,
        'sim.kube-aiops.io/previous-logs-app': LOGS,
        'example.com/dsn': `mysql://root:${SECRET}@mysql:3306/`,
      },
    },
    spec: {
      // references to a Secret are what a diagnosis follows: they stay readable while the values stay hidden
      volumes: [{ name: 'db', secret: { secretName: 'db' } }],
      containers: [
        {
          name: 'app',
          image: 'app:1',
          volumeMounts: [{ name: 'db', mountPath: '/etc/db' }],
          env: [
            { name: 'MYSQL_ROOT_PW', value: SECRET },
            { name: 'DB_PASSWORD', value: SECRET },
            { name: 'DATABASE_URL', value: `postgres://admin:${SECRET}@db:5432/app` },
            { name: 'JAVA_OPTS', value: `-Xmx512m -Dspring.datasource.password=${SECRET}` },
            { name: 'DB_PASS', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          ],
        },
      ],
    },
    status: {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'app',
          ready: false,
          restartCount: 7,
          image: 'app:1',
          imageID: '',
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off restarting failed container' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error', message: `db auth failed: password=${SECRET}` } },
        },
      ],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'app-0.1', namespace: 'victim' },
    involvedObject: { kind: 'Pod', name: 'app-0', namespace: 'victim' },
    reason: 'BackOff',
    type: 'Warning',
    message: `Back-off restarting failed container app: cannot reach redis://default:${SECRET}@redis:6379`,
    count: 5,
    lastTimestamp: '2026-12-01T10:00:05Z',
  },
];

export interface AttackStack {
  proxy: CountingProxy;
  bridge: RunningBridge;
  client: Client;
  /** a direct connection to the simulator (not through the proxy) to look at the cluster */
  kube: KubeConnection;
  logs: string[];
  auditPath: string;
  audit(): Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startAttackStack(
  config: Partial<BridgeConfig> = {},
  extraObjects: object[] = [],
): Promise<AttackStack> {
  const sim = await startTestSim({ objects: [...VICTIM_OBJECTS, ...extraObjects] });
  const proxy = await startCountingProxy(sim.url);
  const dir = mkdtempSync(join(tmpdir(), 'kube-aiops-attack-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, proxy.kubeconfig(sim.kubeconfig, sim.url), { mode: 0o600 });
  const auditPath = join(dir, 'audit.log');
  const logs: string[] = [];
  const bridge = await startBridge(
    {
      ...defaultConfig(),
      port: 0,
      kubeconfig: kubeconfigPath,
      auditLog: auditPath,
      logLevel: 'debug',
      enable: { create: true, update: true, delete: true },
      // attacks inject faults and count requests between calls: every call must reach the API server
      readCacheMs: 0,
      ...config,
    },
    { log: createLogger('debug', (l) => logs.push(l)) },
  );
  const client = await connectClient(bridge.url as string, 'http');
  const kube = connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig });
  return {
    proxy,
    bridge,
    client,
    kube,
    logs,
    auditPath,
    audit: () => {
      let text = '';
      try {
        text = readFileSync(auditPath, 'utf8');
      } catch {
        return [];
      }
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    async close() {
      await client.close();
      await bridge.close();
      await proxy.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
