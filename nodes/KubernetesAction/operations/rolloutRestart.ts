/** Rollout Restart: replace the pods of a workload by a rolling update, like kubectl rollout restart. */
import type { INodeProperties } from 'n8n-workflow';
import { rolloutRestart } from '../../../lib/kube';
import { namespaceLocator } from '../../shared/locators';
import { forOperations, nameProperty, type NodeOperation } from '../../shared/operation';
import { objectRef, resultJson, writeOptions, type ActionDeps } from './common';

const OP = 'rolloutRestart';
const show = forOperations(OP);

const properties: INodeProperties[] = [
  {
    displayName: 'Workload Kind',
    name: 'workloadKind',
    type: 'options',
    options: [
      { name: 'DaemonSet', value: 'daemonsets.apps' },
      { name: 'Deployment', value: 'deployments.apps' },
      { name: 'StatefulSet', value: 'statefulsets.apps' },
    ],
    default: 'deployments.apps',
    displayOptions: { show },
  },
  nameProperty(show, 'Name of the workload'),
  namespaceLocator(show),
];

export const rolloutRestartOperation: NodeOperation<ActionDeps> = {
  option: {
    name: 'Rollout Restart',
    value: OP,
    action: 'Restart the pods of a workload',
    description:
      'Restart all pods of a Deployment, StatefulSet or DaemonSet by a rolling update (e.g. to reload configuration); no downtime when it has several ready replicas',
  },
  properties,
  async run(ctx, deps, i) {
    const ref = objectRef(ctx, i, ctx.getNodeParameter('workloadKind', i, 'deployments.apps') as string);
    return [resultJson(await rolloutRestart(deps.conn, ref, writeOptions(ctx, deps, i)))];
  },
};
