/** Top: CPU and memory usage of pods or nodes (metrics-server). */
import type { INodeProperties } from 'n8n-workflow';
import { topNodes, topPods, type KubeConnection } from '../../../lib/kube';
import { locatorValue, namespaceLocator } from '../../shared/locators';
import { forOperations, optionalString, type NodeOperation } from '../../shared/operation';
import { toJson } from '../../shared/json';

const OP = 'top';
const show = forOperations(OP);

const properties: INodeProperties[] = [
  {
    displayName: 'Usage Of',
    name: 'topOf',
    type: 'options',
    options: [
      { name: 'Nodes', value: 'nodes', description: 'Usage per node, also as a share of what it can allocate' },
      { name: 'Pods', value: 'pods', description: 'Usage per pod, with each container' },
    ],
    default: 'pods',
    displayOptions: { show },
  },
  {
    displayName: 'All Namespaces',
    name: 'allNamespaces',
    type: 'boolean',
    default: false,
    description: 'Whether to show pods of every namespace instead of one',
    displayOptions: { show: { ...show, topOf: ['pods'] } },
  },
  namespaceLocator(
    { ...show, topOf: ['pods'], allNamespaces: [false] },
    "Namespace of the pods; empty means the credential's default namespace",
  ),
  {
    displayName: 'Label Selector',
    name: 'labelSelector',
    type: 'string',
    default: '',
    placeholder: 'e.g. app=web',
    description: 'Only pods or nodes whose labels match',
    displayOptions: { show },
  },
  {
    displayName: 'Sort By',
    name: 'sortBy',
    type: 'options',
    options: [
      { name: 'CPU (Highest First)', value: 'cpu' },
      { name: 'Memory (Highest First)', value: 'memory' },
      { name: 'Name', value: 'name' },
    ],
    default: 'cpu',
    displayOptions: { show },
  },
];

export const topOperation: NodeOperation<KubeConnection> = {
  option: {
    name: 'Top',
    value: OP,
    action: 'Show CPU and memory usage of pods or nodes',
    description:
      'Current CPU and memory usage of pods or nodes, from metrics-server, highest first: find what is hot or close to its limit',
  },
  properties,
  async run(ctx, conn, i) {
    const sort = ctx.getNodeParameter('sortBy', i, 'cpu') as string;
    const sortBy = sort === 'cpu' || sort === 'memory' ? sort : undefined;
    const labelSelector = optionalString(ctx.getNodeParameter('labelSelector', i, ''));
    if (ctx.getNodeParameter('topOf', i, 'pods') === 'nodes') {
      return (await topNodes(conn, { labelSelector, sortBy })).map((r) => toJson(r));
    }
    const allNamespaces = ctx.getNodeParameter('allNamespaces', i, false) as boolean;
    const rows = await topPods(conn, {
      namespace: allNamespaces ? undefined : locatorValue(ctx, 'namespace', i) || undefined,
      allNamespaces,
      labelSelector,
      sortBy,
    });
    return rows.map((r) => toJson(r));
  },
};
