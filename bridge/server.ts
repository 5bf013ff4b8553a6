/**
 * One McpServer per session (SSE connection, Streamable HTTP session or stdio): the enabled tools and
 * the prompts, each call wrapped in metrics, concurrency limits, the output cap and error mapping.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { BridgeConfig } from './config';
import type { ToolDeps } from './deps';
import { type Semaphore, SessionLimit } from './limits';
import type { BridgeMetrics } from './metrics';
import { toErrorResult, toToolResult } from './output';
import { registerPrompts } from './prompts';
import { allTools } from './tools';
import type { ToolDefinition } from './tools/types';

export interface BridgeRuntime {
  config: BridgeConfig;
  deps: ToolDeps;
  metrics: BridgeMetrics;
  globalLimit: Semaphore;
}

export const SERVER_INFO = { name: 'kube-aiops', version: '0.1.0' };

/** The tools this configuration exposes: reads always, each write only behind its enable flag. */
export function enabledTools(cfg: BridgeConfig): ToolDefinition[] {
  return allTools.filter((t) => (!t.requires || cfg.enable[t.requires]) && (!t.available || t.available(cfg)));
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function buildMcpServer(rt: BridgeRuntime): McpServer {
  const server = new McpServer(SERVER_INFO, {
    instructions:
      'Kubernetes AIOps tools. Call `diagnose` (or `triage_alert` for an alert) FIRST: it returns the root cause with evidence in one call. Then read narrowly (one object, its events, tail of its logs).',
  });
  const session = new SessionLimit(rt.config.maxCallsPerSession);
  for (const tool of enabledTools(rt.config)) {
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.input, annotations: tool.annotations },
      async (args: Record<string, unknown>): Promise<CallToolResult> => {
        rt.metrics.calls.inc({ tool: tool.name });
        if (!session.tryEnter()) {
          rt.metrics.errors.inc({ tool: tool.name });
          return toErrorResult(
            `too many calls in flight in this session (max ${rt.config.maxCallsPerSession}); wait for earlier calls to finish`,
          );
        }
        const release = await rt.globalLimit.acquire();
        const stop = rt.metrics.latency.startTimer({ tool: tool.name });
        try {
          return toToolResult(await tool.run(args, rt.deps), rt.config.maxOutputChars);
        } catch (err) {
          rt.metrics.errors.inc({ tool: tool.name });
          rt.deps.log.warn('tool call failed', { tool: tool.name, error: messageOf(err) });
          return toErrorResult(`${tool.name} failed: ${messageOf(err)}`);
        } finally {
          stop();
          release();
          session.leave();
        }
      },
    );
  }
  registerPrompts(server);
  return server;
}
