/** What to diagnose: the cluster, one namespace, one object, or the object an alert item names. */
import type { INodeProperties } from 'n8n-workflow';

export const scopeProperties: INodeProperties[] = [
  {
    displayName: 'Scope',
    name: 'scope',
    type: 'options',
    noDataExpression: true,
    options: [
      {
        name: 'Alert Item',
        value: 'alert',
        description:
          'The Kubernetes object an incoming alert names: an item from the Prometheus Alert node (its "resource" field, or the alert labels)',
      },
      { name: 'Cluster', value: 'cluster', description: 'Every namespace, plus nodes and storage' },
      { name: 'Namespace', value: 'namespace', description: 'One namespace' },
      {
        name: 'Resource',
        value: 'resource',
        description: 'One object and everything it depends on (owners, pods, volumes, config, services)',
      },
    ],
    default: 'cluster',
  },
  {
    displayName: 'Namespace',
    name: 'namespace',
    type: 'string',
    displayOptions: { show: { scope: ['namespace', 'resource'] } },
    default: '',
    placeholder: 'default',
    description:
      "Namespace to diagnose, or the object's namespace. Empty: the credential's default namespace. Ignored for cluster-scoped kinds (Node, PersistentVolume, StorageClass).",
  },
  {
    displayName: 'Kind',
    name: 'kind',
    type: 'string',
    displayOptions: { show: { scope: ['resource'] } },
    default: 'Deployment',
    required: true,
    placeholder: 'Deployment',
    description: 'Kind, plural or short name as kubectl takes it: Deployment, pod, sts, pvc, node…',
  },
  {
    displayName: 'Name',
    name: 'name',
    type: 'string',
    displayOptions: { show: { scope: ['resource'] } },
    default: '',
    required: true,
    placeholder: 'web',
  },
];
