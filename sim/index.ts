/**
 * The Kubernetes API simulator: an in-memory apiserver on loopback that kubectl and client libraries cannot tell
 * from a real one for the operations this project uses.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Cluster } from './api/cluster';
import { startRolloutController } from './controllers/rollout';
import { readFixtures, type FixtureObject } from './fixtures/load';
import { seed } from './fixtures/seed';
import { createSimServer } from './http/server';
import { buildKubeconfig } from './kubeconfig';
import type { KubeObject } from './model';
import { generateTls } from './tls';

export { FixtureError } from './fixtures/load';
export { Cluster } from './api/cluster';

export interface SimulatorOptions {
  /** files or directories of YAML/JSON */
  fixtures?: string[];
  /** already-parsed objects (for generated clusters in benchmarks/tests) */
  objects?: object[];
  /** default 127.0.0.1 */
  host?: string;
  /** default 0 = free port */
  port?: number;
  /** require Authorization: Bearer <token> */
  token?: string;
  /** HTTPS with a generated self-signed CA (written into the kubeconfig) */
  tls?: boolean;
  /** also write the kubeconfig to this file */
  kubeconfigOut?: string;
  /** run the rollout controller (controllers/rollout.ts): template changes replace a Deployment's pods */
  rolloutController?: boolean;
}

export interface RunningSimulator {
  /** real address, e.g. http://127.0.0.1:43121 */
  url: string;
  /** kubeconfig YAML text; current-context points at the simulator (with token / CA when set) */
  kubeconfig: string;
  kubeconfigPath?: string;
  close(): Promise<void>;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  return (await launchSimulator(opts)).running;
}

/** startSimulator plus the in-memory cluster behind it (for the CLI's summary and for in-process tools). */
export async function launchSimulator(
  opts: SimulatorOptions = {},
): Promise<{ running: RunningSimulator; cluster: Cluster; objectCount: number }> {
  const host = opts.host ?? '127.0.0.1';
  const cluster = new Cluster();
  const fixtures: FixtureObject[] = readFixtures(opts.fixtures ?? []);
  (opts.objects ?? []).forEach((o, i) => fixtures.push({ object: o as KubeObject, source: `objects[${i}]` }));
  seed(cluster, fixtures);
  // after the fixtures, so that loading them is never mistaken for a rollout
  if (opts.rolloutController) startRolloutController(cluster);

  const tls = opts.tls ? await generateTls(host) : undefined;
  let address = '';
  const { server } = createSimServer({
    cluster,
    token: opts.token,
    tls: tls && { key: tls.key, cert: tls.cert },
    address: () => address,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  address = `${hostForUrl(host)}:${port}`;
  const url = `${tls ? 'https' : 'http'}://${address}`;
  const kubeconfig = buildKubeconfig(url, { token: opts.token, caCert: tls?.caCert });
  if (opts.kubeconfigOut) {
    writeFileSync(opts.kubeconfigOut, kubeconfig, { mode: 0o600 });
    chmodSync(opts.kubeconfigOut, 0o600);
  }
  let closed: Promise<void> | undefined;
  const running: RunningSimulator = {
    url,
    kubeconfig,
    kubeconfigPath: opts.kubeconfigOut,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
  return { running, cluster, objectCount: fixtures.length };
}
