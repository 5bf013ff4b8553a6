/**
 * The Streamable HTTP server side of one MCP session, answering every POST with one JSON body (the spec's JSON
 * response mode, which is all the bridge uses) straight on Node's request and response.
 *
 * Why not the SDK's StreamableHTTPServerTransport: it converts every Node request into a web Request and every
 * answer into a web Response (through @hono/node-server) and validates each message with zod before the SDK's
 * protocol layer validates it again. Measured in bench:bridge, that was about a third of the bridge's own cost of a
 * `get_resource` call. The protocol layer (McpServer, its schemas and handlers) stays the SDK's; this class only
 * carries messages, with the SDK transport's status codes and checks: 406 without the Accept types, 415 without a
 * JSON body, 400 on a re-initialize or a second initialize in a batch, 400/404 on a missing or unknown session,
 * 400 on an unsupported MCP-Protocol-Version, 202 for notifications, 409 on a second GET stream.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  isJSONRPCRequest,
  type JSONRPCMessage,
  type MessageExtraInfo,
  type RequestId,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js';
import { rpcErrorBody, sendJson } from './reply';

/** The SDK transport's limit: a batch longer than this is refused before any of it runs. */
const MAX_BATCH = 100;
const KEEP_ALIVE_MS = 15_000;

type Rpc = Record<string, unknown>;
type Kind = 'request' | 'notification' | 'response';

