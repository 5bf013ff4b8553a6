/**
 * One McpServer per session (SSE connection, Streamable HTTP session or stdio): the enabled tools and
 * the prompts, each call wrapped in metrics, concurrency limits, the output cap and error mapping.
 *
 * What does not depend on the session is built once per bridge and shared by every session (see Catalog): the
 * argument schemas, their JSON Schema for tools/list and the JSON Schema validator. A session then costs its
 * McpServer, its transport and its call counter; n8n's MCP Client Tool opens one per agent run.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { toJsonSchemaCompat } from '@modelcontextprotocol/sdk/server/zod-json-schema-compat.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { ListToolsResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { type CallableTool, serveTools } from './serve-tools';
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

/** A call that outlives its time answers with an error; the model can narrow it and try again. */
async function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`no answer within ${Math.round(ms / 1000)} s; narrow the request (namespace, selector, limit)`),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The session-independent part of every McpServer of one bridge. */
interface Catalog {
  tools: { def: ToolDefinition; input: z.ZodObject<ToolDefinition['input']> }[];
  /** tools/list as the SDK would answer it, converted once */
  list: ListToolsResult;
}

const catalogs = new WeakMap<BridgeRuntime, Catalog>();
// the SDK builds an Ajv instance per server; ours only needs one (it validates nothing per call: no elicitation)
let sharedValidator: AjvJsonSchemaValidator | undefined;

/** Same fields and conversion options as McpServer's own tools/list (test/bridge/sessions-share.test.ts checks it). */
function toolEntry(def: ToolDefinition, input: z.ZodObject<ToolDefinition['input']>): Tool {
  return {
    name: def.name,
    title: def.title,
    description: def.description,
    inputSchema: toJsonSchemaCompat(input, { strictUnions: true, pipeStrategy: 'input' }) as Tool['inputSchema'],
    annotations: def.annotations,
    execution: { taskSupport: 'forbidden' },
  };
}

function catalogOf(rt: BridgeRuntime): Catalog {
  let catalog = catalogs.get(rt);
  if (!catalog) {
    const tools = enabledTools(rt.config).map((def) => ({ def, input: z.object(def.input) }));
    catalog = { tools, list: { tools: tools.map((t) => toolEntry(t.def, t.input)) } };
    catalogs.set(rt, catalog);
  }
  return catalog;
}

export function buildMcpServer(rt: BridgeRuntime): McpServer {
  sharedValidator ??= new AjvJsonSchemaValidator();
  const catalog = catalogOf(rt);
  const server = new McpServer(SERVER_INFO, {
    instructions:
      'Kubernetes AIOps tools. Call `diagnose` (or `triage_alert` for an alert) FIRST: it returns the root cause with evidence in one call. Then read narrowly (one object, its events, tail of its logs).',
    jsonSchemaValidator: sharedValidator,
  });
  const session = new SessionLimit(rt.config.maxCallsPerSession);
  const callable = new Map<string, CallableTool>();
  for (const { def: tool, input } of catalog.tools) {
    callable.set(tool.name, {
      input,
      call: async (args) => {
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
          return toToolResult(
            await withinTime(tool.run(args, rt.deps), rt.config.callTimeoutMs),
            rt.config.maxOutputChars,
          );
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
    });
  }
  serveTools(server, catalog.list, callable);
  registerPrompts(server);
  return server;
}
