/**
 * `kube-aiops demo` (what `npm start` runs): the demo cluster on loopback and the read-only MCP bridge over it,
 * with the first things to try. Ctrl-C stops everything it started.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RegisterCommand } from './commands';
import { startBridge } from '../bridge';
import { defaultConfig } from '../bridge/config';
import { launchSimulator } from '../sim/index';

/** Works from source (cli/) and from the build (dist/cli/), which carries the scenarios too. */
export const DEMO_SCENARIOS = join(__dirname, '..', 'sim', 'scenarios', 'demo');

interface DemoFlags {
  port: string;
  bridgePort: string;
  kubeconfigOut?: string;
}

export const registerDemo: RegisterCommand = (program) => {
  program
    .command('demo')
    .description('start the demo: a simulated cluster with realistic failures and the MCP bridge over it')
    .option('--port <n>', 'simulator port (0 = free port)', '0')
    .option('--bridge-port <n>', 'MCP bridge port (0 = free port)', '8080')
    .option('--kubeconfig-out <file>', 'where to write the demo kubeconfig (default ~/.kube-aiops/demo.kubeconfig)')
    .action(async (flags: DemoFlags) => {
      const dir = join(homedir(), '.kube-aiops');
      mkdirSync(dir, { recursive: true });
      const kubeconfigOut = flags.kubeconfigOut ?? join(dir, 'demo.kubeconfig');
      const { running: sim, objectCount } = await launchSimulator({ fixtures: [DEMO_SCENARIOS], port: Number(flags.port), kubeconfigOut });
      const bridge = await startBridge({ ...defaultConfig(), port: Number(flags.bridgePort), kubeconfig: kubeconfigOut, logLevel: 'warn' });
      process.stdout.write(
        [
          '',
          `Demo cluster (simulated Kubernetes API) at ${sim.url} — ${objectCount} objects, three broken workloads.`,
          `MCP bridge (read-only): SSE ${bridge.url}/sse · Streamable HTTP ${bridge.url}/mcp`,
          '',
          'Try:',
          `  export KUBECONFIG=${kubeconfigOut}`,
          '  kubectl get pods -A',
          '  kubectl describe deployment nginx-test',
          '  kubectl logs -n shop deploy/app-xyz --previous',
          `  npx kube-aiops diagnose --kubeconfig ${kubeconfigOut}      # root causes in one call`,
          '',
          "Point n8n's MCP Client Tool at the SSE URL above. Ctrl-C stops everything.",
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await bridge.close();
      await sim.close();
      process.stdout.write('demo stopped\n');
    });
};
