/** `kube-aiops bridge`: the MCP bridge (SSE + Streamable HTTP on one port, or stdio). */
import type { RegisterCommand } from './register';
import { type BridgeFlags, configFromFlags } from '../bridge/flags';
import { startBridge } from '../bridge';
import type { Transport } from '../bridge/config';

/** Only the endpoints this transport really serves, so nobody points a client at one that answers 404. */
const servedAt = (transport: Transport, url: string): string =>
  [transport !== 'http' ? `SSE ${url}/sse` : '', transport !== 'sse' ? `Streamable HTTP ${url}/mcp` : '']
    .filter(Boolean)
    .join(' · ');

export const registerBridge: RegisterCommand = (program) => {
  program
    .command('bridge')
    .description(
      'serve Kubernetes tools over MCP (SSE, Streamable HTTP, stdio); read-only unless a write is enabled. Every flag has a KUBE_AIOPS_* env twin',
    )
    .option('--transport <t>', 'all | sse | http | stdio (all = SSE + Streamable HTTP on one port)')
    .option('--port <n>', 'HTTP port (0 = free port)', undefined)
    .option('--host <h>', 'bind address (non-loopback requires --auth-token)')
    .option('--kubeconfig <file>', 'kubeconfig file (default $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context')
    .option('--in-cluster', 'use the pod service account')
    .option('--auth-token <token>', 'require Authorization: Bearer <token>')
    .option('--allowed-origins <list>', 'browser Origins allowed (comma list)')
    .option('--allowed-hosts <list>', 'Host header names allowed (comma list)')
    .option('--enable-create', 'register create/apply tools')
    .option('--enable-update', 'register patch/scale/rollout/set tools')
    .option('--enable-delete', 'register delete tools')
    .option('--namespaces <list>', 'namespaces writes may touch (default all but protected)')
    .option(
      '--protected-namespaces <list>',
      'namespaces no write may touch (default kube-system,kube-public,kube-node-lease)',
    )
    .option(
      '--deny-kinds <list>',
      'kinds no write may touch, added to those always denied (Secret, RBAC, admission, APIService, CRD, CSR…)',
    )
    .option(
      '--allow-kinds <list>',
      'lift always-denied kinds by name, on purpose (e.g. Secret; Namespace allows deletion)',
    )
    .option(
      '--allow-escalation <list>',
      'pod escalations allowed on purpose: privileged, hostPID, hostNetwork, hostIPC, hostPath, capabilities… or all',
    )
    .option(
      '--max-sessions <n>',
      'open SSE + Streamable HTTP sessions at most (default 200; the longest idle goes first)',
    )
    .option('--session-idle-seconds <n>', 'close sessions unused this long (default 300)')
    .option('--prometheus-url <url>', 'enables query_prometheus')
    .option('--max-output-chars <n>', 'cap on one tool result (default 20000)')
    .option('--language <lang>', 'en | zh: language of diagnosis text when a call does not ask (default en)')
    .option('--audit-log <file>', 'append one JSON line per write or refusal')
    .option('--log-level <level>', 'error | warn | info | debug')
    .option(
      '--stateless',
      'Streamable HTTP without sessions, for replicas behind a load balancer (SSE still needs affinity)',
    )
    .option('--drain-seconds <n>', 'on SIGTERM, time in-flight calls get to finish (default 30)')
    .option(
      '--read-cache-seconds <n>',
      'identical API server reads within this long share one answer (default 2, at most 10; 0 = off)',
    )
    .action(async (flags: BridgeFlags) => {
      const config = configFromFlags(flags);
      const bridge = await startBridge(config);
      if (bridge.url)
        process.stderr.write(
          `kube-aiops bridge: ${servedAt(config.transport, bridge.url)} · tools: ${bridge.tools.join(', ')}\n`,
        );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        // a stdio client that goes away closes our stdin: nobody is left to serve
        if (!bridge.url) process.stdin.once('end', stop).once('close', stop);
      });
      await bridge.drain();
    });
};
