/**
 * What both sending modes share: the channel and credential of this execution, one item's message (from an alert,
 * a diagnosis or the Markdown parameters), one delivery through lib/notify, and the "On Error: Continue" item.
 */
import {
  NodeApiError,
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type ICredentialDataDecryptedObject,
  type JsonObject,
} from 'n8n-workflow';
import type { NormalizedAlert } from '../../../lib/alerts';
import { redactText } from '../../../lib/kube/redact';
import { digestMessages, messagesFromItem, type MessageSource } from '../../../lib/messages/item-message';
import {
  NotifyError,
  send,
  type ChannelName,
  type MessageMentions,
  type NotifyMessage,
  type NotifySeverity,
} from '../../../lib/notify';
import { list, notifyConfig } from '../../shared/imCredentials';
import { languageOf } from '../../shared/language';
import { textOf } from '../../shared/operation';
import { CHANNEL_CREDENTIALS, FORMAT_PARAMETER } from '../description/channel';

export interface Prepared {
  message: NotifyMessage;
  alerts: NormalizedAlert[];
}

/** The channel (read once, from the first item) and its decrypted credential. */
export interface Notifier {
  channel: ChannelName;
  data: ICredentialDataDecryptedObject;
  /** the channel's message format for item `i`, for channels that have a choice */
  format(i: number): string | undefined;
}

export async function notifierOf(ctx: IExecuteFunctions): Promise<Notifier> {
  const channel = ctx.getNodeParameter('channel', 0) as ChannelName;
  const data = await ctx.getCredentials(CHANNEL_CREDENTIALS[channel]);
  const formatParam = FORMAT_PARAMETER[channel];
  const format = (i: number): string | undefined =>
    formatParam ? (ctx.getNodeParameter(formatParam, i) as string) : undefined;
  return { channel, data, format };
}

function mentionsOf(ctx: IExecuteFunctions, i: number): MessageMentions | undefined {
  const m = ctx.getNodeParameter('mentions', i, {}) as IDataObject;
  const userIds = list(m.userIds);
  const mobiles = list(m.mobiles);
  if (m.all !== true && !userIds.length && !mobiles.length) return undefined;
  return {
    ...(m.all === true ? { all: true } : {}),
    ...(userIds.length ? { userIds } : {}),
    ...(mobiles.length ? { mobiles } : {}),
  };
}

/** Item `i` as one message for the channel. */
export function prepare(ctx: IExecuteFunctions, notifier: Notifier, i: number, json: IDataObject): Prepared {
  const source = ctx.getNodeParameter('source', i, 'auto') as MessageSource | 'markdown';
  const mentions = mentionsOf(ctx, i);
  const o = ctx.getNodeParameter('options', i, {});
  const footer = typeof o.footer === 'string' && o.footer ? o.footer : undefined;
  if (source === 'markdown') {
    const severity = ctx.getNodeParameter('severity', i, 'info') as NotifySeverity;
    const title = textOf(ctx.getNodeParameter('title', i, '')).trim();
    if (!title) throw new NodeOperationError(ctx.getNode(), 'Title is empty', { itemIndex: i });
    const message: NotifyMessage = {
      // Markdown built by expressions from log lines or alert text is redacted like every other message
      title: redactText(title),
      severity,
      ...(severity === 'resolved' ? { status: 'resolved' as const } : {}),
      markdown: redactText(textOf(ctx.getNodeParameter('markdown', i, ''))),
      ...(mentions ? { mentions } : {}),
      ...(footer ? { footer } : {}),
    };
    return { message, alerts: [] };
  }
  let got;
  try {
    got = messagesFromItem(json, source, {
      title: typeof o.title === 'string' && o.title ? o.title : undefined,
      footer,
      mentions,
      maxFindings: typeof o.maxFindings === 'number' ? o.maxFindings : 3,
      includeDiagnosis: o.includeDiagnosis !== false,
      language: languageOf(o.language),
    });
  } catch (err) {
    throw new NodeOperationError(ctx.getNode(), err instanceof Error ? err.message : String(err), {
      itemIndex: i,
      description:
        'Connect a Prometheus Alert or Kubernetes Diagnose node before this one, or choose Message Source: Markdown',
    });
  }
  const message = digestMessages(got.messages, got.alerts, {
    channel: notifier.channel,
    format: notifier.format(i),
    keywords: list(notifier.data.keywords),
    footer,
    mentions,
  });
  return { message, alerts: got.alerts };
}

/** Sends one message (standing for `count` items); vendor refusals become NodeApiError with the vendor's code. */
export async function deliver(
  ctx: IExecuteFunctions,
  notifier: Notifier,
  message: NotifyMessage,
  i: number,
  count: number,
): Promise<IDataObject> {
  const { channel, data } = notifier;
  const o = ctx.getNodeParameter('options', i, {});
  const budgetMs = (typeof o.budgetSeconds === 'number' ? o.budgetSeconds : 30) * 1000;
  try {
    const r = await send(channel, notifyConfig(channel, data, notifier.format(i)), message, {
      budgetMs,
      attemptTimeoutMs: Math.min(10_000, budgetMs),
    });
    return {
      channel: r.channel,
      format: r.format,
      ok: true,
      attempts: r.attempts,
      vendorCode: r.vendorCode ?? null,
      bytes: r.bytes,
      truncated: r.truncated,
      notes: r.notes,
      title: message.title,
      messages: count,
    };
  } catch (err) {
    if (!(err instanceof NotifyError))
      throw new NodeOperationError(ctx.getNode(), err instanceof Error ? err : String(err), { itemIndex: i });
    if (err.kind === 'config')
      throw new NodeOperationError(ctx.getNode(), err.message, { itemIndex: i, description: err.hint });
    const response: JsonObject = {
      channel: err.channel,
      kind: err.kind,
      vendorCode: err.vendorCode ?? null,
      httpStatus: err.httpStatus ?? null,
      attempts: err.attempts,
    };
    throw new NodeApiError(ctx.getNode(), response, {
      message: err.message,
      description: err.hint,
      itemIndex: i,
      ...(err.httpStatus && err.httpStatus >= 400 ? { httpCode: String(err.httpStatus) } : {}),
    });
  }
}

/** The item "On Error: Continue" emits: what failed, and the vendor's code and attempts when it got that far. */
export function failureJson(channel: ChannelName, err: unknown): IDataObject {
  const e = err as { message?: string; errorResponse?: JsonObject };
  const response = (e.errorResponse ?? {}) as IDataObject;
  return {
    channel,
    ok: false,
    error: e.message ?? String(err),
    vendorCode: response.vendorCode ?? null,
    attempts: response.attempts ?? 0,
  };
}
