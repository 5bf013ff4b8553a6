/**
 * An OpenAI-compatible model server on loopback, checking requests the way the vendor does: bearer API key,
 * known model, message and tool schemas (tool names ^[a-zA-Z0-9_-]{1,64}$, every tool message answering a
 * preceding tool call), for Chat Completions (plain and streamed) and the Responses API (plain). What it answers
 * comes from a Brain (brain.ts): scripted tool calls, then an answer built from the tool results.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { sreBrain } from './brain';
import type { Brain, ModelReply, ModelRequest, ModelTurn, ToolCall, ToolSpec, TurnMessage } from './types';
import { PROFILES, VendorReject, type RejectKind, type Vendor } from './vendors';

export type LlmFailure = 'server' | 'rateLimit' | 'auth' | 'overloaded';

export interface FakeLlmOptions {
  apiKey?: string;
  models?: string[];
  brain?: Brain;
  /** whose API to play (paths, extra request checks, error bodies); OpenAI's by default */
  vendor?: Vendor;
}

export interface FakeLlm {
  /** base URL to configure (what the n8n OpenAI credential calls "Base URL"): …/v1 for OpenAI, the vendor's path else */
  url: string;
  vendor: Vendor;
  apiKey: string;
  models: string[];
  requests: ModelRequest[];
  /** model turns answered (requests that reached the brain) */
  turns(): ModelTurn[];
  /** every tool call the model asked for, in order */
  toolCalls(): Array<{ name: string; arguments: Record<string, unknown> }>;
  setBrain(brain: Brain): void;
  /** the next n model requests fail this way */
  failNext(n: number, kind: LlmFailure): void;
  /** every model request fails this way until recover() */
  failAll(kind: LlmFailure): void;
  recover(): void;
  reset(): void;
  close(): Promise<void>;
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

const textContent = z.union([
  z.string(),
  z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough()),
]);

const toolCallSchema = z.object({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.object({ name: z.string().regex(TOOL_NAME), arguments: z.string() }),
});

const chatMessage = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: textContent, name: z.string().optional() }),
  z.object({ role: z.literal('developer'), content: textContent, name: z.string().optional() }),
  z.object({ role: z.literal('user'), content: textContent, name: z.string().optional() }),
  z.object({
    role: z.literal('assistant'),
    content: z.union([textContent, z.null()]).optional(),
    tool_calls: z.array(toolCallSchema).optional(),
    name: z.string().optional(),
  }),
  z.object({ role: z.literal('tool'), content: textContent, tool_call_id: z.string().min(1) }),
]);

const jsonSchemaObject = z.object({ type: z.literal('object') }).passthrough();

const chatBody = z
  .object({
    model: z.string().min(1),
    messages: z.array(chatMessage).min(1),
    tools: z
      .array(
        z.object({
          type: z.literal('function'),
          function: z.object({
            name: z.string().regex(TOOL_NAME, 'tool names must match ^[a-zA-Z0-9_-]{1,64}$'),
            description: z.string().optional(),
            parameters: jsonSchemaObject.optional(),
            strict: z.boolean().nullable().optional(),
          }),
        }),
      )
      .optional(),
    tool_choice: z.unknown().optional(),
    stream: z.boolean().nullable().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().nullable().optional(),
    n: z.number().int().min(1).max(1).nullable().optional(),
  })
  .passthrough();

const responsesItem = z.union([
  z
    .object({
      type: z.literal('function_call'),
      call_id: z.string().min(1),
      name: z.string().regex(TOOL_NAME),
      arguments: z.string(),
      id: z.string().optional(),
    })
    .passthrough(),
  z
    .object({
      type: z.literal('function_call_output'),
      call_id: z.string().min(1),
      output: z.union([z.string(), z.array(z.unknown())]),
    })
    .passthrough(),
  z
    .object({
      type: z.literal('message').optional(),
      role: z.enum(['user', 'system', 'developer', 'assistant']),
      content: z.union([
        z.string(),
        z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough()),
      ]),
    })
    .passthrough(),
]);

const responsesBody = z
  .object({
    model: z.string().min(1),
    input: z.union([z.string(), z.array(responsesItem)]),
    instructions: z.string().nullable().optional(),
    tools: z
      .array(
        z.union([
          z.object({
            type: z.literal('function'),
            name: z.string().regex(TOOL_NAME),
            description: z.string().nullable().optional(),
            parameters: jsonSchemaObject.nullable().optional(),
            strict: z.boolean().nullable().optional(),
          }),
          z.object({ type: z.string() }).passthrough(),
        ]),
      )
      .optional(),
    stream: z.boolean().nullable().optional(),
  })
  .passthrough();

