/**
 * How the Kubernetes nodes are put together: each operation is one file exporting its option (name, action,
 * description), its parameters and a `run` over lib/; the node class only assembles them and loops over items.
 */
import {
  NodeOperationError,
  type IDataObject,
  type IDisplayOptions,
  type IExecuteFunctions,
  type INodeProperties,
  type INodePropertyOptions,
} from 'n8n-workflow';

export type Show = NonNullable<IDisplayOptions['show']>;

export interface NodeOperation<Deps> {
  option: INodePropertyOptions & { value: string; action: string };
  properties: INodeProperties[];
  /** The output items (JSON) for input item `i`. */
  run(ctx: IExecuteFunctions, deps: Deps, i: number): Promise<IDataObject[]>;
}

/**
 * The Resource and Operation selectors. There is one resource, the cluster: n8n builds an AI tool's automatic
 * description ("<action> in Kubernetes") and the node panel's action list only from a resource/operation pair,
 * so without it a model would see the node's general description whichever operation the tool runs.
 */
export const RESOURCE = 'cluster';

export function resourceAndOperation(operations: NodeOperation<unknown>[], defaultValue: string): INodeProperties[] {
  return [
    {
      displayName: 'Resource',
      name: 'resource',
      type: 'options',
      noDataExpression: true,
      options: [{ name: 'Kubernetes Cluster', value: RESOURCE }],
      default: RESOURCE,
    },
    {
      displayName: 'Operation',
      name: 'operation',
      type: 'options',
      noDataExpression: true,
      displayOptions: { show: { resource: [RESOURCE] } },
      // sorted by name, as n8n's lint wants
      options: operations.map((o) => o.option).sort((a, b) => a.name.localeCompare(b.name)),
      default: defaultValue,
    },
  ];
}

/** The operation item `i` asks for. */
export function operationOf<Deps>(
  ctx: IExecuteFunctions,
  operations: NodeOperation<Deps>[],
  i: number,
): NodeOperation<Deps> {
  const value = ctx.getNodeParameter('operation', i);
  const operation = operations.find((o) => o.option.value === value);
  if (!operation) throw new NodeOperationError(ctx.getNode(), `unknown operation "${value}"`, { itemIndex: i });
  return operation;
}

/** Show a parameter for these operations only. */
export function forOperations(...operations: string[]): { operation: string[] } {
  return { operation: operations };
}

/** summary (default) or the full object, for operations that return Kubernetes objects. */
export function outputProperty(operations: string[]): INodeProperties {
  return {
    displayName: 'Output',
    name: 'output',
    type: 'options',
    options: [
      {
        name: 'Full Object',
        value: 'full',
        description:
          'The whole object as the API server returns it, without managedFields and with Secret values redacted',
      },
      {
        name: 'Summary',
        value: 'summary',
        description:
          'The columns kubectl shows for the kind (status, ready, restarts, age, images…): small enough for an AI model',
      },
    ],
    default: 'summary',
    displayOptions: { show: forOperations(...operations) },
  };
}

export function isFull(ctx: IExecuteFunctions, i: number): boolean {
  return ctx.getNodeParameter('output', i, 'summary') === 'full';
}

/** A parameter value as text: '' when unset, objects as JSON (an expression may produce one). */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/** A string parameter, trimmed; undefined when empty. */
export function optionalString(value: unknown): string | undefined {
  const text = textOf(value).trim();
  return text === '' ? undefined : text;
}

/** A number parameter; undefined when empty, zero-or-less (when `positive`), or not a number. */
export function optionalNumber(value: unknown, positive = true): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || (positive && n <= 0)) return undefined;
  return n;
}

/** The object's name, required. */
export function nameProperty(show: Show, description = 'Name of the object'): INodeProperties {
  return {
    displayName: 'Name',
    name: 'name',
    type: 'string',
    default: '',
    required: true,
    placeholder: 'e.g. web',
    description,
    displayOptions: { show },
  };
}

/** The required name parameter, trimmed. */
export function nameOf(ctx: IExecuteFunctions, i: number): string {
  return textOf(ctx.getNodeParameter('name', i, '')).trim();
}
