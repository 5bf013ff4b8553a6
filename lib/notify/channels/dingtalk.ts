/**
 * DingTalk custom robot: text, markdown, actionCard. Signing goes in the URL query (timestamp in ms + sign);
 * keywords must appear in the message; @ by mobile / userId / all through the `at` object.
 */
import { createHmac } from 'node:crypto';
import type { ChannelDriver, ChannelPayload, RenderContext, VendorAnswer, VendorCode, Verdict } from '../channel';
import { configError } from '../errors';
import { codeVerdict, judgeHttp } from '../http';
import { titleWithKeyword } from '../keywords';
import { stripInline } from '../markdown';
import { plainLines } from '../plain';
import { decoratedTitle } from '../severity';
import { fitWithin, truncateMarkdown } from '../truncate';
import type { NotifyConfig, NotifyMessage } from '../types';

/** DingTalk answers 460101 "message too long, exceed 20000 bytes" above this. */
export const DINGTALK_BODY_LIMIT_BYTES = 20000;

const CODES: Record<number, VendorCode> = {
  [-1]: { meaning: 'system busy', hint: 'DingTalk was busy; try again shortly', retry: true },
  130101: { meaning: 'sending too fast', hint: 'a DingTalk robot takes 20 messages/min; group alerts', retry: true },
  410100: { meaning: 'throttled', hint: 'a DingTalk robot takes 20 messages/min; group alerts', retry: true },
  300001: { meaning: 'token does not exist', hint: 'check access_token in the webhook URL' },
  300005: { meaning: 'token does not exist', hint: 'check access_token in the webhook URL' },
  400101: { meaning: 'token does not exist', hint: 'check access_token in the webhook URL' },
  400102: { meaning: 'robot stopped', hint: 'the robot was disabled in the group; enable it' },
  400106: { meaning: 'robot not found', hint: 'the robot was removed; create a new one and use its URL' },
  400013: { meaning: 'group dissolved', hint: 'the group no longer exists' },
  40035: { meaning: 'missing parameter', hint: 'check the webhook URL has access_token and the body is valid JSON' },
  43002: { meaning: 'HTTP method not allowed', hint: 'the robot must be called with POST' },
  460101: { meaning: 'message too long', hint: 'the message must be at most 20000 bytes' },
};

/** 310000 covers three security settings; errmsg says which one failed. */
function securityVerdict(errmsg: string): Verdict {
  const lower = errmsg.toLowerCase();
  const [meaning, hint] = lower.includes('keyword')
    ? ['keyword not in content', "set keywords to one of the robot's custom keywords (the message must contain one)"]
    : lower.includes('sign') || lower.includes('timestamp')
      ? [
          'signature check failed',
          "the secret must be the robot's 加签 secret (starts with SEC) and this machine's clock must be within 1 hour of real time",
        ]
      : lower.includes('ip')
        ? ['IP not in whitelist', "add this machine's egress IP to the robot's IP whitelist"]
        : ['security setting check failed', "check the robot's keyword, signing and IP settings"];
  return { outcome: 'fail', vendorCode: 310000, detail: `DingTalk errcode 310000 (${meaning}) "${errmsg}"`, hint };
}

