/** A message as plain text, for the bots' text type (no Markdown rendering, so the severity is an emoji). */
import { markdownToPlain } from './markdown';
import { decoratedTitle } from './severity';
import type { NotifyMessage } from './types';

/** Title, body without Markdown, fields, links and footer, one per line; mentions are each vendor's own. */
export function plainLines(message: NotifyMessage, body: string): string[] {
  const lines = [decoratedTitle(message)];
  if (body) lines.push(markdownToPlain(body));
  for (const f of message.fields ?? []) lines.push(`${f.label}: ${f.value}`);
  for (const l of message.links ?? []) lines.push(`${l.text}: ${l.url}`);
  if (message.footer) lines.push(message.footer);
  return lines;
}
