/**
 * A generic JSON webhook receiver on loopback: expects the neutral message as JSON and, with a secret,
 * verifies X-Kube-Aiops-Signature (sha256=hex HMAC of timestamp + "." + body, timestamp within 5 minutes).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { firstIssue, randomToken, startFakeServer, type FakeAnswer, type FakeIm, type FakeRequest } from './server';

export type GenericFailure = 'rateLimit' | 'badRequest' | 'unauthorized';

export interface FakeGenericOptions {
  secret?: string;
  /** Header that must be present with this value, e.g. { authorization: 'Bearer x' }. */
  requireHeader?: { name: string; value: string };
  now?: () => number;
  rateLimit?: { max: number; windowMs: number };
}

const neutralMessage = z.object({
  title: z.string().min(1),
  severity: z.enum(['critical', 'warning', 'info', 'resolved', 'none']),
  status: z.enum(['firing', 'resolved']).optional(),
  markdown: z.string(),
  fields: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
  links: z.array(z.object({ text: z.string(), url: z.string().url() })).optional(),
  mentions: z
    .object({
      all: z.boolean().optional(),
      userIds: z.array(z.string()).optional(),
      mobiles: z.array(z.string()).optional(),
    })
    .optional(),
  footer: z.string().optional(),
  sentAt: z.string().datetime(),
});

function signatureOk(expected: string, got: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(got);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startFakeGeneric(opts: FakeGenericOptions = {}): Promise<FakeIm<GenericFailure>> {
  const path = `/hooks/${randomToken()}`;
  const now = opts.now ?? Date.now;

  function handle(req: FakeRequest): FakeAnswer {
    if (req.path !== path) return { status: 404, body: { error: 'not found' }, accepted: false, reason: 'path' };
    if (opts.requireHeader && req.headers[opts.requireHeader.name.toLowerCase()] !== opts.requireHeader.value) {
      return {
        status: 401,
        body: { error: `missing or wrong ${opts.requireHeader.name}` },
        accepted: false,
        reason: 'header',
      };
    }
    if (opts.secret) {
      const ts = String(req.headers['x-kube-aiops-timestamp'] ?? '');
      const sig = String(req.headers['x-kube-aiops-signature'] ?? '');
      const expected = `sha256=${createHmac('sha256', opts.secret).update(`${ts}.${req.raw}`).digest('hex')}`;
      if (!/^\d+$/.test(ts) || Math.abs(now() / 1000 - Number(ts)) > 300 || !signatureOk(expected, sig)) {
        return { status: 401, body: { error: 'bad signature' }, accepted: false, reason: 'signature' };
      }
    }
    const parsed = neutralMessage.safeParse(req.json);
    if (!parsed.success)
      return {
        status: 400,
        body: { error: firstIssue(parsed.error) },
        accepted: false,
        reason: firstIssue(parsed.error),
      };
    return { status: 200, body: { ok: true }, accepted: true };
  }

  return startFakeServer<GenericFailure>({
    vendor: 'webhook',
    webhookPath: path,
    handle,
    failures: {
      rateLimit: (o) => ({
        status: 429,
        body: { error: 'rate limited' },
        headers: { 'retry-after': o.retryAfter ?? '1' },
        accepted: false,
      }),
      badRequest: () => ({ status: 400, body: { error: 'bad request' }, accepted: false }),
      unauthorized: () => ({ status: 401, body: { error: 'unauthorized' }, accepted: false }),
    },
    ...(opts.rateLimit ? { rateLimit: { ...opts.rateLimit, kind: 'rateLimit' as const } } : {}),
  });
}
