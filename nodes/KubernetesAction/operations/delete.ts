/** Delete: remove one object; its dependents follow unless orphaned. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { remove, type DeleteRequest } from '../../../lib/kube';
import { kindLocator, namespaceLocator } from '../../shared/locators';
import { forOperations, nameProperty, optionalNumber, type NodeOperation } from '../../shared/operation';
import { objectRef, resultJson, writeOptions, type ActionDeps } from './common';

const OP = 'delete';
const show = forOperations(OP);

const properties: INodeProperties[] = [
  kindLocator(show),
  nameProperty(show),
  namespaceLocator(show),
  {
    displayName: 'Options',
    name: 'deleteOptions',
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
        description: 'How long pods get to shut down; 0 deletes at once',
      },
      {
        displayName: 'Propagation',
        name: 'propagationPolicy',
        type: 'options',
        options: [
          { name: 'Background', value: 'Background', description: 'Delete the object now, its dependents afterwards' },
          { name: 'Foreground', value: 'Foreground', description: 'Delete the dependents first, then the object' },
          {
            name: 'Orphan',
            value: 'Orphan',
            description: 'Keep the dependents (e.g. the pods of a deleted ReplicaSet)',
          },
        ],
        default: 'Background',
      },
    ],
  },
];

export const deleteOperation: NodeOperation<ActionDeps> = {
  option: {
    name: 'Delete',
    value: OP,
    action: 'Delete an object',
    description:
      'Delete one object of any kind; what it owns (ReplicaSets, pods…) is deleted too unless Propagation is Orphan',
  },
  properties,
  async run(ctx, deps, i) {
    const o = ctx.getNodeParameter('deleteOptions', i, {}) as IDataObject;
    const req: DeleteRequest = {
      ...objectRef(ctx, i),
      propagationPolicy: o.propagationPolicy as DeleteRequest['propagationPolicy'],
      gracePeriodSeconds: optionalNumber(o.gracePeriodSeconds, false),
    };
    return [resultJson(await remove(deps.conn, req, writeOptions(ctx, deps, i)))];
  },
};
