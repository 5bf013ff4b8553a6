/**
 * Streamable HTTP without sessions (`--stateless`): every POST /mcp gets its own transport and McpServer, lives for
 * that one request and keeps nothing afterwards, so any replica behind a load balancer can answer any request —
 * initialize on one, tools/list on another, tools/call on a third. There is no server-to-client stream to resume,
 * hence GET and DELETE /mcp answer 405 (as the MCP SDK's stateless example does).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type BridgeRuntime, buildMcpServer } from '../server';
import { JsonHttpTransport } from './json-transport';
import { rpcErrorBody, sendJson } from './reply';
import type { Routes } from './route';
import { rejectMalformed } from './rpc-checks';

const notHere = (_req: IncomingMessage, res: ServerResponse) =>
  sendJson(res, 405, rpcErrorBody(-32000, 'this bridge runs stateless: only POST /mcp, no sessions or streams'), {
    allow: 'POST',
  });

export function statelessMcp(rt: BridgeRuntime): Routes {
  return {
    POST: async (req, res, body) => {
      if (rejectMalformed(body, res, true)) return;
      const transport = new JsonHttpTransport({ stateful: false });
      const server = buildMcpServer(rt);
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await transport.serve(server);
      transport.handlePost(req, res, body);
    },
    GET: notHere,
    DELETE: notHere,
  };
}
