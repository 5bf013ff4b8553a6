/** Channel, its credential and its message format. */
import type { INodeProperties } from 'n8n-workflow';

export const channelProperties: INodeProperties[] = [
  {
    displayName: 'Channel',
    name: 'channel',
    type: 'options',
    noDataExpression: true,
    options: [
      { name: 'DingTalk', value: 'dingtalk', description: 'DingTalk custom robot (钉钉自定义机器人)' },
      { name: 'Feishu / Lark', value: 'feishu', description: 'Feishu or Lark custom bot (飞书自定义机器人)' },
      {
        name: 'JSON Webhook',
        value: 'webhook',
        description: 'Any endpoint taking the message as JSON, optionally HMAC-signed',
      },
      { name: 'Microsoft Teams', value: 'teams', description: 'Teams Workflows webhook (Adaptive Card)' },
      { name: 'Slack', value: 'slack', description: 'Slack incoming webhook' },
      { name: 'WeCom', value: 'wecom', description: 'WeCom group robot (企业微信群机器人)' },
    ],
    default: 'feishu',
  },
  {
    displayName: 'Format',
    name: 'feishuFormat',
    type: 'options',
    displayOptions: { show: { channel: ['feishu'] } },
    options: [
      { name: 'Interactive Card 1.0', value: 'card', description: 'Older card JSON, for older clients' },
      { name: 'Interactive Card 2.0', value: 'card2', description: 'Coloured header, Markdown body, link buttons' },
      { name: 'Rich Text (Post)', value: 'post' },
      { name: 'Text', value: 'text' },
    ],
    default: 'card2',
  },
  {
    displayName: 'Format',
    name: 'wecomFormat',
    type: 'options',
    displayOptions: { show: { channel: ['wecom'] } },
    options: [
      { name: 'Markdown', value: 'markdown', description: 'Coloured text and @mentions; 4096 bytes' },
      {
        name: 'Markdown V2',
        value: 'markdown_v2',
        description: 'Tables and code blocks, no colours or @mentions; clients ≥ 4.1.36',
      },
      { name: 'Template Card', value: 'template_card', description: 'Text notice card with fields and link buttons' },
      { name: 'Text', value: 'text', description: 'Plain text with @mentions by user ID or mobile; 2048 bytes' },
    ],
    default: 'markdown',
  },
  {
    displayName: 'Format',
    name: 'dingtalkFormat',
    type: 'options',
    displayOptions: { show: { channel: ['dingtalk'] } },
    options: [
      { name: 'Action Card', value: 'actionCard', description: 'Markdown with link buttons (no @mentions)' },
      { name: 'Markdown', value: 'markdown' },
      { name: 'Text', value: 'text' },
    ],
    default: 'markdown',
  },
  {
    displayName: 'Format',
    name: 'slackFormat',
    type: 'options',
    displayOptions: { show: { channel: ['slack'] } },
    options: [
      { name: 'Blocks', value: 'blocks' },
      { name: 'Text', value: 'text' },
    ],
    default: 'blocks',
  },
];

export const CHANNEL_CREDENTIALS = {
  feishu: 'feishuBotApi',
  wecom: 'weComBotApi',
  dingtalk: 'dingTalkBotApi',
  slack: 'slackWebhookApi',
  teams: 'teamsWebhookApi',
  webhook: 'jsonWebhookApi',
} as const;

export const FORMAT_PARAMETER: Partial<Record<keyof typeof CHANNEL_CREDENTIALS, string>> = {
  feishu: 'feishuFormat',
  wecom: 'wecomFormat',
  dingtalk: 'dingtalkFormat',
  slack: 'slackFormat',
};
