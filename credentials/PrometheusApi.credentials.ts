import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * Where a Prometheus HTTP API lives (Prometheus, VictoriaMetrics, Thanos Query, a managed service's query endpoint)
 * and how to authenticate, for every operation that reads usage history. Read-only: nothing is ever written to it.
 */
export class PrometheusApi implements ICredentialType {
  name = 'prometheusApi';

  displayName = 'Prometheus API';

  icon: Icon = { light: 'file:../icons/prometheus.svg', dark: 'file:../icons/prometheus.dark.svg' };

  documentationUrl = 'https://prometheus.io/docs/prometheus/latest/querying/api/';

  properties: INodeProperties[] = [
    {
      displayName: 'URL',
      name: 'url',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'http://prometheus-k8s.monitoring:9090',
      description:
        'Base URL of the HTTP API, without /api/v1. Managed services often need a path prefix (e.g. the query endpoint the console shows).',
    },
    {
      displayName: 'Authentication',
      name: 'authentication',
      type: 'options',
      options: [
        { name: 'None', value: 'none' },
        { name: 'Bearer Token', value: 'bearer', description: 'Authorization: Bearer <token>' },
        { name: 'Basic Auth', value: 'basic', description: 'User name and password' },
      ],
      default: 'none',
    },
    {
      displayName: 'Token',
      name: 'token',
      type: 'string',
      typeOptions: { password: true },
      displayOptions: { show: { authentication: ['bearer'] } },
      default: '',
    },
    {
      displayName: 'User',
      name: 'username',
      type: 'string',
      displayOptions: { show: { authentication: ['basic'] } },
      default: '',
    },
    {
      displayName: 'Password',
      name: 'password',
      type: 'string',
      typeOptions: { password: true },
      displayOptions: { show: { authentication: ['basic'] } },
      default: '',
    },
    {
      displayName: 'CA Certificate',
      name: 'caCert',
      type: 'string',
      typeOptions: { password: true, rows: 4 },
      default: '',
      placeholder: '-----BEGIN CERTIFICATE-----',
      description: 'PEM of the CA that signed the server certificate, for https with a private CA',
    },
    {
      displayName: 'Skip TLS Verification',
      name: 'skipTlsVerify',
      type: 'boolean',
      default: false,
      description:
        'Whether to accept any server certificate. Only for throwaway set-ups: anyone in between can read the answers.',
    },
  ];
}
