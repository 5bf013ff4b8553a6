/** API Resources: the kinds this cluster serves, built-in and custom. */
import type { INodeProperties } from 'n8n-workflow';
import { discover, type KubeConnection } from '../../../lib/kube';
import { kindValue } from '../../shared/locators';
import { forOperations, optionalString, type NodeOperation } from '../../shared/operation';

const OP = 'apiResources';
const show = forOperations(OP);

const properties: INodeProperties[] = [
  {
    displayName: 'API Group',
    name: 'apiGroup',
    type: 'string',
    default: '',
    placeholder: 'e.g. apps or monitoring.coreos.com',
    description:
      'Only kinds of this API group; "core" for pods, services and the other ungrouped kinds. Empty means every group.',
    displayOptions: { show },
  },
  {
    displayName: 'Scope',
    name: 'scope',
    type: 'options',
    options: [
      { name: 'All', value: 'all' },
      { name: 'Cluster-Scoped Only', value: 'cluster' },
      { name: 'Namespaced Only', value: 'namespaced' },
    ],
    default: 'all',
    displayOptions: { show },
  },
];

export const apiResourcesOperation: NodeOperation<KubeConnection> = {
  option: {
    name: 'API Resources',
    value: OP,
    action: 'List the resource kinds the cluster serves',
    description:
      'List the resource kinds the cluster serves (built-in and custom resources) with short names, API version, scope and verbs. Call it when unsure which kind name to use.',
  },
  properties,
  async run(ctx, conn, i) {
    const group = optionalString(ctx.getNodeParameter('apiGroup', i, ''));
    const scope = ctx.getNodeParameter('scope', i, 'all') as string;
    return (await discover(conn))
      .filter((t) => t.preferred)
      .filter((t) => group === undefined || t.group === (group === 'core' ? '' : group))
      .filter((t) => scope === 'all' || t.namespaced === (scope === 'namespaced'))
      .map((t) => ({
        kind: t.kind,
        name: kindValue(t),
        shortNames: t.shortNames,
        apiVersion: t.apiVersion,
        namespaced: t.namespaced,
        verbs: t.verbs,
      }));
  },
};
