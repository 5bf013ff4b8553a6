/** The Prometheus Alert node's parameters: the operation selector, then Parse's and Enrich's own. */
import type { INodeProperties } from 'n8n-workflow';
import { enrichProperties } from './operations/enrich';
import { parseProperties } from './operations/parse';

export const properties: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    options: [
      {
        name: 'Enrich',
        value: 'enrich',
        description: 'Diagnose the Kubernetes object each alert names: root cause, findings, events, log errors',
        action: 'Enrich alerts with a kubernetes diagnosis',
      },
      {
        name: 'Parse',
        value: 'parse',
        description: 'Turn an alert webhook payload into one item per alert or per group',
        action: 'Parse an alert webhook payload',
      },
    ],
    default: 'parse',
  },
  ...parseProperties,
  ...enrichProperties,
];
