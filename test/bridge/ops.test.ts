/**
 * Running it: API faults become tool error results and the bridge keeps serving; probes; metrics; the output cap.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { defaultConfig } from '../../bridge/config';
import { startBridge } from '../../bridge/index';
import { createLogger } from '../../bridge/logger';
import { type Stack, callTool, connectClient, faults, startStack, textOf } from './helpers';

const CAP = 1500;
let stack: Stack;
let client: Client;

beforeAll(async () => {
  stack = await startStack({ config: { maxOutputChars: CAP } });
  client = await connectClient(stack.bridge.url as string, 'http');
});

afterAll(async () => {
  await client?.close();
  await stack?.close();
});

afterEach(async () => {
  await faults(stack.sim);
});

const get = async (path: string) => {
  const res = await fetch(`${stack.bridge.url}${path}`);
  return { status: res.status, body: await res.text() };
};

describe('API faults', () => {
  it('503s from the API server give a tool error result, then a later call succeeds', async () => {
    await faults(stack.sim, { path: '^/api/v1/namespaces/shop/pods$', status: 503 });
    const failed = await callTool(client, 'list_resources', { kind: 'pods', namespace: 'shop' });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(/^list_resources failed: .*(503|unavailable)/is);
    await faults(stack.sim);
    const ok = await callTool(client, 'list_resources', { kind: 'pods', namespace: 'shop' });
    expect(ok.isError).toBeFalsy();
    expect(textOf(ok)).toMatch(/app-xyz-5969b7fffc-7ndjr/);
  });

  it('a dropped connection gives a tool error result, and the session still works', async () => {
    await faults(stack.sim, { path: '^/api/v1/namespaces/default/events$', drop: true });
    const failed = await callTool(client, 'list_events', { namespace: 'default' });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(/^list_events failed: /);
    const ok = await callTool(client, 'get_resource', { kind: 'Node', name: 'node-1' });
    expect(ok.isError).toBeFalsy();
  });

  it('diagnose survives a failing list: the error or a warning is reported, never a crash', async () => {
    await faults(stack.sim, { path: '/persistentvolumeclaims$', status: 503 });
    const r = await callTool(client, 'diagnose', { namespace: 'shop' });
    // either the run reports the list it could not read, or the call fails cleanly
    expect(textOf(r)).toMatch(/persistentvolumeclaims|pvcs|503|unavailable/i);
    await faults(stack.sim);
    const ok = await callTool(client, 'diagnose', { namespace: 'shop', budget: 1000 });
    expect(ok.isError).toBeFalsy();
    expect(textOf(ok)).toMatch(/OOMKilled/);
  });

  it('diagnose with the pod list failing says incomplete first, names the list, and gives no score', async () => {
    await faults(stack.sim, { path: '^/api/v1/namespaces/shop/pods$', status: 500 });
    const r = await callTool(client, 'diagnose', { namespace: 'shop' });
    expect(r.isError).toBeFalsy();
    const text = textOf(r);
    expect(text.split('\n')[0]).toMatch(/^Diagnosis INCOMPLETE: could not read pods \(failed\)/);
    expect(text).not.toMatch(/score \d+\/100|Omitted: nothing/);
    expect(r.structuredContent).toMatchObject({
      complete: false,
      score: null,
      failedReads: [{ list: 'pods', kind: 'Pod', reason: 'failed' }],
    });
  });

  it('diagnose with a typo in the name is an error result naming it and the close match', async () => {
    const r = await callTool(client, 'diagnose', { kind: 'Deployment', name: 'app-xyzz', namespace: 'shop' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('Deployment "app-xyzz" not found in namespace shop; did you mean "app-xyz"?');
  });

  it('diagnose with language zh: root causes in Chinese, names and commands unchanged', async () => {
    const r = await callTool(client, 'diagnose', { namespace: 'shop', language: 'zh' });
    expect(r.isError).toBeFalsy();
    expect(textOf(r)).toMatch(/[\u4e00-\u9fff]/);
    expect(textOf(r)).toContain('app-xyz');
    expect(textOf(r)).toMatch(/fix: kubectl /);
  });

  it('slow API answers are waited for, not turned into errors', async () => {
    await faults(stack.sim, { path: '^/api/v1/nodes$', latencyMs: 300, count: 1 });
    const started = Date.now();
    const r = await callTool(client, 'list_resources', { kind: 'nodes' });
    expect(r.isError).toBeFalsy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });
});

describe('probes', () => {
  it('/healthz is 200 while the process lives', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, body: 'ok' });
  });

  it('/readyz is 200 when the API answers and 503 when it does not', async () => {
    expect((await get('/readyz')).status).toBe(200);
    await faults(stack.sim, { path: '^/version$', drop: true });
    const down = await get('/readyz');
    expect(down.status).toBe(503);
    expect(down.body).toMatch(/^not ready: /);
    await faults(stack.sim);
    expect((await get('/readyz')).status).toBe(200);
  });

  it('/readyz is 503 when the API server is unreachable', async () => {
    const path = join(stack.dir, 'unreachable.kubeconfig');
    // port 1 on loopback: nothing listens, the connection is refused at once
    writeFileSync(
      path,
      stack.sim.kubeconfig.replace(/server: http:\/\/127\.0\.0\.1:\d+/, 'server: http://127.0.0.1:1'),
    );
    const bridge = await startBridge(
      { ...defaultConfig(), port: 0, kubeconfig: path },
      { log: createLogger('error', () => undefined) },
    );
    try {
      const res = await fetch(`${bridge.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/not ready/);
      expect((await fetch(`${bridge.url}/healthz`)).status).toBe(200);
    } finally {
      await bridge.close();
      rmSync(path, { force: true });
    }
  });
});

describe('idle Streamable HTTP sessions', () => {
  it('are closed after sessionIdleMs unless the client keeps a GET stream open', async () => {
    const bridge = await startBridge(
      { ...defaultConfig(), port: 0, kubeconfig: stack.kubeconfigPath, sessionIdleMs: 300 },
      { log: createLogger('error', () => undefined) },
    );
    const listening = await connectClient(bridge.url as string, 'http');
    try {
      const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
      const init = {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'gone', version: '1' } },
      };
      const first = await fetch(`${bridge.url}/mcp`, { method: 'POST', headers, body: JSON.stringify(init) });
      const sid = first.headers.get('mcp-session-id') as string;
      await first.text();
      expect(sid).toBeTruthy();
      await new Promise((r) => setTimeout(r, 900));
      const later = await fetch(`${bridge.url}/mcp`, {
        method: 'POST',
        headers: { ...headers, 'mcp-session-id': sid },
        body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
      });
      expect(later.status).toBe(404);
      // the SDK client holds its GET stream open: still served
      const r = await callTool(listening, 'get_resource', { kind: 'Node', name: 'node-1' });
      expect(r.isError).toBeFalsy();
      const metrics = await (await fetch(`${bridge.url}/metrics`)).text();
      expect(metrics).toMatch(/^kube_aiops_open_sessions\{transport="http"\} 1$/m);
    } finally {
      await listening.close();
      await bridge.close();
    }
  });
});

describe('/metrics', () => {
  it('has the call counter, the error counter, the latency histogram and the open sessions gauge', async () => {
    await callTool(client, 'get_api_resources', { group: 'apps' });
    const sse = await connectClient(stack.bridge.url as string, 'sse');
    let body: string;
    try {
      await callTool(sse, 'list_resources', { kind: 'nodes' });
      body = (await get('/metrics')).body;
    } finally {
      await sse.close();
    }
    expect(body).toMatch(/^kube_aiops_tool_calls_total\{tool="get_api_resources"\} [1-9]/m);
    expect(body).toMatch(/^kube_aiops_tool_errors_total\{tool="list_resources"\} [1-9]/m);
    expect(body).toMatch(/^kube_aiops_tool_duration_seconds_bucket\{le="0\.1",tool="get_api_resources"\} \d+/m);
    expect(body).toMatch(/^kube_aiops_tool_duration_seconds_count\{tool="list_resources"\} [1-9]/m);
    expect(body).toMatch(/^kube_aiops_open_sessions\{transport="http"\} [1-9]/m);
    expect(body).toMatch(/^kube_aiops_open_sessions\{transport="sse"\} 1$/m);
    expect(body).toMatch(/^kube_aiops_bridge_process_resident_memory_bytes \d+/m);
  });
});

describe('output cap', () => {
  it('cuts a long answer at the cap and says how to narrow the request', async () => {
    const r = await callTool(client, 'list_resources', { kind: 'pods', allNamespaces: true });
    const text = textOf(r);
    expect(r.isError).toBeFalsy();
    const [head, note] = text.split('\n… ');
    expect(head).toHaveLength(CAP);
    expect(note).toMatch(
      /^output cut at 1500 of \d+ characters; narrow the request: give a namespace, a labelSelector/,
    );
    // structured content over twice the cap is replaced by a note too, never sent whole
    expect(JSON.stringify(r.structuredContent).length).toBeLessThan(CAP * 2 + 200);
  });

  it('keeps diagnose within its budget, under the cap', async () => {
    const r = await callTool(client, 'diagnose', {});
    expect(r.isError).toBeFalsy();
    expect(textOf(r)).toMatch(/OOMKilled|lastest|cbs/);
    expect(textOf(r).length).toBeLessThanOrEqual(CAP);
    expect(textOf(r)).not.toMatch(/output cut at/);
  });
});
