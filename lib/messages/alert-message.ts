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
}

function subject(alert: NormalizedAlert): string {
  const r = alert.resource;
  if (!r) return alert.labels.namespace ?? '';
  return r.namespace ? `${r.namespace}/${r.name}` : r.name;
}

function fields(alert: NormalizedAlert): MessageField[] {
  const out: MessageField[] = [];
  const r = alert.resource;
  if (r) out.push({ label: r.kind, value: r.namespace ? `${r.namespace}/${r.name}` : r.name });
  else if (alert.labels.namespace) out.push({ label: 'namespace', value: alert.labels.namespace });
  if (r?.container) out.push({ label: 'container', value: r.container });
  if (alert.severity !== 'none') out.push({ label: 'severity', value: alert.severity });
  if (alert.labels.cluster) out.push({ label: 'cluster', value: alert.labels.cluster });
  if (alert.startsAt)
    out.push({ label: alert.status === 'resolved' ? 'lasted' : 'firing for', value: alert.duration ?? alert.startsAt });
  return out;
}

function links(alert: NormalizedAlert): MessageLink[] {
  const out: MessageLink[] = [];
  if (alert.runbookURL) out.push({ text: 'Runbook', url: alert.runbookURL });
  if (alert.dashboardURL) out.push({ text: 'Dashboard', url: alert.dashboardURL });
  if (alert.panelURL) out.push({ text: 'Panel', url: alert.panelURL });
  if (alert.generatorURL) out.push({ text: 'Source', url: alert.generatorURL });
  if (alert.silenceURL && alert.status === 'firing') out.push({ text: 'Silence', url: alert.silenceURL });
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
  const where = subject(alert);
  return {
    title: opts.title ?? `[${alert.status.toUpperCase()}] ${alert.alertname}${where ? ` ${where}` : ''}`,
    severity: alert.severity,
    status: alert.status,
    markdown: body(alert),
    fields: fields(alert),
    links: links(alert),
    ...(opts.mentions ? { mentions: opts.mentions } : {}),
    footer: opts.footer ?? `kube-aiops · ${alert.source}${alert.group?.receiver ? ` · ${alert.group.receiver}` : ''}`,
  };
}

/** One alert → its message; several → a digest sized for the channel, titled like Alertmanager's [FIRING:n]. */
export function alertsToMessage(alerts: NormalizedAlert[], opts: AlertMessageOptions = {}): NotifyMessage {
  if (alerts.length === 1) return alertToMessage(alerts[0], opts);
  const messages = alerts.map((a) => alertToMessage(a, { footer: opts.footer }));
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
