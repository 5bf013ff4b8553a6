/**
 * The object lists a Snapshot holds, declared once: the kind of their items (list items from the API carry no
 * `kind`) and where the collector reads them. context.ts, collect.ts, offline.ts and scope.ts derive from this.
 */
import type { Snapshot } from './types';

export type ListKey = Exclude<keyof Snapshot, 'podMetrics' | 'nodeMetrics' | 'logs' | 'unavailable' | 'stats'>;

export interface ListSpec {
  kind: string;
  /** path prefix: /api/v1 or /apis/<group>/<version> */
  base: string;
  plural: string;
  namespaced: boolean;
  /** tried in order when the first answers 404 (autoscaling/v2 → v1) */
  fallbackBase?: string;
  /** read as one list per selector, merged: what no check reads stays on the server */
  fieldSelectors?: readonly string[];
}

/**
 * The kubelet's and scheduler's record of a start going right (Normal Scheduled, Pulled, Created, Started): no check
 * reads them, and in a big cluster they are most of the events. Every Warning, and every other Normal event
 * (Killing, Pulling, BackOff, controllers' events), is read.
 */
export const ROUTINE_EVENT_REASONS: readonly string[] = ['Scheduled', 'Pulled', 'Created', 'Started'];

export const LISTS: Record<ListKey, ListSpec> = {
  namespaces: { kind: 'Namespace', base: '/api/v1', plural: 'namespaces', namespaced: false },
  pods: { kind: 'Pod', base: '/api/v1', plural: 'pods', namespaced: true },
  events: {
    kind: 'Event',
    base: '/api/v1',
    plural: 'events',
    namespaced: true,
    fieldSelectors: ['type!=Normal', ['type=Normal', ...ROUTINE_EVENT_REASONS.map((r) => `reason!=${r}`)].join(',')],
  },
  deployments: { kind: 'Deployment', base: '/apis/apps/v1', plural: 'deployments', namespaced: true },
  replicaSets: { kind: 'ReplicaSet', base: '/apis/apps/v1', plural: 'replicasets', namespaced: true },
  statefulSets: { kind: 'StatefulSet', base: '/apis/apps/v1', plural: 'statefulsets', namespaced: true },
  daemonSets: { kind: 'DaemonSet', base: '/apis/apps/v1', plural: 'daemonsets', namespaced: true },
  jobs: { kind: 'Job', base: '/apis/batch/v1', plural: 'jobs', namespaced: true },
  cronJobs: { kind: 'CronJob', base: '/apis/batch/v1', plural: 'cronjobs', namespaced: true },
  services: { kind: 'Service', base: '/api/v1', plural: 'services', namespaced: true },
  endpoints: { kind: 'Endpoints', base: '/api/v1', plural: 'endpoints', namespaced: true },
  ingresses: { kind: 'Ingress', base: '/apis/networking.k8s.io/v1', plural: 'ingresses', namespaced: true },
  ingressClasses: {
    kind: 'IngressClass',
    base: '/apis/networking.k8s.io/v1',
    plural: 'ingressclasses',
    namespaced: false,
  },
  networkPolicies: {
    kind: 'NetworkPolicy',
    base: '/apis/networking.k8s.io/v1',
    plural: 'networkpolicies',
    namespaced: true,
  },
  pvcs: { kind: 'PersistentVolumeClaim', base: '/api/v1', plural: 'persistentvolumeclaims', namespaced: true },
  pvs: { kind: 'PersistentVolume', base: '/api/v1', plural: 'persistentvolumes', namespaced: false },
  storageClasses: {
    kind: 'StorageClass',
    base: '/apis/storage.k8s.io/v1',
    plural: 'storageclasses',
    namespaced: false,
  },
  configMaps: { kind: 'ConfigMap', base: '/api/v1', plural: 'configmaps', namespaced: true },
  secrets: { kind: 'Secret', base: '/api/v1', plural: 'secrets', namespaced: true },
  serviceAccounts: { kind: 'ServiceAccount', base: '/api/v1', plural: 'serviceaccounts', namespaced: true },
  hpas: {
    kind: 'HorizontalPodAutoscaler',
    base: '/apis/autoscaling/v2',
    plural: 'horizontalpodautoscalers',
    namespaced: true,
    fallbackBase: '/apis/autoscaling/v1',
  },
  pdbs: { kind: 'PodDisruptionBudget', base: '/apis/policy/v1', plural: 'poddisruptionbudgets', namespaced: true },
  resourceQuotas: { kind: 'ResourceQuota', base: '/api/v1', plural: 'resourcequotas', namespaced: true },
  nodes: { kind: 'Node', base: '/api/v1', plural: 'nodes', namespaced: false },
  validatingWebhooks: {
    kind: 'ValidatingWebhookConfiguration',
    base: '/apis/admissionregistration.k8s.io/v1',
    plural: 'validatingwebhookconfigurations',
    namespaced: false,
  },
  mutatingWebhooks: {
    kind: 'MutatingWebhookConfiguration',
    base: '/apis/admissionregistration.k8s.io/v1',
    plural: 'mutatingwebhookconfigurations',
    namespaced: false,
  },
  // aggregated APIs (metrics.k8s.io behind metrics-server, custom/external metrics adapters): one cluster-wide list
  apiServices: {
    kind: 'APIService',
    base: '/apis/apiregistration.k8s.io/v1',
    plural: 'apiservices',
    namespaced: false,
  },
};

export const ALL_LISTS = Object.keys(LISTS) as ListKey[];

/** Snapshot list → the kind its items have. */
export const SNAPSHOT_KINDS = Object.fromEntries(ALL_LISTS.map((l) => [l, LISTS[l].kind])) as Record<ListKey, string>;
