/** What a message's severity and status look like, independent of vendor. */
import type { NotifyMessage, NotifySeverity } from './types';

/** A resolved alert reads as resolved whatever severity it had while firing. */
export function effectiveSeverity(message: NotifyMessage): NotifySeverity {
  return message.status === 'resolved' ? 'resolved' : message.severity;
}

/** Emoji for formats without colour (plain text, Slack header, fallback text). */
export const SEVERITY_EMOJI: Record<NotifySeverity, string> = {
  critical: '🔴',
  warning: '🟠',
  info: '🔵',
  resolved: '✅',
  none: '',
};

export const SEVERITY_RANK: Record<NotifySeverity, number> = { critical: 4, warning: 3, info: 2, none: 1, resolved: 0 };

/** Title with the severity emoji in front, for formats that have no colour. */
export function decoratedTitle(message: NotifyMessage): string {
  const emoji = SEVERITY_EMOJI[effectiveSeverity(message)];
  return emoji ? `${emoji} ${message.title}` : message.title;
}
