/** Describe: one object with its summary, owner chain, events and pods, like kubectl describe. */
import type { INodeProperties } from 'n8n-workflow';
import { describe, type KubeConnection } from '../../../lib/kube';
import { kindLocator, locatorValue, namespaceLocator } from '../../shared/locators';
import {
  forOperations,
  isFull,
  nameOf,
  nameProperty,
  outputProperty,
  type NodeOperation,
} from '../../shared/operation';
import { toJson } from '../../shared/json';

const OP = 'describe';
const show = forOperations(OP);

const properties: INodeProperties[] = [
  kindLocator(show),
  nameProperty(show),
  namespaceLocator(show),
  outputProperty([OP]),
];

export const describeOperation: NodeOperation<KubeConnection> = {
  option: {
    name: 'Describe',
    value: OP,
    action: 'Describe an object with its events, owners and pods',
    description:
      'Describe one object like kubectl describe: status summary, owner chain (Pod → ReplicaSet → Deployment), recent events and the pods behind a workload, Service or node. The best first look at something failing.',
  },
  properties,
  async run(ctx, conn, i) {
    const full = isFull(ctx, i);
    const d = await describe(
      conn,
      {
        kind: locatorValue(ctx, 'kind', i),
        name: nameOf(ctx, i),
        namespace: locatorValue(ctx, 'namespace', i) || undefined,
      },
      { includeYaml: full },
    );
    const { object, ...rest } = d;
    return [toJson(full ? { ...rest, object } : rest)];
  },
};
