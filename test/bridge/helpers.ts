/**
 * One simulator + one bridge per test file, and the SDK's own MCP clients against it.
 * Everything listens on loopback port 0; close() stops it all.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type BridgeConfig, defaultConfig } from '../../bridge/config';
import { type RunningBridge, startBridge } from '../../bridge/index';
import { createLogger } from '../../bridge/logger';
import { startTestSim } from '../helpers/sim';

export const ROOT = join(__dirname, '..', '..');
export const DEMO = join(ROOT, 'sim', 'scenarios', 'demo');
export const PLANTED = 'Pl4nted-Db-Passw0rd-7f3a9c';
/** every form the planted password could leak in: plain, base64 with and without padding */
export const PLANTED_FORMS = [
  PLANTED,
  Buffer.from(PLANTED).toString('base64'),
  Buffer.from(PLANTED).toString('base64').replace(/=+$/, ''),
];

export type Sim = Awaited<ReturnType<typeof startTestSim>>;

export interface Stack {
  sim: Sim;
  bridge: RunningBridge;
  /** bridge log lines (JSON), as written */
  logs: string[];
  dir: string;
  kubeconfigPath: string;
  auditPath: string;
  close(): Promise<void>;
}

/** A simulator, its kubeconfig in a temp file, and a bridge reading that file (the way the CLI does). */
export async function startStack(
  opts: { config?: Partial<BridgeConfig>; fixtures?: string[]; objects?: object[] } = {},
): Promise<Stack> {
  const sim = await startTestSim({ fixtures: opts.fixtures ?? [DEMO], objects: opts.objects });
  const dir = mkdtempSync(join(tmpdir(), 'kube-aiops-bridge-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, sim.kubeconfig, { mode: 0o600 });
  const auditPath = join(dir, 'audit.log');
  const logs: string[] = [];
  const config: BridgeConfig = {
    ...defaultConfig(),
    port: 0,
    kubeconfig: kubeconfigPath,
    auditLog: auditPath,
    logLevel: 'debug',
    // tests change the cluster or inject faults between calls and expect the next read to see it
    readCacheMs: 0,
    ...opts.config,
  };
  const bridge = await startBridge(config, { log: createLogger('debug', (l) => logs.push(l)) });
  return {
    sim,
    bridge,
    logs,
    dir,
    kubeconfigPath,
    auditPath,
    async close() {
      await bridge.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type HttpTransport = 'sse' | 'http';

export async function connectClient(
  baseUrl: string,
  transport: HttpTransport,
  headers: Record<string, string> = {},
): Promise<Client> {
  const client = new Client({ name: 'kube-aiops-test', version: '1.0.0' });
  const t =
    transport === 'http'
      ? new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit: { headers } })
      : new SSEClientTransport(new URL(`${baseUrl}/sse`), {
          requestInit: { headers },
          eventSourceInit: {
            fetch: (url, init) =>
              fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } }),
          },
        });
  await client.connect(t);
  return client;
}

export const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** A Streamable HTTP initialize sent by hand, for tests that look at the HTTP answer itself. */
export const rawInitialize = (base: string, id = 1, protocolVersion = '2025-06-18') =>
  fetch(`${base}/mcp`, {
    method: 'POST',
    headers: MCP_HEADERS,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'initialize',
      params: { protocolVersion, capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    }),
  });

export const textOf = (r: { content?: unknown }): string =>
  ((r.content ?? []) as CallToolResult['content']).map((c) => (c.type === 'text' ? c.text : '')).join('\n');

/** Everything a result carries, as one string to search. */
export const everythingIn = (r: unknown): string => JSON.stringify(r);

export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

export async function faults(sim: Sim, fault?: object): Promise<void> {
  const res = await fetch(
    `${sim.url}/_sim/faults`,
    fault
      ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) }
      : { method: 'DELETE' },
  );
  if (!res.ok) throw new Error(`sim faults: HTTP ${res.status} ${await res.text()}`);
}
