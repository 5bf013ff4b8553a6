/**
 * A WeCom (企业微信) group robot on loopback: key in the query, msgtype schema, content byte limits
 * (text 2048, markdown / markdown_v2 4096 → errcode 40058 as the real robot answers), template_card rules
 * (main_title.title or sub_title_text, card_action required, ≤6 horizontal items, ≤3 jumps).
 */
import { z } from 'zod';
import { firstIssue, randomToken, startFakeServer, type FakeAnswer, type FakeIm, type FakeRequest } from './server';

export type WecomFailure = 'rateLimit' | 'invalidWebhook' | 'busy' | 'tooLong' | 'concurrency';

export interface FakeWecomOptions {
  key?: string;
  /** The real robot takes 20/min and counts failed attempts too. */
  rateLimit?: { max: number; windowMs: number };
}

export const WECOM_LIMITS = { text: 2048, markdown: 4096, markdown_v2: 4096 } as const;

function hint(): string {
  return `hint: [${Date.now()}_${Math.floor(Math.random() * 1e6)}], from ip: 127.0.0.1`;
}

function err(errcode: number, what: string): object {
  return {
    errcode,
    errmsg: `${what}, ${hint()}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`,
  };
}

const templateCard = z
  .object({
    card_type: z.enum(['text_notice', 'news_notice']),
    source: z
      .object({
        icon_url: z.string().optional(),
        desc: z.string().optional(),
        desc_color: z.number().int().min(0).max(3).optional(),
      })
      .optional(),
    main_title: z.object({ title: z.string().optional(), desc: z.string().optional() }).optional(),
    emphasis_content: z.object({ title: z.string().optional(), desc: z.string().optional() }).optional(),
    quote_area: z.unknown().optional(),
    sub_title_text: z.string().optional(),
    horizontal_content_list: z
      .array(
        z.object({
          keyname: z.string().min(1),
          value: z.string().optional(),
          type: z.number().optional(),
          url: z.string().optional(),
        }),
      )
      .max(6)
      .optional(),
    jump_list: z
      .array(
        z.object({
          type: z.number().int().min(0).max(2).optional(),
          url: z.string().optional(),
          title: z.string().min(1),
        }),
      )
      .max(3)
      .optional(),
    card_action: z.object({
      type: z.union([z.literal(1), z.literal(2)]),
      url: z.string().optional(),
      appid: z.string().optional(),
    }),
  })
  .refine((c) => c.main_title?.title || c.sub_title_text, 'main_title.title or sub_title_text is required')
  .refine((c) => c.card_action.type !== 1 || Boolean(c.card_action.url), 'card_action.url is required when type is 1');

const message = z.discriminatedUnion('msgtype', [
  z.object({
    msgtype: z.literal('text'),
    text: z.object({
      content: z.string(),
      mentioned_list: z.array(z.string()).optional(),
      mentioned_mobile_list: z.array(z.string()).optional(),
    }),
  }),
  z.object({ msgtype: z.literal('markdown'), markdown: z.object({ content: z.string() }) }),
  z.object({ msgtype: z.literal('markdown_v2'), markdown_v2: z.object({ content: z.string() }) }),
  z.object({ msgtype: z.literal('template_card'), template_card: templateCard }),
  z.object({ msgtype: z.literal('image'), image: z.object({ base64: z.string(), md5: z.string() }) }),
  z.object({
    msgtype: z.literal('news'),
    news: z.object({
      articles: z
        .array(z.object({ title: z.string(), url: z.string() }))
        .min(1)
        .max(8),
    }),
  }),
  z.object({ msgtype: z.literal('file'), file: z.object({ media_id: z.string() }) }),
]);

const MSGTYPES = new Set(['text', 'markdown', 'markdown_v2', 'image', 'news', 'file', 'voice', 'template_card']);

function reject(body: object, reason: string): FakeAnswer {
  return { status: 200, body, accepted: false, reason };
}

export async function startFakeWecom(opts: FakeWecomOptions = {}): Promise<FakeIm<WecomFailure>> {
  const key = opts.key ?? `${randomToken().slice(0, 8)}-${randomToken().slice(0, 4)}`;

  function handle(req: FakeRequest): FakeAnswer {
    if (req.path !== '/cgi-bin/webhook/send' || req.query.get('key') !== key)
      return reject(err(93000, 'invalid webhook url'), 'wrong key');
    if (req.method !== 'POST') return reject(err(40035, 'invalid parameter'), 'not POST');
    const body = req.json as { msgtype?: unknown } | undefined;
    if (!body || typeof body !== 'object') return reject(err(40035, 'invalid Request Parameter'), 'not JSON');
    if (typeof body.msgtype !== 'string' || !MSGTYPES.has(body.msgtype))
      return reject(err(40008, 'invalid message type'), 'bad msgtype');
    const parsed = message.safeParse(body);
    if (!parsed.success)
      return reject(err(40035, `invalid Request Parameter: ${firstIssue(parsed.error)}`), firstIssue(parsed.error));
    const msg = parsed.data;
    if (msg.msgtype === 'text' || msg.msgtype === 'markdown' || msg.msgtype === 'markdown_v2') {
      const content =
        msg.msgtype === 'text'
          ? msg.text.content
          : msg.msgtype === 'markdown'
            ? msg.markdown.content
            : msg.markdown_v2.content;
      if (!content.trim()) return reject(err(44004, 'empty content'), 'empty');
      const bytes = Buffer.byteLength(content, 'utf8');
      const limit = WECOM_LIMITS[msg.msgtype];
      if (bytes > limit) {
        return reject(
          err(40058, `${msg.msgtype}.content exceed max length ${limit}. invalid Request Parameter`),
          `${bytes} bytes > ${limit}`,
        );
      }
    }
    return { status: 200, body: { errcode: 0, errmsg: 'ok' }, accepted: true };
  }

  return startFakeServer<WecomFailure>({
    vendor: 'wecom',
    webhookPath: `/cgi-bin/webhook/send?key=${key}`,
    handle,
    failures: {
      rateLimit: () => ({ status: 200, body: err(45009, 'api freq out of limit'), accepted: false }),
      invalidWebhook: () => ({ status: 200, body: err(93000, 'invalid webhook url'), accepted: false }),
      busy: () => ({ status: 200, body: { errcode: -1, errmsg: 'system busy' }, accepted: false }),
      tooLong: () => ({ status: 200, body: err(45002, 'content too long'), accepted: false }),
      concurrency: () => ({ status: 200, body: err(45033, 'api concurrent out of limit'), accepted: false }),
    },
    ...(opts.rateLimit ? { rateLimit: { ...opts.rateLimit, kind: 'rateLimit' as const } } : {}),
  });
}
