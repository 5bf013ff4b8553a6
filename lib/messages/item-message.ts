/**
 * Whatever a workflow item holds → the neutral notification message. An item is an alert (from Parse), a triaged
 * alert (from Enrich / triageAlerts), a DiagnosisResult (from a Kubernetes diagnosis), a raw alert webhook payload,
 * or nothing of that (then the caller supplies Markdown). The n8n IM Notify node and the MCP bridge both use it.
 */
import { redactStrings } from '../kube/redact';
import type { NormalizedAlert } from '../alerts';
import type { Language } from '../diagnose';
import { digest, type ChannelName, type MessageMentions, type NotifyMessage } from '../notify';
import { alertsFromJson } from '../triage/item';
import type { TriagedAlert } from '../triage/types';
import { alertToMessage } from './alert-message';
import { defuseStrings } from './defuse';
import { diagnosisToMessage, isDiagnosisResult } from './diagnosis-message';
import { triagedAlertToMessage } from './triage-message';

export type MessageSource = 'auto' | 'alert' | 'diagnosis';

export type ItemKind = 'alert' | 'triaged' | 'diagnosis';

export interface ItemMessageOptions {
  title?: string;
  footer?: string;
  mentions?: MessageMentions;
  /** Findings shown for diagnoses and triaged alerts. */
  maxFindings?: number;
  /** Append the diagnosis of triaged alerts (default true). */
  includeDiagnosis?: boolean;
  /** Language of our words in the message (default en) */
  language?: Language;
}

export interface ItemMessages {
  kind: ItemKind;
  /** One message per alert (a group or payload item holds several), or one for a diagnosis. */
  messages: NotifyMessage[];
  alerts: NormalizedAlert[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Triage fields travel on the item next to the alert fields. */
function triageOf(json: Record<string, unknown>): TriagedAlert | undefined {
  return typeof json.enriched === 'boolean' && Array.isArray(json.findings)
    ? (json as unknown as TriagedAlert)
    : undefined;
}

/**
 * Every message leaves through here: alert annotations, log lines and root causes are redacted of credentials, and
 * mention markup inside them is defused (an annotation must not @ everyone); the configured mentions are added after.
 */
function withOptions(message: NotifyMessage, opts: ItemMessageOptions): NotifyMessage {
  return {
    ...defuseStrings(redactStrings(message)),
    ...(opts.title ? { title: opts.title } : {}),
    ...(opts.footer ? { footer: opts.footer } : {}),
    ...(opts.mentions ? { mentions: opts.mentions } : {}),
  };
}

/**
 * The messages one item stands for. Throws an Error with a sentence for the user when the item holds neither an
 * alert nor a diagnosis (with source `auto`), or not the kind asked for.
 */
export function messagesFromItem(
  json: unknown,
  source: MessageSource = 'auto',
  opts: ItemMessageOptions = {},
): ItemMessages {
  if (source !== 'alert' && isRecord(json) && isDiagnosisResult(json)) {
    return {
      kind: 'diagnosis',
      messages: [
        withOptions(diagnosisToMessage(json, { maxFindings: opts.maxFindings, language: opts.language }), opts),
      ],
      alerts: [],
    };
  }
  if (source !== 'alert' && isRecord(json) && isDiagnosisResult(json.diagnosis)) {
    return {
      kind: 'diagnosis',
      messages: [
        withOptions(
          diagnosisToMessage(json.diagnosis, { maxFindings: opts.maxFindings, language: opts.language }),
          opts,
        ),
      ],
      alerts: [],
    };
  }
  if (source === 'diagnosis') {
    throw new Error(
      'the item holds no diagnosis (a JSON object with "score" and "findings", or such an object under "diagnosis")',
    );
  }
  const read = alertsFromJson(json);
  if (read.alerts.length === 0) {
    const why = read.errors[0] ?? 'no alerts';
    throw new Error(
      source === 'alert'
        ? `the item holds no alert: ${why}`
        : `the item holds neither an alert nor a diagnosis: ${why}`,
    );
  }
  const triage = read.alerts.length === 1 && isRecord(json) ? triageOf(json) : undefined;
  if (triage && opts.includeDiagnosis !== false) {
    return {
      kind: 'triaged',
      messages: [
        withOptions(
          triagedAlertToMessage(read.alerts[0], triage, {
            maxFindings: opts.maxFindings,
            language: opts.language,
          }),
          opts,
        ),
      ],
      alerts: read.alerts,
    };
  }
  return {
    kind: 'alert',
    messages: read.alerts.map((a) => withOptions(alertToMessage(a, { language: opts.language }), opts)),
    alerts: read.alerts,
  };
}

export interface DigestItemsOptions {
  channel?: ChannelName;
  format?: string;
  keywords?: string[];
  title?: string;
  footer?: string;
  mentions?: MessageMentions;
}

/** Several messages as one digest sized for the channel; a single message is sent as it is. */
export function digestMessages(
  messages: NotifyMessage[],
  alerts: NormalizedAlert[],
  opts: DigestItemsOptions = {},
): NotifyMessage {
  if (messages.length === 1) return withOptions(messages[0], opts);
  let title = opts.title;
  if (!title && alerts.length === messages.length && alerts.length > 0) {
    const names = [...new Set(alerts.map((a) => a.alertname))];
    const firing = alerts.filter((a) => a.status === 'firing').length;
    if (names.length === 1) title = `[${firing ? `FIRING:${firing}` : 'RESOLVED'}] ${names[0]}`;
  }
  const merged = digest(messages, {
    channel: opts.channel,
    format: opts.format,
    keywords: opts.keywords,
    ...(title ? { title } : {}),
    ...(opts.footer ? { footer: opts.footer } : {}),
  });
  return opts.mentions ? { ...merged, mentions: opts.mentions } : merged;
}
