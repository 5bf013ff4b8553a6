/** Cluster Info: version, API server, context, node readiness and namespaces. */
import { clusterInfo, type KubeConnection } from '../../../lib/kube';
import type { NodeOperation } from '../../shared/operation';
import { toJson } from '../../shared/json';

export const clusterInfoOperation: NodeOperation<KubeConnection> = {
  option: {
    name: 'Cluster Info',
    value: 'clusterInfo',
    action: 'Get cluster version, node readiness and namespaces',
    description:
      'Kubernetes version, API server address, context, how many nodes are Ready (and which are not or are cordoned) and the namespaces',
  },
  properties: [],
  async run(_ctx, conn) {
    return [toJson(await clusterInfo(conn))];
  },
};
