/**
 * Microsoft Teams through a Workflows (Power Automate) webhook: one Adaptive Card attachment.
 * Office 365 connectors (MessageCard) are being retired, so only the Workflows body is produced.
 * A message must stay within 28 KB.
 */
import type { ChannelDriver, ChannelPayload, RenderContext, VendorAnswer, Verdict } from '../channel';
import { judgeHttp } from '../http';
import { effectiveSeverity } from '../severity';
import { fitWithin, truncateMarkdown } from '../truncate';
import type { NotifyConfig, NotifyMessage, NotifySeverity } from '../types';

export const TEAMS_BODY_LIMIT_BYTES = 28 * 1024;

/** Adaptive Card container styles that carry the severity colour. */
const CONTAINER_STYLE: Record<NotifySeverity, string> = {
  critical: 'attention',
  warning: 'warning',
  info: 'accent',
  resolved: 'good',
  none: 'default',
};

/** TextBlock Markdown has no headings: they become bold lines. */
function cardMarkdown(markdown: string): string {
  return markdown.replace(/^ {0,3}#{1,6}\s+(.*)$/gm, '**$1**');
}

function card(message: NotifyMessage, body: string, version: string): object {
  const severity = effectiveSeverity(message);
  const sub = [message.status?.toUpperCase(), message.severity !== 'none' ? message.severity : undefined]
    .filter(Boolean)
    .join(' · ');
  const items: object[] = [{ type: 'TextBlock', size: 'Large', weight: 'Bolder', text: message.title, wrap: true }];
  if (sub) items.push({ type: 'TextBlock', text: sub, isSubtle: true, spacing: 'None', wrap: true });
  const content: object[] = [{ type: 'Container', style: CONTAINER_STYLE[severity], bleed: true, items }];
  if (body.trim()) content.push({ type: 'TextBlock', text: cardMarkdown(body), wrap: true });
  const fields = message.fields ?? [];
  if (fields.length) content.push({ type: 'FactSet', facts: fields.map((f) => ({ title: f.label, value: f.value })) });
  const users = message.mentions?.userIds ?? [];
  if (users.length)
    content.push({ type: 'TextBlock', text: users.map((id) => `<at>${id}</at>`).join(' '), wrap: true });
  if (message.footer)
    content.push({ type: 'TextBlock', text: message.footer, isSubtle: true, size: 'Small', wrap: true });
  const links = message.links ?? [];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version,
          body: content,
          ...(links.length
            ? { actions: links.map((l) => ({ type: 'Action.OpenUrl', title: l.text, url: l.url })) }
            : {}),
          msteams: {
            width: 'Full',
            ...(users.length
              ? {
                  entities: users.map((id) => ({
                    type: 'mention',
                    text: `<at>${id}</at>`,
                    mentioned: { id, name: id },
                  })),
                }
              : {}),
          },
        },
      },
    ],
  };
}

function render(config: NotifyConfig, message: NotifyMessage, _ctx: RenderContext): ChannelPayload {
  const version = config.cardVersion ?? '1.4';
  const notes: string[] = [];
  const m = message.mentions;
  if (m?.all) notes.push('Teams Adaptive Cards cannot @ everyone: "all" dropped');
  if (m?.mobiles?.length) notes.push(`Teams cannot @ by mobile number: ${m.mobiles.length} not mentioned`);
  const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
  const fit = fitWithin(
    (budget) =>
      JSON.stringify(
        card(
          message,
          budget === undefined ? message.markdown : truncateMarkdown(message.markdown, budget, 'bytes').text,
          version,
        ),
      ),
    bytes,
    TEAMS_BODY_LIMIT_BYTES,
    bytes(message.markdown),
  );
  if (fit.truncated) notes.push(`body truncated to Teams' ${TEAMS_BODY_LIMIT_BYTES}-byte message limit`);
  return {
    url: config.webhook,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: fit.rendered,
    truncated: fit.truncated,
    notes,
  };
}

function judge(answer: VendorAnswer): Verdict {
  if (answer.status === 413) {
    return {
      outcome: 'fail',
      vendorCode: 413,
      detail: 'Teams HTTP 413 (message too large)',
      hint: 'a Teams message must be at most 28 KB',
    };
  }
  const verdict = judgeHttp(answer, 'Teams');
  if (verdict.outcome === 'fail' && answer.status === 400)
    return {
      ...verdict,
      hint: 'the Workflows flow rejected the body: check it posts an Adaptive Card the flow accepts',
    };
  return verdict;
}

export const teams: ChannelDriver = {
  name: 'teams',
  formats: ['adaptive'],
  defaultFormat: 'adaptive',
  render,
  judge,
};
