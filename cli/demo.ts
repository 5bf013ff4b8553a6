/**
 * `kube-aiops demo` (what `npm start` runs): the demo cluster (or a real one, read-only), the MCP bridge, and — from a
 * source checkout — n8n with the example workflows and a local inbox (scripts/demo/run.ts). `--no-n8n` is the quick
 * path: cluster and bridge only. Ctrl-C stops everything it started.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RegisterCommand } from './register';
import { startBridge } from '../bridge';
import { defaultConfig } from '../bridge/config';
import { connect } from '../lib/kube';
import { launchSimulator } from '../sim/index';

/** Works from source (cli/) and from the build (dist/cli/), which carries the scenarios too. */
export const DEMO_SCENARIOS = join(__dirname, '..', 'sim', 'scenarios', 'demo');

interface DemoFlags {
  port: string;
  bridgePort: string;
  n8nPort: string;
  inboxPort: string;
  kubeconfig?: string | boolean;
  context?: string;
  kubeconfigOut?: string;
  dataDir?: string;
  n8n: boolean;
}

/** The shape of scripts/demo/run.ts, loaded at run time: it lives outside the build (it drives n8n and the fakes). */
interface DemoModule {
  runDemo(opts: {
    scenarios: string;
    simPort: number;
    bridgePort: number;
    n8nPort: number;
    inboxPort: number;
    kubeconfig?: string;
    context?: string;
    kubeconfigOut: string;
    dataDir: string;
    model: { apiKey?: string; baseUrl?: string; model?: string };
    log: (line: string) => void;
  }): Promise<{ summary: string; stop(): Promise<void> }>;
}

function loadDemo(): DemoModule | undefined {
  const path = join(__dirname, '..', 'scripts', 'demo', 'run');
  if (!existsSync(`${path}.ts`) && !existsSync(`${path}.js`)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/demo is not built into dist/; it loads only when present
  return require(path) as DemoModule;
}

function port(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${flag} must be a port number (0-65535), not "${value}"`);
  return n;
}

/** --no-n8n: the cluster (simulated, or real and read-only) and the read-only MCP bridge with a token. */
async function quickDemo(
  flags: DemoFlags,
  kubeconfig: string | undefined,
  kubeconfigOut: string,
): Promise<{ summary: string; stop(): Promise<void> }> {
  const sim = kubeconfig
    ? undefined
    : await launchSimulator({
        fixtures: [DEMO_SCENARIOS],
        port: port(flags.port, '--port'),
        kubeconfigOut,
        rolloutController: true,
      });
  const kube = connect({
    source: 'kubeconfig',
    kubeconfig: kubeconfig ? readFileSync(kubeconfig, 'utf8') : (sim?.running.kubeconfig ?? ''),
    ...(flags.context ? { context: flags.context } : {}),
  });
  const token = randomBytes(18).toString('base64url');
  const bridge = await startBridge(
    { ...defaultConfig(), port: port(flags.bridgePort, '--bridge-port'), authToken: token, logLevel: 'warn' },
    { kube },
  ).catch(async (err: Error) => {
    await sim?.running.close();
    throw new Error(`the MCP bridge could not listen (${err.message}); choose another port with --bridge-port`);
  });
  const summary = [
    '',
    sim
      ? `Demo cluster (simulated Kubernetes API) at ${sim.running.url} — ${sim.objectCount} objects, three broken workloads.`
      : `Cluster: ${kubeconfig}${flags.context ? ` (context ${flags.context})` : ''}, read-only.`,
    `MCP bridge (read-only): SSE ${bridge.url}/sse · Streamable HTTP ${bridge.url}/mcp · bearer token ${token}`,
    '',
    'Try:',
    ...(sim
      ? [
          `  export KUBECONFIG=${kubeconfigOut}`,
          '  kubectl get pods -A',
          '  kubectl describe deployment nginx-test',
          '  kubectl logs -n shop deploy/app-xyz --previous',
        ]
      : []),
    `  npx kube-aiops diagnose --kubeconfig ${kubeconfig ?? kubeconfigOut}      # root causes in one call`,
    '',
    "Point n8n's MCP Client Tool at the SSE URL with the token above (Bearer Auth). Without --no-n8n the demo also runs n8n, the workflows and an inbox.",
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
  return {
    summary,
    stop: async () => {
      await bridge.close();
      await sim?.running.close();
    },
  };
}

export const registerDemo: RegisterCommand = (program) => {
  program
    .command('demo')
    .description(
      'start the demo: a simulated cluster with realistic failures, the MCP bridge, n8n with the example workflows, and a local inbox',
    )
    .option('--port <n>', 'simulator port (0 = free port)', '0')
    .option('--bridge-port <n>', 'MCP bridge port (0 = free port)', '8080')
    .option('--n8n-port <n>', 'n8n port', '5678')
    .option('--inbox-port <n>', 'inbox page port (Feishu / WeCom / email the workflows send)', '5680')
    .option(
      '--kubeconfig [file]',
      'use a real cluster, read-only, instead of the simulator (default $KUBECONFIG, then ~/.kube/config)',
    )
    .option('--context <name>', 'kubeconfig context for --kubeconfig')
    .option('--kubeconfig-out <file>', 'where to write the demo kubeconfig (default ~/.kube-aiops/demo.kubeconfig)')
    .option('--data-dir <dir>', "the demo's n8n user folder and sample alerts (default ~/.kube-aiops)")
    .option('--no-n8n', 'only the cluster and the MCP bridge (quick)')
    .action(async (flags: DemoFlags) => {
      const dataDir = flags.dataDir ?? join(homedir(), '.kube-aiops');
      mkdirSync(dataDir, { recursive: true });
      let kubeconfig: string | undefined;
      if (flags.kubeconfig !== undefined && flags.kubeconfig !== false) {
        kubeconfig =
          typeof flags.kubeconfig === 'string'
            ? flags.kubeconfig
            : process.env.KUBECONFIG?.split(':')[0] || join(homedir(), '.kube', 'config');
        if (!existsSync(kubeconfig)) throw new Error(`kubeconfig ${kubeconfig} does not exist`);
      }
      const kubeconfigOut = flags.kubeconfigOut ?? join(dataDir, 'demo.kubeconfig');
      const demo = flags.n8n ? loadDemo() : undefined;
      if (flags.n8n && !demo) {
        process.stderr.write(
          'n8n, the workflows and the inbox run from a source checkout (git clone … && npm ci && npm start); starting the cluster and the bridge only.\n',
        );
      }
      const running = demo
        ? await demo.runDemo({
            scenarios: DEMO_SCENARIOS,
            simPort: port(flags.port, '--port'),
            bridgePort: port(flags.bridgePort, '--bridge-port'),
            n8nPort: port(flags.n8nPort, '--n8n-port'),
            inboxPort: port(flags.inboxPort, '--inbox-port'),
            kubeconfig,
            context: flags.context,
            kubeconfigOut,
            dataDir,
            model: {
              apiKey: process.env.OPENAI_API_KEY || undefined,
              baseUrl: process.env.OPENAI_BASE_URL || undefined,
              model: process.env.OPENAI_MODEL || undefined,
            },
            log: (line: string) => process.stderr.write(`${line}\n`),
          })
        : await quickDemo(flags, kubeconfig, kubeconfigOut);
      process.stdout.write(running.summary);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      process.stdout.write('\nstopping…\n');
      await running.stop();
      process.stdout.write('demo stopped\n');
    });
};
