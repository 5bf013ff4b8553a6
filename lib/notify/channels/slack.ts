/**
 * Slack incoming webhook: Block Kit (header, section mrkdwn, fields, context) with fallback text, or text only.
 * Limits: 50 blocks, 3000 characters per section text, 150 per header, 10 fields of 2000 characters each.
 */
import type { ChannelDriver, ChannelPayload, RenderContext, VendorAnswer, Verdict } from '../channel';
import { judgeHttp } from '../http';
import { decoratedTitle } from '../severity';
import { splitMarkdown, truncateMarkdown, truncatePlain } from '../truncate';
import type { NotifyConfig, NotifyMessage } from '../types';

export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  text: 40000,
};

const ERRORS: Record<string, string> = {
  invalid_payload: 'the JSON or its blocks are not valid Block Kit',
  invalid_blocks: 'the blocks are not valid Block Kit',
  no_text: 'the message has no text',
  invalid_token: 'the webhook URL is wrong or was revoked',
  action_prohibited: 'a workspace admin restricted this webhook',
  channel_not_found: "the webhook's channel was deleted or the app can't post there",
  no_service: 'the webhook was disabled or removed; create a new one',
  channel_is_archived: "the webhook's channel is archived",
  posting_to_general_channel_denied: 'only admins may post to #general',
  team_disabled: 'the workspace is disabled',
  no_active_hooks: 'the webhook is no longer active',
};

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Common Markdown to Slack mrkdwn, leaving code fences alone except for the escapes Slack needs. */
function toMrkdwn(markdown: string): string {
  let inFence = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^ {0,3}(`{3,}|~{3,})/.test(line)) {
        inFence = !inFence;
        return line;
      }
      if (inFence) return escapeText(line);
      const quote = /^(\s*>+\s?)/.exec(line)?.[1] ?? '';
      let out = escapeText(line.slice(quote.length));
      out = out
        .replace(
          /!?\[([^\]\n]*)\]\(([^)\s]*)\)/g,
          (_m, text: string, url: string) => `<${url.replace(/\|/g, '%7C')}|${text || url}>`,
        )
        .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
        .replace(/__([^_\n]+)__/g, '_$1_')
        .replace(/~~([^~\n]+)~~/g, '~$1~')
        .replace(/^#{1,6}\s+(.*)$/, '*$1*')
        .replace(/^(\s*)[-*+]\s+/, '$1• ');
      return quote + out;
    })
    .join('\n');
}

function mentionLine(message: NotifyMessage): string {
  const m = message.mentions;
  return [...(m?.all ? ['<!channel>'] : []), ...(m?.userIds ?? []).map((id) => `<@${id}>`)].join(' ');
}

function mrkdwnSection(text: string): object {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function blocksBody(message: NotifyMessage): { body: object; truncated: boolean } {
  const title = truncatePlain(decoratedTitle(message), SLACK_LIMITS.headerText);
  const head: object[] = [{ type: 'header', text: { type: 'plain_text', text: title, emoji: true } }];
  const mentions = mentionLine(message);
  if (mentions) head.push(mrkdwnSection(mentions));

  const tail: object[] = [];
  const fields = (message.fields ?? []).map((f) => ({
    type: 'mrkdwn',
    text: truncatePlain(`*${escapeText(f.label)}*\n${escapeText(f.value)}`, SLACK_LIMITS.fieldText),
  }));
  for (let i = 0; i < fields.length; i += SLACK_LIMITS.fieldsPerSection)
    tail.push({ type: 'section', fields: fields.slice(i, i + SLACK_LIMITS.fieldsPerSection) });
  const links = message.links ?? [];
  if (links.length)
    tail.push(
      mrkdwnSection(
        truncatePlain(links.map((l) => `<${l.url}|${escapeText(l.text)}>`).join('  •  '), SLACK_LIMITS.sectionText),
      ),
    );
  if (message.footer)
    tail.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: truncatePlain(escapeText(message.footer), SLACK_LIMITS.sectionText) }],
    });

  const room = SLACK_LIMITS.blocks - head.length - tail.length;
  const mrkdwn = toMrkdwn(message.markdown);
  let pieces = mrkdwn.trim() ? splitMarkdown(mrkdwn, SLACK_LIMITS.sectionText, 'chars', room) : [];
  let truncated = false;
  const last = pieces.at(-1);
  if (last !== undefined && last.length > SLACK_LIMITS.sectionText) {
    // the last section that fits carries everything left, cut with the marker
    pieces = [...pieces.slice(0, -1), truncateMarkdown(last, SLACK_LIMITS.sectionText, 'chars').text];
    truncated = true;
  }
  const fallback = truncatePlain([mentions, title].filter(Boolean).join(' '), SLACK_LIMITS.sectionText);
  return { body: { text: fallback, blocks: [...head, ...pieces.map(mrkdwnSection), ...tail] }, truncated };
}

function textBody(message: NotifyMessage): { body: object; truncated: boolean } {
  const lines = [mentionLine(message), `*${escapeText(decoratedTitle(message))}*`, toMrkdwn(message.markdown)];
  for (const f of message.fields ?? []) lines.push(`*${escapeText(f.label)}*: ${escapeText(f.value)}`);
  const links = message.links ?? [];
  if (links.length) lines.push(links.map((l) => `<${l.url}|${escapeText(l.text)}>`).join('  •  '));
  if (message.footer) lines.push(`_${escapeText(message.footer)}_`);
  const cut = truncateMarkdown(lines.filter(Boolean).join('\n'), SLACK_LIMITS.text, 'chars');
  return { body: { text: cut.text }, truncated: cut.truncated };
}

function render(config: NotifyConfig, message: NotifyMessage, ctx: RenderContext): ChannelPayload {
  const built = ctx.format === 'text' ? textBody(message) : blocksBody(message);
  const notes: string[] = [];
  if (message.mentions?.mobiles?.length)
    notes.push(`Slack cannot @ by mobile number: ${message.mentions.mobiles.length} not mentioned`);
  if (built.truncated)
    notes.push(
      `body truncated to Slack's limits (${SLACK_LIMITS.blocks} blocks, ${SLACK_LIMITS.sectionText} characters per section)`,
    );
  return {
    url: config.webhook,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(built.body),
    truncated: built.truncated,
    notes,
  };
}

function judge(answer: VendorAnswer): Verdict {
  const said = answer.text.trim();
  if (answer.status >= 200 && answer.status < 300) {
    return said === 'ok' || said === ''
      ? { outcome: 'ok', detail: `HTTP ${answer.status} ok` }
      : {
          outcome: 'fail',
          detail: `Slack answered HTTP ${answer.status} "${said.slice(0, 200)}"`,
          hint: 'check that the URL is a Slack incoming webhook',
        };
  }
  const meaning = ERRORS[said];
  if (meaning && answer.status !== 429 && answer.status < 500) {
    return {
      outcome: 'fail',
      vendorCode: said,
      detail: `Slack HTTP ${answer.status} ${said} (${meaning})`,
      hint: meaning,
    };
  }
  return judgeHttp(answer, 'Slack');
}

export const slack: ChannelDriver = {
  name: 'slack',
  formats: ['blocks', 'text'],
  defaultFormat: 'blocks',
  render,
  judge,
};
