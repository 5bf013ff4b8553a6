import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * A Slack incoming webhook. Slack offers no way to check one without posting, so the credential "Test" checks the
 * URL shape only.
 */
export class SlackWebhookApi implements ICredentialType {
  name = 'slackWebhookApi';

  displayName = 'Slack Incoming Webhook API';

  icon: Icon = { light: 'file:../icons/slack.svg', dark: 'file:../icons/slack.dark.svg' };

  documentationUrl = 'https://api.slack.com/messaging/webhooks';

  properties: INodeProperties[] = [
    // eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- the webhook URL is the secret
    {
      displayName: 'Webhook URL',
      name: 'webhookUrl',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      placeholder: 'https://hooks.slack.com/services/T000/B000/XXXX',
    },
  ];
}
