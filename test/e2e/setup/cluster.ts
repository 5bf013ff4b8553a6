/**
 * A cluster for n8n to talk to: the simulator from sim/ when it is there (it is being built in
 * parallel), otherwise a kubeconfig naming a port nothing listens on, which still exercises storing
 * credentials but not talking to a cluster.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCluster {
  /** kubeconfig YAML with the server URL and credentials embedded */
  kubeconfig: string;
  /** whether a real API server answers behind the kubeconfig */
  simulated: boolean;
  close(): Promise<void>;
}

interface SimulatorModule {
  startSimulator(opts?: Record<string, unknown>): Promise<{ url: string; kubeconfig: string; close(): Promise<void> }>;
}

const SIM_DIR = join(__dirname, '..', '..', '..', 'sim');

export const UNREACHABLE_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: nowhere
  cluster:
    server: http://127.0.0.1:9
contexts:
- name: nowhere
  context:
    cluster: nowhere
    user: nobody
    namespace: default
current-context: nowhere
users:
- name: nobody
  user:
    token: not-a-real-token
`;

export async function testCluster(opts: Record<string, unknown> = {}): Promise<TestCluster> {
  if (existsSync(join(SIM_DIR, 'index.ts'))) {
    // a path held in a variable: the simulator may not exist yet when this file is type-checked
    const sim = (await import(SIM_DIR)) as Partial<SimulatorModule>;
    if (typeof sim.startSimulator === 'function') {
      const running = await sim.startSimulator(opts);
      return { kubeconfig: running.kubeconfig, simulated: true, close: () => running.close() };
    }
  }
  return { kubeconfig: UNREACHABLE_KUBECONFIG, simulated: false, close: async () => undefined };
}
