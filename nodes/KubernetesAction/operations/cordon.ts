/** Cordon and Uncordon: stop or resume scheduling new pods on a node. */
import { cordon, uncordon } from '../../../lib/kube';
import { locatorValue, nodeLocator } from '../../shared/locators';
import { forOperations, type NodeOperation } from '../../shared/operation';
import { resultJson, writeOptions, type ActionDeps } from './common';

export const cordonOperation: NodeOperation<ActionDeps> = {
  option: {
    name: 'Cordon',
    value: 'cordon',
    action: 'Cordon a node so no new pods are scheduled on it',
    description:
      'Mark a node unschedulable: no new pods are placed on it, running pods stay (e.g. before maintenance or when the machine is faulty)',
  },
  properties: [nodeLocator(forOperations('cordon', 'uncordon'))],
  async run(ctx, deps, i) {
    return [resultJson(await cordon(deps.conn, locatorValue(ctx, 'node', i), writeOptions(ctx, deps, i)))];
  },
};

export const uncordonOperation: NodeOperation<ActionDeps> = {
  option: {
    name: 'Uncordon',
    value: 'uncordon',
    action: 'Uncordon a node so pods can be scheduled on it again',
    description: 'Mark a cordoned node schedulable again',
  },
  properties: [],
  async run(ctx, deps, i) {
    return [resultJson(await uncordon(deps.conn, locatorValue(ctx, 'node', i), writeOptions(ctx, deps, i)))];
  },
};
