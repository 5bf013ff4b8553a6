/**
 * What the OpenAI-compatible APIs our users point n8n at accept beyond OpenAI's own schema, and how each answers a
 * request it rejects, as their documentation states it:
 * - DeepSeek (api-docs.deepseek.com, base URL https://api.deepseek.com): roles system/user/assistant/tool, string
 *   contents, at most 128 functions named [a-zA-Z0-9_-]{1,64}; a body that does not deserialize is 422 ("Failed to
 *   deserialize the JSON body into the target type"), other invalid requests 400, a wrong key 401, 402 no balance,
 *   429, 500, 503; errors in OpenAI's `{error: {message, type, param, code}}` shape.
 * - Qwen through DashScope's compatible mode (base URL …/compatible-mode/v1): OpenAI's shape with
 *   `code: "invalid_parameter_error"` (400), `invalid_api_key` (401), `model_not_found` (404), `limit_requests`
 *   (429) plus a `request_id`; tool results as strings; the open-source Qwen3 models think by default and refuse a
 *   non-streaming call unless `enable_thinking` is false.
 * - Zhipu GLM (open.bigmodel.cn, base URL …/api/paas/v4): `{error: {code, message}}` with business codes as strings
 *   (1000–1004 authentication → 401, 1211 unknown model and 1214 invalid parameter → 400, 1302 concurrency → 429),
 *   `tool_choice` only "auto", temperature and top_p within [0, 1], an assistant message needs content or tool_calls.
 * All three: a tool message answers a tool call of the assistant message before it, and every tool call of an
 * assistant message is answered before the conversation goes on.
 */
import { randomBytes } from 'node:crypto';

export type Vendor = 'openai' | 'deepseek' | 'dashscope' | 'zhipu';
export const VENDORS: readonly Vendor[] = ['openai', 'deepseek', 'dashscope', 'zhipu'];

/** Why a request is refused; each vendor maps it to its own status and body. */
export type RejectKind =
  'format' | 'invalid' | 'noKey' | 'badKey' | 'model' | 'notFound' | 'rateLimit' | 'server' | 'overloaded';

