/** List: the objects of one kind, one item each. */
import type { INodeProperties } from 'n8n-workflow';
import { list, summarize, type KubeConnection } from '../../../lib/kube';
import { kindLocator, locatorValue, namespaceLocator } from '../../shared/locators';
import {
  forOperations,
  isFull,
  optionalNumber,
  optionalString,
  outputProperty,
  type NodeOperation,
} from '../../shared/operation';
import { toJson } from '../../shared/json';

const OP = 'list';
const show = forOperations(OP);

const properties: INodeProperties[] = [
  kindLocator(show, { defaultKind: 'pods' }),
  {
    displayName: 'All Namespaces',
    name: 'allNamespaces',
    type: 'boolean',
    default: false,
    description: 'Whether to list across every namespace instead of one',
    displayOptions: { show },
  },
  namespaceLocator(
    { ...show, allNamespaces: [false] },
    "Namespace to list; empty means the credential's default namespace. Ignored for cluster-scoped kinds.",
  ),
  {
    displayName: 'Label Selector',
    name: 'labelSelector',
    type: 'string',
    default: '',
    placeholder: 'e.g. app=web,tier!=db',
    description: 'Only objects whose labels match, kubectl -l syntax',
    displayOptions: { show },
  },
  {
    displayName: 'Field Selector',
    name: 'fieldSelector',
    type: 'string',
    default: '',
    placeholder: 'e.g. status.phase!=Running or spec.nodeName=node-1',
    description: 'Only objects whose fields match, kubectl --field-selector syntax',
    displayOptions: { show },
  },
  {
    displayName: 'Limit',
    name: 'limit',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 50,
    description: 'Max number of results to return',
    displayOptions: { show },
  },
  outputProperty([OP]),
];

export const listOperation: NodeOperation<KubeConnection> = {
  option: {
    name: 'List',
    value: OP,
    action: 'List objects of a kind',
    description: 'List the objects of one kind, one item each; narrow by namespace, label selector or field selector',
  },
  properties,
  async run(ctx, conn, i) {
    const allNamespaces = ctx.getNodeParameter('allNamespaces', i, false) as boolean;
    const res = await list(conn, {
      kind: locatorValue(ctx, 'kind', i),
      namespace: allNamespaces ? undefined : locatorValue(ctx, 'namespace', i) || undefined,
      allNamespaces,
      labelSelector: optionalString(ctx.getNodeParameter('labelSelector', i, '')),
      fieldSelector: optionalString(ctx.getNodeParameter('fieldSelector', i, '')),
      allPages: true,
      maxItems: optionalNumber(ctx.getNodeParameter('limit', i, 50)) ?? 50,
    });
    if (isFull(ctx, i)) return res.items.map((o) => toJson(o));
    return res.items.map((o) => toJson({ kind: res.kind, ...summarize(o) }));
  },
};
