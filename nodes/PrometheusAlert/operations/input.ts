/** Where the alert payload of an item is: the item itself (webhook output is unwrapped), a property, or JSON text. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

export const inputProperties = (operations: string[]): INodeProperties[] => [
  {
    displayName: 'Input',
    name: 'input',
    type: 'options',
    displayOptions: { show: { operation: operations } },
    options: [
      {
        name: 'Incoming Item',
        value: 'item',
        description:
          'The whole item: a Webhook node output (its body is used), an Alertmanager/Grafana payload, or an alert from Parse',
      },
      {
        name: 'JSON Text',
        value: 'json',
        description: 'A string holding the payload, e.g. an expression reading a raw body',
      },
      {
        name: 'Property',
        value: 'property',
        description: 'A property of the item holding the payload (object or JSON string)',
      },
    ],
    default: 'item',
  },
  {
    displayName: 'Property Path',
    name: 'propertyPath',
    type: 'string',
    displayOptions: { show: { operation: operations, input: ['property'] } },
    default: 'body',
    placeholder: 'body',
    description: 'Dot path inside the item JSON, e.g. body or data.payload',
  },
  {
    displayName: 'JSON Text',
    name: 'jsonText',
    type: 'string',
    typeOptions: { rows: 4 },
    displayOptions: { show: { operation: operations, input: ['json'] } },
    default: '',
    placeholder: '={{ $json.raw }}',
    description: 'The alert payload as JSON text',
  },
];

function getPath(value: unknown, path: string): unknown {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  let cur: unknown = value;
  for (const part of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The payload of item `i` as configured; a string is left for the parser (which reads JSON text). */
export function readPayload(ctx: IExecuteFunctions, i: number, json: IDataObject): unknown {
  const input = ctx.getNodeParameter('input', i, 'item') as string;
  if (input === 'json') {
    const text = ctx.getNodeParameter('jsonText', i, '') as unknown;
    if (typeof text !== 'string') return text;
    if (text.trim() === '')
      throw new NodeOperationError(ctx.getNode(), 'JSON Text is empty', {
        itemIndex: i,
        description: 'Put the alert payload (or an expression that reads it) into JSON Text',
      });
    return text;
  }
  if (input === 'property') {
    const path = (ctx.getNodeParameter('propertyPath', i, 'body') as string).trim();
    const value = path ? getPath(json, path) : json;
    if (value === undefined) {
      throw new NodeOperationError(ctx.getNode(), `the item has no property "${path}"`, {
        itemIndex: i,
        description: `Its top-level keys are: ${Object.keys(json).slice(0, 12).join(', ') || 'none'}`,
      });
    }
    return value;
  }
  return json;
}
