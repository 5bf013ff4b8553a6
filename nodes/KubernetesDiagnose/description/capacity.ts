/** The Capacity operation's parameters: scope, window, output, and the sizing options. */
import type { INodeProperties } from 'n8n-workflow';

const show = { show: { operation: ['capacity'] } };

export const capacityProperties: INodeProperties[] = [
  {
    displayName: 'Namespace',
    name: 'capacityNamespace',
    type: 'string',
    displayOptions: show,
    default: '',
    placeholder: 'shop',
    description: 'Only this namespace. Empty: every namespace, and node pools are sized too (they need every pod).',
  },
  {
    displayName: 'Window',
    name: 'window',
    type: 'string',
    displayOptions: show,
    default: '7d',
    description: 'How much usage history to read, as a Prometheus duration from 1h to 90d',
  },
  {
    displayName: 'Output',
    name: 'capacityOutput',
    type: 'options',
    noDataExpression: true,
    displayOptions: show,
    options: [
      {
        name: 'HTML Report',
        value: 'html',
        description: 'A self-contained page with charts, in "html" and as a binary file capacity.html',
      },
      { name: 'JSON', value: 'json', description: 'Window, workloads, pools and savings' },
      { name: 'Markdown', value: 'markdown', description: 'Savings line, top moves and a table, in "markdown"' },
      { name: 'Text', value: 'text', description: 'Compact text for a model or a log, in "text"' },
    ],
    default: 'json',
  },
  {
    displayName: 'Put Output File in Field',
    name: 'capacityBinaryPropertyName',
    type: 'string',
    displayOptions: { show: { operation: ['capacity'], capacityOutput: ['html'] } },
    default: 'data',
    hint: 'The name of the output binary field to put the file in',
  },
  {
    displayName: 'Options',
    name: 'capacityOptions',
    type: 'collection',
    placeholder: 'Add option',
    displayOptions: show,
    default: {},
    options: [
      {
        displayName: 'Headroom',
        name: 'headroom',
        type: 'number',
        typeOptions: { minValue: 0, maxValue: 0.9, numberPrecision: 2 },
        default: 0.1,
        description: 'Share of each node kept free when sizing pools',
      },
      {
        displayName: 'Pool Label',
        name: 'poolLabel',
        type: 'string',
        default: 'node.kubernetes.io/instance-type',
        description: 'Node label the pools are grouped by',
      },
      {
        displayName: 'Price Table (JSON)',
        name: 'prices',
        type: 'json',
        default: '',
        placeholder: '{"currency": "CNY", "instanceTypes": {"ecs.g7.large": {"hourly": 0.62}}}',
        description: 'Price per node and hour by instance type; without it savings are counted in nodes only',
      },
      {
        displayName: 'Query Overrides (JSON)',
        name: 'queries',
        type: 'json',
        default: '',
        placeholder: '{"selector": "job=\\"kubelet\\"", "labels": {"pod": "pod_name", "container": "container_name"}}',
        description:
          'Label names, an extra selector, metric names, or {"preset": "legacy"} when the cAdvisor series are not labelled like kube-prometheus',
      },
      {
        displayName: 'Strategy (JSON)',
        name: 'strategy',
        type: 'json',
        default: '',
        placeholder: '{"cpuPercentile": 95, "memoryPercentile": 99, "memoryLimitBuffer": 1.15}',
        description: 'Overrides for the rightsizing strategy settings',
      },
      {
        displayName: 'Top Moves',
        name: 'top',
        type: 'number',
        typeOptions: { minValue: 1, maxValue: 50 },
        default: 10,
        description: 'Rightsizing moves listed in the Markdown, text and HTML',
      },
    ],
  },
];
