/** Delete Pod: evict (honouring PodDisruptionBudgets) or delete one pod so its controller replaces it. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { evict, remove } from '../../../lib/kube';
import { locatorValue, namespaceLocator } from '../../shared/locators';
import { forOperations, nameOf, nameProperty, optionalNumber, type NodeOperation } from '../../shared/operation';
import { resultJson, writeOptions, type ActionDeps } from './common';

const OP = 'deletePod';
const show = forOperations(OP);

const properties: INodeProperties[] = [
  nameProperty(show, 'Name of the pod'),
  namespaceLocator(show),
  {
    displayName: 'Respect Disruption Budgets',
    name: 'useEviction',
    type: 'boolean',
    default: true,
    description:
      'Whether to go through the Eviction API, which refuses when a PodDisruptionBudget would be broken (like kubectl drain). Off deletes the pod directly.',
    displayOptions: { show },
  },
  {
    displayName: 'Options',
    name: 'deletePodOptions',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    displayOptions: { show },
    options: [
      {
        displayName: 'Grace Period (Seconds)',
        name: 'gracePeriodSeconds',
        type: 'number',
        typeOptions: { minValue: 0 },
        default: 30,
        description: 'How long the pod gets to shut down; 0 stops it at once',
      },
    ],
  },
];

export const deletePodOperation: NodeOperation<ActionDeps> = {
  option: {
    name: 'Delete Pod',
    value: OP,
    action: 'Delete a pod so its controller replaces it',
    description:
      'Delete one pod so that its Deployment, StatefulSet or other controller starts a fresh one (the usual fix for a stuck pod); by default through the Eviction API',
  },
  properties,
  async run(ctx, deps, i) {
    const o = ctx.getNodeParameter('deletePodOptions', i, {}) as IDataObject;
    const gracePeriodSeconds = optionalNumber(o.gracePeriodSeconds, false);
    const name = nameOf(ctx, i);
    const namespace = locatorValue(ctx, 'namespace', i) || undefined;
    const opts = writeOptions(ctx, deps, i);
    const result = (ctx.getNodeParameter('useEviction', i, true) as boolean)
      ? await evict(deps.conn, { name, namespace, gracePeriodSeconds }, opts)
      : await remove(deps.conn, { kind: { apiVersion: 'v1', kind: 'Pod' }, name, namespace, gracePeriodSeconds }, opts);
    return [resultJson(result)];
  },
};
