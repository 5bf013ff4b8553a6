/** What to send: an alert item, a diagnosis, or Markdown; one per item or a digest; mentions and options. */
import type { INodeProperties } from 'n8n-workflow';
import { languageOption } from '../../shared/language';

export const messageProperties: INodeProperties[] = [
  {
    displayName: 'Message Source',
    name: 'source',
    type: 'options',
    options: [
      {
        name: 'Alert',
        value: 'alert',
        description: 'An alert item from Prometheus Alert (Parse or Enrich), or a raw alert webhook payload',
      },
      {
        name: 'Auto-Detect',
        value: 'auto',
        description: 'Diagnosis when the item has score and findings, otherwise an alert',
      },
      {
        name: 'Diagnosis Report',
        value: 'diagnosis',
        description: 'A diagnosis result (score, findings) from Kubernetes Diagnose, on the item or under "diagnosis"',
      },
      { name: 'Markdown', value: 'markdown', description: 'Your own title and Markdown text' },
    ],
    default: 'auto',
  },
  {
    displayName: 'Title',
    name: 'title',
    type: 'string',
    displayOptions: { show: { source: ['markdown'] } },
    default: '',
    required: true,
    placeholder: '={{ $json.alertname }} on {{ $json.resource.name }}',
  },
  {
    displayName: 'Markdown',
    name: 'markdown',
    type: 'string',
    typeOptions: { rows: 6 },
    displayOptions: { show: { source: ['markdown'] } },
    default: '',
    placeholder: '**Root cause:** {{ $json.rootCause }}',
    description:
      'Common Markdown (bold, links, lists, code); each channel converts it to its own dialect and size limit',
  },
  {
    displayName: 'Severity',
    name: 'severity',
    type: 'options',
    displayOptions: { show: { source: ['markdown'] } },
    options: [
      { name: 'Critical', value: 'critical' },
      { name: 'Info', value: 'info' },
      { name: 'None', value: 'none' },
      { name: 'Resolved', value: 'resolved' },
      { name: 'Warning', value: 'warning' },
    ],
    default: 'info',
    description: 'Sets the card colour and emoji',
  },
  {
    displayName: 'Send',
    name: 'mode',
    type: 'options',
    options: [
      { name: 'One Message per Item', value: 'each' },
      {
        name: 'One Digest for All Items',
        value: 'digest',
        description: 'Most severe first, sized for the channel; the rest summarised as "+N more"',
      },
    ],
    default: 'each',
  },
  {
    displayName: 'Mentions',
    name: 'mentions',
    type: 'collection',
    placeholder: 'Add mention',
    default: {},
    options: [
      {
        displayName: 'Everyone',
        name: 'all',
        type: 'boolean',
        default: false,
        description: 'Whether to @all / @everyone',
      },
      {
        displayName: 'Mobile Numbers',
        name: 'mobiles',
        type: 'string',
        default: '',
        description: 'Comma-separated; DingTalk and WeCom (text) mention by mobile number',
      },
      {
        displayName: 'User IDs',
        name: 'userIds',
        type: 'string',
        default: '',
        description:
          'Comma-separated vendor user IDs: Feishu open_id, WeCom userid, DingTalk userId, Slack member ID, Teams UPN',
      },
    ],
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    options: [
      {
        displayName: 'Footer',
        name: 'footer',
        type: 'string',
        default: '',
        description: 'Replaces the footer line (default names the source and receiver)',
      },
      {
        displayName: 'Include Diagnosis',
        name: 'includeDiagnosis',
        type: 'boolean',
        default: true,
        description: 'Whether enriched alerts show their root cause, findings and log errors',
      },
      languageOption('our words in the message (headings, field labels, links) for alerts and diagnoses'),
      {
        displayName: 'Max Findings',
        name: 'maxFindings',
        type: 'number',
        typeOptions: { minValue: 1 },
        default: 3,
        description: 'Findings listed per diagnosis',
      },
      {
        displayName: 'Time Budget (Seconds)',
        name: 'budgetSeconds',
        type: 'number',
        typeOptions: { minValue: 1 },
        default: 30,
        description: 'Total time for one message including retries of rate limits and 5xx answers',
      },
      {
        displayName: 'Title Override',
        name: 'title',
        type: 'string',
        default: '',
        description: 'Replaces the generated title of alert and diagnosis messages',
      },
    ],
  },
];
