/**
 * Feishu / Lark custom bot: text, post (rich text), interactive card JSON 1.0 ("card") and 2.0 ("card2").
 * Signing puts timestamp + sign in the body; the whole body must stay within 20 KB.
 */
import { createHmac } from 'node:crypto';
import type { ChannelDriver, ChannelPayload, RenderContext, VendorAnswer, VendorCode, Verdict } from '../channel';
import { codeVerdict, judgeHttp } from '../http';
import { titleWithKeyword } from '../keywords';
import { markdownToPlain, splitLinks } from '../markdown';
import { plainLines } from '../plain';
import { decoratedTitle, effectiveSeverity } from '../severity';
import { fitWithin, truncateMarkdown } from '../truncate';
import type { MessageMentions, NotifyConfig, NotifyMessage, NotifySeverity } from '../types';

export const FEISHU_BODY_LIMIT_BYTES = 20 * 1024;

const HEADER_TEMPLATE: Record<NotifySeverity, string> = {
  critical: 'red',
  warning: 'orange',
  info: 'blue',
  resolved: 'green',
  none: 'grey',
};

const CODES: Record<number, VendorCode> = {
  9499: {
    meaning: 'bad request: malformed body or larger than 20 KB',
    hint: 'check the message JSON; the request body must be at most 20 KB',
  },
  11232: {
    meaning: 'rate limited',
    hint: 'a Feishu bot takes 100 requests/min and 5/s; group alerts and avoid sending exactly on the hour or half hour',
    retry: true,
  },
  19001: {
    meaning: 'webhook token invalid',
    hint: 'check the webhook URL: it is mistyped or the bot was removed from the group',
  },
  19021: {
    meaning: 'signature check failed',
    hint: "the secret must be the bot's signing (签名校验) secret, and this machine's clock must be within 1 hour of real time",
  },
  19022: { meaning: 'IP not allowed', hint: "add this machine's egress IP to the bot's IP whitelist" },
  19024: {
    meaning: 'keyword not found',
    hint: "set keywords to one of the bot's custom keywords (the message must contain one)",
  },
};

