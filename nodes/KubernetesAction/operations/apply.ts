/** Apply: server-side apply of one or more YAML/JSON documents, all dry-run first. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { apply } from '../../../lib/kube';
import { locatorValue, namespaceLocator } from '../../shared/locators';
import { forOperations, type NodeOperation } from '../../shared/operation';
import { batchJson, manifestInput, writeOptions, type ActionDeps } from './common';

const OP = 'apply';
const show = forOperations(OP);

export function manifestProperty(operation: string): INodeProperties {
  return {
    displayName: 'Manifest',
    name: 'manifest',
    type: 'string',
    typeOptions: { rows: 12 },
    default: '',
    required: true,
    placeholder: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast',
    description: 'One or more Kubernetes objects as YAML (documents separated by ---) or JSON; a List works too',
    displayOptions: { show: forOperations(operation) },
  };
}

export function manifestNamespace(operation: string): INodeProperties {
  return namespaceLocator(
    forOperations(operation),
    "Namespace for documents that name none; empty means the credential's default namespace",
  );
}

const properties: INodeProperties[] = [
  manifestProperty(OP),
  manifestNamespace(OP),
  {
    displayName: 'Options',
    name: 'applyOptions',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    displayOptions: { show },
    options: [
      {
        displayName: 'Force Conflicts',
        name: 'force',
        type: 'boolean',
        default: false,
        description:
          'Whether to take over fields another field manager (kubectl, a controller) owns instead of failing with a conflict',
      },
    ],
  },
];

export const applyOperation: NodeOperation<ActionDeps> = {
  option: {
    name: 'Apply',
    value: OP,
    action: 'Apply YAML or JSON manifests',
    description:
      'Create or update objects from YAML/JSON with server-side apply. Several documents are all dry-run first: if one is invalid or refused, none is applied.',
  },
  properties,
  async run(ctx, deps, i) {
    const options = ctx.getNodeParameter('applyOptions', i, {}) as IDataObject;
    const result = await apply(deps.conn, manifestInput(ctx.getNodeParameter('manifest', i)), {
      ...writeOptions(ctx, deps, i),
      namespace: locatorValue(ctx, 'namespace', i) || undefined,
      force: options.force === true,
    });
    return batchJson(result);
  },
};
