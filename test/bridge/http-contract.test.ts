/**
 * The Streamable HTTP contract of /mcp, byte for byte over HTTP: the status codes and JSON-RPC errors a client of
 * the SDK's own server transport gets (406, 415, 400 on re-initialize and on a second initialize in a batch, 404 on
 * an unknown session, 400 on an unsupported protocol version, 202 for notifications, 409 on a second GET stream),
 * batches answered as one array in request order, a DELETEd session gone, and calls still running when a session
 * closes answered instead of left hanging. Plus the front: unknown paths, wrong methods, non-JSON bodies.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { JsonHttpTransport } from '../../bridge/http/json-transport';
import { MCP_HEADERS, faults, rawInitialize, startStack, type Stack } from './helpers';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

const base = () => stack.bridge.url as string;
const VERSION = '2025-06-18';

async function session(): Promise<Record<string, string>> {
  const init = await rawInitialize(base());
  expect(init.status).toBe(200);
  const id = init.headers.get('mcp-session-id') as string;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const headers = { ...MCP_HEADERS, 'mcp-session-id': id, 'mcp-protocol-version': VERSION };
  const done = await post(headers, { jsonrpc: '2.0', method: 'notifications/initialized' });
  expect(done.status).toBe(202);
  return headers;
}

const post = (headers: Record<string, string>, body: unknown) =>
  fetch(`${base()}/mcp`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

const rpcError = async (r: Response) => ((await r.json()) as { error: { code: number; message: string } }).error;

const call = (id: number | string, name: string, args: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, arguments: args },
});

test('an Accept header without both media types is 406; a body that is not JSON is 415', async () => {
  const headers = await session();
  const r406 = await post({ ...headers, accept: 'application/json' }, call(1, 'get_resource', {}));
  expect(r406.status).toBe(406);
  expect((await rpcError(r406)).message).toMatch(/Not Acceptable/);
  const r415 = await post({ ...headers, 'content-type': 'text/plain' }, JSON.stringify(call(2, 'x', {})));
  expect(r415.status).toBe(415);
  expect((await rpcError(r415)).message).toMatch(/Content-Type must be application\/json/);
});

test('a second initialize on a session is 400', async () => {
  const headers = await session();
  const again = await post(headers, {
    jsonrpc: '2.0',
    id: 9,
    method: 'initialize',
    params: { protocolVersion: VERSION, capabilities: {}, clientInfo: { name: 'x', version: '1' } },
  });
  expect(again.status).toBe(400);
  expect((await rpcError(again)).message).toMatch(/already initialized/);
});

test('unknown session is 404, no session on a non-initialize is 400, an unsupported protocol version is 400', async () => {
  const headers = await session();
  const unknown = await post({ ...headers, 'mcp-session-id': 'no-such-session' }, call(1, 'get_resource', {}));
  expect(unknown.status).toBe(404);
  const none = await post(MCP_HEADERS, call(1, 'get_resource', {}));
  expect(none.status).toBe(400);
  expect((await rpcError(none)).message).toMatch(/initialize/);
  const version = await post({ ...headers, 'mcp-protocol-version': '1999-01-01' }, call(1, 'get_resource', {}));
  expect(version.status).toBe(400);
  expect((await rpcError(version)).message).toMatch(/Unsupported protocol version: 1999-01-01/);
});

test('a message that is no JSON-RPC is 400; a batch over 100 messages is 400 before any of it runs', async () => {
  const headers = await session();
  const bad = await post(headers, { jsonrpc: '1.0', id: 1, method: 'tools/list' });
  expect(bad.status).toBe(400);
  expect((await rpcError(bad)).code).toBe(-32700);
  const long = await post(
    headers,
    Array.from({ length: 101 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'tools/list' })),
  );
  expect(long.status).toBe(400);
  expect((await rpcError(long)).message).toMatch(/Batch must not exceed 100/);
});

test('a request the protocol would drop unanswered is answered -32600; a fractional id is 400', async () => {
  const headers = await session();
  // the SDK's strict request schema rejects a member JSON-RPC does not define, and its protocol then never answers
  const extra = await post(headers, [
    { jsonrpc: '2.0', id: 5, method: 'tools/list', extra: 1 },
    { jsonrpc: '2.0', id: 6, method: 'tools/list' },
  ]);
  expect(extra.status).toBe(200);
  const answers = (await extra.json()) as { id: number; error?: { code: number }; result?: unknown }[];
  expect(answers.map((a) => [a.id, a.error?.code ?? 'result'])).toEqual([
    [5, -32600],
    [6, 'result'],
  ]);
  const fractional = await post(headers, { jsonrpc: '2.0', id: 1.5, method: 'tools/list' });
  expect(fractional.status).toBe(400);
  expect((await rpcError(fractional)).code).toBe(-32700);
});

test('a request with _meta goes through the strict schema: a malformed _meta is -32600, a progress token is fine', async () => {
  const headers = await session();
  const r = await post(headers, [
    { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { progressToken: { no: 1 } } } },
    { jsonrpc: '2.0', id: 2, method: 'tools/list', params: { _meta: { progressToken: 'p1' } } },
  ]);
  const answers = (await r.json()) as { id: number; error?: { code: number } }[];
  expect(answers.map((a) => [a.id, a.error?.code ?? 'result'])).toEqual([
    [1, -32600],
    [2, 'result'],
  ]);
});

test('tools/call in the SDK words: an unknown tool and bad arguments are error results, a task call refused', async () => {
  const headers = await session();
  const r = await post(headers, [
    call(1, 'no_such_tool', {}),
    call(2, 'get_resource', { kind: 'Pod', name: 42 }),
    {
      ...call(3, 'get_resource', { kind: 'Namespace', name: 'shop' }),
      params: { name: 'get_resource', arguments: { kind: 'Namespace', name: 'shop' }, task: { ttl: 1000 } },
    },
    call(4, 'get_resource', { kind: 'Namespace', name: 'shop' }),
  ]);
  type Answer = { id: number; error?: { code: number }; result?: { isError?: boolean; content: { text: string }[] } };
  const [unknown, invalid, task, ok] = (await r.json()) as Answer[];
  expect(unknown.result).toMatchObject({
    isError: true,
    content: [{ text: 'MCP error -32602: Tool no_such_tool not found' }],
  });
  expect(invalid.result?.isError).toBe(true);
  expect(invalid.result?.content[0].text).toMatch(
    /^MCP error -32602: Input validation error: Invalid arguments for tool get_resource: .* at name$/,
  );
  // the protocol refuses a task before any handler: the bridge declares no task support
  expect(task.error).toMatchObject({ code: -32603, message: expect.stringMatching(/task creation/) });
  expect(ok.result?.isError).toBeUndefined();
  expect(ok.result?.content[0].text).toContain('name: shop');
});

test("requests reach the SDK's request handler directly: the private method the transport relies on is there", () => {
  const server = new McpServer({ name: 'x', version: '0' });
  expect(new JsonHttpTransport().routeRequestsTo(server.server)).toBe(true);
  expect(new JsonHttpTransport().routeRequestsTo({})).toBe(false);
});

test('a batch is answered with one array in request order, notifications in it get no answer', async () => {
  const headers = await session();
  const r = await post(headers, [
    call('b', 'get_resource', { kind: 'Namespace', name: 'shop' }),
    { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'nothing' } },
    { jsonrpc: '2.0', id: 'a', method: 'tools/list' },
  ]);
  expect(r.status).toBe(200);
  expect(r.headers.get('mcp-session-id')).toBe(headers['mcp-session-id']);
  const answers = (await r.json()) as { id: string; result: Record<string, unknown> }[];
  expect(answers.map((a) => a.id)).toEqual(['b', 'a']);
  expect(JSON.stringify(answers[0].result)).toContain('name: shop');
  expect(answers[1].result.tools).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'get_resource' })]));
});

test('only one GET stream per session (409); DELETE ends the session and later calls are 404', async () => {
  const headers = await session();
  const sse = {
    accept: 'text/event-stream',
    'mcp-session-id': headers['mcp-session-id'],
    'mcp-protocol-version': VERSION,
  };
  const controller = new AbortController();
  const first = await fetch(`${base()}/mcp`, { headers: sse, signal: controller.signal });
  expect(first.status).toBe(200);
  expect(first.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const second = await fetch(`${base()}/mcp`, { headers: sse });
  expect(second.status).toBe(409);
  const notSse = await fetch(`${base()}/mcp`, { headers: { ...sse, accept: 'application/json' } });
  expect(notSse.status).toBe(406);
  controller.abort();

  const del = await fetch(`${base()}/mcp`, { method: 'DELETE', headers });
  expect(del.status).toBe(200);
  const after = await post(headers, { jsonrpc: '2.0', id: 5, method: 'tools/list' });
  expect(after.status).toBe(404);
});

test('a call still running when its session is deleted gets an answer, not a socket left open', async () => {
  const headers = await session();
  // the simulator delays the read: the call is in flight while the session goes away
  await faults(stack.sim, { path: '^/api/v1/namespaces/shop$', latencyMs: 1500, count: 1 });
  const running = post(headers, call(7, 'get_resource', { kind: 'Namespace', name: 'shop' }));
  await new Promise((r) => setTimeout(r, 300));
  expect((await fetch(`${base()}/mcp`, { method: 'DELETE', headers })).status).toBe(200);
  const answer = await running;
  expect(answer.status).toBe(503);
  expect((await rpcError(answer)).message).toBe('session closed');
  await faults(stack.sim);
});

test('the front: unknown path 404, wrong method 405 with Allow, oversized JSON 413, probes need no guard', async () => {
  expect((await fetch(`${base()}/nowhere`)).status).toBe(404);
  const put = await fetch(`${base()}/mcp`, { method: 'PUT', headers: MCP_HEADERS, body: '{}' });
  expect(put.status).toBe(405);
  expect(put.headers.get('allow')).toBe('POST, GET, DELETE');
  const big = await post(MCP_HEADERS, {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { pad: 'x'.repeat(2 << 20) },
  });
  expect(big.status).toBe(413);
  expect((await fetch(`${base()}/healthz`, { headers: { host: 'elsewhere.example' } })).status).toBe(200);
});
