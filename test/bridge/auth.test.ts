/**
 * The front door: bearer token (401), Host and Origin checks against DNS rebinding (403), the body cap (413), and the
 * refusal to listen beyond loopback without a token, from startBridge and from the CLI.
 */
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { defaultConfig } from '../../bridge/config';
import { startBridge } from '../../bridge/index';
import { MCP_HEADERS, ROOT, type Stack, callTool, connectClient, startStack, textOf } from './helpers';

const TOKEN = 'test-token-5b1f0c';
let stack: Stack;
let base: URL;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, not fetch: fetch will not send a forged Host header */
function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
      // SSE streams stay open: the status is all we need
      if (res.headers['content-type']?.startsWith('text/event-stream')) {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
        res.destroy();
      }
    });
    req.on('error', reject);
    req.end(body);
  });
}

const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

beforeAll(async () => {
  stack = await startStack({ config: { authToken: TOKEN, maxBodyBytes: 64 * 1024 } });
  base = new URL(stack.bridge.url as string);
});

afterAll(async () => {
  await stack?.close();
});

describe('bearer token', () => {
  it.each([
    ['POST /mcp', 'POST', '/mcp'],
    ['GET /sse', 'GET', '/sse'],
    ['POST /messages', 'POST', '/messages?sessionId=x'],
    ['GET /metrics', 'GET', '/metrics'],
  ])('%s without a token is 401', async (_l, method, path) => {
    const r = await raw(method, path, MCP_HEADERS, method === 'POST' ? INIT : undefined);
    expect(r.status).toBe(401);
    expect(r.headers['www-authenticate']).toBe('Bearer');
    expect(JSON.parse(r.body)).toMatchObject({
      jsonrpc: '2.0',
      error: { message: expect.stringMatching(/bearer token/) },
    });
  });

  it('a wrong token is 401, including one that only shares a prefix', async () => {
    expect((await raw('POST', '/mcp', { ...MCP_HEADERS, ...bearer('nope') }, INIT)).status).toBe(401);
    expect((await raw('POST', '/mcp', { ...MCP_HEADERS, ...bearer(`${TOKEN}x`) }, INIT)).status).toBe(401);
    expect((await raw('POST', '/mcp', { ...MCP_HEADERS, authorization: TOKEN }, INIT)).status).toBe(401);
  });

  it('probes stay open for kubelet: /healthz without a token is 200', async () => {
    expect((await raw('GET', '/healthz', {})).status).toBe(200);
  });

  it.each(['sse', 'http'] as const)('the right token lets the SDK client in over %s', async (transport) => {
    const client: Client = await connectClient(stack.bridge.url as string, transport, bearer(TOKEN));
    try {
      const r = await callTool(client, 'list_resources', { kind: 'nodes' });
      expect(textOf(r)).toMatch(/node-2/);
    } finally {
      await client.close();
    }
  });
});

describe('DNS rebinding', () => {
  it('a foreign Origin is 403', async () => {
    const r = await raw('POST', '/mcp', { ...MCP_HEADERS, ...bearer(TOKEN), origin: 'https://evil.example' }, INIT);
    expect(r.status).toBe(403);
    expect(r.body).toMatch(/origin https:\/\/evil\.example is not allowed/);
  });

  it('a loopback Origin is let through', async () => {
    const r = await raw(
      'POST',
      '/mcp',
      { ...MCP_HEADERS, ...bearer(TOKEN), origin: `http://localhost:${base.port}` },
      INIT,
    );
    expect(r.status).toBe(200);
  });

  it('a Host that is not loopback is 403 on a loopback bridge', async () => {
    const r = await raw(
      'POST',
      '/mcp',
      { ...MCP_HEADERS, ...bearer(TOKEN), host: `attacker.example:${base.port}` },
      INIT,
    );
    expect(r.status).toBe(403);
    expect(r.body).toMatch(/host attacker\.example/);
    const sse = await raw('GET', '/sse', { ...bearer(TOKEN), host: 'rebind.attacker.example' });
    expect(sse.status).toBe(403);
  });
});

describe('body cap', () => {
  it('an oversized body is 413 with a JSON-RPC error, and the bridge keeps serving', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { pad: 'x'.repeat(100 * 1024) },
    });
    const r = await raw('POST', '/mcp', { ...MCP_HEADERS, ...bearer(TOKEN) }, big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({
      jsonrpc: '2.0',
      error: { message: expect.stringMatching(/over 65536 bytes/) },
    });
    expect((await raw('POST', '/mcp', { ...MCP_HEADERS, ...bearer(TOKEN) }, INIT)).status).toBe(200);
  });

  it('malformed JSON is 400, not a stack trace', async () => {
    const r = await raw('POST', '/mcp', { ...MCP_HEADERS, ...bearer(TOKEN) }, '{"jsonrpc":');
    expect(r.status).toBe(400);
    expect(r.body).not.toMatch(/at \w+ \(/);
  });
});

describe('binding beyond loopback', () => {
  it('startBridge refuses a non-loopback host without a token', async () => {
    await expect(
      startBridge({ ...defaultConfig(), host: '0.0.0.0', port: 0, kubeconfig: stack.kubeconfigPath }),
    ).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without --auth-token/);
  });

  it('the CLI exits non-zero with one clear line', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KUBE_AIOPS_')));
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'cli/index.ts',
        'bridge',
        '--host',
        '0.0.0.0',
        '--port',
        '0',
        '--kubeconfig',
        stack.kubeconfigPath,
      ],
      {
        cwd: ROOT,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^kube-aiops: refusing to listen on 0\.0\.0\.0 without --auth-token \(KUBE_AIOPS_AUTH_TOKEN\)/,
      ),
    ]);
    expect(r.stdout).toBe('');
  }, 60_000);
});
