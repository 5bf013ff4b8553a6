import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * A WeCom (企业微信) group robot. The key in the webhook URL is its only secret; there is no signing and no keyword
 * setting. The robot has no read-only endpoint, so the credential "Test" checks the URL shape without posting.
 */
export class WeComBotApi implements ICredentialType {
  name = 'weComBotApi';

  displayName = 'WeCom Group Robot API';

  icon: Icon = { light: 'file:../icons/wecom.svg', dark: 'file:../icons/wecom.dark.svg' };

  documentationUrl = 'https://developer.work.weixin.qq.com/document/path/91770';

  properties: INodeProperties[] = [
    // eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- the webhook URL embeds the robot key
    {
      displayName: 'Webhook URL or Key',
      name: 'webhookUrl',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      placeholder: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=xxxxxxxx-xxxx',
      description: 'The robot webhook address from the group (Add Group Robot → Webhook), or only its key',
    },
  ];
}
