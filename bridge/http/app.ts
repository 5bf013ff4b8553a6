/**
 * One port, two MCP transports: legacy SSE (`GET /sse` + `POST /messages?sessionId=`), which n8n's MCP
 * Client Tool speaks, and Streamable HTTP (`/mcp`); plus /healthz, /readyz and /metrics.
 */
import { randomUUID } from 'node:crypto';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import express, { type NextFunction, type Request, type Response } from 'express';
import { type BridgeRuntime, buildMcpServer } from '../server';
import { requestGuard } from './guard';
import { rpcProblem } from './rpc-checks';
import { SessionTable } from './sessions';
import { mountStatelessMcp } from './stateless';

const rpcError = (res: Response, status: number, message: string) =>
  res.status(status).json({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });

export function createBridgeApp(rt: BridgeRuntime) {
  const { config, metrics, deps } = rt;
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok');
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await deps.ready();
      res.type('text/plain').send('ok');
    } catch (err) {
      res
        .status(503)
        .type('text/plain')
        .send(`not ready: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  app.get('/metrics', requestGuard(config), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use(['/sse', '/messages', '/mcp'], requestGuard(config));
  const json = express.json({ limit: config.maxBodyBytes, type: ['application/json', 'application/*+json'] });

  const table = new SessionTable(config.maxSessions, config.sessionIdleMs, metrics);
  const rejectMalformed = (req: Request, res: Response, batchAllowed: boolean): boolean => {
    const problem = rpcProblem(req.body, batchAllowed);
    if (!problem) return false;
    res.status(Array.isArray(req.body) ? 400 : 200).json({
      jsonrpc: '2.0',
      error: { code: problem.code, message: problem.message },
      id: problem.id,
    });
    return true;
  };

  const sse = new Map<string, SSEServerTransport>();
  const transports = ['sse', 'all'].includes(config.transport);
  if (transports) {
    app.get('/sse', async (_req, res) => {
      const transport = new SSEServerTransport('/messages', res);
      const id = transport.sessionId;
      sse.set(id, transport);
      table.add(id, 'sse', () => transport.close());
      res.on('close', () => {
        sse.delete(id);
        table.remove(id);
      });
      await buildMcpServer(rt).connect(transport);
    });
    app.post('/messages', json, async (req, res) => {
      const id = typeof req.query.sessionId === 'string' ? req.query.sessionId : '';
      const transport = sse.get(id);
      if (!transport) {
        rpcError(res, 404, 'unknown or expired sessionId; open GET /sse first');
        return;
      }
      table.touch(id);
      const problem = rpcProblem(req.body, false);
      if (problem) {
        // on SSE the answer to a message travels on the event stream; a batch is refused on the POST itself
        if (Array.isArray(req.body) || problem.id === null) {
          rejectMalformed(req, res, false);
          return;
        }
        await transport.send({
          jsonrpc: '2.0',
          id: problem.id,
          error: { code: problem.code, message: problem.message },
        });
        res.status(202).end('Accepted');
        return;
      }
      await transport.handlePostMessage(req, res, req.body);
    });
  }

  const streams = new Map<string, StreamableHTTPServerTransport>();
  if (['http', 'all'].includes(config.transport) && config.stateless) {
    mountStatelessMcp(app, rt, json, rejectMalformed);
  } else if (['http', 'all'].includes(config.transport)) {
    app.post('/mcp', json, async (req, res) => {
      const id = req.headers['mcp-session-id'];
      table.touch(id);
      let transport = typeof id === 'string' ? streams.get(id) : undefined;
      if (!transport) {
        if (id || !isInitializeRequest(req.body)) {
          rpcError(res, id ? 404 : 400, id ? 'unknown or expired Mcp-Session-Id' : 'first request must be initialize');
          return;
        }
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          // a POST is answered with one JSON body, not an SSE stream per request: about half the per-call work on
          // both ends. No tool sends notifications during a call; server-initiated ones use the GET stream.
          enableJsonResponse: true,
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
        await buildMcpServer(rt).connect(created);
        transport = created;
      }
      if (rejectMalformed(req, res, true)) return;
      await transport.handleRequest(req, res, req.body);
    });
    const bySession = async (req: Request, res: Response) => {
      const id = req.headers['mcp-session-id'];
      const transport = typeof id === 'string' ? streams.get(id) : undefined;
      if (!transport) {
        rpcError(res, 404, 'unknown or expired Mcp-Session-Id');
        return;
      }
      table.touch(id);
      if (req.method === 'GET' && typeof id === 'string') {
        table.setListening(id, true);
        res.on('close', () => {
          table.setListening(id, false);
          table.touch(id);
        });
      }
      await transport.handleRequest(req, res);
    };
    app.get('/mcp', bySession);
    app.delete('/mcp', bySession);
  }

  // body-parser errors (oversized or malformed JSON) answer as JSON-RPC errors, never a stack trace
  app.use(
    (err: { status?: number; type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) return next(err);
      const status = err.status ?? 500;
      rpcError(
        res,
        status,
        status === 413
          ? `request body over ${config.maxBodyBytes} bytes`
          : status === 400
            ? 'malformed JSON body'
            : 'internal error',
      );
    },
  );

  const closeAll = async () => {
    await table.closeAll();
    await Promise.allSettled([...sse.values(), ...streams.values()].map((t) => t.close()));
  };
  return { app, closeAll };
}
