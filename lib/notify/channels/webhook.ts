/**
 * Generic JSON webhook: posts the neutral message itself. With a secret, the body is signed
 * (X-Kube-Aiops-Signature: sha256=hex(HMAC(secret, timestamp + "." + body))) so a receiver can verify it.
 */
import { createHmac } from 'node:crypto';
import type { ChannelDriver, ChannelPayload, RenderContext, VendorAnswer, Verdict } from '../channel';
import { judgeHttp } from '../http';
import type { NotifyConfig, NotifyMessage } from '../types';

export const WEBHOOK_SIGNATURE_HEADER = 'x-kube-aiops-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-kube-aiops-timestamp';

export function webhookSignature(timestampSeconds: string, body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}

function render(config: NotifyConfig, message: NotifyMessage, ctx: RenderContext): ChannelPayload {
  const body = JSON.stringify({ ...message, sentAt: new Date(ctx.nowMs).toISOString() });
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    ...(config.headers ?? {}),
  };
  if (config.secret) {
    const timestamp = String(Math.floor(ctx.nowMs / 1000));
    headers[WEBHOOK_TIMESTAMP_HEADER] = timestamp;
    headers[WEBHOOK_SIGNATURE_HEADER] = webhookSignature(timestamp, body, config.secret);
  }
  return { url: config.webhook, headers, body, truncated: false, notes: [] };
}

function judge(answer: VendorAnswer): Verdict {
  return judgeHttp(answer, 'the webhook');
}

export const webhook: ChannelDriver = {
  name: 'webhook',
  formats: ['json'],
  defaultFormat: 'json',
  render,
  judge,
};
