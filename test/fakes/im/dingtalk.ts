/**
 * A DingTalk custom robot on loopback: access_token, signed query (timestamp in ms within 1 hour,
 * sign = urlEncode(base64(HMAC-SHA256(key = secret, data = timestamp + "\n" + secret)))), msgtype schema,
 * custom keywords, the 20000-byte limit. Errors are HTTP 200 bodies with the real errcode/errmsg.
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

export type DingtalkFailure = 'rateLimit' | 'signature' | 'keyword' | 'ipNotAllowed' | 'busy' | 'tokenMissing';

export interface FakeDingtalkOptions {
  secret?: string;
  keywords?: string[];
  token?: string;
  now?: () => number;
  rateLimit?: { max: number; windowMs: number };
}

const BODY_LIMIT = 20000;

const FAIL = {
  rateLimit: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' },
  signature: {
    errcode: 310000,
    errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]',
  },
  timestamp: {
    errcode: 310000,
    errmsg: 'invalid timestamp, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]',
  },
  keyword: {
    errcode: 310000,
    errmsg: 'keywords not in content, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]',
  },
  ipNotAllowed: {
    errcode: 310000,
    errmsg: 'ip 127.0.0.1 not in whitelist, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]',
  },
  tokenMissing: { errcode: 300005, errmsg: 'token is not exist' },
  tooLong: { errcode: 460101, errmsg: 'message too long, exceed 20000 bytes' },
  busy: { errcode: -1, errmsg: '系统繁忙' },
  getNotAllowed: { errcode: 43002, errmsg: '需要POST请求' },
} as const;

const at = z
  .object({
    atMobiles: z.array(z.string()).optional(),
    atUserIds: z.array(z.string()).optional(),
    isAtAll: z.boolean().optional(),
  })
  .optional();

const message = z.discriminatedUnion('msgtype', [
  z.object({ msgtype: z.literal('text'), text: z.object({ content: z.string().min(1) }), at }),
  z.object({
    msgtype: z.literal('markdown'),
    markdown: z.object({ title: z.string().min(1), text: z.string().min(1) }),
    at,
  }),
  z.object({
    msgtype: z.literal('actionCard'),
    actionCard: z
      .object({
        title: z.string().min(1),
        text: z.string().min(1),
        singleTitle: z.string().optional(),
        singleURL: z.string().optional(),
        btnOrientation: z.enum(['0', '1']).optional(),
        btns: z.array(z.object({ title: z.string().min(1), actionURL: z.string().min(1) })).optional(),
      })
      .refine(
        (c) => (c.singleTitle && c.singleURL) || (c.btns && c.btns.length > 0),
        'singleTitle+singleURL or btns is required',
      ),
  }),
  z.object({
    msgtype: z.literal('link'),
    link: z.object({ title: z.string(), text: z.string(), messageUrl: z.string(), picUrl: z.string().optional() }),
  }),
  z.object({
    msgtype: z.literal('feedCard'),
    feedCard: z.object({ links: z.array(z.object({ title: z.string(), messageURL: z.string(), picURL: z.string() })) }),
  }),
]);

export function dingtalkSignature(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

function reject(body: object, reason: string): FakeAnswer {
  return { status: 200, body, accepted: false, reason };
}

export async function startFakeDingtalk(opts: FakeDingtalkOptions = {}): Promise<FakeIm<DingtalkFailure>> {
  const token = opts.token ?? randomToken();
  const now = opts.now ?? Date.now;

  function handle(req: FakeRequest): FakeAnswer {
    if (req.path !== '/robot/send') return { status: 404, body: 'Not Found', accepted: false, reason: 'path' };
    if (!req.query.get('access_token')) return reject({ errcode: 40035, errmsg: '缺少参数 access_token' }, 'no token');
    if (req.query.get('access_token') !== token) return reject(FAIL.tokenMissing, 'wrong token');
    if (req.method !== 'POST') return reject(FAIL.getNotAllowed, 'not POST');
    if (opts.secret) {
      const ts = req.query.get('timestamp') ?? '';
      // URLSearchParams has already decoded the urlEncoded sign
      const sign = req.query.get('sign') ?? '';
      if (!/^\d+$/.test(ts) || Math.abs(now() - Number(ts)) > 3600_000)
        return reject(FAIL.timestamp, 'timestamp outside 1 hour');
      if (sign !== dingtalkSignature(ts, opts.secret)) return reject(FAIL.signature, 'sign mismatch');
    }
    if (req.bytes > BODY_LIMIT) return reject(FAIL.tooLong, `${req.bytes} bytes > ${BODY_LIMIT}`);
    if (req.json === undefined) return reject({ errcode: 40035, errmsg: '缺少参数 json' }, 'not JSON');
    const parsed = message.safeParse(req.json);
    if (!parsed.success)
      return reject(
        { errcode: 40035, errmsg: `invalid parameter: ${firstIssue(parsed.error)}` },
        firstIssue(parsed.error),
      );
    if (opts.keywords?.length) {
      const text = allStrings(parsed.data, new Set(['msgtype', 'at', 'btnOrientation'])).join('\n');
      if (!opts.keywords.some((k) => text.includes(k))) return reject(FAIL.keyword, 'no keyword');
    }
    return { status: 200, body: { errcode: 0, errmsg: 'ok' }, accepted: true };
  }

  return startFakeServer<DingtalkFailure>({
    vendor: 'dingtalk',
    webhookPath: `/robot/send?access_token=${token}`,
    handle,
    failures: {
      rateLimit: () => ({ status: 200, body: FAIL.rateLimit, accepted: false }),
      signature: () => ({ status: 200, body: FAIL.signature, accepted: false }),
      keyword: () => ({ status: 200, body: FAIL.keyword, accepted: false }),
      ipNotAllowed: () => ({ status: 200, body: FAIL.ipNotAllowed, accepted: false }),
      busy: () => ({ status: 200, body: FAIL.busy, accepted: false }),
      tokenMissing: () => ({ status: 200, body: FAIL.tokenMissing, accepted: false }),
    },
    ...(opts.rateLimit ? { rateLimit: { ...opts.rateLimit, kind: 'rateLimit' as const } } : {}),
  });
}