export function dingtalkSign(timestampMs: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

function signedUrl(webhook: string, secret: string | undefined, nowMs: number): string {
  if (!secret) return webhook;
  let url: URL;
  try {
    url = new URL(webhook);
  } catch {
    throw configError('dingtalk', `webhook is not a URL: ${webhook}`);
  }
  const timestamp = String(nowMs);
  url.searchParams.set('timestamp', timestamp);
  // URLSearchParams form-encodes + / = exactly as DingTalk's urlEncode (quote_plus) does
  url.searchParams.set('sign', dingtalkSign(timestamp, secret));
  return url.toString();
}

/** DingTalk's markdown needs a hard break ("  \n") for a single newline to show; code fences stay as they are. */
function hardBreaks(markdown: string): string {
  let inFence = false;
  return markdown
    .split('\n')
    .map((line, i, all) => {
      if (/^ {0,3}(`{3,}|~{3,})/.test(line)) inFence = !inFence;
      const next = all[i + 1];
      return !inFence && line.trim() && next !== undefined && next.trim() ? `${line}  ` : line;
    })
    .join('\n');
}

function mentionText(message: NotifyMessage): string {
  const m = message.mentions;
  return [...(m?.mobiles ?? []).map((x) => `@${x}`), ...(m?.userIds ?? []).map((x) => `@${x}`)].join(' ');
}

function atObject(message: NotifyMessage): object | undefined {
  const m = message.mentions;
  if (!m || (!m.all && !m.mobiles?.length && !m.userIds?.length)) return undefined;
  return { atMobiles: m.mobiles ?? [], atUserIds: m.userIds ?? [], isAtAll: Boolean(m.all) };
}

function markdownText(message: NotifyMessage, body: string): string {
  const parts = [`### ${decoratedTitle(message)}`];
  if (body) parts.push(hardBreaks(body));
  const fields = message.fields ?? [];
  if (fields.length) parts.push(fields.map((f) => `- **${f.label}**: ${f.value}`).join('\n'));
  const links = message.links ?? [];
  if (links.length) parts.push(links.map((l) => `[${l.text}](${l.url})`).join(' | '));
  if (message.footer) parts.push(`> ${message.footer}`);
  const at = mentionText(message);
  if (at) parts.push(at);
  return parts.join('\n\n');
}

function textBody(message: NotifyMessage, body: string): object {
  const lines = plainLines(message, body);
  const at = mentionText(message);
  if (at) lines.push(at);
  const mention = atObject(message);
  return { msgtype: 'text', text: { content: lines.join('\n') }, ...(mention ? { at: mention } : {}) };
}

function markdownBody(message: NotifyMessage, body: string): object {
  const mention = atObject(message);
  return {
    msgtype: 'markdown',
    markdown: { title: stripInline(decoratedTitle(message)), text: markdownText(message, body) },
    ...(mention ? { at: mention } : {}),
  };
}

function actionCardBody(message: NotifyMessage, body: string): object {
  const links = message.links ?? [];
  if (links.length === 0) throw configError('dingtalk', 'actionCard needs at least one link for its button');
  const noMentions = { ...message, mentions: undefined };
  const buttons =
    links.length === 1
      ? { singleTitle: links[0].text, singleURL: links[0].url }
      : { btnOrientation: '0', btns: links.map((l) => ({ title: l.text, actionURL: l.url })) };
  return {
    msgtype: 'actionCard',
    actionCard: {
      title: stripInline(decoratedTitle(message)),
      text: markdownText({ ...noMentions, links: [] }, body),
      ...buttons,
    },
  };
}

const BUILDERS: Record<string, (message: NotifyMessage, body: string) => object> = {
  text: textBody,
  markdown: markdownBody,
  actionCard: actionCardBody,
};

function render(config: NotifyConfig, message: NotifyMessage, ctx: RenderContext): ChannelPayload {
  const keyword = titleWithKeyword(message.title, config.keywords);
  const msg: NotifyMessage = { ...message, title: keyword.title };
  const notes: string[] = [];
  if (keyword.note) notes.push(keyword.note);
  const m = message.mentions;
  if (ctx.format === 'actionCard' && m && (m.all || m.mobiles?.length || m.userIds?.length)) {
    notes.push('DingTalk actionCard cannot @ anyone: mentions dropped; use format text or markdown');
  }
  const build = BUILDERS[ctx.format];
  const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
  const fit = fitWithin(
    (budget) =>
      JSON.stringify(
        build(msg, budget === undefined ? msg.markdown : truncateMarkdown(msg.markdown, budget, 'bytes').text),
      ),
    bytes,
    DINGTALK_BODY_LIMIT_BYTES,
    bytes(msg.markdown),
  );
  if (fit.truncated) notes.push(`body truncated to DingTalk's ${DINGTALK_BODY_LIMIT_BYTES}-byte limit`);
  return {
    url: signedUrl(config.webhook, config.secret, ctx.nowMs),
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: fit.rendered,
    truncated: fit.truncated,
    notes,
  };
}

function judge(answer: VendorAnswer): Verdict {
  // throttling and server errors are retried whatever the body says
  if (answer.status === 429 || answer.status >= 500) return judgeHttp(answer, 'DingTalk');
  const body = (answer.json ?? {}) as { errcode?: unknown; errmsg?: unknown };
  if (typeof body.errcode !== 'number') {
    const http = judgeHttp(answer, 'DingTalk');
    return http.outcome === 'ok'
      ? {
          outcome: 'fail',
          detail: `DingTalk answered HTTP ${answer.status} without an errcode`,
          hint: 'check that the URL is a DingTalk robot webhook',
        }
      : http;
  }
  const errmsg = typeof body.errmsg === 'string' ? body.errmsg : '';
  if (body.errcode === 0) return { outcome: 'ok', vendorCode: 0, detail: 'DingTalk errcode 0 (ok)' };
  if (body.errcode === 310000) return securityVerdict(errmsg);
  return codeVerdict('DingTalk', 'errcode', body.errcode, errmsg, CODES);
}

export const dingtalk: ChannelDriver = {
  name: 'dingtalk',
  formats: ['markdown', 'actionCard', 'text'],
  defaultFormat: 'markdown',
  render,
  judge,
};
