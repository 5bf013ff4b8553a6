/**
 * Normalized alerts → the neutral notification message. It lives outside lib/alerts and lib/notify because it
 * is the one place that knows both models; the CLI, the n8n nodes and the bridge all call it so that they send
 * the same thing.
 */
import type { NormalizedAlert } from '../alerts';
import {
  digest,
  type ChannelName,
  type MessageField,
  type MessageLink,
  type MessageMentions,
  type NotifyMessage,
} from '../notify';
import type { Language } from '../diagnose';
import { messageWords, type MessageWords } from './words';

export interface AlertMessageOptions {
  /** Replaces the generated title. */
  title?: string;
  footer?: string;
  mentions?: MessageMentions;
  /** Digests of several alerts are sized for this channel and format. */
  channel?: ChannelName;
  format?: string;
  /** The bot's keywords, so the digest is sized for the title it will really have. */
  keywords?: string[];
  /** Language of our labels (default en) */
  language?: Language;
}

function subject(alert: NormalizedAlert): string {
  const r = alert.resource;
  if (!r) return alert.labels.namespace ?? '';
  return r.namespace ? `${r.namespace}/${r.name}` : r.name;
}

function fields(alert: NormalizedAlert, w: MessageWords): MessageField[] {
  const out: MessageField[] = [];
  const r = alert.resource;
  if (r) out.push({ label: r.kind, value: r.namespace ? `${r.namespace}/${r.name}` : r.name });
  else if (alert.labels.namespace) out.push({ label: w.fieldNamespace, value: alert.labels.namespace });
  if (r?.container) out.push({ label: w.fieldContainer, value: r.container });
  if (alert.severity !== 'none') out.push({ label: w.fieldSeverity, value: alert.severity });
  if (alert.labels.cluster) out.push({ label: w.fieldCluster, value: alert.labels.cluster });
  if (alert.startsAt)
    out.push({ label: alert.status === 'resolved' ? w.lasted : w.firingFor, value: alert.duration ?? alert.startsAt });
  return out;
}

function links(alert: NormalizedAlert, w: MessageWords): MessageLink[] {
  const out: MessageLink[] = [];
  const t = w.links;
  if (alert.runbookURL) out.push({ text: t.runbook, url: alert.runbookURL });
  if (alert.dashboardURL) out.push({ text: t.dashboard, url: alert.dashboardURL });
  if (alert.panelURL) out.push({ text: t.panel, url: alert.panelURL });
  if (alert.generatorURL) out.push({ text: t.source, url: alert.generatorURL });
  if (alert.silenceURL && alert.status === 'firing') out.push({ text: t.silence, url: alert.silenceURL });
  return out;
}

function body(alert: NormalizedAlert): string {
  const parts: string[] = [];
  if (alert.summary && alert.summary !== alert.alertname) parts.push(`**${alert.summary}**`);
  if (alert.description) parts.push(alert.description);
  if (alert.expr) parts.push(`\`${alert.expr.replace(/`/g, "'")}\``);
  return parts.join('\n\n');
}

export function alertToMessage(alert: NormalizedAlert, opts: AlertMessageOptions = {}): NotifyMessage {
  const w = messageWords(opts.language);
  const where = subject(alert);
  return {
    title: opts.title ?? `[${alert.status.toUpperCase()}] ${alert.alertname}${where ? ` ${where}` : ''}`,
    severity: alert.severity,
    status: alert.status,
    markdown: body(alert),
    fields: fields(alert, w),
    links: links(alert, w),
    ...(opts.mentions ? { mentions: opts.mentions } : {}),
    footer: opts.footer ?? `kube-aiops · ${alert.source}${alert.group?.receiver ? ` · ${alert.group.receiver}` : ''}`,
  };
}

/** One alert → its message; several → a digest sized for the channel, titled like Alertmanager's [FIRING:n]. */
export function alertsToMessage(alerts: NormalizedAlert[], opts: AlertMessageOptions = {}): NotifyMessage {
  if (alerts.length === 1) return alertToMessage(alerts[0], opts);
  const messages = alerts.map((a) => alertToMessage(a, { footer: opts.footer, language: opts.language }));
  const names = [...new Set(alerts.map((a) => a.alertname))];
  const firing = alerts.filter((a) => a.status === 'firing').length;
  const title =
    opts.title ?? (names.length === 1 ? `[${firing ? `FIRING:${firing}` : 'RESOLVED'}] ${names[0]}` : undefined);
  const merged = digest(messages, {
    channel: opts.channel,
    format: opts.format,
    keywords: opts.keywords,
    ...(title ? { title } : {}),
    ...(opts.footer ? { footer: opts.footer } : {}),
  });
  return opts.mentions ? { ...merged, mentions: opts.mentions } : merged;
}
