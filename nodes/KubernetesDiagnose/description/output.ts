/** How the diagnosis comes out: format, length, anonymization, filters. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { ANALYZERS } from '../../../lib/diagnose';
import { languageOption } from '../../shared/language';

const analyzerOptions: INodePropertyOptions[] = [
  { name: 'All Analyzers', value: 'all', description: 'Every analyzer, including the optional ones' },
  ...ANALYZERS.map((a) => ({
    name: a.name,
    value: a.name,
    description: a.default ? 'In the default set' : 'Optional: runs only when chosen',
  })).sort((x, y) => x.name.localeCompare(y.name)),
];

export const outputProperties: INodeProperties[] = [
  {
    displayName: 'Output',
    name: 'output',
    type: 'options',
    noDataExpression: true,
    options: [
      {
        name: 'HTML Report',
        value: 'html',
        description: 'A self-contained HTML page with charts, in the "html" field and as a binary file report.html',
      },
      {
        name: 'JSON Findings',
        value: 'json',
        description: 'Score, namespaces and findings with evidence and root causes',
      },
      {
        name: 'LLM Context',
        value: 'llm',
        description: 'Compact text for a model prompt, within a character budget, in the "llm" field',
      },
      {
        name: 'Markdown',
        value: 'markdown',
        description: 'A short summary for an IM message, in the "markdown" field',
      },
    ],
    default: 'json',
  },
  {
    displayName: 'LLM Budget (Characters)',
    name: 'llmBudget',
    type: 'number',
    typeOptions: { minValue: 200 },
    displayOptions: { show: { output: ['llm'] } },
    default: 6000,
    description: 'Maximum length of the "llm" text; evidence is cut first, root causes last',
  },
  {
    displayName: 'Max Characters',
    name: 'markdownMaxChars',
    type: 'number',
    typeOptions: { minValue: 200 },
    displayOptions: { show: { output: ['markdown'] } },
    default: 3800,
    description:
      "Maximum length of the Markdown (3800 fits WeCom's 4096-byte limit); what does not fit is summarised in a last line",
  },
  {
    displayName: 'Put Output File in Field',
    name: 'binaryPropertyName',
    type: 'string',
    displayOptions: { show: { output: ['html'] } },
    default: 'data',
    hint: 'The name of the output binary field to put the file in',
  },
  {
    displayName: 'Anonymize',
    name: 'anonymize',
    type: 'boolean',
    default: false,
    description:
      'Whether to replace namespaces, object names, images, hosts and IPs with stable placeholders before output. The placeholder → real value mapping goes in the "mapping" field so a later step can unmask a model\'s answer (left out when this node runs as an AI tool, where the model would see it).',
  },
  {
    displayName: 'Min Severity',
    name: 'minSeverity',
    type: 'options',
    options: [
      { name: 'Critical', value: 'critical', description: 'Only what is broken now' },
      { name: 'Info', value: 'info', description: 'Everything, including informational findings' },
      { name: 'Warning', value: 'warning', description: 'Broken and degraded' },
    ],
    default: 'warning',
    description: 'Leave out findings below this severity. The health score still counts them.',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    options: [
      {
        displayName: 'Analyzers',
        name: 'analyzers',
        type: 'multiOptions',
        options: analyzerOptions,
        default: [],
        description: 'Which analyzers run. None chosen: the default set.',
      },
      {
        displayName: 'Include Findings',
        name: 'includeFindings',
        type: 'boolean',
        default: true,
        description:
          'Whether the item carries the findings array next to the Markdown, LLM or HTML text (turn off to keep AI tool answers short)',
      },
      languageOption('the Markdown, LLM and HTML text'),
    ],
  },
];
