/** Set Image: change the image of a container of a workload or pod. */
import type { INodeProperties } from 'n8n-workflow';
import { setImage } from '../../../lib/kube';
import { kindLocator, namespaceLocator } from '../../shared/locators';
import { forOperations, nameProperty, optionalString, textOf, type NodeOperation } from '../../shared/operation';
import { objectRef, resultJson, writeOptions, type ActionDeps } from './common';

const OP = 'setImage';
const show = forOperations(OP);

export function workloadKind(operation: string): INodeProperties {
  return kindLocator(forOperations(operation), {
    defaultKind: 'deployments.apps',
    description: 'A kind with a pod template: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, or a Pod',
  });
}

const properties: INodeProperties[] = [
  workloadKind(OP),
  nameProperty(show, 'Name of the workload'),
  namespaceLocator(show),
  {
    displayName: 'Container',
    name: 'container',
    type: 'string',
    default: '',
    placeholder: 'e.g. app',
    description: 'Container whose image to change. Empty or * means every container.',
    displayOptions: { show },
  },
  {
    displayName: 'Image',
    name: 'image',
    type: 'string',
    default: '',
    required: true,
    placeholder: 'e.g. nginx:1.27.2',
    description: 'The new image reference',
    displayOptions: { show },
  },
];

export const setImageOperation: NodeOperation<ActionDeps> = {
  option: {
    name: 'Set Image',
    value: OP,
    action: 'Set the image of a container',
    description:
      'Change the image of a container of a workload (e.g. fix a wrong tag or roll out a new version); a Deployment then rolls out new pods',
  },
  properties,
  async run(ctx, deps, i) {
    const container = optionalString(ctx.getNodeParameter('container', i, '')) ?? '*';
    const image = textOf(ctx.getNodeParameter('image', i, '')).trim();
    return [
      resultJson(
        await setImage(deps.conn, { ...objectRef(ctx, i), images: { [container]: image } }, writeOptions(ctx, deps, i)),
      ),
    ];
  },
};
