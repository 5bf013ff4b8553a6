/**
 * n8n's MCP Client Tool through Debian's HAProxy in front of two `--stateless` bridge replicas (round-robin for
 * `/mcp`, source affinity for `/sse`), as the chat workflow is imported by users: its AI Agent, whose model
 * (the OpenAI-compatible fake) calls the bridge's `diagnose`, once per transport. Each call must reach a replica
 * (its tool-call counter moves) and its result must reach the model. Then the replica that served the SSE session
 * is stopped with SIGTERM: it drains and exits 0, and the next execution on each transport succeeds on the other.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { N8nClient, StoredWorkflow, WorkflowJson } from '../../scripts/n8n';
import { loadWorkflow, prepareWorkflow } from '../../scripts/demo/workflows';
import { startBridgeProcess, type BridgeProcess } from '../helpers/bridge-process';
import { haproxyAvailable, HAPROXY, startHaproxy, type RunningHaproxy } from '../helpers/haproxy';
import { e2eClient, e2eInstance, e2eLine } from './setup/instance';
import { FAKE_MODEL, mcpToolName, startStack, webhookRegistered, type Stack } from './setup/stack';

const missing = !haproxyAvailable
  ? `${HAPROXY} not found (apt-get install haproxy, or set HAPROXY_BIN)`
  : e2eLine() === '2.x'
    ? undefined
    : 'the MCP Client Tool with both transports is tested on the 2.x line';
if (missing) console.warn(`[mcp-replicas] SKIPPED: ${missing}`);
const describeReal = missing ? describe.skip : describe;

type Transport = 'sse' | 'httpStreamable';

/** Tool calls a replica has answered, summed over tools (bridge/metrics.ts; /metrics takes the bearer token too). */
async function toolCalls(bridge: BridgeProcess, token: string): Promise<number> {
  const res = await fetch(`${bridge.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${bridge.url}/metrics answered ${res.status}`);
  const text = await res.text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('kube_aiops_tool_calls_total{'))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

