/**
 * A Feishu / Lark custom bot on loopback, checking what the bot documentation says it checks:
 * body ≤ 20 KB, token, signature (key = timestamp + "\n" + secret over empty data, timestamp in seconds
 * within 1 hour), message schema (text / post / interactive card 1.0 and 2.0), custom keywords.
 * Business errors come back as HTTP 200 with a non-zero code, as the real bot does.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import {
  allStrings,
  firstIssue,
  randomToken,
  startFakeServer,
  type FakeAnswer,
  type FakeIm,
  type FakeRequest,
} from './server';

export type FeishuFailure = 'rateLimit' | 'signature' | 'keyword' | 'ipNotAllowed' | 'badRequest' | 'invalidToken';

export interface FakeFeishuOptions {
  secret?: string;
  keywords?: string[];
  token?: string;
  /** Clock for the timestamp window, ms. */
  now?: () => number;
  rateLimit?: { max: number; windowMs: number };
}

const BODY_LIMIT = 20 * 1024;

const FAIL = {
  badRequest: { code: 9499, msg: 'Bad Request', data: {} },
  rateLimit: { code: 11232, msg: 'frequency limited psm[lark.oapi.app_platform_runtime]appID[-1]' },
  invalidToken: { code: 19001, msg: 'param invalid: incoming webhook access token invalid' },
  signature: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' },
  ipNotAllowed: { code: 19022, msg: 'Ip Not Allowed' },
  keyword: { code: 19024, msg: 'Key Words Not Found' },
} as const;

const OK = { StatusCode: 0, StatusMessage: 'success', code: 0, data: {}, msg: 'success' };

const TEMPLATES = [
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'default',
] as const;

const plainText = z.object({ tag: z.enum(['plain_text', 'lark_md']), content: z.string() });
const header = z.object({
  template: z.enum(TEMPLATES).optional(),
  title: plainText,
  subtitle: plainText.optional(),
  text_tag_list: z.array(z.unknown()).max(3).optional(),
  icon: z.unknown().optional(),
});

const v1Element = z.discriminatedUnion('tag', [
  z.object({ tag: z.literal('markdown'), content: z.string() }),
  z.object({
    tag: z.literal('div'),
    text: plainText.optional(),
    fields: z.array(z.object({ is_short: z.boolean(), text: plainText })).optional(),
  }),
  z.object({ tag: z.literal('hr') }),
  z.object({
    tag: z.literal('action'),
    actions: z.array(
      z.object({
        tag: z.literal('button'),
        text: plainText,
        type: z.string().optional(),
        url: z.string().url().optional(),
      }),
    ),
  }),
  z.object({
    tag: z.literal('note'),
    elements: z.array(z.object({ tag: z.string(), content: z.string().optional() })),
  }),
  z.object({ tag: z.literal('img'), img_key: z.string() }),
]);

const cardV1 = z.object({
  config: z.object({ wide_screen_mode: z.boolean().optional(), enable_forward: z.boolean().optional() }).optional(),
  header: header.optional(),
  elements: z.array(v1Element),
});

/** JSON 2.0 rejects unknown attributes, so every object is strict. */
const v2Element = z.discriminatedUnion('tag', [
  z.object({ tag: z.literal('markdown'), content: z.string(), text_align: z.string().optional() }).strict(),
  z.object({ tag: z.literal('hr') }).strict(),
  z.object({ tag: z.literal('div'), text: plainText }).strict(),
]);

const cardV2 = z
  .object({
    schema: z.literal('2.0'),
    config: z
      .object({
        update_multi: z.literal(true).optional(),
        width_mode: z.enum(['compact', 'fill', 'default']).optional(),
      })
      .strict()
      .optional(),
    header: header.strict().optional(),
    body: z.object({ elements: z.array(v2Element) }).strict(),
    card_link: z.unknown().optional(),
  })
  .strict();

const postTag = z.discriminatedUnion('tag', [
  z.object({ tag: z.literal('text'), text: z.string(), un_escape: z.boolean().optional() }),
  z.object({ tag: z.literal('a'), text: z.string(), href: z.string().url() }),
  z.object({ tag: z.literal('at'), user_id: z.string().min(1), user_name: z.string().optional() }),
  z.object({ tag: z.literal('img'), image_key: z.string() }),
]);

