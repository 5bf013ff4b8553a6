/**
 * Checks on a JSON-RPC body before the SDK transport sees it, so that malformed calls get an error that names the
 * problem (the SDK answers a batch on SSE with "Invalid message: [object Object]" and `arguments: null` with -32603
 * and raw validation output).
 */
import type { ServerResponse } from 'node:http';
import { rpcErrorBody, sendJson } from './reply';

export interface RpcProblem {
  id: string | number | null;
  code: number;
  message: string;
}

type Rpc = { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };

const idOf = (m: Rpc): string | number | null => (typeof m.id === 'string' || typeof m.id === 'number' ? m.id : null);

/** The first problem in one message or a batch; `batchAllowed` is false on the SSE message endpoint. */
export function rpcProblem(body: unknown, batchAllowed: boolean): RpcProblem | undefined {
  if (Array.isArray(body)) {
    if (!batchAllowed)
      return {
        id: null,
        code: -32600,
        message: 'JSON-RPC batches are not accepted on the SSE message endpoint; send one request per POST',
      };
    for (const m of body) {
      const p = rpcProblem(m, false);
      if (p) return p;
    }
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const m = body as Rpc;
  if (m.method !== 'tools/call') return undefined;
  const params = m.params as { name?: unknown; arguments?: unknown } | undefined;
  if (typeof params !== 'object' || params === null)
    return { id: idOf(m), code: -32602, message: 'invalid params: tools/call needs params {name, arguments}' };
  if (typeof params.name !== 'string')
    return { id: idOf(m), code: -32602, message: 'invalid params: params.name must be the tool name (a string)' };
  const args = params.arguments;
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args)))
    return {
      id: idOf(m),
      code: -32602,
      message: `invalid params: params.arguments must be an object of named arguments (or left out), not ${args === null ? 'null' : Array.isArray(args) ? 'an array' : typeof args}`,
    };
  return undefined;
}

/** A malformed call answered with an error that names the problem; true when it was. */
export function rejectMalformed(body: unknown, res: ServerResponse, batchAllowed: boolean): boolean {
  const problem = rpcProblem(body, batchAllowed);
  if (!problem) return false;
  sendJson(res, Array.isArray(body) ? 400 : 200, rpcErrorBody(problem.code, problem.message, problem.id));
  return true;
}