export class VendorReject extends Error {
  constructor(
    readonly kind: RejectKind,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

export interface VendorAnswer {
  status: number;
  body: unknown;
}

export interface VendorProfile {
  vendor: Vendor;
  /** the path of the base URL users configure in n8n's OpenAI credential, after the origin */
  basePath: string;
  models: string[];
  /** the model the e2e workflows are given */
  defaultModel: string;
  responsesApi: boolean;
  /** checks on the raw Chat Completions body, before the shared OpenAI schema */
  checkChat(body: Record<string, unknown>): void;
  answer(reject: VendorReject): VendorAnswer;
}

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const ROLES = ['system', 'user', 'assistant', 'tool'];

type Msg = Record<string, unknown>;

const isTextParts = (c: unknown): boolean =>
  Array.isArray(c) && c.every((p) => p && typeof p === 'object' && (p as Msg).type === 'text');

interface Rules {
  maxTools?: number;
  /** what content a user message may carry besides a string */
  userParts: boolean;
  /** DeepSeek reports type errors as deserialization failures (422), the others as invalid parameters */
  typeError: RejectKind;
  describeType(path: string, expected: string, got: unknown): string;
}

const typeName = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'sequence' : typeof v === 'object' ? 'map' : typeof v;

/** The checks every one of the three applies to messages and tools. */
function commonChecks(body: Record<string, unknown>, rules: Rules): void {
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0)
    throw new VendorReject('invalid', 'messages must be a non-empty array', 'messages');
  const open = new Set<string>();
  let pending: string[] = [];
  messages.forEach((raw, i) => {
    const m = raw as Msg;
    // the role in the path: n8n shows only this message, and the index alone does not say which message it was
    const at = `messages[${i}]${typeof m.role === 'string' ? ` (${m.role})` : ''}`;
    if (!ROLES.includes(String(m.role)))
      throw new VendorReject(
        rules.typeError,
        rules.describeType(`${at}.role`, `one of \`${ROLES.join('`, `')}\``, m.role),
        `${at}.role`,
      );
    if (m.role !== 'tool' && pending.length)
      throw new VendorReject(
        'invalid',
        `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. (insufficient tool messages following tool_calls message: ${pending.join(', ')})`,
        at,
      );
    if (m.role === 'system' && typeof m.content !== 'string')
      throw new VendorReject(
        rules.typeError,
        rules.describeType(`${at}.content`, 'a string', m.content),
        `${at}.content`,
      );
    if (m.role === 'user' && typeof m.content !== 'string' && !(rules.userParts && isTextParts(m.content)))
      throw new VendorReject(
        rules.typeError,
        rules.describeType(`${at}.content`, 'a string', m.content),
        `${at}.content`,
      );
    if (m.role === 'assistant') {
      if (m.content !== undefined && m.content !== null && typeof m.content !== 'string')
        throw new VendorReject(
          rules.typeError,
          rules.describeType(`${at}.content`, 'a string', m.content),
          `${at}.content`,
        );
      const calls = Array.isArray(m.tool_calls) ? (m.tool_calls as Msg[]) : [];
      for (const c of calls) {
        const id = typeof c.id === 'string' ? c.id : '';
        if (!id) throw new VendorReject('invalid', `${at}.tool_calls: every tool call needs an id`, at);
        open.add(id);
      }
      pending = calls.map((c) => String(c.id));
    }
    if (m.role === 'tool') {
      if (typeof m.content !== 'string')
        throw new VendorReject(
          rules.typeError,
          rules.describeType(`${at}.content`, 'a string', m.content),
          `${at}.content`,
        );
      const id = String(m.tool_call_id ?? '');
      if (!open.has(id))
        throw new VendorReject(
          'invalid',
          `Messages with role 'tool' must be a response to a preceding message with 'tool_calls' (${at}.tool_call_id ${id || 'missing'})`,
          at,
        );
      open.delete(id);
      pending = pending.filter((p) => p !== id);
    }
  });
  const tools = body.tools;
  if (tools === undefined || tools === null) return;
  if (!Array.isArray(tools)) throw new VendorReject(rules.typeError, 'tools must be an array', 'tools');
  if (rules.maxTools !== undefined && tools.length > rules.maxTools)
    throw new VendorReject(
      'invalid',
      `Too many tools: ${tools.length} given, a maximum of ${rules.maxTools} functions is supported`,
      'tools',
    );
  tools.forEach((t: Msg, i) => {
    const fn = (t.function ?? {}) as Msg;
    if (t.type === 'function' && !FUNCTION_NAME.test(String(fn.name ?? '')))
      throw new VendorReject(
        'invalid',
        `Invalid tools[${i}].function.name ${JSON.stringify(fn.name)}: must be a-z, A-Z, 0-9, underscores and dashes, at most 64 characters`,
        `tools[${i}].function.name`,
      );
  });
}

const requestId = (): string =>
  `${randomBytes(4).toString('hex')}-${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}-${randomBytes(6).toString('hex')}`;

const openAiShape = (message: string, type: string, code: string | null, param: string | null = null): unknown => ({
  error: { message, type, param, code },
});

const deepseekRules: Rules = {
  maxTools: 128,
  userParts: false,
  typeError: 'format',
  describeType: (path, expected, got) =>
    `Failed to deserialize the JSON body into the target type: ${path}: invalid type: ${typeName(got)}, expected ${expected}`,
};

const deepseek: VendorProfile = {
  vendor: 'deepseek',
  basePath: '',
  models: ['deepseek-chat', 'deepseek-reasoner'],
  defaultModel: 'deepseek-chat',
  responsesApi: false,
  checkChat: (body) => commonChecks(body, deepseekRules),
  answer(r) {
    const status = {
      format: 422,
      invalid: 400,
      noKey: 401,
      badKey: 401,
      model: 400,
      notFound: 404,
      rateLimit: 429,
      server: 500,
      overloaded: 503,
    }[r.kind];
    const type = r.kind === 'noKey' || r.kind === 'badKey' ? 'authentication_error' : 'invalid_request_error';
    const message =
      {
        noKey: 'Authentication Fails, no api key provided',
        badKey: 'Authentication Fails, Your api key is invalid',
        model: 'Model Not Exist',
        rateLimit: 'Rate Limit Reached',
        server: 'Server Error',
        overloaded: 'Server Overloaded',
      }[r.kind as string] ?? r.message;
    return { status, body: openAiShape(message, type, 'invalid_request_error', r.param) };
  },
};

const dashscopeRules: Rules = {
  userParts: true,
  typeError: 'invalid',
  describeType: (path, expected, got) =>
    `<400> InternalError.Algo.InvalidParameter: ${path} must be ${expected}, got ${typeName(got)}`,
};

/** The open-source Qwen3 models (qwen3-32b, qwen3-30b-a3b, …) think unless told not to. */
const thinksByDefault = (model: string): boolean => /^qwen3-\d+b(-a\d+b)?$/.test(model);

const dashscope: VendorProfile = {
  vendor: 'dashscope',
  basePath: '/compatible-mode/v1',
  models: ['qwen-plus', 'qwen-max', 'qwen-turbo', 'qwen3-32b'],
  defaultModel: 'qwen-plus',
  responsesApi: false,
  checkChat(body) {
    commonChecks(body, dashscopeRules);
    const model = String(body.model ?? '');
    if (thinksByDefault(model) && body.stream !== true && body.enable_thinking !== false)
      throw new VendorReject(
        'invalid',
        '<400> InternalError.Algo.InvalidParameter: parameter.enable_thinking must be set to false for non-streaming calls',
        'enable_thinking',
      );
  },
  answer(r) {
    const [status, code] = (
      {
        format: [400, 'invalid_parameter_error'],
        invalid: [400, 'invalid_parameter_error'],
        noKey: [401, 'invalid_api_key'],
        badKey: [401, 'invalid_api_key'],
        model: [404, 'model_not_found'],
        notFound: [404, 'not_found'],
        rateLimit: [429, 'limit_requests'],
        server: [500, 'internal_error'],
        overloaded: [503, 'ServiceUnavailable'],
      } as const
    )[r.kind];
    const message =
      {
        noKey: 'You must provide an API key. ',
        badKey: 'Incorrect API key provided. ',
        model: 'The model does not exist or you do not have access to it.',
        rateLimit: 'Requests rate limit exceeded, please try again later.',
        server: 'An internal error has occured, please try again later or contact service support.',
      }[r.kind as string] ?? r.message;
    const base = openAiShape(message, 'invalid_request_error', code, r.param) as Record<string, unknown>;
    return { status, body: { ...base, request_id: requestId() } };
  },
};

const zhipuRules: Rules = {
  maxTools: 128,
  userParts: true,
  typeError: 'invalid',
  describeType: (path, expected, got) => `${path}: 参数非法 (expected ${expected}, got ${typeName(got)})`,
};

const zhipu: VendorProfile = {
  vendor: 'zhipu',
  basePath: '/api/paas/v4',
  models: ['glm-4-plus', 'glm-4-flash', 'glm-4.5', 'glm-4.6'],
  defaultModel: 'glm-4-plus',
  responsesApi: false,
  checkChat(body) {
    commonChecks(body, zhipuRules);
    (body.messages as Msg[]).forEach((m, i) => {
      const noCalls = !Array.isArray(m.tool_calls) || m.tool_calls.length === 0;
      if (m.role === 'assistant' && noCalls && (m.content === null || m.content === undefined || m.content === ''))
        throw new VendorReject('invalid', `messages[${i}]:content和tool_calls 字段不能同时为空`, `messages[${i}]`);
    });
    if (body.tool_choice !== undefined && body.tool_choice !== null && body.tool_choice !== 'auto')
      throw new VendorReject('invalid', 'tool_choice 参数非法: 目前仅支持 auto', 'tool_choice');
    for (const key of ['temperature', 'top_p'] as const) {
      const v = body[key];
      if (v !== undefined && v !== null && (typeof v !== 'number' || v < 0 || v > 1))
        throw new VendorReject('invalid', `${key} 参数非法: 取值范围为 [0.0, 1.0]`, key);
    }
  },
  answer(r) {
    const [status, code] = (
      {
        format: [400, '1210'],
        invalid: [400, '1214'],
        noKey: [401, '1001'],
        badKey: [401, '1000'],
        model: [400, '1211'],
        notFound: [404, '1222'],
        rateLimit: [429, '1302'],
        server: [500, '500'],
        overloaded: [429, '1305'],
      } as const
    )[r.kind];
    const message =
      {
        noKey: 'Header中未收到Authorization参数，无法进行身份验证。',
        badKey: '身份验证失败。',
        model: '模型不存在，请检查模型代码。',
        rateLimit: '您当前使用该API的并发数过高，请降低并发，或联系客服增加限额。',
        overloaded: '该模型当前访问量过大，请您稍后再试',
      }[r.kind as string] ?? r.message;
    return { status, body: { error: { code, message } } };
  },
};

const openai: VendorProfile = {
  vendor: 'openai',
  basePath: '/v1',
  models: ['kube-aiops-fake', 'qwen-plus', 'gpt-4o-mini'],
  defaultModel: 'kube-aiops-fake',
  responsesApi: true,
  checkChat: () => undefined,
  // the server words OpenAI's own refusals; this only serves a refusal a check above raised
  answer: (r) => ({
    status: r.kind === 'noKey' || r.kind === 'badKey' ? 401 : 400,
    body: openAiShape(r.message, 'invalid_request_error', null, r.param),
  }),
};

export const PROFILES: Record<Vendor, VendorProfile> = { openai, deepseek, dashscope, zhipu };

/** The vendor the e2e stack's fake model plays (KUBE_AIOPS_FAKE_MODEL_VENDOR, default openai). */
export const VENDOR_ENV = 'KUBE_AIOPS_FAKE_MODEL_VENDOR';
export function vendorFromEnv(env: NodeJS.ProcessEnv = process.env): Vendor {
  const v = env[VENDOR_ENV] ?? 'openai';
  if (!(VENDORS as readonly string[]).includes(v))
    throw new Error(`${VENDOR_ENV}=${v}: expected one of ${VENDORS.join(', ')}`);
  return v as Vendor;
}
