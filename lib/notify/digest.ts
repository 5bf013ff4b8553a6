/**
 * Many messages into one, sized for a channel: the most severe first, each as a short item, and whatever does
 * not fit summarised as "+N more" so that no alert disappears without a trace.
 */
import { NotifyError } from './errors';
import { driverFor } from './registry';
import { SEVERITY_EMOJI, SEVERITY_RANK, effectiveSeverity } from './severity';
import { measure, truncatePlain } from './truncate';
import type { ChannelName, MessageLink, MessageMentions, NotifyMessage, NotifySeverity } from './types';

/** Room for the digest body per channel (UTF-8 bytes), leaving space for title, fields and markup. */
const BODY_BUDGET: Record<ChannelName, number> = {
  feishu: 15_000,
  wecom: 3_300,
  dingtalk: 15_000,
  slack: 12_000,
  teams: 22_000,
  webhook: 200_000,
};

/** WeCom text content is half the markdown limit. */
const FORMAT_BUDGET: Record<string, number> = { 'wecom:text': 1_500, 'wecom:template_card': 100 };

/** Any URL will do for measuring: the body does not depend on it. */
const MEASURE_URL = 'https://digest.invalid/hook';

export interface DigestOptions {
  /** Size the body for this channel; default: the smallest (WeCom). */
  channel?: ChannelName;
  format?: string;
  /** The bot's keywords: the title grows by one when it lacks them. */
  keywords?: string[];
  /** Overrides the channel's byte budget for the body. */
  maxBytes?: number;
  /** At most this many items are listed. */
  maxItems?: number;
  title?: string;
  footer?: string;
}

const ITEM_LINE_CHARS = 160;
const ITEM_LINES = 2;
const MAX_LINKS = 5;

function countLine(messages: NotifyMessage[]): string {
  const counts = new Map<NotifySeverity, number>();
  for (const m of messages) counts.set(effectiveSeverity(m), (counts.get(effectiveSeverity(m)) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => SEVERITY_RANK[b[0]] - SEVERITY_RANK[a[0]])
    .map(([s, n]) => `${n} ${s === 'none' ? 'other' : s}`)
    .join(' · ');
}

function item(message: NotifyMessage): string {
  const emoji = SEVERITY_EMOJI[effectiveSeverity(message)];
  const lines = message.markdown
    .split('\n')
    .map((l) => l.trim())
    // fences and code-only lines (PromQL) are too long for a one-glance item
    .filter((l) => l && !/^(`{3,}|~{3,})/.test(l) && !/^`[^`]*`$/.test(l))
    .slice(0, ITEM_LINES)
    .map((l) => truncatePlain(l, ITEM_LINE_CHARS));
  const fields = (message.fields ?? []).map((f) => `${f.label}: ${f.value}`).join(' · ');
  if (fields) lines.push(truncatePlain(fields, ITEM_LINE_CHARS));
  return [`**${emoji ? `${emoji} ` : ''}${message.title}**`, ...lines.map((l) => `> ${l}`)].join('\n');
}

function mergeMentions(messages: NotifyMessage[]): MessageMentions | undefined {
  const all = messages.some((m) => m.mentions?.all);
  const userIds = [...new Set(messages.flatMap((m) => m.mentions?.userIds ?? []))];
  const mobiles = [...new Set(messages.flatMap((m) => m.mentions?.mobiles ?? []))];
  if (!all && !userIds.length && !mobiles.length) return undefined;
  return { ...(all ? { all } : {}), ...(userIds.length ? { userIds } : {}), ...(mobiles.length ? { mobiles } : {}) };
}

/**
 * Links every message shares (a group's runbook); per-alert links such as silences would crowd the digest.
 * With none shared, the most severe message's first link, since card formats need one to open.
 */
function sharedLinks(sorted: NotifyMessage[]): MessageLink[] {
  const [first, ...rest] = sorted;
  const shared = (first?.links ?? []).filter((l) => rest.every((m) => (m.links ?? []).some((x) => x.url === l.url)));
  if (shared.length === 0 && first?.links?.length)
    return [{ text: `${first.links[0].text} (top alert)`, url: first.links[0].url }];
  return shared.slice(0, MAX_LINKS);
}

/** True when the channel would show the message without cutting it. */
function fitsUntruncated(message: NotifyMessage, opts: DigestOptions): boolean {
  if (!opts.channel) return true;
  const driver = driverFor(opts.channel);
  const format = opts.format ?? driver.defaultFormat;
  try {
    return !driver.render(
      { webhook: MEASURE_URL, format, ...(opts.keywords ? { keywords: opts.keywords } : {}) },
      message,
      { nowMs: 0, format },
    ).truncated;
  } catch (err) {
    if (err instanceof NotifyError) return true;
    throw err;
  }
}

export function digest(messages: NotifyMessage[], opts: DigestOptions = {}): NotifyMessage {
  if (messages.length === 1 && !opts.title) return messages[0];
  const sorted = [...messages].sort(
    (a, b) => SEVERITY_RANK[effectiveSeverity(b)] - SEVERITY_RANK[effectiveSeverity(a)],
  );
  const items = sorted.map(item);
  const budget =
    opts.maxBytes ?? FORMAT_BUDGET[`${opts.channel}:${opts.format}`] ?? BODY_BUDGET[opts.channel ?? 'wecom'];
  const maxItems = Math.min(opts.maxItems ?? Number.POSITIVE_INFINITY, items.length);

  // a first guess from the byte budget…
  let kept = 0;
  let used = 0;
  while (kept < maxItems) {
    const rest = sorted.length - kept - 1;
    const overflow = rest ? measure(`\n\n…+${rest} more (${countLine(sorted.slice(kept + 1))})`, 'bytes') : 0;
    const cost = measure(items[kept], 'bytes') + (kept ? 2 : 0);
    if (used + cost + overflow > budget) break;
    used += cost;
    kept += 1;
  }
  // …then the largest count the channel renders without truncation, so the "+N more" line always survives
  const compose = (k: number): NotifyMessage => composeDigest(messages.length, sorted, items, k, opts);
  if (!fitsUntruncated(compose(kept), opts)) {
    let lo = 0;
    let hi = kept - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fitsUntruncated(compose(mid), opts)) lo = mid;
      else hi = mid - 1;
    }
    kept = lo;
  }
  return compose(kept);
}

function composeDigest(
  total: number,
  sorted: NotifyMessage[],
  items: string[],
  kept: number,
  opts: DigestOptions,
): NotifyMessage {
  const left = sorted.slice(kept);
  const body = [...items.slice(0, kept), ...(left.length ? [`…+${left.length} more (${countLine(left)})`] : [])].join(
    '\n\n',
  );
  const firing = sorted.filter((m) => effectiveSeverity(m) !== 'resolved');
  const top = sorted.length ? effectiveSeverity(sorted[0]) : 'none';
  const mentions = mergeMentions(sorted);
  const links = sharedLinks(sorted);
  const footer = opts.footer ?? sorted.find((m) => m.footer)?.footer;
  return {
    title: opts.title ?? `${total} alerts: ${countLine(sorted)}`,
    severity: top,
    status: firing.length ? 'firing' : 'resolved',
    markdown: body,
    fields: [
      { label: 'firing', value: String(firing.length) },
      { label: 'resolved', value: String(sorted.length - firing.length) },
    ],
    ...(links.length ? { links } : {}),
    ...(mentions ? { mentions } : {}),
    ...(footer ? { footer } : {}),
  };
}
