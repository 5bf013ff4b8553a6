/**
 * Streamable HTTP without sessions (`--stateless`): every POST /mcp gets its own transport and McpServer, lives for
 * that one request and keeps nothing afterwards, so any replica behind a load balancer can answer any request —
 * initialize on one, tools/list on another, tools/call on a third. There is no server-to-client stream to resume,
 * hence GET and DELETE /mcp answer 405 (as the MCP SDK's stateless example does).
 */
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Express, Request, RequestHandler, Response } from 'express';
import { type BridgeRuntime, buildMcpServer } from '../server';

export function mountStatelessMcp(
  app: Express,
  rt: BridgeRuntime,
  json: RequestHandler,
  rejectMalformed: (req: Request, res: Response, batchAllowed: boolean) => boolean,
): void {
  app.post('/mcp', json, async (req, res) => {
    if (rejectMalformed(req, res, true)) return;
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    const server = buildMcpServer(rt);
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  const notHere = (_req: Request, res: Response) => {
    res
      .status(405)
      .set('Allow', 'POST')
      .json({
        jsonrpc: '2.0',
        error: { code: -32000, message: 'this bridge runs stateless: only POST /mcp, no sessions or streams' },
        id: null,
      });
  };
  app.get('/mcp', notHere);
  app.delete('/mcp', notHere);
}