/** The SDK's RequestIdSchema: a string or an integer */
const isId = (v: unknown): v is RequestId => typeof v === 'string' || Number.isSafeInteger(v);
const isObject = (v: unknown): v is Rpc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON-RPC 2.0 shape of one message (the SDK's JSONRPCMessageSchema, without building a zod result per call). */
export function messageKind(m: unknown): Kind | undefined {
  if (!isObject(m) || m.jsonrpc !== '2.0') return undefined;
  if (typeof m.method === 'string') {
    if (m.params !== undefined && !isObject(m.params)) return undefined;
    if (!('id' in m)) return 'notification';
    return isId(m.id) ? 'request' : undefined;
  }
  if (!isId(m.id)) return undefined;
  if (isObject(m.result)) return 'response';
  const e = m.error;
  return isObject(e) && typeof e.code === 'number' && typeof e.message === 'string' ? 'response' : undefined;
}

/**
 * The SDK's strict JSONRPCRequestSchema for a message messageKind called a request: only jsonrpc, id, method and
 * params may be there, and params may hold anything but a malformed _meta. Without _meta that needs no zod parse.
 */
function isStrictRequest(m: Rpc): boolean {
  for (const key in m) if (key !== 'jsonrpc' && key !== 'id' && key !== 'method' && key !== 'params') return false;
  return m.params === undefined || !('_meta' in (m.params as Rpc)) || isJSONRPCRequest(m);
}

export const isInitialize = (m: unknown): boolean => isObject(m) && m.method === 'initialize' && 'id' in m;

/** The media type without parameters is application/json (what the SDK transport accepts). */
const isJsonType = (header: string | undefined): boolean =>
  header === 'application/json' || header?.split(';')[0].trim().toLowerCase() === 'application/json';

interface Pending {
  res: ServerResponse;
  ids: RequestId[];
  answers: Map<RequestId, JSONRPCMessage>;
}

export class JsonHttpTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  sessionId?: string;
  private initialized = false;
  private closed = false;
  /** request id → the POST waiting for its answer */
  private readonly waiting = new Map<RequestId, Pending>();
  private stream?: { res: ServerResponse; timer: NodeJS.Timeout };
  /** see routeRequestsTo */
  private onrequest?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;

  /** `stateful: false` is the stateless mode: no session id, no session checks, one POST per transport. */
  constructor(
    private readonly opts: { stateful: boolean; onsessioninitialized?: (id: string) => void } = { stateful: true },
  ) {}

  async start(): Promise<void> {}

  /** Connects `server` to this transport, its requests routed as routeRequestsTo says. */
  async serve(server: McpServer): Promise<void> {
    await server.connect(this);
    this.routeRequestsTo(server.server);
  }

  /**
   * Requests straight to the connected protocol's request handler. The SDK's Protocol wraps onmessage in type guards
   * that try both response schemas before the request schema: two failing zod parses, each building a ZodError, on
   * every request (35 µs a call, a tenth of the bridge's own cost of a get_resource). A message that passes the
   * request schema fails both strict response schemas, so handing it over directly takes the path the guards would
   * have taken. `_onrequest` is the SDK's own (private) method; without it, everything goes through onmessage.
   */
  routeRequestsTo(protocol: object): boolean {
    const handler = (protocol as { _onrequest?: unknown })._onrequest;
    if (typeof handler !== 'function') return false;
    this.onrequest = (message, extra) => {
      (handler as (m: JSONRPCMessage, e?: MessageExtraInfo) => void).call(protocol, message, extra);
    };
    return true;
  }

  /**
   * A request the SDK's strict request schema rejects (a member JSON-RPC does not define, a malformed field) would be
   * dropped by the protocol with no answer, leaving its POST open: it is answered as an invalid request here.
   */
  private dispatch(message: unknown, kind: Kind | undefined, extra: MessageExtraInfo): void {
    const m = message as JSONRPCMessage;
    if (kind !== 'request') return this.onmessage?.(m, extra);
    if (!isStrictRequest(message as Rpc)) {
      const id = (message as Rpc).id as RequestId;
      return this.deliver({
        jsonrpc: '2.0',
        id,
        error: { code: -32600, message: 'Invalid Request: not a JSON-RPC request this server accepts' },
      });
    }
    if (this.onrequest) this.onrequest(m, extra);
    else this.onmessage?.(m, extra);
  }

  /** POST /mcp with the parsed body (undefined when the body was not JSON). */
  handlePost(req: IncomingMessage, res: ServerResponse, body: unknown): void {
    const accept = req.headers.accept ?? '';
    if (!accept.includes('application/json') || !accept.includes('text/event-stream'))
      return this.refuse(
        res,
        406,
        -32000,
        'Not Acceptable: Client must accept both application/json and text/event-stream',
      );
    if (!isJsonType(req.headers['content-type']))
      return this.refuse(res, 415, -32000, 'Unsupported Media Type: Content-Type must be application/json');
    const messages: unknown[] = Array.isArray(body) ? body : [body];
    if (messages.length > MAX_BATCH)
      return this.refuse(res, 400, -32600, `Invalid Request: Batch must not exceed ${MAX_BATCH} messages`);
    const kinds = messages.map(messageKind);
    if (kinds.includes(undefined)) return this.refuse(res, 400, -32700, 'Parse error: Invalid JSON-RPC message');
    if (this.closed) return this.refuse(res, 404, -32001, 'Session not found');

    if (messages.some(isInitialize)) {
      if (this.initialized && this.sessionId !== undefined)
        return this.refuse(res, 400, -32600, 'Invalid Request: Server already initialized');
      if (messages.length > 1)
        return this.refuse(res, 400, -32600, 'Invalid Request: Only one initialization request is allowed');
      if (this.opts.stateful) {
        this.sessionId = randomUUID();
        this.opts.onsessioninitialized?.(this.sessionId);
      }
      this.initialized = true;
    } else if (!this.sessionOk(req, res)) return;

    const extra: MessageExtraInfo = { requestInfo: { headers: req.headers } };
    const ids = messages.filter((_, i) => kinds[i] === 'request').map((m) => (m as Rpc).id as RequestId);
    if (ids.length === 0) {
      for (const [i, m] of messages.entries()) this.dispatch(m, kinds[i], extra);
      res.writeHead(202).end();
      return;
    }
    const pending: Pending = { res, ids, answers: new Map() };
    for (const id of ids) this.waiting.set(id, pending);
    // a client that hangs up before its answer frees the slots; the answer, when it comes, goes nowhere
    res.once('close', () => {
      for (const id of ids) if (this.waiting.get(id) === pending) this.waiting.delete(id);
    });
    for (const [i, m] of messages.entries()) this.dispatch(m, kinds[i], extra);
  }

  /** GET /mcp: the stream for messages the server sends on its own (none of our tools does, but clients open it). */
  handleGet(req: IncomingMessage, res: ServerResponse): void {
    if (!(req.headers.accept ?? '').includes('text/event-stream'))
      return this.refuse(res, 406, -32000, 'Not Acceptable: Client must accept text/event-stream');
    if (!this.sessionOk(req, res)) return;
    if (this.stream) return this.refuse(res, 409, -32000, 'Conflict: Only one SSE stream is allowed per session');
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...(this.sessionId ? { 'mcp-session-id': this.sessionId } : {}),
    });
    res.flushHeaders();
    const timer = setInterval(() => res.write(': keepalive\n\n'), KEEP_ALIVE_MS);
    timer.unref();
    const stream = { res, timer };
    this.stream = stream;
    res.once('close', () => {
      clearInterval(timer);
      if (this.stream === stream) this.stream = undefined;
    });
  }

  /** DELETE /mcp: the client ends its session. */
  async handleDelete(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.sessionOk(req, res)) return;
    res.writeHead(200).end();
    await this.close();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    this.deliver(message, options);
    return Promise.resolve();
  }

  private deliver(message: JSONRPCMessage, options?: TransportSendOptions): void {
    const m = message as Rpc;
    if (!('method' in m) && isId(m.id)) {
      const pending = this.waiting.get(m.id);
      if (!pending) return; // its client hung up, or the session closed
      pending.answers.set(m.id, message);
      this.waiting.delete(m.id);
      if (pending.answers.size < pending.ids.length) return;
      const answers = pending.ids.map((id) => pending.answers.get(id));
      const headers = this.sessionId ? { 'mcp-session-id': this.sessionId } : undefined;
      sendJson(pending.res, 200, answers.length === 1 ? answers[0] : answers, headers);
      return;
    }
    // progress or logging tied to a request has no stream to travel on in JSON response mode (as in the SDK)
    if (options?.relatedRequestId !== undefined || !this.stream) return;
    this.stream.res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }

  close(): Promise<void> {
    if (!this.closed) this.shut();
    return Promise.resolve();
  }

  private shut(): void {
    this.closed = true;
    // calls still waiting get an answer instead of a socket that never replies
    for (const pending of new Set(this.waiting.values()))
      if (!pending.res.headersSent) sendJson(pending.res, 503, rpcErrorBody(-32001, 'session closed'));
    this.waiting.clear();
    if (this.stream) {
      clearInterval(this.stream.timer);
      this.stream.res.end();
      this.stream = undefined;
    }
    this.onclose?.();
  }

  /** The session and protocol version checks of every request after initialize; false once it has answered. */
  private sessionOk(req: IncomingMessage, res: ServerResponse): boolean {
    const problem = this.sessionProblem(req);
    if (problem) this.refuse(res, ...problem);
    return !problem;
  }

  private sessionProblem(req: IncomingMessage): [number, number, string] | undefined {
    if (this.opts.stateful) {
      if (!this.initialized) return [400, -32000, 'Bad Request: Server not initialized'];
      const id = req.headers['mcp-session-id'];
      if (!id) return [400, -32000, 'Bad Request: Mcp-Session-Id header is required'];
      if (id !== this.sessionId) return [404, -32001, 'Session not found'];
    }
    const version = req.headers['mcp-protocol-version'];
    if (typeof version === 'string' && !SUPPORTED_PROTOCOL_VERSIONS.includes(version))
      return [
        400,
        -32000,
        `Bad Request: Unsupported protocol version: ${version} (supported versions: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`,
      ];
    return undefined;
  }

  private refuse(res: ServerResponse, status: number, code: number, message: string): void {
    this.onerror?.(new Error(message));
    sendJson(res, status, rpcErrorBody(code, message));
  }
}
