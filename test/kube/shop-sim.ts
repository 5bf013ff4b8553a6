/** The lib/kube test cluster (test/fixtures/kube) on a simulator, with a connection and fault helpers. */
import { join } from 'node:path';
import { connect, type ConnectOptions, type KubeConnection } from '../../lib/kube';
import { startTestSim } from '../helpers/sim';

export const FIXTURES = join(__dirname, '../fixtures/kube');
/** planted in the fixtures; must never appear in any output */
export const PLANTED_SECRET = 'Pl4nted-S3cret-Value!';
export const PLANTED_LITERAL = 'Pl4nted-Literal-Token';

export interface FaultSpec {
  path: string;
  method?: string;
  status?: number;
  retryAfter?: number;
  latencyMs?: number;
  drop?: boolean;
  count?: number;
}

export interface ShopSim {
  url: string;
  kubeconfig: string;
  conn: KubeConnection;
  /** a fresh connection (own discovery cache) with overrides */
  connect(overrides?: Partial<ConnectOptions>): KubeConnection;
  fault(spec: FaultSpec): Promise<void>;
  clearFaults(): Promise<void>;
  /** how many requests each injected fault has affected */
  faultHits(): Promise<number[]>;
  close(): Promise<void>;
}

export async function startShop(opts: { objects?: object[]; token?: string; tls?: boolean } = {}): Promise<ShopSim> {
  const sim = await startTestSim({ fixtures: [FIXTURES], ...opts });
  const make = (overrides: Partial<ConnectOptions> = {}): KubeConnection =>
    connect({
      source: 'kubeconfig',
      kubeconfig: sim.kubeconfig,
      namespace: 'shop',
      backoffMs: 20,
      ...overrides,
    } as ConnectOptions);
  const faults = (method: string, body?: unknown): Promise<Response> =>
    fetch(`${sim.url}/_sim/faults`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    url: sim.url,
    kubeconfig: sim.kubeconfig,
    conn: make(),
    connect: make,
    async fault(spec) {
      const res = await faults('POST', spec);
      if (res.status !== 201) throw new Error(`fault not accepted: ${res.status} ${await res.text()}`);
    },
    async clearFaults() {
      await faults('DELETE');
    },
    async faultHits() {
      const body = (await (await faults('GET')).json()) as { faults: { hits: number }[] };
      return body.faults.map((f) => f.hits);
    },
    close: () => sim.close(),
  };
}