function text(content: z.infer<typeof textContent> | null | undefined): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((p) => p.text ?? '').join('');
}

function parseArguments(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw || '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
  ) {
    super(message);
  }

  /** what this refusal is, for a vendor that words it differently */
  get kind(): RejectKind {
    const byStatus: Record<number, RejectKind> = { 401: 'badKey', 429: 'rateLimit', 500: 'server', 503: 'overloaded' };
    if (this.code === 'model_not_found') return 'model';
    if (this.status === 404) return 'notFound';
    if (this.status === 401 && this.code !== 'invalid_api_key') return 'noKey';
    // only an unparsable body names neither a code nor a parameter
    return byStatus[this.status] ?? (this.code === null && this.param === null ? 'format' : 'invalid');
  }
}

function checkToolMessages(messages: TurnMessage[]): void {
  const open = new Set<string>();
  for (const m of messages) {
    if (m.role === 'assistant') for (const c of m.toolCalls) open.add(c.id);
    if (m.role === 'tool' && !open.has(m.toolCallId)) {
      throw new ApiError(
        400,
        "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
        'invalid_request_error',
        null,
        'messages',
      );
    }
  }
}

function chatTurn(body: z.infer<typeof chatBody>): ModelTurn {
  const messages: TurnMessage[] = [];
  const names = new Map<string, string>();
  for (const m of body.messages) {
    if (m.role === 'assistant') {
      const toolCalls: ToolCall[] = (m.tool_calls ?? []).map((c) => ({
        id: c.id,
        name: c.function.name,
        arguments: parseArguments(c.function.arguments),
      }));
      for (const c of toolCalls) names.set(c.id, c.name);
      messages.push({ role: 'assistant', content: text(m.content), toolCalls });
    } else if (m.role === 'tool')
      messages.push({
        role: 'tool',
        content: text(m.content),
        toolCallId: m.tool_call_id,
        toolName: names.get(m.tool_call_id),
      });
    else messages.push({ role: m.role, content: text(m.content) });
  }
  checkToolMessages(messages);
  const tools: ToolSpec[] = (body.tools ?? []).map((t) => ({
    name: t.function.name,
    description: t.function.description ?? '',
    parameters: t.function.parameters ?? { type: 'object' },
  }));
  return {
    api: 'chat.completions',
    model: body.model,
    system: messages
      .filter((m) => m.role === 'system' || m.role === 'developer')
      .map((m) => m.content)
      .join('\n'),
    messages,
    tools,
    stream: body.stream === true,
  };
}

function responsesTurn(body: z.infer<typeof responsesBody>): ModelTurn {
  const messages: TurnMessage[] = [];
  const names = new Map<string, string>();
  if (body.instructions) messages.push({ role: 'system', content: body.instructions });
  const items = typeof body.input === 'string' ? [{ role: 'user' as const, content: body.input }] : body.input;
  for (const item of items) {
    if ('type' in item && item.type === 'function_call') {
      const call = item as { call_id: string; name: string; arguments: string };
      names.set(call.call_id, call.name);
      const last = messages[messages.length - 1];
      const tc: ToolCall = { id: call.call_id, name: call.name, arguments: parseArguments(call.arguments) };
      if (last?.role === 'assistant') last.toolCalls.push(tc);
      else messages.push({ role: 'assistant', content: '', toolCalls: [tc] });
    } else if ('type' in item && item.type === 'function_call_output') {
      const out = item as { call_id: string; output: string | unknown[] };
      messages.push({
        role: 'tool',
        toolCallId: out.call_id,
        toolName: names.get(out.call_id),
        content: typeof out.output === 'string' ? out.output : JSON.stringify(out.output),
      });
    } else {
      const msg = item as { role: 'user' | 'system' | 'developer' | 'assistant'; content: z.infer<typeof textContent> };
      if (msg.role === 'assistant') messages.push({ role: 'assistant', content: text(msg.content), toolCalls: [] });
      else messages.push({ role: msg.role, content: text(msg.content) });
    }
  }
  checkToolMessages(messages);
  const tools: ToolSpec[] = (body.tools ?? []).flatMap((t) =>
    t.type === 'function' && 'name' in t
      ? [
          {
            name: String(t.name),
            description: String((t as { description?: string | null }).description ?? ''),
            parameters: (t as { parameters?: Record<string, unknown> | null }).parameters ?? {
              type: 'object',
            },
          },
        ]
      : [],
  );
  return {
    api: 'responses',
    model: body.model,
    system: messages
      .filter((m) => m.role === 'system' || m.role === 'developer')
      .map((m) => m.content)
      .join('\n'),
    messages,
    tools,
    stream: body.stream === true,
  };
}

