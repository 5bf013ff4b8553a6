/** A simulated cluster on loopback for n8n to talk to; close it in afterAll. */
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../sim';

export type TestCluster = RunningSimulator;

export function testCluster(opts: SimulatorOptions = {}): Promise<TestCluster> {
  return startSimulator({ host: '127.0.0.1', port: 0, ...opts });
}
