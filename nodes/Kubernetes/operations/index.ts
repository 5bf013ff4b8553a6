/** Every operation of the Kubernetes node, by value. */
import type { KubeConnection } from '../../../lib/kube';
import type { NodeOperation } from '../../shared/operation';
import { apiResourcesOperation } from './apiResources';
import { clusterInfoOperation } from './clusterInfo';
import { describeOperation } from './describe';
import { eventsOperation } from './events';
import { getOperation } from './get';
import { listOperation } from './list';
import { logsOperation } from './logs';
import { topOperation } from './top';

export const readOperations: NodeOperation<KubeConnection>[] = [
  apiResourcesOperation,
  clusterInfoOperation,
  describeOperation,
  eventsOperation,
  getOperation,
  listOperation,
  logsOperation,
  topOperation,
];
