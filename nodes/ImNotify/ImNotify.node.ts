import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { imWebhookTest } from '../shared/credentialTest';
import { itemErrors } from '../shared/errors';
import { runItems } from '../shared/items';
import { properties } from './description';
import { sendDigest } from './operations/digest';
import { failureJson, notifierOf } from './operations/message';
import { sendOne } from './operations/each';

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
    // the bots cannot be reached without posting, so imWebhookTest checks URL shapes only (see nodes/shared/credentialTest.ts)
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
    properties,
  };

  methods = { credentialTest: { imWebhookTest } };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const notifier = await notifierOf(this);
    const errors = itemErrors(this.getNode(), (error) => failureJson(notifier.channel, error));
    if (this.getNodeParameter('mode', 0, 'each') === 'digest') return sendDigest(this, notifier, errors);
    return runItems(this, (i, item) => sendOne(this, notifier, i, item.json), errors);
  }
}
