/**
 * The fake OpenAI-compatible model: it checks requests like the vendor (key, model, schema, tool-call pairing),
 * serves Chat Completions plain and streamed and the Responses API, and its scripted brain calls the planned tools
 * before answering from their results.
 */
import { startFakeLlm, sreBrain, toolText, type FakeLlm } from './llm';

let llm: FakeLlm;

beforeAll(async () => {
  llm = await startFakeLlm({ apiKey: 'sk-test' });
});
afterAll(() => llm.close());
beforeEach(() => llm.reset());

const post = (path: string, body: unknown, key = 'sk-test') =>
  fetch(`${llm.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });

const tools = [
  {
    type: 'function',
    function: {
      name: 'kube_aiops_MCP_bridge_diagnose',
      description: 'root causes',
      parameters: {
        type: 'object',
        properties: { namespace: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } },
      },
    },
  },
];

describe('vendor checks', () => {
  test('a wrong or missing key is 401, an unknown model 404, a bad body 400, in OpenAI’s error shape', async () => {
    const body = { model: 'kube-aiops-fake', messages: [{ role: 'user', content: 'hi' }] };
    const wrong = await post('/chat/completions', body, 'sk-other');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_api_key', type: 'invalid_request_error' } });
    const none = await fetch(`${llm.url}/chat/completions`, { method: 'POST', body: JSON.stringify(body) });
    expect(none.status).toBe(401);
    const model = await post('/chat/completions', { ...body, model: 'gpt-9' });
    expect(model.status).toBe(404);
    expect(await model.json()).toMatchObject({ error: { code: 'model_not_found' } });
    const badTool = await post('/chat/completions', {
      ...body,
      tools: [{ type: 'function', function: { name: 'has spaces', parameters: { type: 'object' } } }],
    });
    expect(badTool.status).toBe(400);
    const orphan = await post('/chat/completions', {
      ...body,
      messages: [
        { role: 'user', content: 'x' },
        { role: 'tool', tool_call_id: 'call_1', content: 'r' },
      ],
    });
    expect(orphan.status).toBe(400);
    expect(((await orphan.json()) as { error: { message: string } }).error.message).toMatch(
      /must be a response to a preceeding message with 'tool_calls'/,
    );
    const models = await fetch(`${llm.url}/models`, { headers: { authorization: 'Bearer sk-test' } });
    expect(((await models.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id)).toContain('qwen-plus');
  });

  test('scripted failures answer like the vendor until recovered', async () => {
    llm.failNext(1, 'rateLimit');
    const body = { model: 'kube-aiops-fake', messages: [{ role: 'user', content: 'hi' }] };
    const limited = await post('/chat/completions', body);
    expect(limited.status).toBe(429);
    expect((await post('/chat/completions', body)).status).toBe(200);
    llm.failAll('server');
    expect((await post('/chat/completions', body)).status).toBe(500);
    llm.recover();
    expect((await post('/chat/completions', body)).status).toBe(200);
  });
});

describe('the scripted SRE brain', () => {
  test('Chat Completions: calls diagnose for the object named, then answers with the root cause from the result', async () => {
    const first = await post('/chat/completions', {
      model: 'qwen-plus',
      messages: [
        { role: 'system', content: 'sre' },
        { role: 'user', content: 'Why is shop/app-xyz crashing?' },
      ],
      tools,
    });
    const a = (await first.json()) as {
      choices: Array<{
        finish_reason: string;
        message: { tool_calls: Array<{ id: string; function: { name: string; arguments: string } }> };
      }>;
    };
    expect(a.choices[0].finish_reason).toBe('tool_calls');
    const call = a.choices[0].message.tool_calls[0];
    expect(call.function.name).toBe('kube_aiops_MCP_bridge_diagnose');
    expect(JSON.parse(call.function.arguments)).toEqual({ namespace: 'shop', kind: 'Deployment', name: 'app-xyz' });

    const result = JSON.stringify([
      {
        type: 'text',
        text: 'Kubernetes diagnosis: score 32/100\nC Deployment shop/app-xyz ×3 ReplicasUnavailable | root: container app is OOMKilled | msg | fix: kubectl rollout status deployment/app-xyz -n shop',
      },
    ]);
    const second = await post('/chat/completions', {
      model: 'qwen-plus',
      messages: [
        { role: 'user', content: 'Why is shop/app-xyz crashing?' },
        { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: call.function }] },
        { role: 'tool', tool_call_id: call.id, content: result },
      ],
      tools,
    });
    const b = (await second.json()) as { choices: Array<{ finish_reason: string; message: { content: string } }> };
    expect(b.choices[0].finish_reason).toBe('stop');
    expect(b.choices[0].message.content).toMatch(
      /^Root cause: Deployment shop\/app-xyz: container app is OOMKilled\nFix: kubectl rollout status/,
    );
    expect(llm.toolCalls().map((c) => c.name)).toEqual(['kube_aiops_MCP_bridge_diagnose']);
  });

  test('streamed Chat Completions arrive as chunks ending in [DONE]', async () => {
    const res = await post('/chat/completions', {
      model: 'qwen-plus',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Why is shop/app-xyz crashing?' }],
      tools,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await res.text();
    const events = text.split('\n\n').filter(Boolean);
    expect(events[events.length - 1]).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map(
      (e) =>
        JSON.parse(e.slice('data: '.length)) as {
          choices: Array<{ delta: { tool_calls?: unknown[] }; finish_reason: string | null }>;
          usage?: unknown;
        },
    );
    expect(chunks.some((c) => c.choices[0]?.delta.tool_calls)).toBe(true);
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe('tool_calls');
    expect(chunks[chunks.length - 1].usage).toBeDefined();
  });

  test('the Responses API: function_call out, function_call_output in, a message at the end', async () => {
    const rtools = [
      {
        type: 'function',
        name: 'diagnose',
        parameters: { type: 'object', properties: { namespace: { type: 'string' } } },
      },
    ];
    const first = (await (
      await post('/responses', {
        model: 'gpt-4o-mini',
        instructions: 'sre',
        input: 'what is wrong in aiops/test-deployment?',
        tools: rtools,
      })
    ).json()) as {
      output: Array<{ type: string; call_id: string; name: string; arguments: string }>;
    };
    expect(first.output[0]).toMatchObject({ type: 'function_call', name: 'diagnose' });
    expect(JSON.parse(first.output[0].arguments)).toEqual({ namespace: 'aiops' });
    const second = (await (
      await post('/responses', {
        model: 'gpt-4o-mini',
        input: [
          { role: 'user', content: 'what is wrong in aiops/test-deployment?' },
          {
            type: 'function_call',
            call_id: first.output[0].call_id,
            name: 'diagnose',
            arguments: first.output[0].arguments,
          },
          {
            type: 'function_call_output',
            call_id: first.output[0].call_id,
            output:
              '## ROOT CAUSE\nPersistentVolumeClaim aiops/test-data uses StorageClass "cbs", which does not exist',
          },
        ],
        tools: rtools,
      })
    ).json()) as { output: Array<{ type: string; content: Array<{ text: string }> }> };
    expect(second.output[0].type).toBe('message');
    expect(second.output[0].content[0].text).toMatch(
      /^Root cause: PersistentVolumeClaim aiops\/test-data uses StorageClass "cbs"/,
    );
  });

  test('a plan names tools in order; n8n’s JSON tool results are read as text', () => {
    const brain = sreBrain({ plan: [/diagnose$/, /^Describe_one_object$/] });
    const turn = {
      api: 'chat.completions' as const,
      model: 'm',
      system: '',
      stream: false,
      tools: [
        {
          name: 'Describe_one_object',
          description: '',
          parameters: {
            type: 'object',
            properties: { kind: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' } },
          },
        },
        { name: 'x_diagnose', description: '', parameters: { type: 'object', properties: {} } },
      ],
      messages: [{ role: 'user' as const, content: 'check default/nginx-test' }],
    };
    expect(brain(turn)).toEqual({ toolCalls: [{ name: 'x_diagnose', arguments: {} }] });
    expect(
      brain({
        ...turn,
        messages: [
          ...turn.messages,
          { role: 'assistant', content: '', toolCalls: [{ id: '1', name: 'x_diagnose', arguments: {} }] },
          { role: 'tool', toolCallId: '1', content: '[]' },
        ],
      }),
    ).toEqual({
      toolCalls: [
        { name: 'Describe_one_object', arguments: { kind: 'Deployment', name: 'nginx-test', namespace: 'default' } },
      ],
    });
    expect(toolText('[{"type":"text","text":"line one\\nline two"}]')).toBe('line one\nline two');
  });
});
