/** JSON answers on Node's response object: what every route of the bridge's HTTP front writes. */
import type { ServerResponse } from 'node:http';

export const rpcErrorBody = (code: number, message: string, id: string | number | null = null) => ({
  jsonrpc: '2.0' as const,
  error: { code, message },
  id,
});

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Record<string, string | number>,
): void {
  if (res.headersSent || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export const sendText = (res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8') => {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
};
