/**
 * Sessions share what does not depend on them (argument schemas, the tools/list answer, the JSON Schema
 * validator) and answer Streamable HTTP POSTs with one JSON body. Through the SDK's real client: the shared
 * tools/list is exactly what McpServer itself would list, concurrent sessions get their own correct results,
 * a bad argument in one session changes nothing for the others, and the GET stream still opens for notifications.
 * Also: the V8 flags the image runs the bridge with are accepted by this Node.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { defaultConfig } from '../../bridge/config';
import { enabledTools } from '../../bridge/server';
import { MCP_HEADERS, ROOT, callTool, connectClient, rawInitialize, startStack, textOf, type Stack } from './helpers';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ config: { enable: { create: true, update: true, delete: true } } });
});
afterAll(async () => {
  await stack.close();
});

const base = () => stack.bridge.url as string;

test('the shared tools/list is what McpServer lists for the same tools', async () => {
  const plain = new McpServer({ name: 'reference', version: '0' });
  const config = { ...defaultConfig(), enable: { create: true, update: true, delete: true } };
  for (const t of enabledTools(config))
    plain.registerTool(
      t.name,
      { title: t.title, description: t.description, inputSchema: t.input, annotations: t.annotations },
      () => ({ content: [] }),
    );
  const [a, b] = InMemoryTransport.createLinkedPair();
  await plain.connect(a);
  const reference = new Client({ name: 'reference', version: '0' });
  await reference.connect(b);
  const expected = (await reference.listTools()).tools;
  await reference.close();

  const sessions = await Promise.all([connectClient(base(), 'http'), connectClient(base(), 'sse')]);
  try {
    for (const c of sessions) expect((await c.listTools()).tools).toEqual(expected);
    expect(expected.map((t) => t.name)).toEqual(expect.arrayContaining(['delete_resource', 'get_resource']));
  } finally {
    await Promise.all(sessions.map((c) => c.close()));
  }
});

test('concurrent sessions get their own, correct results', async () => {
  const clients = await Promise.all(Array.from({ length: 6 }, (_, i) => connectClient(base(), i % 2 ? 'sse' : 'http')));
  try {
    const asks = clients.map((c, i) =>
      i % 3 === 0
        ? callTool(c, 'list_resources', { kind: 'pods', namespace: 'shop' })
        : i % 3 === 1
          ? callTool(c, 'get_resource', { kind: 'Namespace', name: 'shop' })
          : callTool(c, 'list_resources', { kind: 'pods', namespace: 'no-such-namespace' }),
    );
    const results = await Promise.all(asks);
    results.forEach((r, i) => {
      expect(r.isError).toBeFalsy();
      const text = textOf(r);
      if (i % 3 === 0) expect(text).toContain('app-xyz-');
      if (i % 3 === 1) expect(text).toMatch(/kind: Namespace[\s\S]*name: shop/);
      if (i % 3 === 2) expect(text).toBe('no Pod found in namespace no-such-namespace');
    });
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
});

test('an invalid argument in one session is refused there and nowhere else', async () => {
  const [bad, good] = await Promise.all([connectClient(base(), 'http'), connectClient(base(), 'http')]);
  try {
    const refused = await callTool(bad, 'get_resource', { kind: 'Pod', name: 'x'.repeat(300), namespace: 'shop' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/name/i);
    const fine = await callTool(good, 'get_resource', { kind: 'Namespace', name: 'shop' });
    expect(fine.isError).toBeFalsy();
    // the schema objects are shared: a refusal must not have altered them for the next call in the same session
    expect((await callTool(bad, 'get_resource', { kind: 'Namespace', name: 'shop' })).isError).toBeFalsy();
  } finally {
    await Promise.all([bad.close(), good.close()]);
  }
});

test('a Streamable HTTP POST is answered with a JSON body; the GET stream is still SSE', async () => {
  const init = await rawInitialize(base());
  expect(init.status).toBe(200);
  expect(init.headers.get('content-type')).toMatch(/^application\/json/);
  const session = init.headers.get('mcp-session-id') as string;
  expect(((await init.json()) as { result: { serverInfo: { name: string } } }).result.serverInfo.name).toBe(
    'kube-aiops',
  );
  const headers = { ...MCP_HEADERS, 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' };
  await fetch(`${base()}/mcp`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  const call = await fetch(`${base()}/mcp`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'get_resource', arguments: { kind: 'Namespace', name: 'shop' } },
    }),
  });
  expect(call.headers.get('content-type')).toMatch(/^application\/json/);
  const answer = (await call.json()) as { id: number; result: { content: { text: string }[] } };
  expect(answer.id).toBe(2);
  expect(answer.result.content[0].text).toContain('name: shop');

  const controller = new AbortController();
  const stream = await fetch(`${base()}/mcp`, {
    headers: { accept: 'text/event-stream', 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' },
    signal: controller.signal,
  });
  expect(stream.status).toBe(200);
  expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
  controller.abort();
  await fetch(`${base()}/mcp`, { method: 'DELETE', headers: { 'mcp-session-id': session } });
});

test("the image's node flags are ones this Node accepts, and they reach V8", () => {
  const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(readFileSync(join(ROOT, 'deploy', 'Dockerfile'), 'utf8'))?.[1];
  const argv = JSON.parse(entrypoint ?? '[]') as string[];
  expect(argv[0]).toBe('node');
  expect(argv.at(-1)).toBe('dist/cli/index.js');
  const flags = argv.slice(1, -1);
  expect(flags).toEqual(expect.arrayContaining(['--max-semi-space-size=2', '--heap-growing-percent=50']));
  const r = spawnSync(
    process.execPath,
    [
      ...flags,
      '-e',
      "console.log(require('v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size)",
    ],
    { encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
  // a 2 MiB semi-space: the new space never reaches the 32 MiB of the default
  expect(Number(r.stdout.trim())).toBeLessThanOrEqual(4 * 1024 * 1024);
});
