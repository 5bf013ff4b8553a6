/**
 * One port, two MCP transports: legacy SSE (`GET /sse` + `POST /messages?sessionId=`), which n8n's MCP
 * Client Tool speaks, and Streamable HTTP (`/mcp`); plus /healthz, /readyz and /metrics.
 *
 * A plain Node request handler: half a dozen routes need no framework, and per call the bridge's own cost is
 * what bench:bridge holds against the peer MCP servers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { type BridgeRuntime, buildMcpServer } from '../server';
import { readJsonBody } from './body';
import { requestGuard } from './guard';
import { JsonHttpTransport, isInitialize } from './json-transport';
import { rpcErrorBody, sendJson, sendText } from './reply';
import type { Route, Routes } from './route';
import { rejectMalformed, rpcProblem } from './rpc-checks';
import { SessionTable } from './sessions';
import { statelessMcp } from './stateless';

const rpcError = (res: ServerResponse, status: number, message: string) =>
  sendJson(res, status, rpcErrorBody(-32000, message));

function sseRoutes(
  rt: BridgeRuntime,
  table: SessionTable,
  sse: Map<string, SSEServerTransport>,
): Record<string, Routes> {
  return {
    '/sse': {
      GET: async (_req, res) => {
        const transport = new SSEServerTransport('/messages', res);
        const id = transport.sessionId;
        sse.set(id, transport);
        table.add(id, 'sse', () => transport.close());
        res.on('close', () => {
          sse.delete(id);
          table.remove(id);
        });
        await buildMcpServer(rt).connect(transport);
      },
    },
    '/messages': {
      POST: async (req, res, body) => {
        const id = new URLSearchParams(req.url?.split('?')[1] ?? '').get('sessionId') ?? '';
        const transport = sse.get(id);
        if (!transport) return rpcError(res, 404, 'unknown or expired sessionId; open GET /sse first');
        table.touch(id);
        const problem = rpcProblem(body, false);
        if (problem) {
          // on SSE the answer to a message travels on the event stream; a batch is refused on the POST itself
          if (Array.isArray(body) || problem.id === null) {
            rejectMalformed(body, res, false);
            return;
          }
          await transport.send({
            jsonrpc: '2.0',
            id: problem.id,
            error: { code: problem.code, message: problem.message },
          });
          res.writeHead(202).end('Accepted');
          return;
        }
        await transport.handlePostMessage(req, res, body);
      },
    },
  };
}

function sessionRoutes(rt: BridgeRuntime, table: SessionTable, streams: Map<string, JsonHttpTransport>): Routes {
  const bySession = (req: IncomingMessage, res: ServerResponse): JsonHttpTransport | undefined => {
    const id = req.headers['mcp-session-id'];
    const transport = typeof id === 'string' ? streams.get(id) : undefined;
    if (!transport) rpcError(res, 404, 'unknown or expired Mcp-Session-Id');
    else table.touch(id);
    return transport;
  };
  return {
    POST: async (req, res, body) => {
      const id = req.headers['mcp-session-id'];
      table.touch(id);
      let transport = typeof id === 'string' ? streams.get(id) : undefined;
      if (!transport) {
        if (id || !isInitialize(body))
          return rpcError(
            res,
            id ? 404 : 400,
            id ? 'unknown or expired Mcp-Session-Id' : 'first request must be initialize',
          );
        const created = new JsonHttpTransport({
          stateful: true,
          onsessioninitialized: (sid) => {
            streams.set(sid, created);
            table.add(sid, 'http', () => created.close());
          },
        });
        created.onclose = () => {
          if (!created.sessionId) return;
          streams.delete(created.sessionId);
          table.remove(created.sessionId);
        };
        await created.serve(buildMcpServer(rt));
        transport = created;
      }
      if (rejectMalformed(body, res, true)) return;
      transport.handlePost(req, res, body);
    },
    GET: (req, res) => {
      const transport = bySession(req, res);
      if (!transport) return;
      const id = req.headers['mcp-session-id'] as string;
      table.setListening(id, true);
      res.on('close', () => {
        table.setListening(id, false);
        table.touch(id);
      });
      transport.handleGet(req, res);
    },
    DELETE: async (req, res) => {
      await bySession(req, res)?.handleDelete(req, res);
    },
  };
}

export function createBridgeApp(rt: BridgeRuntime) {
  const { config, metrics, deps } = rt;
  const guard = requestGuard(config);
  const table = new SessionTable(config.maxSessions, config.sessionIdleMs, metrics);
  const sse = new Map<string, SSEServerTransport>();
  const streams = new Map<string, JsonHttpTransport>();

  const routes: Record<string, Routes> = {
    '/metrics': {
      GET: async (_req, res) => sendText(res, 200, await metrics.registry.metrics(), metrics.registry.contentType),
    },
    ...(['sse', 'all'].includes(config.transport) ? sseRoutes(rt, table, sse) : {}),
    ...(['http', 'all'].includes(config.transport)
      ? { '/mcp': config.stateless ? statelessMcp(rt) : sessionRoutes(rt, table, streams) }
      : {}),
  };
  // probes answer without the guard: a kubelet or load balancer sends neither token nor a loopback Host
  const probes: Record<string, Route> = {
    '/healthz': (_req, res) => sendText(res, 200, 'ok'),
    '/readyz': async (_req, res) => {
      try {
        await deps.ready();
        sendText(res, 200, 'ok');
      } catch (err) {
        sendText(res, 503, `not ready: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };

  const dispatch = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const probe = probes[path];
    if (probe && method === 'GET') return probe(req, res, undefined);
    if (!guard(req, res)) return;
    const route = routes[path];
    if (!route) return sendText(res, 404, `no route ${path}`);
    const handle = route[method as keyof Routes];
    if (!handle) {
      res.setHeader('allow', Object.keys(route).join(', '));
      return rpcError(res, 405, `${method} is not served on ${path}`);
    }
    if (method !== 'POST') return handle(req, res, undefined);
    const body = await readJsonBody(req, config.maxBodyBytes);
    if (!body.ok) return rpcError(res, body.status, body.message);
    return handle(req, res, body.value);
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    dispatch(req, res).catch((err: unknown) => {
      deps.log.warn('http request failed', { path: req.url, error: err instanceof Error ? err.message : String(err) });
      rpcError(res, 500, 'internal error');
    });
  };

  const closeAll = async () => {
    await table.closeAll();
    await Promise.allSettled([...sse.values(), ...streams.values()].map((t) => t.close()));
  };
  return { handler, closeAll };
}