/** Feishu signs with the string_to_sign as the HMAC key over an empty message (DingTalk does it the other way round). */
export function feishuSign(timestampSeconds: string, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

function mentionNotes(mentions: MessageMentions | undefined): string[] {
  const mobiles = mentions?.mobiles?.length ?? 0;
  return mobiles > 0 ? [`Feishu custom bots can only @ by open_id: ${mobiles} mobile number(s) not mentioned`] : [];
}

function textMentions(m: MessageMentions | undefined): string {
  const parts = (m?.userIds ?? []).map((id) => `<at user_id="${id}"></at>`);
  if (m?.all) parts.unshift('<at user_id="all">所有人</at>');
  return parts.join(' ');
}

function cardMentions(m: MessageMentions | undefined): string {
  const parts = (m?.userIds ?? []).map((id) => `<at id=${id}></at>`);
  if (m?.all) parts.unshift('<at id=all></at>');
  return parts.join(' ');
}

function subtitle(message: NotifyMessage): string {
  const parts = [message.status?.toUpperCase(), message.severity !== 'none' ? message.severity : undefined].filter(
    Boolean,
  );
  return parts.join(' · ');
}

function textContent(message: NotifyMessage, body: string): object {
  const lines = plainLines(message, body);
  const at = textMentions(message.mentions);
  if (at) lines.push(at);
  return { msg_type: 'text', content: { text: lines.join('\n') } };
}

type PostTag =
  | { tag: 'text'; text: string }
  | { tag: 'a'; text: string; href: string }
  | { tag: 'at'; user_id: string; user_name?: string };

function postContent(message: NotifyMessage, body: string): object {
  const paragraphs: PostTag[][] = [];
  for (const line of body.split('\n')) {
    if (!line.trim()) continue;
    paragraphs.push(
      splitLinks(line).map((s): PostTag =>
        s.href ? { tag: 'a', text: s.text, href: s.href } : { tag: 'text', text: markdownToPlain(s.text) },
      ),
    );
  }
  for (const f of message.fields ?? []) paragraphs.push([{ tag: 'text', text: `${f.label}: ${f.value}` }]);
  const links = message.links ?? [];
  if (links.length) {
    paragraphs.push(
      links.flatMap((l, i): PostTag[] => [
        ...(i ? [{ tag: 'text' as const, text: ' | ' }] : []),
        { tag: 'a', text: l.text, href: l.url },
      ]),
    );
  }
  if (message.footer) paragraphs.push([{ tag: 'text', text: message.footer }]);
  const m = message.mentions;
  const ats: PostTag[] = (m?.userIds ?? []).map((id) => ({ tag: 'at', user_id: id }));
  if (m?.all) ats.unshift({ tag: 'at', user_id: 'all', user_name: '所有人' });
  if (ats.length) paragraphs.push(ats);
  return { msg_type: 'post', content: { post: { zh_cn: { title: decoratedTitle(message), content: paragraphs } } } };
}

function header(message: NotifyMessage): object {
  const sub = subtitle(message);
  return {
    template: HEADER_TEMPLATE[effectiveSeverity(message)],
    title: { tag: 'plain_text', content: message.title },
    ...(sub ? { subtitle: { tag: 'plain_text', content: sub } } : {}),
  };
}

function cardV1(message: NotifyMessage, body: string): object {
  const elements: object[] = [];
  if (body) elements.push({ tag: 'markdown', content: body });
  const fields = message.fields ?? [];
  if (fields.length) {
    elements.push({
      tag: 'div',
      fields: fields.map((f) => ({ is_short: true, text: { tag: 'lark_md', content: `**${f.label}**\n${f.value}` } })),
    });
  }
  const at = cardMentions(message.mentions);
  if (at) elements.push({ tag: 'markdown', content: at });
  const links = message.links ?? [];
  if (links.length) {
    elements.push({ tag: 'hr' });
    elements.push({
      tag: 'action',
      actions: links.map((l, i) => ({
        tag: 'button',
        text: { tag: 'plain_text', content: l.text },
        type: i === 0 ? 'primary' : 'default',
        url: l.url,
      })),
    });
  }
  if (message.footer) elements.push({ tag: 'note', elements: [{ tag: 'plain_text', content: message.footer }] });
  return { msg_type: 'interactive', card: { config: { wide_screen_mode: true }, header: header(message), elements } };
}

/** JSON 2.0 rejects unknown attributes, so it uses only markdown and hr elements. */
function cardV2(message: NotifyMessage, body: string): object {
  const elements: object[] = [];
  if (body) elements.push({ tag: 'markdown', content: body });
  const fields = message.fields ?? [];
  if (fields.length)
    elements.push({ tag: 'markdown', content: fields.map((f) => `**${f.label}**: ${f.value}`).join('\n') });
  const at = cardMentions(message.mentions);
  if (at) elements.push({ tag: 'markdown', content: at });
  const links = message.links ?? [];
  if (links.length) elements.push({ tag: 'markdown', content: links.map((l) => `[${l.text}](${l.url})`).join(' · ') });
  if (message.footer) {
    elements.push({ tag: 'hr' });
    elements.push({ tag: 'markdown', content: `<font color='grey'>${message.footer}</font>` });
  }
  return {
    msg_type: 'interactive',
    card: {
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill' },
      header: header(message),
      body: { elements },
    },
  };
}

const BUILDERS: Record<string, (message: NotifyMessage, body: string) => object> = {
  text: textContent,
  post: postContent,
  card: cardV1,
  card2: cardV2,
};

function render(config: NotifyConfig, message: NotifyMessage, ctx: RenderContext): ChannelPayload {
  const keyword = titleWithKeyword(message.title, config.keywords);
  const msg: NotifyMessage = { ...message, title: keyword.title };
  const signed: Record<string, string> = {};
  if (config.secret) {
    signed.timestamp = String(Math.floor(ctx.nowMs / 1000));
    signed.sign = feishuSign(signed.timestamp, config.secret);
  }
  const build = BUILDERS[ctx.format];
  const serialize = (budget: number | undefined): string => {
    const body = budget === undefined ? msg.markdown : truncateMarkdown(msg.markdown, budget, 'bytes').text;
    return JSON.stringify({ ...signed, ...build(msg, body) });
  };
  const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
  const fit = fitWithin(serialize, bytes, FEISHU_BODY_LIMIT_BYTES, bytes(msg.markdown));
  const notes = [...mentionNotes(message.mentions)];
  if (keyword.note) notes.push(keyword.note);
  if (fit.truncated) notes.push(`body truncated to fit Feishu's ${FEISHU_BODY_LIMIT_BYTES}-byte request limit`);
  return {
    url: config.webhook,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: fit.rendered,
    truncated: fit.truncated,
    notes,
  };
}

function judge(answer: VendorAnswer): Verdict {
  // throttling and server errors are retried whatever the body says
  if (answer.status === 429 || answer.status >= 500) return judgeHttp(answer, 'Feishu');
  const body = (answer.json ?? {}) as { code?: unknown; msg?: unknown; StatusCode?: unknown; StatusMessage?: unknown };
  const code =
    typeof body.code === 'number' ? body.code : typeof body.StatusCode === 'number' ? body.StatusCode : undefined;
  if (code === undefined) {
    const http = judgeHttp(answer, 'Feishu');
    return http.outcome === 'ok'
      ? {
          outcome: 'fail',
          detail: `Feishu answered HTTP ${answer.status} without a code`,
          hint: 'check that the URL is a Feishu/Lark bot webhook',
        }
      : http;
  }
  if (code === 0) return { outcome: 'ok', vendorCode: 0, detail: 'Feishu code 0 (success)' };
  const msg =
    typeof body.msg === 'string' ? body.msg : typeof body.StatusMessage === 'string' ? body.StatusMessage : '';
  return codeVerdict('Feishu', 'code', code, msg, CODES);
}

export const feishu: ChannelDriver = {
  name: 'feishu',
  formats: ['card', 'card2', 'post', 'text'],
  defaultFormat: 'card',
  render,
  judge,
};