const postLang = z.object({ title: z.string().optional(), content: z.array(z.array(postTag)) });

const signing = { timestamp: z.string().optional(), sign: z.string().optional() };

const message = z.discriminatedUnion('msg_type', [
  z.object({ ...signing, msg_type: z.literal('text'), content: z.object({ text: z.string().min(1) }) }),
  z.object({
    ...signing,
    msg_type: z.literal('post'),
    content: z.object({
      post: z
        .object({ zh_cn: postLang.optional(), en_us: postLang.optional(), ja_jp: postLang.optional() })
        .refine((p) => p.zh_cn || p.en_us, 'zh_cn or en_us is required'),
    }),
  }),
  z.object({ ...signing, msg_type: z.literal('interactive'), card: z.union([cardV2, cardV1]) }),
  z.object({ ...signing, msg_type: z.literal('image'), content: z.object({ image_key: z.string() }) }),
  z.object({ ...signing, msg_type: z.literal('share_chat'), content: z.object({ share_chat_id: z.string() }) }),
]);

export function feishuSignature(timestamp: string, secret: string): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}

function reject(body: object, reason: string, status = 200): FakeAnswer {
  return { status, body, accepted: false, reason };
}

export async function startFakeFeishu(opts: FakeFeishuOptions = {}): Promise<FakeIm<FeishuFailure>> {
  const token = opts.token ?? randomToken();
  const now = opts.now ?? Date.now;

  function handle(req: FakeRequest): FakeAnswer {
    if (req.method !== 'POST') return reject(FAIL.badRequest, 'not POST', 400);
    if (req.bytes > BODY_LIMIT) return reject(FAIL.badRequest, `body ${req.bytes} bytes > ${BODY_LIMIT}`, 400);
    if (req.path !== `/open-apis/bot/v2/hook/${token}`) return reject(FAIL.invalidToken, 'wrong token');
    if (req.json === undefined || typeof req.json !== 'object') return reject(FAIL.badRequest, 'body is not JSON', 400);
    const body = req.json as { timestamp?: unknown; sign?: unknown };
    if (opts.secret) {
      const ts = typeof body.timestamp === 'string' ? body.timestamp : '';
      const within = /^\d+$/.test(ts) && Math.abs(now() / 1000 - Number(ts)) <= 3600;
      if (!within || body.sign !== feishuSignature(ts, opts.secret))
        return reject(FAIL.signature, within ? 'sign mismatch' : 'timestamp outside 1 hour');
    }
    const parsed = message.safeParse(req.json);
    if (!parsed.success)
      return reject(
        { ...FAIL.badRequest, msg: `Bad Request: ${firstIssue(parsed.error)}` },
        firstIssue(parsed.error),
        400,
      );
    if (opts.keywords?.length) {
      const text = allStrings(req.json, new Set(['timestamp', 'sign', 'msg_type', 'tag', 'template'])).join('\n');
      if (!opts.keywords.some((k) => text.includes(k))) return reject(FAIL.keyword, 'no keyword');
    }
    return { status: 200, body: OK, accepted: true };
  }

  return startFakeServer<FeishuFailure>({
    vendor: 'feishu',
    webhookPath: `/open-apis/bot/v2/hook/${token}`,
    handle,
    failures: {
      rateLimit: () => ({ status: 200, body: FAIL.rateLimit, accepted: false }),
      signature: () => ({ status: 200, body: FAIL.signature, accepted: false }),
      keyword: () => ({ status: 200, body: FAIL.keyword, accepted: false }),
      ipNotAllowed: () => ({ status: 200, body: FAIL.ipNotAllowed, accepted: false }),
      badRequest: () => ({ status: 400, body: FAIL.badRequest, accepted: false }),
      invalidToken: () => ({ status: 200, body: FAIL.invalidToken, accepted: false }),
    },
    ...(opts.rateLimit ? { rateLimit: { ...opts.rateLimit, kind: 'rateLimit' as const } } : {}),
  });
}
