/**
 * A Slack incoming webhook on loopback: plain-text answers ("ok", or an error code with its HTTP status),
 * Block Kit checks (≤50 blocks, section text ≤3000, header ≤150 plain_text, ≤10 fields of ≤2000,
 * context ≤10 elements), 429 with Retry-After when rate limited.
 */
import { z } from 'zod';
import { firstIssue, randomToken, startFakeServer, type FakeAnswer, type FakeIm, type FakeRequest } from './server';

export type SlackFailure = 'rateLimit' | 'invalidToken' | 'channelNotFound' | 'archived' | 'noService';

export interface FakeSlackOptions {
  rateLimit?: { max: number; windowMs: number };
}

const text = (max: number) =>
  z.object({
    type: z.enum(['mrkdwn', 'plain_text']),
    text: z.string().min(1).max(max),
    emoji: z.boolean().optional(),
    verbatim: z.boolean().optional(),
  });

const block = z.union([
  z.object({
    type: z.literal('header'),
    text: z.object({ type: z.literal('plain_text'), text: z.string().min(1).max(150), emoji: z.boolean().optional() }),
  }),
  z
    .object({
      type: z.literal('section'),
      text: text(3000).optional(),
      fields: z.array(text(2000)).min(1).max(10).optional(),
      accessory: z.unknown().optional(),
    })
    .refine((s) => s.text || s.fields, 'section needs text or fields'),
  z.object({
    type: z.literal('context'),
    elements: z
      .array(z.union([text(3000), z.object({ type: z.literal('image'), image_url: z.string(), alt_text: z.string() })]))
      .min(1)
      .max(10),
  }),
  z.object({ type: z.literal('divider') }),
  z.object({ type: z.literal('actions'), elements: z.array(z.unknown()).min(1).max(25) }),
  z.object({ type: z.literal('image'), image_url: z.string(), alt_text: z.string() }),
]);

const payload = z
  .object({
    text: z.string().max(40000).optional(),
    blocks: z.array(block).max(50).optional(),
    attachments: z.array(z.unknown()).optional(),
  })
  .passthrough();

function fail(status: number, code: string, reason?: string): FakeAnswer {
  return { status, body: code, accepted: false, reason: reason ?? code };
}

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeIm<SlackFailure>> {
  const path = `/services/T${randomToken().slice(0, 8).toUpperCase()}/B${randomToken().slice(0, 8).toUpperCase()}/${randomToken()}`;

  function handle(req: FakeRequest): FakeAnswer {
    if (req.path !== path) return fail(403, 'invalid_token');
    if (req.method !== 'POST') return fail(400, 'invalid_payload');
    if (req.json === undefined || typeof req.json !== 'object') return fail(400, 'invalid_payload', 'not JSON');
    const body = req.json as { text?: unknown; blocks?: unknown };
    if (!body.text && !body.blocks) return fail(400, 'no_text');
    const parsed = payload.safeParse(req.json);
    if (!parsed.success)
      return fail(400, Array.isArray(body.blocks) ? 'invalid_blocks' : 'invalid_payload', firstIssue(parsed.error));
    return { status: 200, body: 'ok', accepted: true };
  }

  return startFakeServer<SlackFailure>({
    vendor: 'slack',
    webhookPath: path,
    handle,
    failures: {
      rateLimit: (o) => ({
        status: 429,
        body: 'rate_limited',
        headers: { 'retry-after': o.retryAfter ?? '1' },
        accepted: false,
      }),
      invalidToken: () => fail(403, 'invalid_token'),
      channelNotFound: () => fail(404, 'channel_not_found'),
      archived: () => fail(410, 'channel_is_archived'),
      noService: () => fail(404, 'no_service'),
    },
    ...(opts.rateLimit ? { rateLimit: { ...opts.rateLimit, kind: 'rateLimit' as const } } : {}),
  });
}
