/** Starts the bridge: HTTP (SSE + Streamable HTTP on one port) and/or stdio, over one cluster connection. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { KubeConnection } from '../lib/kube/connect';
import { describePolicy } from '../lib/guard';
import { type BridgeConfig, validateConfig } from './config';
import { createDeps } from './deps';
import { createBridgeApp } from './http/app';
import { Semaphore } from './limits';
import { type Logger, createLogger } from './logger';
import { createMetrics } from './metrics';
import { type BridgeRuntime, buildMcpServer, enabledTools } from './server';

export interface RunningBridge {
  /** http://host:port when an HTTP transport runs */
  url?: string;
  tools: string[];
  close(): Promise<void>;
  /**
   * Graceful stop (SIGTERM): accept no new connections, let the tool calls in flight finish (up to drainMs),
   * then close SSE and Streamable HTTP streams so their clients reconnect to another replica.
   */
  drain(): Promise<void>;
}

export async function startBridge(
  config: BridgeConfig,
  opts: { log?: Logger; kube?: KubeConnection } = {},
): Promise<RunningBridge> {
  const problem = validateConfig(config);
  if (problem) throw new Error(problem);
  const log = opts.log ?? createLogger(config.logLevel);
  const rt: BridgeRuntime = {
    config,
    deps: createDeps(config, log, opts.kube),
    metrics: createMetrics(),
    globalLimit: new Semaphore(config.maxConcurrentCalls),
  };
  const tools = enabledTools(config).map((t) => t.name);
  const policy = describePolicy(rt.deps.policy);
  if (config.allowKinds.length > 0 || config.allowEscalation.length > 0)
    log.warn('write policy lifts defaults on purpose', {
      allowKinds: config.allowKinds,
      allowEscalation: config.allowEscalation,
    });
  if (config.transport === 'stdio') {
    const server = buildMcpServer(rt);
    await server.connect(new StdioServerTransport());
    log.info('bridge serving MCP on stdio', { tools, policy });
    return { tools, close: () => server.close(), drain: () => server.close() };
  }

  const { handler, closeAll } = createBridgeApp(rt);
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  log.info('bridge listening', {
    url,
    sse: `${url}/sse`,
    streamableHttp: `${url}/mcp`,
    tools,
    writes: config.enable,
    policy,
  });
  const close = async () => {
    await closeAll();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url,
    tools,
    close,
    drain: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const deadline = Date.now() + config.drainMs;
      while (rt.globalLimit.busy > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      log.info('bridge drained', { unfinishedCalls: rt.globalLimit.busy });
      await closeAll();
      // answers being written get a moment to leave before their sockets are cut
      await Promise.race([closed, new Promise((r) => setTimeout(r, 1000))]);
      server.closeAllConnections();
      await closed;
    },
  };
}
