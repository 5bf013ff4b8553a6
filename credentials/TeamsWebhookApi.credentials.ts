import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * A Microsoft Teams webhook created with Workflows ("Post to a channel when a webhook request is received"), which
 * takes Adaptive Cards. Posting is the only way to use it, so the credential "Test" checks the URL shape only.
 */
export class TeamsWebhookApi implements ICredentialType {
  name = 'teamsWebhookApi';

  displayName = 'Microsoft Teams Webhook API';

  icon: Icon = { light: 'file:../icons/teams.svg', dark: 'file:../icons/teams.dark.svg' };

  documentationUrl =
    'https://support.microsoft.com/office/create-incoming-webhooks-with-workflows-for-microsoft-teams-8ae491c7-0394-4861-ba59-055e33f75498';

  properties: INodeProperties[] = [
    // eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- the workflow URL carries its signature
    {
      displayName: 'Webhook URL',
      name: 'webhookUrl',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      placeholder: 'https://prod-00.westeurope.logic.azure.com:443/workflows/…',
    },
    {
      displayName: 'Adaptive Card Version',
      name: 'cardVersion',
      type: 'options',
      options: [
        { name: '1.4', value: '1.4' },
        { name: '1.5', value: '1.5' },
      ],
      default: '1.4',
      description: 'Teams clients render 1.4 everywhere; 1.5 adds features newer clients show',
    },
  ];
}
