/**
 * WeCom (企业微信) group robot: text, markdown, markdown_v2, template_card (text_notice).
 * Limits are on the content field in UTF-8 bytes: text 2048, markdown and markdown_v2 4096.
 * There is no signing and no keyword setting; the key in the URL is the only secret.
 */
import type { ChannelDriver, ChannelPayload, RenderContext, VendorAnswer, VendorCode, Verdict } from '../channel';
import { configError } from '../errors';
import { codeVerdict, judgeHttp } from '../http';
import { stripInline } from '../markdown';
import { plainLines } from '../plain';
import { decoratedTitle, effectiveSeverity } from '../severity';
import { fitWithin, truncateMarkdown, truncatePlain } from '../truncate';
import type { NotifyConfig, NotifyMessage, NotifySeverity } from '../types';

export const WECOM_CONTENT_LIMIT_BYTES: Record<string, number> = { text: 2048, markdown: 4096, markdown_v2: 4096 };

/** WeCom markdown has three colours: info (green), comment (grey), warning (orange-red). */
const FONT_COLOR: Record<NotifySeverity, string> = {
  critical: 'warning',
  warning: 'warning',
  info: 'comment',
  resolved: 'info',
  none: 'comment',
};

/** template_card source.desc_color: 0 grey, 1 black, 2 red, 3 green. */
const DESC_COLOR: Record<NotifySeverity, number> = { critical: 2, warning: 2, info: 1, resolved: 3, none: 0 };

/** Card limits from the robot documentation (counts are hard limits, the text length is the recommended one). */
const CARD = { horizontal: 6, jumps: 3, subTitleChars: 112 };

const CODES: Record<number, VendorCode> = {
  [-1]: { meaning: 'system busy', hint: 'WeCom was busy; try again shortly', retry: true },
  40008: { meaning: 'invalid message type', hint: 'use text, markdown, markdown_v2 or template_card' },
  40035: { meaning: 'invalid parameter', hint: 'a field of the message is not valid for this msgtype' },
  40058: {
    meaning: 'invalid request parameter (usually content over the byte limit)',
    hint: 'text content must be at most 2048 bytes and markdown at most 4096 bytes (UTF-8: a Chinese character is 3 bytes)',
  },
  44004: { meaning: 'empty content', hint: 'the message has no text' },
  45002: { meaning: 'content too long', hint: 'shorten the message' },
  45009: {
    meaning: 'API frequency out of limit',
    hint: 'a WeCom robot takes 20 messages/min and failed attempts count too; group alerts',
    retry: true,
  },
  45033: { meaning: 'too many concurrent calls', hint: 'send fewer messages at once', retry: true },
  93000: {
    meaning: 'invalid webhook URL',
    hint: 'check the key in the webhook URL; the robot may have been removed from the group',
  },
  93004: { meaning: 'robot disabled', hint: 'enable the robot in the group settings' },
  93008: { meaning: 'robot not in the group', hint: 'add the robot back to the group' },
};

function fieldsAndLinksMarkdown(message: NotifyMessage): string[] {
  const lines = (message.fields ?? []).map((f) => `>**${f.label}**: <font color="comment">${f.value}</font>`);
  const links = message.links ?? [];
  if (links.length) lines.push(links.map((l) => `[${l.text}](${l.url})`).join(' · '));
  if (message.footer) lines.push(`<font color="comment">${message.footer}</font>`);
  const at = (message.mentions?.userIds ?? []).map((id) => `<@${id}>`).join(' ');
  if (at) lines.push(at);
  return lines;
}

function markdownContent(message: NotifyMessage, body: string): string {
  const color = FONT_COLOR[effectiveSeverity(message)];
  return [
    `## <font color="${color}">${decoratedTitle(message)}</font>`,
    ...(body ? [body] : []),
    ...fieldsAndLinksMarkdown(message),
  ].join('\n');
}

function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function markdownV2Content(message: NotifyMessage, body: string): string {
  const lines = [`# ${decoratedTitle(message)}`];
  if (body) lines.push(body);
  const fields = message.fields ?? [];
  if (fields.length) {
    lines.push(
      '',
      '| | |',
      '| :-- | :-- |',
      ...fields.map((f) => `| **${tableCell(f.label)}** | ${tableCell(f.value)} |`),
      '',
    );
  }
  const links = message.links ?? [];
  if (links.length) lines.push(links.map((l) => `[${l.text}](${l.url})`).join(' · '));
  if (message.footer) lines.push(`*${message.footer}*`);
  return lines.join('\n');
}

function textContent(message: NotifyMessage, body: string): string {
  return plainLines(message, body).join('\n');
}

const CONTENT: Record<string, (message: NotifyMessage, body: string) => string> = {
  text: textContent,
  markdown: markdownContent,
  markdown_v2: markdownV2Content,
};

