/** Start a simulator for a test and get a client-node KubeConfig pointing at it. Close it in afterAll. */
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../sim/index';

export async function startTestSim(opts: SimulatorOptions = {}): Promise<RunningSimulator & { kc: KubeConfig }> {
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, ...opts });
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  return Object.assign(sim, { kc });
}

export const DIAGNOSE_SCENARIOS = join(__dirname, '../../sim/scenarios/diagnose');

/** A simulator serving the shared cluster-base plus the named scenario families of sim/scenarios/diagnose. */
export function startScenarioSim(families: readonly string[]): ReturnType<typeof startTestSim> {
  return startTestSim({
    fixtures: [join(DIAGNOSE_SCENARIOS, 'cluster-base'), ...families.map((f) => join(DIAGNOSE_SCENARIOS, f))],
  });
}
