/** Events: of a namespace, of the whole cluster, or of one object; warnings only; since a moment. */
import type { INodeProperties } from 'n8n-workflow';
import { events, listEvents, type EventQuery, type KubeConnection } from '../../../lib/kube';
import { kindLocator, locatorValue, namespaceLocator } from '../../shared/locators';
import {
  forOperations,
  isFull,
  nameOf,
  nameProperty,
  optionalNumber,
  optionalString,
  outputProperty,
  type NodeOperation,
} from '../../shared/operation';
import { toJson } from '../../shared/json';

const OP = 'events';
const show = forOperations(OP);

const properties: INodeProperties[] = [
  {
    displayName: 'Events Of',
    name: 'eventsOf',
    type: 'options',
    options: [
      { name: 'All Namespaces', value: 'all', description: 'Every event in the cluster' },
      { name: 'Namespace', value: 'namespace', description: 'Every event in one namespace' },
      { name: 'Object', value: 'object', description: 'The events of one object (a pod, a deployment, a node…)' },
    ],
    default: 'namespace',
    displayOptions: { show },
  },
  kindLocator({ ...show, eventsOf: ['object'] }, { defaultKind: 'pods' }),
  nameProperty({ ...show, eventsOf: ['object'] }, 'Name of the object whose events to read'),
  namespaceLocator({ ...show, eventsOf: ['namespace', 'object'] }),
  {
    displayName: 'Warnings Only',
    name: 'warningsOnly',
    type: 'boolean',
    default: false,
    description: 'Whether to return only Warning events (failures, back-offs, scheduling problems)',
    displayOptions: { show },
  },
  {
    displayName: 'Since',
    name: 'since',
    type: 'string',
    default: '',
    placeholder: 'e.g. 30m, 2h, 1d or 2026-05-01T10:00:00Z',
    description:
      'Only events that last happened after this: a duration back from now, or a time. Empty means every event the cluster still keeps (about an hour).',
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

export const eventsOperation: NodeOperation<KubeConnection> = {
  option: {
    name: 'Events',
    value: OP,
    action: 'List events of a namespace or an object',
    description:
      'List recent events (oldest first) of a namespace, the whole cluster or one object; optionally warnings only, or only since a time',
  },
  properties,
  async run(ctx, conn, i) {
    const of = ctx.getNodeParameter('eventsOf', i, 'namespace') as string;
    const namespace = of === 'all' ? undefined : locatorValue(ctx, 'namespace', i) || undefined;
    const query: EventQuery = {
      ...(of === 'object'
        ? { object: { kind: locatorValue(ctx, 'kind', i), name: nameOf(ctx, i), namespace } }
        : { namespace }),
      allNamespaces: of === 'all',
      warningsOnly: ctx.getNodeParameter('warningsOnly', i, false) as boolean,
      since: optionalString(ctx.getNodeParameter('since', i, '')),
      limit: optionalNumber(ctx.getNodeParameter('limit', i, 50)) ?? 50,
    };
    if (isFull(ctx, i)) return (await listEvents(conn, query)).map((e) => toJson(e));
    return (await events(conn, query)).map((e) => toJson(e));
  },
};
