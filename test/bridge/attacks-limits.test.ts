/**
 * No work in proportion to hostile input, bounded sessions, and malformed JSON-RPC answered with errors that say
 * what is wrong — through the real MCP client and raw HTTP against a bridge over the simulator; random tool
 * arguments (fast-check) never get a request outside the policy to the API server.
 */
import fc from 'fast-check';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type AttackStack, startAttackStack } from './attack-fixture';
import { callTool, connectClient, rawInitialize, textOf } from './helpers';

let s: AttackStack;

beforeAll(async () => {
  s = await startAttackStack();
}, 60_000);

afterAll(async () => {
  await s?.close();
});

const url = () => s.bridge.url as string;

const initialize = (id = 1, base = url()) => rawInitialize(base, id, '2025-03-26');

const metric = async (name: string, base = url()): Promise<number> => {
  const text = await (await fetch(`${base}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(name))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
};

describe('hostile sizes', () => {
  it('a 20,000-character kind is refused by the schema at once, and /healthz answers meanwhile', async () => {
    const started = Date.now();
    const [r, health] = await Promise.all([
      callTool(s.client, 'get_resource', { kind: 'K'.repeat(20_000), name: 'x' }),
      fetch(`${url()}/healthz`).then((h) => h.text()),
    ]);
    expect(r.isError).toBe(true);
    expect(health).toBe('ok');
    // generous: the machine is shared; before the fix this held the event loop for seconds
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.each([
    ['name', { kind: 'ConfigMap', name: 'a'.repeat(254), namespace: 'victim' }],
    ['namespace', { kind: 'ConfigMap', name: 'a', namespace: 'a'.repeat(64) }],
    ['label selector', { kind: 'ConfigMap', namespace: 'victim', labelSelector: 'a'.repeat(5000) }],
  ])('an oversized %s is refused with a sentence', async (_what, args) => {
    const tool = 'labelSelector' in args ? 'list_resources' : 'get_resource';
    const r = await callTool(s.client, tool, args);
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/too_big|at most|longer than|characters/i);
  });

  it('every string and list argument of every tool has a cap in the schema the client sees', async () => {
    const { tools } = await s.client.listTools();
    expect(tools.length).toBeGreaterThan(10);
    const uncapped: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.type === 'string' && n.maxLength === undefined && n.enum === undefined && n.const === undefined)
        uncapped.push(path);
      if (n.type === 'array' && n.maxItems === undefined) uncapped.push(`${path}[]`);
      for (const [k, v] of Object.entries((n.properties as Record<string, unknown>) ?? {})) walk(v, `${path}.${k}`);
      walk(n.items, `${path}[]`);
      walk(n.additionalProperties, `${path}{}`);
      for (const key of ['anyOf', 'oneOf', 'allOf'])
        for (const v of (n[key] as unknown[] | undefined) ?? []) walk(v, path);
    };
    for (const t of tools) walk(t.inputSchema, t.name);
    expect(uncapped).toEqual([]);
  });

  it('a map argument with thousands of entries is refused by the schema, and nothing is written', async () => {
    const before = s.proxy.writes().length;
    const limits = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`example.com/r${i}`, '1']));
    const r = await callTool(s.client, 'set_resources', {
      kind: 'Deployment',
      name: 'web',
      namespace: 'victim',
      limits,
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/at most 100 entries/);
    expect(s.proxy.writes()).toHaveLength(before);
  });

  it('a grep that backtracks for ever is refused', async () => {
    const r = await callTool(s.client, 'get_pod_logs', { name: 'app-0', namespace: 'victim', grep: '(a+)+$' });
    expect(textOf(r)).toMatch(/nests quantifiers/);
  });

  it('a 600 KiB manifest and a 200 KiB patch are refused before parsing', async () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: victim}\ndata: {a: "${'x'.repeat(600 * 1024)}"}\n`;
    const r = await callTool(s.client, 'apply_resource', { manifest: big });
    expect(r.isError).toBe(true);
    const p = await callTool(s.client, 'patch_resource', {
      kind: 'cm',
      name: 'cm-1',
      namespace: 'victim',
      patch: JSON.stringify({ data: { a: 'x'.repeat(200 * 1024) } }),
    });
    expect(p.isError).toBe(true);
  });
});

