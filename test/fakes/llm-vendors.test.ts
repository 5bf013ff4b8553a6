/**
 * The fake model playing DeepSeek, Qwen (DashScope compatible mode) and Zhipu GLM: each refuses what its vendor
 * documents as invalid, with that vendor's status code and error body, and accepts a well-formed tool round trip.
 */
import { startFakeLlm, type FakeLlm } from './llm';
import type { Vendor } from './llm/vendors';

const fakes = new Map<Vendor, FakeLlm>();
beforeAll(async () => {
  for (const vendor of ['deepseek', 'dashscope', 'zhipu'] as const)
    fakes.set(vendor, await startFakeLlm({ vendor, apiKey: 'sk-test' }));
});
afterAll(async () => {
  for (const f of fakes.values()) await f.close();
});

const fake = (v: Vendor): FakeLlm => fakes.get(v) as FakeLlm;
/** An answer body as the assertions read it: any vendor's shape. */
type Answer = { error: { code: string; message: string; type?: string }; request_id?: string } & {
  choices: Array<{ message: { role: string } }>;
};
const post = async (v: Vendor, body: unknown, key = 'sk-test'): Promise<{ status: number; json: Answer }> => {
  const res = await fetch(`${fake(v).url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Answer };
};

const tool = (name: string) => ({
  type: 'function',
  function: { name, description: 'd', parameters: { type: 'object', properties: {} } },
});
const model: Record<Vendor, string> = {
  openai: 'kube-aiops-fake',
  deepseek: 'deepseek-chat',
  dashscope: 'qwen-plus',
  zhipu: 'glm-4-plus',
};
const call = { id: 'call_1', type: 'function', function: { name: 'diagnose', arguments: '{}' } };
const roundTrip = (toolContent: unknown) => [
  { role: 'system', content: 'You are an SRE.' },
  { role: 'user', content: 'Why is shop/app-xyz crashing?' },
  { role: 'assistant', content: null, tool_calls: [call] },
  { role: 'tool', tool_call_id: 'call_1', content: toolContent },
];

describe.each(['deepseek', 'dashscope', 'zhipu'] as const)('%s', (v) => {
  test('serves the vendor’s base path and accepts a well-formed tool round trip', async () => {
    expect(fake(v).url).toMatch(
      { deepseek: /:\d+$/, dashscope: /\/compatible-mode\/v1$/, zhipu: /\/api\/paas\/v4$/, openai: /\/v1$/ }[v],
    );
    const ok = await post(v, { model: model[v], messages: roundTrip('OOMKilled'), tools: [tool('diagnose')] });
    expect(ok.status).toBe(200);
    expect(ok.json.choices[0].message.role).toBe('assistant');
  });

  test('a tool result that is not a string is refused', async () => {
    const r = await post(v, {
      model: model[v],
      messages: roundTrip([{ type: 'text', text: 'OOMKilled' }]),
      tools: [tool('diagnose')],
    });
    expect(r.status).toBe(v === 'deepseek' ? 422 : 400);
    expect(JSON.stringify(r.json)).toMatch(/messages\[3\] \(tool\)\.content/);
  });

  test('tool messages must answer the preceding tool calls, all of them', async () => {
    const orphan = await post(v, {
      model: model[v],
      messages: [
        { role: 'user', content: 'x' },
        { role: 'tool', tool_call_id: 'call_9', content: 'r' },
      ],
    });
    expect(orphan.status).toBe(400);
    const unanswered = await post(v, {
      model: model[v],
      messages: [...roundTrip('r').slice(0, 3), { role: 'user', content: 'and?' }],
    });
    expect(unanswered.status).toBe(400);
    expect(JSON.stringify(unanswered.json)).toMatch(/must be followed by tool messages/);
  });

  test('a developer role, a bad function name and (where documented) more than 128 tools are refused', async () => {
    const dev = await post(v, { model: model[v], messages: [{ role: 'developer', content: 'x' }] });
    expect(dev.status).toBe(v === 'deepseek' ? 422 : 400);
    const name = await post(v, {
      model: model[v],
      messages: [{ role: 'user', content: 'x' }],
      tools: [tool('kube aiops.diagnose')],
    });
    expect(name.status).toBe(400);
    const long = await post(v, {
      model: model[v],
      messages: [{ role: 'user', content: 'x' }],
      tools: [tool('x'.repeat(65))],
    });
    expect(long.status).toBe(400);
    const many = await post(v, {
      model: model[v],
      messages: [{ role: 'user', content: 'x' }],
      tools: Array.from({ length: 129 }, (_, i) => tool(`t${i}`)),
    });
    expect(many.status).toBe(v === 'dashscope' ? 200 : 400);
  });

  test('authentication and unknown-model errors come in the vendor’s shape', async () => {
    const body = { model: model[v], messages: [{ role: 'user', content: 'x' }] };
    const bad = await post(v, body, 'sk-wrong');
    expect(bad.status).toBe(401);
    const unknown = await post(v, { ...body, model: 'gpt-9' });
    expect(unknown.status).toBe(v === 'dashscope' ? 404 : 400);
    if (v === 'zhipu') {
      expect(bad.json).toEqual({ error: { code: '1000', message: expect.any(String) } });
      expect(unknown.json.error.code).toBe('1211');
    } else {
      expect(bad.json.error).toMatchObject({ type: expect.any(String), message: expect.any(String) });
      if (v === 'dashscope') {
        expect(bad.json.error.code).toBe('invalid_api_key');
        expect(unknown.json.error.code).toBe('model_not_found');
        expect(bad.json.request_id).toEqual(expect.any(String));
      } else expect(unknown.json.error.message).toBe('Model Not Exist');
    }
    fake(v).failNext(1, 'rateLimit');
    const limited = await post(v, body);
    expect(limited.status).toBe(429);
  });
});

test('DeepSeek answers under /v1 too, and has no Responses API', async () => {
  const f = fake('deepseek');
  const res = await fetch(`${f.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-test' },
    body: JSON.stringify({ model: 'deepseek-chat', messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(res.status).toBe(200);
  const responses = await fetch(`${f.url}/v1/responses`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-test' },
    body: JSON.stringify({ model: 'deepseek-chat', input: 'hi' }),
  });
  expect(responses.status).toBe(404);
});

test('DashScope refuses a non-streaming call to an open-source Qwen3 model unless thinking is off', async () => {
  const body = { model: 'qwen3-32b', messages: [{ role: 'user', content: 'x' }] };
  const r = await post('dashscope', body);
  expect(r.status).toBe(400);
  expect(r.json.error.message).toMatch(/enable_thinking must be set to false for non-streaming calls/);
  expect((await post('dashscope', { ...body, enable_thinking: false })).status).toBe(200);
});

test('Zhipu: tool_choice only auto, temperature within [0, 1], an assistant message needs content or tool calls', async () => {
  const base = { model: 'glm-4-plus', messages: [{ role: 'user', content: 'x' }], tools: [tool('diagnose')] };
  const choice = await post('zhipu', { ...base, tool_choice: 'required' });
  expect(choice.status).toBe(400);
  expect(choice.json.error.code).toBe('1214');
  expect((await post('zhipu', { ...base, tool_choice: 'auto' })).status).toBe(200);
  expect((await post('zhipu', { ...base, temperature: 1.2 })).status).toBe(400);
  const empty = await post('zhipu', {
    ...base,
    messages: [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: '' },
      { role: 'user', content: 'y' },
    ],
  });
  expect(empty.status).toBe(400);
  expect(empty.json.error.message).toMatch(/content和tool_calls/);
});
