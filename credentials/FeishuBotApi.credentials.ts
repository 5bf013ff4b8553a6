import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * A Feishu (飞书) or Lark custom bot in a group chat. The bot has no read-only endpoint, so the credential "Test"
 * checks the URL and settings without posting anything; the first real message proves the rest (sign, keywords, IP).
 */
export class FeishuBotApi implements ICredentialType {
  name = 'feishuBotApi';

  displayName = 'Feishu / Lark Bot API';

  icon: Icon = { light: 'file:../icons/feishu.svg', dark: 'file:../icons/feishu.dark.svg' };

  documentationUrl = 'https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot';

  properties: INodeProperties[] = [
    // eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- the webhook URL embeds the bot token
    {
      displayName: 'Webhook URL',
      name: 'webhookUrl',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      placeholder: 'https://open.feishu.cn/open-apis/bot/v2/hook/xxxxxxxx',
      description:
        'From the group: Settings → Bots → Custom Bot → Webhook address. Lark URLs (open.larksuite.com) work too.',
    },
    {
      displayName: 'Signing Secret',
      name: 'secret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description: 'Only if "Set signature verification" (签名校验) is on for the bot. Leave empty otherwise.',
    },
    {
      displayName: 'Keywords',
      name: 'keywords',
      type: 'string',
      default: '',
      placeholder: '告警, alert',
      description:
        'Only if "Custom keywords" (自定义关键词) is on: the bot keywords, comma-separated. A message that lacks all of them gets the first one in its title.',
    },
  ];
}
