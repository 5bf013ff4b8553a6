/**
 * The neutral message every channel renders, and the shapes send()/render() return.
 * Channels differ in formats, signing and limits; callers build one NotifyMessage and pick a channel.
 */

export type NotifySeverity = 'critical' | 'warning' | 'info' | 'resolved' | 'none';

export const NOTIFY_SEVERITIES: readonly NotifySeverity[] = ['critical', 'warning', 'info', 'resolved', 'none'];

export interface MessageField {
  label: string;
  value: string;
}

export interface MessageLink {
  text: string;
  url: string;
}

/** Who to @. userIds are vendor ids (Feishu open_id, WeCom userid, DingTalk userId, Slack member id, Teams UPN/AAD id). */
export interface MessageMentions {
  all?: boolean;
  userIds?: string[];
  mobiles?: string[];
}

export interface NotifyMessage {
  title: string;
  severity: NotifySeverity;
  status?: 'firing' | 'resolved';
  /** The body, in common Markdown; each channel converts it to its dialect. */
  markdown: string;
  fields?: MessageField[];
  links?: MessageLink[];
  mentions?: MessageMentions;
  footer?: string;
}

export type ChannelName = 'feishu' | 'wecom' | 'dingtalk' | 'slack' | 'teams' | 'webhook';

export const CHANNEL_NAMES: readonly ChannelName[] = ['feishu', 'wecom', 'dingtalk', 'slack', 'teams', 'webhook'];

/**
 * One config shape for every channel so that a CLI flag set or an n8n credential maps onto it directly;
 * a channel ignores what it has no use for (WeCom has no secret, Slack no keywords).
 */
export interface NotifyConfig {
  /** The full webhook URL as the vendor console shows it. */
  webhook: string;
  /** Feishu / DingTalk signing secret; for the generic webhook, an HMAC key for an X-Signature header. */
  secret?: string;
  /** Feishu / DingTalk custom keywords: the message is made to contain one of them. */
  keywords?: string[];
  /** A format from CHANNEL_FORMATS[channel]; each channel has a default. */
  format?: string;
  /** Extra request headers (generic webhook: e.g. Authorization). */
  headers?: Record<string, string>;
  /** Teams: Adaptive Card schema version. */
  cardVersion?: '1.4' | '1.5';
}

/** Exactly what goes on the wire, plus what rendering had to change to fit the vendor's rules. */
export interface RenderedRequest {
  channel: ChannelName;
  format: string;
  method: 'POST';
  /** Including any signed query (DingTalk timestamp + sign). */
  url: string;
  headers: Record<string, string>;
  /** The exact body string that is sent. */
  body: string;
  /** UTF-8 bytes of body. */
  bytes: number;
  truncated: boolean;
  /** Things the vendor cannot express that were dropped or adapted (e.g. @mobile on Feishu), and truncations. */
  notes: string[];
}

export interface RenderOptions {
  /** Clock for signatures, in ms since the epoch. */
  now?: () => number;
}

export interface SendOptions extends RenderOptions {
  /** Time in which attempts and the waits between them may start; the last attempt may run up to attemptTimeoutMs past it. Default 30 000 ms. */
  budgetMs?: number;
  /** Per-attempt HTTP timeout; the budget decides whether another attempt starts, not when one is cut off. Default 10 000 ms. */
  attemptTimeoutMs?: number;
  /** First backoff wait; doubles per attempt. Default 1 000 ms. */
  baseDelayMs?: number;
  /** Cap on one backoff wait. Default 8 000 ms. */
  maxDelayMs?: number;
  /** Hard cap on attempts. Default 10. */
  maxAttempts?: number;
  signal?: AbortSignal;
}

export type AttemptOutcome = 'ok' | 'retry' | 'fail';

export interface AttemptRecord {
  attempt: number;
  startedAt: string;
  durationMs: number;
  outcome: AttemptOutcome;
  httpStatus?: number;
  vendorCode?: number | string;
  /** One line: what happened on this attempt. */
  detail: string;
  /** How long we waited after this attempt before the next one. */
  waitMs?: number;
}

export interface SendResult {
  ok: true;
  channel: ChannelName;
  format: string;
  attempts: number;
  history: AttemptRecord[];
  vendorCode?: number | string;
  /** The vendor's answer: parsed JSON when it is JSON, the text otherwise. */
  response: unknown;
  bytes: number;
  truncated: boolean;
  notes: string[];
}
