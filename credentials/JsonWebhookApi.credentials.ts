import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * Any HTTP endpoint that takes the neutral alert message as JSON (an on-call tool, a ticket system, a relay).
 * With a secret, each request carries an HMAC-SHA256 signature header the receiver can check. The credential "Test"
 * checks the URL shape only: posting would deliver a message.
 */
export class JsonWebhookApi implements ICredentialType {
  name = 'jsonWebhookApi';

  displayName = 'JSON Webhook API';

  icon: Icon = { light: 'file:../icons/webhook.svg', dark: 'file:../icons/webhook.dark.svg' };

  // the one thing a receiver must implement is the HMAC check of the signature header
  documentationUrl = 'https://datatracker.ietf.org/doc/html/rfc2104';

  properties: INodeProperties[] = [
    {
      displayName: 'URL',
      name: 'webhookUrl',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'https://oncall.example.com/hooks/alerts',
    },
    // eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- the header value is a bearer token or API key
    {
      displayName: 'Authorization Header',
      name: 'authorization',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      placeholder: 'Bearer xxxxxxxx',
      description: 'Sent as the Authorization header when set',
    },
    {
      displayName: 'Signing Secret',
      name: 'secret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description:
        'When set, each request carries X-Kube-Aiops-Timestamp (seconds) and X-Kube-Aiops-Signature (sha256= HMAC-SHA256 of timestamp + "." + body) headers',
    },
  ];
}
