import {
  NodeApiError,
  NodeConnectionTypes,
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
  type JsonObject,
} from 'n8n-workflow';
import type { NormalizedAlert } from '../../lib/alerts';
import { digestMessages, messagesFromItem, type MessageSource } from '../../lib/messages/item-message';
import {
  NotifyError,
  send,
  type ChannelName,
  type MessageMentions,
  type NotifyMessage,
  type NotifySeverity,
} from '../../lib/notify';
import { CHANNEL_CREDENTIALS, FORMAT_PARAMETER, channelProperties } from './descriptions/channel';
import { messageProperties } from './descriptions/message';
import { list, notifyConfig } from './shared/config';
import { imWebhookTest } from './shared/credentialTest';

interface Prepared {
  message: NotifyMessage;
  alerts: NormalizedAlert[];
}

/** Errors thrown inside the loop are already NodeApiError / NodeOperationError; anything else is wrapped. */
function asNodeError(ctx: IExecuteFunctions, err: unknown, itemIndex: number): NodeApiError | NodeOperationError {
  return err instanceof NodeApiError || err instanceof NodeOperationError
    ? err
    : new NodeOperationError(ctx.getNode(), err as Error, { itemIndex });
}

export class ImNotify implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'IM Notify',
    name: 'imNotify',
    icon: { light: 'file:imNotify.svg', dark: 'file:imNotify.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{ $parameter["channel"] + ($parameter["mode"] === "digest" ? " · digest" : "") }}',
    description: 'Send alerts, diagnoses or Markdown to Feishu/Lark, WeCom, DingTalk, Slack, Teams or a JSON webhook',
    defaults: { name: 'IM Notify' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    // the bots cannot be reached without posting, so imWebhookTest checks URL shapes only (see shared/credentialTest.ts)
    credentials: [
      {
        name: 'dingTalkBotApi',
        required: true,
        testedBy: 'imWebhookTest',
        displayOptions: { show: { channel: ['dingtalk'] } },
      },
      {
        name: 'feishuBotApi',
        required: true,
        testedBy: 'imWebhookTest',
        displayOptions: { show: { channel: ['feishu'] } },
      },
      {
        name: 'jsonWebhookApi',
        required: true,
        testedBy: 'imWebhookTest',
        displayOptions: { show: { channel: ['webhook'] } },
      },
      {
        name: 'slackWebhookApi',
        required: true,
        testedBy: 'imWebhookTest',
        displayOptions: { show: { channel: ['slack'] } },
      },
      {
        name: 'teamsWebhookApi',
        required: true,
        testedBy: 'imWebhookTest',
        displayOptions: { show: { channel: ['teams'] } },
      },
      {
        name: 'weComBotApi',
        required: true,
        testedBy: 'imWebhookTest',
        displayOptions: { show: { channel: ['wecom'] } },
      },
    ],
    properties: [...channelProperties, ...messageProperties],
  };

  methods = { credentialTest: { imWebhookTest } };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const channel = this.getNodeParameter('channel', 0) as ChannelName;
    const data = await this.getCredentials(CHANNEL_CREDENTIALS[channel]);
    const formatParam = FORMAT_PARAMETER[channel];
    const mode = this.getNodeParameter('mode', 0, 'each') as string;
    const out: INodeExecutionData[] = [];

    const prepare = (i: number): Prepared => {
      const source = this.getNodeParameter('source', i, 'auto') as MessageSource | 'markdown';
      const m = this.getNodeParameter('mentions', i, {}) as IDataObject;
      const userIds = list(m.userIds);
      const mobiles = list(m.mobiles);
      const mentions: MessageMentions | undefined =
        m.all === true || userIds.length || mobiles.length
          ? {
              ...(m.all === true ? { all: true } : {}),
              ...(userIds.length ? { userIds } : {}),
              ...(mobiles.length ? { mobiles } : {}),
            }
          : undefined;
      const o = this.getNodeParameter('options', i, {}) as IDataObject;
      const footer = typeof o.footer === 'string' && o.footer ? o.footer : undefined;
      if (source === 'markdown') {
        const severity = this.getNodeParameter('severity', i, 'info') as NotifySeverity;
        const title = String(this.getNodeParameter('title', i, '')).trim();
        if (!title) throw new NodeOperationError(this.getNode(), 'Title is empty', { itemIndex: i });
        const message: NotifyMessage = {
          title,
          severity,
          ...(severity === 'resolved' ? { status: 'resolved' as const } : {}),
          markdown: String(this.getNodeParameter('markdown', i, '')),
          ...(mentions ? { mentions } : {}),
          ...(footer ? { footer } : {}),
        };
        return { message, alerts: [] };
      }
      let got;
      try {
        got = messagesFromItem(items[i].json, source, {
          title: typeof o.title === 'string' && o.title ? o.title : undefined,
          footer,
          mentions,
          maxFindings: typeof o.maxFindings === 'number' ? o.maxFindings : 3,
          includeDiagnosis: o.includeDiagnosis !== false,
        });
      } catch (err) {
        throw new NodeOperationError(this.getNode(), (err as Error).message, {
          itemIndex: i,
          description:
            'Connect a Prometheus Alert or Kubernetes Diagnose node before this one, or choose Message Source: Markdown',
        });
      }
      const message = digestMessages(got.messages, got.alerts, {
        channel,
        format: format(i),
        keywords: list(data.keywords),
        footer,
        mentions,
      });
      return { message, alerts: got.alerts };
    };
    const format = (i: number): string | undefined =>
      formatParam ? (this.getNodeParameter(formatParam, i) as string) : undefined;

    const deliver = async (message: NotifyMessage, i: number, count: number): Promise<IDataObject> => {
      const o = this.getNodeParameter('options', i, {}) as IDataObject;
      const budgetMs = (typeof o.budgetSeconds === 'number' ? o.budgetSeconds : 30) * 1000;
      try {
        const r = await send(channel, notifyConfig(channel, data, format(i)), message, {
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
        if (!(err instanceof NotifyError)) throw new NodeOperationError(this.getNode(), err as Error, { itemIndex: i });
        if (err.kind === 'config')
          throw new NodeOperationError(this.getNode(), err.message, { itemIndex: i, description: err.hint });
        const response: JsonObject = {
          channel: err.channel,
          kind: err.kind,
          vendorCode: err.vendorCode ?? null,
          httpStatus: err.httpStatus ?? null,
          attempts: err.attempts,
        };
        throw new NodeApiError(this.getNode(), response, {
          message: err.message,
          description: err.hint,
          itemIndex: i,
          ...(err.httpStatus && err.httpStatus >= 400 ? { httpCode: String(err.httpStatus) } : {}),
        });
      }
    };

    const failure = (err: unknown): IDataObject => {
      const e = err as { message?: string; context?: IDataObject; errorResponse?: JsonObject };
      const response = (e.errorResponse ?? {}) as IDataObject;
      return {
        channel,
        ok: false,
        error: e.message ?? String(err),
        vendorCode: response.vendorCode ?? null,
        attempts: response.attempts ?? 0,
      };
    };

    if (mode === 'digest') {
      const prepared: Prepared[] = [];
      const paired: Array<{ item: number }> = [];
      for (let i = 0; i < items.length; i++) {
        try {
          prepared.push(prepare(i));
          paired.push({ item: i });
        } catch (err) {
          if (!this.continueOnFail()) throw asNodeError(this, err, i);
          out.push({ json: failure(err), pairedItem: { item: i } });
        }
      }
      if (prepared.length === 0) return [out];
      const message = digestMessages(
        prepared.map((p) => p.message),
        prepared.every((p) => p.alerts.length === 1) ? prepared.map((p) => p.alerts[0]) : [],
        { channel, format: format(0), keywords: list(data.keywords) },
      );
      try {
        out.push({ json: await deliver(message, 0, prepared.length), pairedItem: paired });
      } catch (err) {
        if (!this.continueOnFail()) throw asNodeError(this, err, 0);
        out.push({ json: failure(err), pairedItem: paired });
      }
      return [out];
    }

    for (let i = 0; i < items.length; i++) {
      try {
        const { message } = prepare(i);
        out.push({ json: await deliver(message, i, 1), pairedItem: { item: i } });
      } catch (err) {
        if (!this.continueOnFail()) throw asNodeError(this, err, i);
        out.push({ json: failure(err), pairedItem: { item: i } });
      }
    }
    return [out];
  }
}
