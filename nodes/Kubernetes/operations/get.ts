/** Get: one object by kind and name. */
import type { INodeProperties } from 'n8n-workflow';
import { get, summarize, type KubeConnection } from '../../../lib/kube';
import { kindLocator, locatorValue, namespaceLocator } from '../../shared/locators';
import { isFull, nameOf, nameProperty, outputProperty, type NodeOperation } from '../../shared/operation';
import { toJson } from '../../shared/json';

const OP = 'get';

const properties: INodeProperties[] = [
  kindLocator({ operation: [OP] }),
  nameProperty({ operation: [OP] }),
  namespaceLocator({ operation: [OP] }),
  outputProperty([OP]),
];

export const getOperation: NodeOperation<KubeConnection> = {
  option: {
    name: 'Get',
    value: OP,
    action: 'Get an object by kind and name',
    description: 'Get one object by kind and name: its status summary, or the full object (Secret values redacted)',
  },
  properties,
  async run(ctx, conn, i) {
    const obj = await get(conn, {
      kind: locatorValue(ctx, 'kind', i),
      name: nameOf(ctx, i),
      namespace: locatorValue(ctx, 'namespace', i) || undefined,
    });
    if (isFull(ctx, i)) return [toJson(obj)];
    return [toJson({ kind: obj.kind, apiVersion: obj.apiVersion, ...summarize(obj), labels: obj.metadata?.labels })];
  },
};
