/**
 * Does a bot webhook URL look like the vendor's? Bot webhooks have no read-only endpoint (any request posts a
 * message), so a credential check can only look at the URL shape and the secret format, and say what only a real
 * message proves.
 */
import type { ChannelName } from './types';

interface Shape {
  host: RegExp;
  path: RegExp;
  query?: string;
  example: string;
}

const SHAPES: Partial<Record<ChannelName, Shape>> = {
  feishu: {
    host: /^open\.(feishu\.cn|larksuite\.com|larkoffice\.com)$/,
    path: /^\/open-apis\/bot\/(v2\/)?hook\/[\w-]+$/,
    example: 'https://open.feishu.cn/open-apis/bot/v2/hook/<token>',
  },
  wecom: {
    host: /^qyapi\.weixin\.qq\.com$/,
    path: /^\/cgi-bin\/webhook\/send$/,
    query: 'key',
    example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<key>',
  },
  dingtalk: {
    host: /^oapi\.dingtalk\.com$/,
    path: /^\/robot\/send$/,
    query: 'access_token',
    example: 'https://oapi.dingtalk.com/robot/send?access_token=<token>',
  },
  slack: {
    host: /^hooks\.slack\.com$/,
    path: /^\/(services|triggers|workflows)\/.+/,
    example: 'https://hooks.slack.com/services/T…/B…/…',
  },
};

const UNTESTED: Record<ChannelName, string> = {
  feishu: 'the signing secret, keywords and IP whitelist are checked by Feishu on the first real message',
  dingtalk: 'the signature, keywords and IP whitelist are checked by DingTalk on the first real message',
  wecom: 'whether the key is valid shows on the first real message',
  slack: 'whether the webhook is still active shows on the first real message',
  teams: 'whether the workflow accepts the card shows on the first real message',
  webhook: 'whether the endpoint accepts the message shows on the first real message',
};

export interface WebhookShapeCheck {
  ok: boolean;
  message: string;
}

/** `raw` is the full webhook URL; `secret` the signing secret, if the channel has one. */
export function checkWebhookShape(channel: ChannelName, raw: string, secret = ''): WebhookShapeCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: `The webhook URL is not a URL: ${raw ? `"${raw.slice(0, 60)}"` : 'it is empty'}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, message: 'The webhook URL must start with https://' };
  const notes: string[] = [];
  const shape = SHAPES[channel];
  if (shape) {
    if (shape.host.test(url.hostname)) {
      if (!shape.path.test(url.pathname))
        return {
          ok: false,
          message: `The path does not look like a ${channel} bot webhook; expected ${shape.example}`,
        };
      if (shape.query && !url.searchParams.get(shape.query))
        return { ok: false, message: `The URL has no ${shape.query}; expected ${shape.example}` };
    } else {
      notes.push(`the host ${url.hostname} is not the vendor's (fine for a proxy or relay)`);
    }
  } else if (channel === 'teams' && url.protocol !== 'https:') {
    return { ok: false, message: 'Teams webhooks are https URLs' };
  }
  if (url.protocol === 'http:' && shape?.host.test(url.hostname))
    return { ok: false, message: 'Use https:// for the vendor webhook' };
  if (channel === 'dingtalk' && secret.trim() && !secret.trim().startsWith('SEC'))
    notes.push('DingTalk signing secrets start with SEC; check you copied the 加签 secret');
  const note = notes.length ? ` Note: ${notes.join('; ')}.` : '';
  return { ok: true, message: `The URL looks right. Nothing was sent: ${UNTESTED[channel]}.${note}` };
}