describeReal("n8n's MCP Client Tool through HAProxy to two bridge replicas", () => {
  let client: N8nClient;
  let stack: Stack;
  let dir: string;
  const bridges: BridgeProcess[] = [];
  let lb: RunningHaproxy;
  const stored: StoredWorkflow[] = [];
  const chatUrl = {} as Record<Transport, string>;

  async function say(transport: Transport, sessionId: string): Promise<{ status: number; output: string }> {
    const res = await fetch(chatUrl[transport], {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'sendMessage', sessionId, chatInput: 'Why is shop/app-xyz crashing?' }),
    });
    const raw = await res.text();
    try {
      return { status: res.status, output: String((JSON.parse(raw) as { output?: unknown }).output ?? '') };
    } catch {
      return { status: res.status, output: raw };
    }
  }

  /** One chat turn: the model called diagnose through the bridge, got its result, and answered from it. */
  async function diagnoseThrough(transport: Transport, sessionId: string): Promise<void> {
    const turnsBefore = stack.llm.turns().length;
    const reply = await say(transport, sessionId);
    const refused = stack.llm.requests.filter((r) => r.error).map((r) => `${r.status} ${r.error}`);
    expect({ transport, status: reply.status, refused }).toEqual({ transport, status: 200, refused: [] });
    expect(reply.output).toMatch(/^Root cause: .*app-xyz.*OOMKilled/);
    const turns = stack.llm.turns().slice(turnsBefore);
    const called = turns.flatMap((t) =>
      t.messages.flatMap((m) => (m.role === 'assistant' ? m.toolCalls.map((c) => c.name) : [])),
    );
    expect(called).toContain(mcpToolName('diagnose'));
    // the bridge's answer is what the model saw as the tool result
    const results = turns[turns.length - 1].messages.filter((m) => m.role === 'tool');
    expect(results).toHaveLength(1);
    expect(results[0].content).toMatch(/OOMKilled/);
    expect(results[0].content).toMatch(/app-xyz/);
  }

  function workflowFor(transport: Transport): WorkflowJson {
    const path = transport === 'sse' ? 'sse' : 'mcp';
    const json = prepareWorkflow(loadWorkflow('chat', '2.x'), stack.credentials, {
      model: FAKE_MODEL,
      mcpUrl: `${lb.url}/${path}`,
      suffix: `replicas-${path}`,
    });
    const mcp = json.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpClientTool');
    if (!mcp) throw new Error('the chat workflow has no MCP Client Tool');
    mcp.parameters.serverTransport = transport;
    return json;
  }

  beforeAll(async () => {
    client = await e2eClient();
    stack = await startStack(client, { label: 'replicas', brain: { plan: [/(^|_)diagnose$/] } });
    dir = mkdtempSync(join(tmpdir(), 'kube-aiops-mcp-replicas-'));
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, stack.cluster.kubeconfig, { mode: 0o600 });
    // the bridge token in n8n's credential is the stack's; the replicas take the same one
    const args = ['--stateless', '--transport', 'all', '--kubeconfig', kubeconfig, '--drain-seconds', '20'];
    const env = { KUBE_AIOPS_AUTH_TOKEN: stack.bridge.token };
    bridges.push(
      ...(await Promise.all([startBridgeProcess(args, 60_000, env), startBridgeProcess(args, 60_000, env)])),
    );
    lb = await startHaproxy(bridges.map((b, i) => ({ name: `bridge${i}`, port: b.port })));
    for (const transport of ['sse', 'httpStreamable'] as const) {
      const json = workflowFor(transport);
      const wf = await client.importWorkflow(json);
      await client.activateWorkflow(wf.id);
      stored.push(wf);
      const trigger = json.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger');
      chatUrl[transport] = `${e2eInstance().url}/webhook/${trigger?.webhookId}/chat`;
      await webhookRegistered(chatUrl[transport]);
    }
  }, 300_000);

  afterAll(async () => {
    for (const wf of stored) await client.deactivateWorkflow(wf.id).catch(() => undefined);
    await Promise.allSettled(bridges.map((b) => b.stop('SIGKILL')));
    await lb?.close();
    await stack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  let sseHolder = -1;

  test('SSE: the tool call reaches one replica and its result reaches the model', async () => {
    const before = await Promise.all(bridges.map((b) => toolCalls(b, stack.bridge.token)));
    await diagnoseThrough('sse', 'replicas-sse-1');
    const served = (await Promise.all(bridges.map((b) => toolCalls(b, stack.bridge.token)))).map(
      (n, i) => n - before[i],
    );
    expect([...served].sort()).toEqual([0, 1]);
    sseHolder = served.indexOf(1);
  });

  test('Streamable HTTP (stateless): the tool call reaches a replica and its result reaches the model', async () => {
    const before = await Promise.all(bridges.map((b) => toolCalls(b, stack.bridge.token)));
    const sentBefore = await lb.served('streamable');
    await diagnoseThrough('httpStreamable', 'replicas-http-1');
    const served = (await Promise.all(bridges.map((b) => toolCalls(b, stack.bridge.token)))).map(
      (n, i) => n - before[i],
    );
    expect(served.reduce((a, b) => a + b, 0)).toBe(1);
    // round-robin spread the execution's requests (initialize, tools/list, tools/call) over both replicas, and
    // each answered without a session from the other
    const sent = await lb.served('streamable');
    const spread = bridges.map((_, i) => sent[`bridge${i}`] - (sentBefore[`bridge${i}`] ?? 0));
    expect(Math.min(...spread)).toBeGreaterThan(0);
  });

  test('the SSE replica stopped with SIGTERM: it drains, and the next executions succeed on the other', async () => {
    expect(sseHolder).toBeGreaterThanOrEqual(0);
    const other = 1 - sseHolder;
    expect(await bridges[sseHolder].stop('SIGTERM')).toBe(0);
    expect(bridges[sseHolder].output()).toMatch(/bridge drained/);
    // HAProxy's health check (every 300 ms, one failure) takes it out
    await new Promise((r) => setTimeout(r, 1500));
    const before = await toolCalls(bridges[other], stack.bridge.token);
    await diagnoseThrough('sse', 'replicas-sse-2');
    expect(await toolCalls(bridges[other], stack.bridge.token)).toBe(before + 1);
    await diagnoseThrough('httpStreamable', 'replicas-http-2');
    expect(await toolCalls(bridges[other], stack.bridge.token)).toBe(before + 2);
  });
});