const id = (prefix: string): string => `${prefix}${randomBytes(12).toString('hex')}`;
const tokens = (s: string): number => Math.max(1, Math.ceil(s.length / 4));

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': id('req_'), ...headers });
  res.end(JSON.stringify(body));
}

const FAILURES: Record<LlmFailure, ApiError> = {
  server: new ApiError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error'),
  rateLimit: new ApiError(
    429,
    'Rate limit reached for requests. Please try again in 20s.',
    'requests',
    'rate_limit_exceeded',
  ),
  auth: new ApiError(
    401,
    'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
    'invalid_request_error',
    'invalid_api_key',
  ),
  overloaded: new ApiError(503, 'The engine is currently overloaded, please try again later', 'server_error'),
};

export async function startFakeLlm(opts: FakeLlmOptions = {}): Promise<FakeLlm> {
  const apiKey = opts.apiKey ?? `sk-fake-${randomBytes(12).toString('hex')}`;
  const vendor = opts.vendor ?? 'openai';
  const profile = PROFILES[vendor];
  const models = opts.models ?? profile.models;
  let brain: Brain = opts.brain ?? sreBrain();
  const requests: ModelRequest[] = [];
  const queue: LlmFailure[] = [];
  let always: LlmFailure | undefined;

  function authorize(req: IncomingMessage): void {
    const header = req.headers.authorization;
    if (!header)
      throw new ApiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        'invalid_request_error',
      );
    if (header !== `Bearer ${apiKey}`) throw FAILURES.auth;
  }

  function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    const issue = r.error.issues[0];
    throw new ApiError(
      400,
      `Invalid value for '${issue.path.join('.')}': ${issue.message}`,
      'invalid_request_error',
      'invalid_value',
      issue.path.join('.'),
    );
  }

  function think(turn: ModelTurn): ModelReply {
    if (!models.includes(turn.model))
      throw new ApiError(
        404,
        `The model \`${turn.model}\` does not exist or you do not have access to it.`,
        'invalid_request_error',
        'model_not_found',
      );
    const failure = queue.shift() ?? always;
    if (failure) throw FAILURES[failure];
    const reply = brain(turn);
    if ('toolCalls' in reply) {
      for (const c of reply.toolCalls) {
        if (!turn.tools.some((t) => t.name === c.name))
          throw new Error(`the brain called ${c.name}, which the request did not offer`);
      }
    }
    return reply;
  }

  function chatAnswer(res: ServerResponse, turn: ModelTurn, reply: ModelReply, includeUsage: boolean): void {
    const created = Math.floor(Date.now() / 1000);
    const completionId = id('chatcmpl-');
    const toolCalls =
      'toolCalls' in reply
        ? reply.toolCalls.map((c) => ({
            id: id('call_'),
            type: 'function' as const,
            function: { name: c.name, arguments: JSON.stringify(c.arguments) },
          }))
        : [];
    const content = 'text' in reply ? reply.text : null;
    const finish = toolCalls.length ? 'tool_calls' : 'stop';
    const promptTokens = tokens(JSON.stringify(turn.messages));
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: tokens(content ?? JSON.stringify(toolCalls)),
      total_tokens: 0,
    };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    if (!turn.stream) {
      sendJson(res, 200, {
        id: completionId,
        object: 'chat.completion',
        created,
        model: turn.model,
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content,
              ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
              refusal: null,
            },
            logprobs: null,
            finish_reason: finish,
          },
        ],
        usage,
        system_fingerprint: 'fp_kube_aiops',
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const chunk = (delta: Record<string, unknown>, finishReason: string | null): void => {
      res.write(
        `data: ${JSON.stringify({ id: completionId, object: 'chat.completion.chunk', created, model: turn.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] })}\n\n`,
      );
    };
    chunk({ role: 'assistant', content: '' }, null);
    if (content) for (const piece of content.match(/[\s\S]{1,24}/g) ?? []) chunk({ content: piece }, null);
    toolCalls.forEach((c, index) =>
      chunk(
        {
          tool_calls: [
            { index, id: c.id, type: 'function', function: { name: c.function.name, arguments: c.function.arguments } },
          ],
        },
        null,
      ),
    );
    chunk({}, finish);
    if (includeUsage)
      res.write(
        `data: ${JSON.stringify({ id: completionId, object: 'chat.completion.chunk', created, model: turn.model, choices: [], usage })}\n\n`,
      );
    res.end('data: [DONE]\n\n');
  }

  function responsesAnswer(res: ServerResponse, turn: ModelTurn, reply: ModelReply): void {
    if (turn.stream)
      throw new ApiError(
        400,
        'this fake serves the Responses API without streaming only',
        'invalid_request_error',
        'unsupported_value',
        'stream',
      );
    const output =
      'toolCalls' in reply
        ? reply.toolCalls.map((c) => ({
            type: 'function_call',
            id: id('fc_'),
            call_id: id('call_'),
            name: c.name,
            arguments: JSON.stringify(c.arguments),
            status: 'completed',
          }))
        : [
            {
              type: 'message',
              id: id('msg_'),
              status: 'completed',
              role: 'assistant',
              content: [{ type: 'output_text', text: reply.text, annotations: [] }],
            },
          ];
    const input = tokens(JSON.stringify(turn.messages));
    const out = tokens(JSON.stringify(output));
    sendJson(res, 200, {
      id: id('resp_'),
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      status: 'completed',
      error: null,
      incomplete_details: null,
      model: turn.model,
      output,
      parallel_tool_calls: true,
      tool_choice: 'auto',
      tools: [],
      usage: {
        input_tokens: input,
        output_tokens: out,
        total_tokens: input + out,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens_details: { reasoning_tokens: 0 },
      },
    });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname.replace(/\/+$/, '');
      const record: ModelRequest = {
        api: 'models',
        path,
        status: 200,
        authorization: req.headers.authorization,
        body: undefined,
      };
      requests.push(record);
      // DeepSeek answers under its origin and under /v1 alike
      const base = vendor === 'deepseek' && path.startsWith('/v1/') ? '/v1' : profile.basePath;
      try {
        authorize(req);
        if (req.method === 'GET' && path === `${base}/models`) {
          sendJson(res, 200, {
            object: 'list',
            data: models.map((m) => ({ id: m, object: 'model', created: 1735689600, owned_by: 'kube-aiops' })),
          });
          return;
        }
        const isChat = path === `${base}/chat/completions`;
        const isResponses = profile.responsesApi && path === `${base}/responses`;
        if (req.method !== 'POST' || (!isChat && !isResponses))
          throw new ApiError(404, `Invalid URL (${req.method} ${path})`, 'invalid_request_error');
        let raw: unknown;
        try {
          raw = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          throw new ApiError(400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
        }
        record.body = raw;
        record.api = isChat ? 'chat.completions' : 'responses';
        if (isChat && raw && typeof raw === 'object') profile.checkChat(raw as Record<string, unknown>);
        const chat = isChat ? parse(chatBody, raw) : undefined;
        const turn = chat ? chatTurn(chat) : responsesTurn(parse(responsesBody, raw));
        record.turn = turn;
        const reply = think(turn);
        record.reply = reply;
        if (chat) chatAnswer(res, turn, reply, chat.stream_options?.include_usage === true);
        else responsesAnswer(res, turn, reply);
      } catch (err) {
        const e =
          err instanceof ApiError || err instanceof VendorReject
            ? err
            : new ApiError(500, err instanceof Error ? err.message : String(err), 'server_error');
        const answer =
          e instanceof ApiError && vendor === 'openai'
            ? {
                status: e.status,
                body: { error: { message: e.message, type: e.type, param: e.param, code: e.code } },
              }
            : profile.answer(e instanceof VendorReject ? e : new VendorReject(e.kind, e.message, e.param));
        record.status = answer.status;
        record.error = e.message;
        if (!res.headersSent)
          sendJson(res, answer.status, answer.body, answer.status === 429 ? { 'retry-after': '0' } : {});
        else res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${profile.basePath}`,
    vendor,
    apiKey,
    models,
    requests,
    turns: () => requests.flatMap((r) => (r.turn && r.status === 200 ? [r.turn] : [])),
    toolCalls: () =>
      requests.flatMap((r) => (r.reply && r.status === 200 && 'toolCalls' in r.reply ? r.reply.toolCalls : [])),
    setBrain(next) {
      brain = next;
    },
    failNext(n, kind) {
      for (let i = 0; i < n; i++) queue.push(kind);
    },
    failAll(kind) {
      always = kind;
    },
    recover() {
      always = undefined;
      queue.length = 0;
    },
    reset() {
      requests.length = 0;
      queue.length = 0;
      always = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