function mentionNotes(message: NotifyMessage, format: string): string[] {
  const m = message.mentions;
  const users = m?.userIds?.length ?? 0;
  const mobiles = m?.mobiles?.length ?? 0;
  if (!m || (!m.all && users === 0 && mobiles === 0)) return [];
  if (format === 'text') return [];
  if (format === 'markdown') {
    const lost = [m.all ? '@all' : '', mobiles ? `${mobiles} mobile number(s)` : ''].filter(Boolean);
    return lost.length
      ? [`WeCom markdown can only @ by userid (<@userid>): ${lost.join(' and ')} not mentioned; use format text`]
      : [];
  }
  return [`WeCom ${format} cannot @ anyone: mentions dropped; use format text or markdown`];
}

function templateCard(message: NotifyMessage): { body: object; notes: string[]; truncated: boolean } {
  const links = message.links ?? [];
  if (links.length === 0)
    throw configError('wecom', 'template_card needs at least one link (WeCom requires card_action with a URL)');
  const notes: string[] = [];
  const fields = message.fields ?? [];
  if (fields.length > CARD.horizontal)
    notes.push(`template_card shows at most ${CARD.horizontal} fields: ${fields.length - CARD.horizontal} dropped`);
  if (links.length > CARD.jumps)
    notes.push(`template_card shows at most ${CARD.jumps} links: ${links.length - CARD.jumps} dropped`);
  const plain = stripInline(message.markdown);
  const sub = truncatePlain(plain, CARD.subTitleChars);
  if (sub !== plain) notes.push(`body shortened to ${CARD.subTitleChars} characters for template_card`);
  const severity = effectiveSeverity(message);
  const desc = [message.status?.toUpperCase(), message.severity !== 'none' ? message.severity : undefined]
    .filter(Boolean)
    .join(' · ');
  const card = {
    card_type: 'text_notice',
    source: { desc: message.footer ?? 'Kubernetes AIOps', desc_color: DESC_COLOR[severity] },
    main_title: { title: decoratedTitle(message), ...(desc ? { desc } : {}) },
    ...(sub ? { sub_title_text: sub } : {}),
    ...(fields.length
      ? { horizontal_content_list: fields.slice(0, CARD.horizontal).map((f) => ({ keyname: f.label, value: f.value })) }
      : {}),
    jump_list: links.slice(0, CARD.jumps).map((l) => ({ type: 1, url: l.url, title: l.text })),
    card_action: { type: 1, url: links[0].url },
  };
  return { body: { msgtype: 'template_card', template_card: card }, notes, truncated: sub !== plain };
}

function render(config: NotifyConfig, message: NotifyMessage, ctx: RenderContext): ChannelPayload {
  const headers = { 'content-type': 'application/json; charset=utf-8' };
  const notes = mentionNotes(message, ctx.format);
  if (config.secret) notes.push('WeCom group robots have no signing: secret ignored');
  if (config.keywords?.length) notes.push('WeCom group robots have no keywords: keywords ignored');
  if (ctx.format === 'template_card') {
    const card = templateCard(message);
    return {
      url: config.webhook,
      headers,
      body: JSON.stringify(card.body),
      truncated: card.truncated,
      notes: [...notes, ...card.notes],
    };
  }
  const limit = WECOM_CONTENT_LIMIT_BYTES[ctx.format];
  const build = CONTENT[ctx.format];
  const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
  const fit = fitWithin(
    (budget) =>
      build(
        message,
        budget === undefined ? message.markdown : truncateMarkdown(message.markdown, budget, 'bytes').text,
      ),
    bytes,
    limit,
    bytes(message.markdown),
  );
  if (fit.truncated) notes.push(`content truncated to WeCom's ${limit}-byte ${ctx.format} limit`);
  let body: object;
  if (ctx.format === 'text') {
    const m = message.mentions;
    const mentioned = [...(m?.userIds ?? []), ...(m?.all ? ['@all'] : [])];
    body = {
      msgtype: 'text',
      text: {
        content: fit.rendered,
        ...(mentioned.length ? { mentioned_list: mentioned } : {}),
        ...(m?.mobiles?.length ? { mentioned_mobile_list: m.mobiles } : {}),
      },
    };
  } else {
    body = { msgtype: ctx.format, [ctx.format]: { content: fit.rendered } };
  }
  return { url: config.webhook, headers, body: JSON.stringify(body), truncated: fit.truncated, notes };
}

function judge(answer: VendorAnswer): Verdict {
  // throttling and server errors are retried whatever the body says
  if (answer.status === 429 || answer.status >= 500) return judgeHttp(answer, 'WeCom');
  const body = (answer.json ?? {}) as { errcode?: unknown; errmsg?: unknown };
  if (typeof body.errcode !== 'number') {
    const http = judgeHttp(answer, 'WeCom');
    return http.outcome === 'ok'
      ? {
          outcome: 'fail',
          detail: `WeCom answered HTTP ${answer.status} without an errcode`,
          hint: 'check that the URL is a WeCom robot webhook',
        }
      : http;
  }
  if (body.errcode === 0) return { outcome: 'ok', vendorCode: 0, detail: 'WeCom errcode 0 (ok)' };
  return codeVerdict('WeCom', 'errcode', body.errcode, typeof body.errmsg === 'string' ? body.errmsg : '', CODES);
}

export const wecom: ChannelDriver = {
  name: 'wecom',
  formats: ['markdown', 'markdown_v2', 'text', 'template_card'],
  defaultFormat: 'markdown',
  render,
  judge,
};
