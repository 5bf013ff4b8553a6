/**
 * workflows/chat-aiops.json in the real n8n: a chat message goes to the AI agent, whose model (OpenAI-compatible,
 * on loopback) calls `diagnose` on the bridge through n8n's MCP Client Tool first, then our Kubernetes Diagnose and
 * Kubernetes nodes as AI tools, and answers from their results through the public chat webhook.
 */
import type { N8nClient } from '../../scripts/n8n';
import { installWorkflows, type InstalledWorkflow } from '../../scripts/demo/workflows';
import { e2eClient, e2eInstance } from './setup/instance';
import { FAKE_MODEL, mcpToolName, modelWorkflowLine, startStack, webhookRegistered, type Stack } from './setup/stack';

const PLANTED = 'Pl4nted-Db-Passw0rd-7f3a9c';

describe('Chat with your cluster workflow', () => {
  let client: N8nClient;
  let stack: Stack;
  let wf: InstalledWorkflow;
  let chatUrl: string;

  async function say(sessionId: string, chatInput: string): Promise<{ status: number; output: string; raw: string }> {
    const res = await fetch(chatUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'sendMessage', sessionId, chatInput }),
    });
    const raw = await res.text();
    let output = '';
    try {
      output = String((JSON.parse(raw) as { output?: unknown }).output ?? '');
    } catch {
      output = raw;
    }
    return { status: res.status, output, raw };
  }

  beforeAll(async () => {
    client = await e2eClient();
    stack = await startStack(client, {
      label: 'chat',
      // diagnose first (the system prompt says so), then our nodes as tools for the object it named
      brain: { plan: [/(^|_)diagnose$/, /^Diagnose_one_object$/, /^Describe_one_object$/] },
    });
    const installed = await installWorkflows(client, stack.credentials, {
      keys: ['chat'],
      activate: ['chat'],
      model: FAKE_MODEL,
      mcpUrl: `${stack.bridge.url}/sse`,
      suffix: 'e2e',
      line: modelWorkflowLine(),
    });
    wf = installed.chat;
    const trigger = wf.json.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger');
    chatUrl = `${e2eInstance().url}/webhook/${trigger?.webhookId}/chat`;
    await webhookRegistered(chatUrl);
  });

  afterAll(async () => {
    if (wf) await client.deactivateWorkflow(wf.id).catch(() => undefined);
    await stack?.close();
  });

  test('the agent diagnoses through the MCP bridge first, then reads narrowly with our nodes as tools', async () => {
    const reply = await say('e2e-session-1', 'Why is shop/app-xyz crashing?');
    // what the model API refused, if anything, is the first thing to know when the chat fails
    const refused = stack.llm.requests
      .filter((r) => r.error)
      .map((r) => `${r.status} ${r.error} in ${JSON.stringify((r.body as { messages?: unknown })?.messages)}`);
    expect({ status: reply.status, refused }).toEqual({ status: 200, refused: [] });
    expect(reply.output).toMatch(/^Root cause: .*app-xyz.*OOMKilled/);
    expect(reply.output).toMatch(/\nFix: .*app-xyz/);

    const calls = stack.llm.toolCalls();
    expect(calls.map((c) => c.name)).toEqual([mcpToolName('diagnose'), 'Diagnose_one_object', 'Describe_one_object']);
    expect(calls[0].arguments).toEqual({ namespace: 'shop', kind: 'Deployment', name: 'app-xyz' });
    expect(calls[1].arguments).toMatchObject({ kind: 'Deployment', name: 'app-xyz', namespace: 'shop' });

    const turns = stack.llm.turns();
    expect(turns[0].system).toMatch(/call `diagnose` FIRST/);
    const offered = turns[0].tools.map((t) => t.name);
    expect(offered).toEqual(
      expect.arrayContaining([
        mcpToolName('diagnose'),
        mcpToolName('get_pod_logs'),
        'Diagnose_one_object',
        'Describe_one_object',
      ]),
    );
    // the read-only bridge offers no write tools
    expect(offered.some((n) => /apply|delete|patch|scale|set_/.test(n))).toBe(false);
    // our node tools take the object from the model ($fromAI)
    const nodeTool = turns[0].tools.find((t) => t.name === 'Diagnose_one_object');
    expect(Object.keys(nodeTool?.parameters.properties ?? {}).sort()).toEqual(['kind', 'name', 'namespace']);

    const results = turns[turns.length - 1].messages.filter((m) => m.role === 'tool');
    expect(results).toHaveLength(3);
    expect(results[0].content).toMatch(/OOMKilled/);
    expect(results[1].content).toMatch(/OOMKilled/);
    expect(results[2].content).toMatch(/app-xyz/);
    expect(JSON.stringify(stack.llm.requests)).not.toContain(PLANTED);
  });

  test('the conversation keeps its memory within a session', async () => {
    const before = stack.llm.turns().length;
    const reply = await say('e2e-session-1', 'And what about aiops/test-deployment?');
    expect(reply.status).toBe(200);
    expect(reply.output).toMatch(/StorageClass "cbs"/);
    const turn = stack.llm.turns()[before];
    expect(turn.messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual([
      'Why is shop/app-xyz crashing?',
      'And what about aiops/test-deployment?',
    ]);
  });
});
