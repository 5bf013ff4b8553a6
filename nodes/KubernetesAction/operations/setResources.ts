/** Set Resources: CPU and memory requests and limits of containers of a workload or pod. */
import type { INodeProperties } from 'n8n-workflow';
import { setResources } from '../../../lib/kube';
import { namespaceLocator } from '../../shared/locators';
import { forOperations, nameProperty, optionalString, textOf, type NodeOperation } from '../../shared/operation';
import { objectRef, resultJson, writeOptions, type ActionDeps } from './common';
import { workloadKind } from './setImage';

const OP = 'setResources';
const show = forOperations(OP);

function quantity(name: string, displayName: string, placeholder: string): INodeProperties {
  return {
    displayName,
    name,
    type: 'string',
    default: '',
    placeholder,
    description: `${displayName}; empty leaves it as it is`,
    displayOptions: { show },
  };
}

const properties: INodeProperties[] = [
  workloadKind(OP),
  nameProperty(show, 'Name of the workload'),
  namespaceLocator(show),
  {
    displayName: 'Containers',
    name: 'containers',
    type: 'string',
    default: '',
    placeholder: 'e.g. app',
    description: 'Comma-separated names of the containers to change. Empty means every (non-init) container.',
    displayOptions: { show },
  },
  quantity('cpuRequest', 'CPU Request', 'e.g. 250m'),
  quantity('memoryRequest', 'Memory Request', 'e.g. 256Mi'),
  quantity('cpuLimit', 'CPU Limit', 'e.g. 1'),
  quantity('memoryLimit', 'Memory Limit', 'e.g. 512Mi'),
];

export const setResourcesOperation: NodeOperation<ActionDeps> = {
  option: {
    name: 'Set Resources',
    value: OP,
    action: 'Set CPU and memory requests and limits of containers',
    description:
      'Change CPU and memory requests and limits of containers of a workload, e.g. raise a memory limit after OOMKilled restarts',
  },
  properties,
  async run(ctx, deps, i) {
    const pick = (entries: [string, string][]): Record<string, string> | undefined => {
      const set = entries.flatMap(([resource, param]) => {
        const v = optionalString(ctx.getNodeParameter(param, i, ''));
        return v === undefined ? [] : [[resource, v] as const];
      });
      return set.length ? Object.fromEntries(set) : undefined;
    };
    const containers = textOf(ctx.getNodeParameter('containers', i, ''))
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    const result = await setResources(
      deps.conn,
      {
        ...objectRef(ctx, i),
        containers: containers.length ? containers : undefined,
        requests: pick([
          ['cpu', 'cpuRequest'],
          ['memory', 'memoryRequest'],
        ]),
        limits: pick([
          ['cpu', 'cpuLimit'],
          ['memory', 'memoryLimit'],
        ]),
      },
      writeOptions(ctx, deps, i),
    );
    return [resultJson(result)];
  },
};
