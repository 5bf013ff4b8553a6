/** Scale: set the replica count through the scale subresource. */
import type { INodeProperties } from 'n8n-workflow';
import { scale } from '../../../lib/kube';
import { kindLocator, namespaceLocator } from '../../shared/locators';
import { forOperations, nameProperty, type NodeOperation } from '../../shared/operation';
import { objectRef, resultJson, writeOptions, type ActionDeps } from './common';

const OP = 'scale';
const show = forOperations(OP);

const properties: INodeProperties[] = [
  kindLocator(show, {
    defaultKind: 'deployments.apps',
    description:
      'A kind with a scale subresource: Deployment, StatefulSet, ReplicaSet, or a custom resource that declares one',
  }),
  nameProperty(show),
  namespaceLocator(show),
  {
    displayName: 'Replicas',
    name: 'replicas',
    type: 'number',
    typeOptions: { minValue: 0 },
    default: 1,
    required: true,
    description: 'The number of pods to run; 0 stops the workload',
    displayOptions: { show },
  },
];

export const scaleOperation: NodeOperation<ActionDeps> = {
  option: {
    name: 'Scale',
    value: OP,
    action: 'Scale a workload to a number of replicas',
    description: 'Set the replica count of a Deployment, StatefulSet, ReplicaSet or scalable custom resource',
  },
  properties,
  async run(ctx, deps, i) {
    const replicas = Number(ctx.getNodeParameter('replicas', i));
    return [resultJson(await scale(deps.conn, { ...objectRef(ctx, i), replicas }, writeOptions(ctx, deps, i)))];
  },
};
