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

  const sse = new Map<string, SSEServerTransport>();
  const transports = ['sse', 'all'].includes(config.transport);
  if (transports) {
    app.get('/sse', async (_req, res) => {
      const transport = new SSEServerTransport('/messages', res);
      sse.set(transport.sessionId, transport);
      metrics.sessions.inc({ transport: 'sse' });
      res.on('close', () => {
        sse.delete(transport.sessionId);
        metrics.sessions.dec({ transport: 'sse' });
      });
      await buildMcpServer(rt).connect(transport);
    });
    app.post('/messages', json, async (req, res) => {
      const transport = sse.get(typeof req.query.sessionId === 'string' ? req.query.sessionId : '');
      if (!transport) {
        rpcError(res, 404, 'unknown or expired sessionId; open GET /sse first');
        return;
      }
      await transport.handlePostMessage(req, res, req.body);
    });
  }

  const streams = new Map<string, StreamableHTTPServerTransport>();
  const lastUsed = new Map<string, number>();
  const listening = new Set<string>();
  // each session holds an McpServer; a client that disappears without DELETE would keep it forever
  const sweeper = setInterval(
    () => {
      const cutoff = Date.now() - config.sessionIdleMs;
      for (const [sid, at] of lastUsed) {
        // an open GET stream means the client is still there, even if it calls nothing
        if (at < cutoff && !listening.has(sid)) void streams.get(sid)?.close();
      }
    },
    Math.max(50, Math.min(60_000, config.sessionIdleMs / 2)),
  );
  sweeper.unref();
  const touch = (id: unknown) => {
    if (typeof id === 'string' && streams.has(id)) lastUsed.set(id, Date.now());
  };
  if (['http', 'all'].includes(config.transport)) {
    app.post('/mcp', json, async (req, res) => {
      const id = req.headers['mcp-session-id'];
      touch(id);
      let transport = typeof id === 'string' ? streams.get(id) : undefined;
      if (!transport) {
        if (id || !isInitializeRequest(req.body)) {
          rpcError(res, id ? 404 : 400, id ? 'unknown or expired Mcp-Session-Id' : 'first request must be initialize');
          return;
        }
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (sid) => {
            streams.set(sid, created);
            lastUsed.set(sid, Date.now());
            metrics.sessions.inc({ transport: 'http' });
          },
        });
        created.onclose = () => {
          if (!created.sessionId) return;
          lastUsed.delete(created.sessionId);
          if (streams.delete(created.sessionId)) metrics.sessions.dec({ transport: 'http' });
        };
        await buildMcpServer(rt).connect(created);
        transport = created;
      }
      await transport.handleRequest(req, res, req.body);
    });
    const bySession = async (req: Request, res: Response) => {
      const id = req.headers['mcp-session-id'];
      const transport = typeof id === 'string' ? streams.get(id) : undefined;
      if (!transport) {
        rpcError(res, 404, 'unknown or expired Mcp-Session-Id');
        return;
      }
      touch(id);
      if (req.method === 'GET' && typeof id === 'string') {
        listening.add(id);
        res.on('close', () => listening.delete(id));
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
    clearInterval(sweeper);
    await Promise.allSettled([...sse.values(), ...streams.values()].map((t) => t.close()));
  };
  return { app, closeAll };
}
