/**
 * Two bridge replicas behind Debian's HAProxy, driven by the MCP SDK's real clients:
 * - `--stateless` Streamable HTTP, round-robin: requests of one client land on both replicas and all succeed;
 * - SSE with source affinity: the stream and its /messages posts stay on one replica;
 * - SIGTERM to the replica holding an SSE session while a call is in flight: the call still answers, the stream
 *   is closed, the process exits, and a new client is served by the other replica.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startBridgeProcess, type BridgeProcess } from '../helpers/bridge-process';
import { haproxyAvailable, HAPROXY, startHaproxy, type RunningHaproxy } from '../helpers/haproxy';
import { startTestSim } from '../helpers/sim';
import { DEMO, rawInitialize } from './helpers';

if (!haproxyAvailable)
  console.warn(`[replicas] SKIPPED: ${HAPROXY} not found (apt-get install haproxy, or set HAPROXY_BIN)`);
const describeReal = haproxyAvailable ? describe : describe.skip;

jest.setTimeout(180_000);

type Sim = Awaited<ReturnType<typeof startTestSim>>;

async function toolCalls(bridge: BridgeProcess): Promise<number> {
  const text = await (await fetch(`${bridge.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('kube_aiops_tool_calls_total{'))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

function textOf(result: unknown): string {
  return ((result as CallToolResult).content ?? []).map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

async function client(transport: SSEClientTransport | StreamableHTTPClientTransport): Promise<Client> {
  const c = new Client({ name: 'replicas-test', version: '1.0.0' });
  await c.connect(transport);
  return c;
}

describeReal('bridge replicas behind HAProxy', () => {
  let sim: Sim;
  let dir: string;
  const bridges: BridgeProcess[] = [];
  let lb: RunningHaproxy | undefined;

  beforeAll(async () => {
    sim = await startTestSim({ fixtures: [DEMO] });
    dir = mkdtempSync(join(tmpdir(), 'kube-aiops-replicas-'));
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, sim.kubeconfig, { mode: 0o600 });
    const args = ['--stateless', '--transport', 'all', '--kubeconfig', kubeconfig, '--drain-seconds', '20'];
    bridges.push(...(await Promise.all([startBridgeProcess(args), startBridgeProcess(args)])));
    lb = await startHaproxy(bridges.map((b, i) => ({ name: `bridge${i}`, port: b.port })));
  });

  afterAll(async () => {
    await Promise.allSettled(bridges.map((b) => b.stop('SIGKILL')));
    await lb?.close();
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stateless Streamable HTTP: one client, requests spread round-robin, every call answers', async () => {
    const before = await Promise.all(bridges.map(toolCalls));
    const c = await client(new StreamableHTTPClientTransport(new URL(`${lb!.url}/mcp`)));
    const tools = await c.listTools();
    expect(tools.tools.map((t) => t.name)).toContain('list_resources');
    for (let i = 0; i < 6; i++) {
      const r = await c.callTool({ name: 'list_resources', arguments: { kind: 'pods', namespace: 'shop' } });
      expect(r.isError).toBeFalsy();
      expect(textOf(r)).toMatch(/app-xyz|redis|db-migrate/);
    }
    await c.close();
    const after = await Promise.all(bridges.map(toolCalls));
    const served = after.map((n, i) => n - before[i]);
    expect(served.reduce((a, b) => a + b, 0)).toBe(6);
    // round-robin over requests (initialize, notifications, list, calls): both replicas answered calls
    expect(served.every((n) => n > 0)).toBe(true);
  });

  it('a stateless replica keeps no sessions: GET /mcp is refused with 405, no Mcp-Session-Id is issued', async () => {
    const res = await fetch(`${bridges[0].url}/mcp`, { headers: { accept: 'text/event-stream' } });
    expect(res.status).toBe(405);
    const init = await rawInitialize(bridges[0].url, 1, '2025-03-26');
    expect(init.status).toBe(200);
    expect(init.headers.get('mcp-session-id')).toBeNull();
    await init.text();
  });

  it('SSE keeps its session on one replica (source affinity), and SIGTERM drains it', async () => {
    const before = await Promise.all(bridges.map(toolCalls));
    const sse = new SSEClientTransport(new URL(`${lb!.url}/sse`));
    let streamClosed = false;
    const c = await client(sse);
    // the SDK's SSE client reports a closed stream as an error of its EventSource
    c.onerror = () => {
      streamClosed = true;
    };
    for (let i = 0; i < 4; i++) {
      const r = await c.callTool({ name: 'list_resources', arguments: { kind: 'pods', namespace: 'shop' } });
      expect(r.isError).toBeFalsy();
    }
    const mid = await Promise.all(bridges.map(toolCalls));
    const served = mid.map((n, i) => n - before[i]);
    expect(served.sort()).toEqual([0, 4]);
    const holder = mid.findIndex((n, i) => n - before[i] === 4);
    const other = 1 - holder;

    // a call that takes a while: the simulator answers the pods list of "shop" after 3 s
    await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '^/api/v1/namespaces/shop/pods$', method: 'GET', latencyMs: 3000, count: 1 }),
    });
    const slow = c.callTool({ name: 'list_resources', arguments: { kind: 'pods', namespace: 'shop' } });
    await new Promise((r) => setTimeout(r, 1000));
    const started = Date.now();
    const exit = bridges[holder].stop('SIGTERM');
    const answer = await slow;
    expect(answer.isError).toBeFalsy();
    expect(textOf(answer)).toMatch(/app-xyz|redis|db-migrate/);
    expect(await exit).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(bridges[holder].output()).toMatch(/bridge drained/);
    await new Promise((r) => setTimeout(r, 200));
    expect(streamClosed).toBe(true);
    await c.close();

    // HAProxy notices the stopped replica; a reconnecting client lands on the other one
    await new Promise((r) => setTimeout(r, 1500));
    const otherBefore = await toolCalls(bridges[other]);
    const again = await client(new SSEClientTransport(new URL(`${lb!.url}/sse`)));
    const r = await again.callTool({ name: 'list_resources', arguments: { kind: 'pods', namespace: 'shop' } });
    expect(r.isError).toBeFalsy();
    expect(await toolCalls(bridges[other])).toBe(otherBefore + 1);
    await again.close();
    // Streamable HTTP keeps working on the survivor too
    const h = await client(new StreamableHTTPClientTransport(new URL(`${lb!.url}/mcp`)));
    const r2 = await h.callTool({ name: 'list_resources', arguments: { kind: 'pods', namespace: 'shop' } });
    expect(r2.isError).toBeFalsy();
    await h.close();
  });
});