describe('random arguments never reach the API outside the policy', () => {
  const name = fc.oneof(
    fc.constantFrom('.', '..', '', ' ', '%2e%2e', 'a/b', '../x', 'cm-1', 'CM-1', 'a'.repeat(300), 'x?y', 'x#y'),
    fc.string({ maxLength: 40 }),
  );
  const namespace = fc.oneof(
    fc.constantFrom('victim', 'kube-system', '..', '.', 'kube-system/..', '', 'default'),
    fc.string({ maxLength: 20 }),
  );
  const kind = fc.constantFrom(
    'ConfigMap',
    'cm',
    'Pod',
    'Secret',
    'Namespace',
    'configmaps/..',
    'v1/ConfigMap',
    'Node',
  );

  it('delete_resource and patch_resource with random names, namespaces and kinds', async () => {
    await fc.assert(
      fc.asyncProperty(kind, name, namespace, fc.boolean(), async (k, n, ns, viaPatch) => {
        const before = s.proxy.writes().length;
        const started = Date.now();
        await callTool(
          s.client,
          viaPatch ? 'patch_resource' : 'delete_resource',
          viaPatch
            ? { kind: k, name: n, namespace: ns, patch: '{"metadata":{"labels":{"x":"1"}}}', dryRun: true }
            : { kind: k, name: n, namespace: ns, dryRun: true },
        );
        expect(Date.now() - started).toBeLessThan(15_000);
        for (const w of s.proxy.writes().slice(before)) {
          // every write that got through is a dry run on one named object in an unprotected namespace
          expect(w.query.get('dryRun')).toBe('All');
          const parts = w.path.split('/');
          expect(parts.every((p, i) => i === 0 || (p !== '' && p !== '.' && p !== '..'))).toBe(true);
          expect(w.path).not.toMatch(/namespaces\/kube-system|\/secrets\/|^\/api\/v1\/namespaces\/[^/]+$|\/nodes\//);
          expect(w.path).toMatch(/^\/api\/v1\/namespaces\/[a-z0-9-]+\/(configmaps|pods)\/[a-z0-9.-]+$/);
        }
      }),
      { numRuns: 60 },
    );
  }, 180_000);
});

describe('malformed JSON-RPC', () => {
  it('arguments: null is -32602 naming the arguments', async () => {
    const init = await initialize(7);
    const sid = init.headers.get('mcp-session-id') as string;
    await init.text();
    const headers = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-session-id': sid,
      'mcp-protocol-version': '2025-03-26',
    };
    await fetch(`${url()}/mcp`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    }).then((r) => r.text());
    const res = await fetch(`${url()}/mcp`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 8,
        method: 'tools/call',
        params: { name: 'get_resource', arguments: null },
      }),
    });
    const body = (await res.json()) as { id: number; error: { code: number; message: string } };
    expect(body.id).toBe(8);
    expect(body.error.code).toBe(-32602);
    expect(body.error.message).toMatch(/params\.arguments must be an object.*not null/);
  });

  it('a batch on the SSE message endpoint gets a JSON-RPC error saying batches are not accepted there', async () => {
    const client = new Client({ name: 'sse', version: '1' });
    const transport = new SSEClientTransport(new URL(`${url()}/sse`));
    await client.connect(transport);
    const endpoint = (transport as unknown as { _endpoint: URL })._endpoint;
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'tools/list' },
        { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      ]),
    });
    const body = (await res.json()) as { error: { code: number; message: string } };
    expect(body.error.code).toBe(-32600);
    expect(body.error.message).toMatch(/batches are not accepted on the SSE message endpoint/);
    expect(body.error.message).not.toMatch(/object Object/);
    await client.close();
  });
});

describe('bounded sessions', () => {
  // its own bridge: a 400 ms idle limit would reap the other tests' sessions on a loaded machine
  let b: AttackStack;
  beforeAll(async () => {
    b = await startAttackStack({ maxSessions: 3, sessionIdleMs: 400 });
  }, 60_000);
  afterAll(async () => {
    await b?.close();
  });
  const burl = () => b.bridge.url as string;
  const bmetric = (name: string) => metric(name, burl());

  it('at the cap the longest-idle session is evicted; idle ones are reaped; /metrics counts both', async () => {
    const evictedBefore = await bmetric('kube_aiops_sessions_evicted_total');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await initialize(100 + i, burl());
      await r.text();
      ids.push(r.headers.get('mcp-session-id') as string);
    }
    expect(await bmetric('kube_aiops_open_sessions')).toBeLessThanOrEqual(3);
    expect((await bmetric('kube_aiops_sessions_evicted_total')) - evictedBefore).toBeGreaterThanOrEqual(3);
    // the first raw sessions are gone: their id is unknown now
    const gone = await fetch(`${burl()}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': ids[0],
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(gone.status).toBe(404);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await bmetric('kube_aiops_sessions_reaped_total')).toBeGreaterThanOrEqual(1);
    expect(await bmetric('kube_aiops_open_sessions')).toBe(0);
  });

  it('SDK clients that close() without a DELETE leave nothing behind once idle', async () => {
    const reapedBefore = await bmetric('kube_aiops_sessions_reaped_total');
    for (let i = 0; i < 5; i++) {
      const c = await connectClient(burl(), 'http');
      await c.listTools();
      await c.close();
    }
    expect(await bmetric('kube_aiops_open_sessions')).toBeLessThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await bmetric('kube_aiops_open_sessions')).toBe(0);
    expect((await bmetric('kube_aiops_sessions_reaped_total')) - reapedBefore).toBeGreaterThanOrEqual(1);
  });
});
