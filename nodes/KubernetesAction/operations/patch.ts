/** Patch: strategic merge, JSON merge or JSON patch of one object. */
import type { INodeProperties } from 'n8n-workflow';
import { patch, type PatchType } from '../../../lib/kube';
import { kindLocator, namespaceLocator } from '../../shared/locators';
import { forOperations, nameProperty, type NodeOperation } from '../../shared/operation';
import { objectRef, resultJson, writeOptions, type ActionDeps } from './common';

const OP = 'patch';
const show = forOperations(OP);

const properties: INodeProperties[] = [
  kindLocator(show),
  nameProperty(show),
  namespaceLocator(show),
  {
    displayName: 'Patch Type',
    name: 'patchType',
    type: 'options',
    options: [
      {
        name: 'Automatic',
        value: 'auto',
        description: 'Strategic merge for built-in kinds, JSON merge for custom resources',
      },
      {
        name: 'JSON Merge Patch',
        value: 'merge',
        description: 'RFC 7386: the fields to set; null removes a field; lists are replaced whole',
      },
      {
        name: 'JSON Patch',
        value: 'json',
        description: 'RFC 6902: a list of operations such as {"op":"replace","path":"/spec/replicas","value":3}',
      },
      {
        name: 'Strategic Merge Patch',
        value: 'strategic',
        description: 'Like kubectl patch: lists of containers, ports… are merged by name',
      },
    ],
    default: 'auto',
    displayOptions: { show },
  },
  {
    displayName: 'Patch',
    name: 'patch',
    type: 'json',
    default: '{}',
    required: true,
    placeholder: '{"spec":{"replicas":3}}',
    description: 'The patch as JSON (or YAML): an object for merge patches, a list of operations for JSON Patch',
    displayOptions: { show },
  },
];

export const patchOperation: NodeOperation<ActionDeps> = {
  option: {
    name: 'Patch',
    value: OP,
    action: 'Patch fields of an object',
    description:
      'Change fields of one object with a strategic merge, JSON merge or JSON patch; returns the changed fields before and after',
  },
  properties,
  async run(ctx, deps, i) {
    const type = ctx.getNodeParameter('patchType', i, 'auto') as string;
    const result = await patch(
      deps.conn,
      {
        ...objectRef(ctx, i),
        patch: ctx.getNodeParameter('patch', i),
        type: type === 'auto' ? undefined : (type as PatchType),
      },
      writeOptions(ctx, deps, i),
    );
    return [resultJson(result)];
  },
};
