import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * A DingTalk (钉钉) custom robot. The robot has no read-only endpoint, so the credential "Test" checks the URL and
 * secret shape without posting anything; the first real message proves the rest (signature, keywords, IP whitelist).
 */
export class DingTalkBotApi implements ICredentialType {
  name = 'dingTalkBotApi';

  displayName = 'DingTalk Robot API';

  icon: Icon = { light: 'file:../icons/dingtalk.svg', dark: 'file:../icons/dingtalk.dark.svg' };

  documentationUrl = 'https://open.dingtalk.com/document/orgapp/custom-robot-access';

  properties: INodeProperties[] = [
    // eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- the webhook URL embeds the access token
    {
      displayName: 'Webhook URL',
      name: 'webhookUrl',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      placeholder: 'https://oapi.dingtalk.com/robot/send?access_token=xxxxxxxx',
      description: 'The robot Webhook address from the group settings (Group Assistant → Add Robot → Custom)',
    },
    {
      displayName: 'Signing Secret',
      name: 'secret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      placeholder: 'SECxxxxxxxx',
      description:
        'Only if the robot security setting "Additional signature" (加签) is on: the secret starting with SEC',
    },
    {
      displayName: 'Keywords',
      name: 'keywords',
      type: 'string',
      default: '',
      placeholder: '告警, alert',
      description: 'Only if the security setting "Custom keywords" (自定义关键词) is on: the keywords, comma-separated',
    },
  ];
}
