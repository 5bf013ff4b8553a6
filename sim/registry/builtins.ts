/**
 * Built-in resources as a v1.31 apiserver advertises them in legacy discovery:
 * plural, kind, scope, verbs, short names, categories and subresources.
 */
import { podQosClass } from './qos';
import type { JsonObject } from '../model';
import { ALL_VERBS, type ResourceDef, type SubresourceDef, type Verb } from './resource';

type Sub = 'status' | 'scale' | 'log' | 'pod' | 'proxy' | 'finalize' | 'token' | 'ephemeral';

interface Spec {
  r: string;
  kind: string;
  ns: boolean;
  short?: string[];
  cat?: string[];
  sub?: Sub[];
  verbs?: Verb[];
  /** metadata.generation is maintained */
  gen?: boolean;
  orphan?: boolean;
  status?: (obj: JsonObject) => JsonObject | undefined;
}

const NO_DELETECOLLECTION: Verb[] = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const CREATE_ONLY: Verb[] = ['create'];
const empty = (): JsonObject => ({});

const SPECS: Record<string, Spec[]> = {
  v1: [
    { r: 'bindings', kind: 'Binding', ns: true, verbs: CREATE_ONLY },
    { r: 'componentstatuses', kind: 'ComponentStatus', ns: false, short: ['cs'], verbs: ['get', 'list'] },
    { r: 'configmaps', kind: 'ConfigMap', ns: true, short: ['cm'] },
    { r: 'endpoints', kind: 'Endpoints', ns: true, short: ['ep'] },
    { r: 'events', kind: 'Event', ns: true, short: ['ev'] },
    { r: 'limitranges', kind: 'LimitRange', ns: true, short: ['limits'] },
    {
      r: 'namespaces',
      kind: 'Namespace',
      ns: false,
      short: ['ns'],
      sub: ['finalize', 'status'],
      verbs: NO_DELETECOLLECTION,
      status: () => ({ phase: 'Active' }),
    },
    { r: 'nodes', kind: 'Node', ns: false, short: ['no'], sub: ['proxy', 'status'] },
    {
      r: 'persistentvolumeclaims',
      kind: 'PersistentVolumeClaim',
      ns: true,
      short: ['pvc'],
      sub: ['status'],
      status: () => ({ phase: 'Pending' }),
    },
    {
      r: 'persistentvolumes',
      kind: 'PersistentVolume',
      ns: false,
      short: ['pv'],
      sub: ['status'],
      status: () => ({ phase: 'Pending' }),
    },
    {
      r: 'pods',
      kind: 'Pod',
      ns: true,
      short: ['po'],
      cat: ['all'],
      sub: ['pod', 'log', 'proxy', 'ephemeral', 'status'],
      status: (o) => ({ phase: 'Pending', qosClass: podQosClass(o) }),
    },
    { r: 'podtemplates', kind: 'PodTemplate', ns: true },
    {
      r: 'replicationcontrollers',
      kind: 'ReplicationController',
      ns: true,
      short: ['rc'],
      cat: ['all'],
      sub: ['scale', 'status'],
      gen: true,
      orphan: true,
      status: () => ({ replicas: 0 }),
    },
    { r: 'resourcequotas', kind: 'ResourceQuota', ns: true, short: ['quota'], sub: ['status'] },
    { r: 'secrets', kind: 'Secret', ns: true },
    { r: 'serviceaccounts', kind: 'ServiceAccount', ns: true, short: ['sa'], sub: ['token'] },
    {
      r: 'services',
      kind: 'Service',
      ns: true,
      short: ['svc'],
      cat: ['all'],
      sub: ['proxy', 'status'],
      status: () => ({ loadBalancer: {} }),
    },
  ],
  'admissionregistration.k8s.io/v1': [
    {
      r: 'mutatingwebhookconfigurations',
      kind: 'MutatingWebhookConfiguration',
      ns: false,
      cat: ['api-extensions'],
      gen: true,
    },
    {
      r: 'validatingadmissionpolicies',
      kind: 'ValidatingAdmissionPolicy',
      ns: false,
      cat: ['api-extensions'],
      sub: ['status'],
      gen: true,
      status: empty,
    },
    {
      r: 'validatingadmissionpolicybindings',
      kind: 'ValidatingAdmissionPolicyBinding',
      ns: false,
      cat: ['api-extensions'],
      gen: true,
    },
    {
      r: 'validatingwebhookconfigurations',
      kind: 'ValidatingWebhookConfiguration',
      ns: false,
      cat: ['api-extensions'],
      gen: true,
    },
  ],
  'apiextensions.k8s.io/v1': [
    {
      r: 'customresourcedefinitions',
      kind: 'CustomResourceDefinition',
      ns: false,
      short: ['crd', 'crds'],
      cat: ['api-extensions'],
      sub: ['status'],
      gen: true,
    },
  ],
  'apiregistration.k8s.io/v1': [
    { r: 'apiservices', kind: 'APIService', ns: false, cat: ['api-extensions'], sub: ['status'] },
  ],
  'apps/v1': [
    { r: 'controllerrevisions', kind: 'ControllerRevision', ns: true },
    {
      r: 'daemonsets',
      kind: 'DaemonSet',
      ns: true,
      short: ['ds'],
      cat: ['all'],
      sub: ['status'],
      gen: true,
      status: defaultDaemonSetStatus,
    },
    {
      r: 'deployments',
      kind: 'Deployment',
      ns: true,
      short: ['deploy'],
      cat: ['all'],
      sub: ['scale', 'status'],
      gen: true,
      status: empty,
    },
    {
      r: 'replicasets',
      kind: 'ReplicaSet',
      ns: true,
      short: ['rs'],
      cat: ['all'],
      sub: ['scale', 'status'],
      gen: true,
      status: () => ({ replicas: 0 }),
    },
    {
      r: 'statefulsets',
      kind: 'StatefulSet',
      ns: true,
      short: ['sts'],
      cat: ['all'],
      sub: ['scale', 'status'],
      gen: true,
      status: () => ({ replicas: 0, availableReplicas: 0 }),
    },
  ],
  'authentication.k8s.io/v1': [
    { r: 'selfsubjectreviews', kind: 'SelfSubjectReview', ns: false, verbs: CREATE_ONLY },
    { r: 'tokenreviews', kind: 'TokenReview', ns: false, verbs: CREATE_ONLY },
  ],
  'authorization.k8s.io/v1': [
    { r: 'localsubjectaccessreviews', kind: 'LocalSubjectAccessReview', ns: true, verbs: CREATE_ONLY },
    { r: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', ns: false, verbs: CREATE_ONLY },
    { r: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', ns: false, verbs: CREATE_ONLY },
    { r: 'subjectaccessreviews', kind: 'SubjectAccessReview', ns: false, verbs: CREATE_ONLY },
  ],
  'autoscaling/v2': [
    {
      r: 'horizontalpodautoscalers',
      kind: 'HorizontalPodAutoscaler',
      ns: true,
      short: ['hpa'],
      cat: ['all'],
      sub: ['status'],
      status: empty,
    },
  ],
  'autoscaling/v1': [
    {
      r: 'horizontalpodautoscalers',
      kind: 'HorizontalPodAutoscaler',
      ns: true,
      short: ['hpa'],
      cat: ['all'],
      sub: ['status'],
      status: () => ({ currentReplicas: 0, desiredReplicas: 0 }),
    },
  ],
  'batch/v1': [
    {
      r: 'cronjobs',
      kind: 'CronJob',
      ns: true,
      short: ['cj'],
      cat: ['all'],
      sub: ['status'],
      gen: true,
      status: empty,
    },
    { r: 'jobs', kind: 'Job', ns: true, cat: ['all'], sub: ['status'], gen: true, orphan: true, status: empty },
  ],
  'certificates.k8s.io/v1': [
    { r: 'certificatesigningrequests', kind: 'CertificateSigningRequest', ns: false, short: ['csr'], sub: ['status'] },
  ],
  'coordination.k8s.io/v1': [{ r: 'leases', kind: 'Lease', ns: true }],
  'discovery.k8s.io/v1': [{ r: 'endpointslices', kind: 'EndpointSlice', ns: true }],
  'events.k8s.io/v1': [{ r: 'events', kind: 'Event', ns: true, short: ['ev'] }],
  'flowcontrol.apiserver.k8s.io/v1': [
    { r: 'flowschemas', kind: 'FlowSchema', ns: false, sub: ['status'] },
    { r: 'prioritylevelconfigurations', kind: 'PriorityLevelConfiguration', ns: false, sub: ['status'] },
  ],
  'metrics.k8s.io/v1beta1': [
    { r: 'nodes', kind: 'NodeMetrics', ns: false, verbs: ['get', 'list'] },
    { r: 'pods', kind: 'PodMetrics', ns: true, verbs: ['get', 'list'] },
  ],
  'networking.k8s.io/v1': [
    { r: 'ingressclasses', kind: 'IngressClass', ns: false },
    {
      r: 'ingresses',
      kind: 'Ingress',
      ns: true,
      short: ['ing'],
      sub: ['status'],
      gen: true,
      status: () => ({ loadBalancer: {} }),
    },
    { r: 'networkpolicies', kind: 'NetworkPolicy', ns: true, short: ['netpol'], gen: true },
  ],
  'node.k8s.io/v1': [{ r: 'runtimeclasses', kind: 'RuntimeClass', ns: false }],
  'policy/v1': [
    {
      r: 'poddisruptionbudgets',
      kind: 'PodDisruptionBudget',
      ns: true,
      short: ['pdb'],
      sub: ['status'],
      gen: true,
      status: defaultPdbStatus,
    },
  ],
  'rbac.authorization.k8s.io/v1': [
    { r: 'clusterrolebindings', kind: 'ClusterRoleBinding', ns: false },
    { r: 'clusterroles', kind: 'ClusterRole', ns: false },
    { r: 'rolebindings', kind: 'RoleBinding', ns: true },
    { r: 'roles', kind: 'Role', ns: true },
  ],
  'scheduling.k8s.io/v1': [{ r: 'priorityclasses', kind: 'PriorityClass', ns: false, short: ['pc'] }],
  'storage.k8s.io/v1': [
    { r: 'csidrivers', kind: 'CSIDriver', ns: false },
    { r: 'csinodes', kind: 'CSINode', ns: false },
    { r: 'csistoragecapacities', kind: 'CSIStorageCapacity', ns: true },
    { r: 'storageclasses', kind: 'StorageClass', ns: false, short: ['sc'] },
    { r: 'volumeattachments', kind: 'VolumeAttachment', ns: false, sub: ['status'] },
  ],
};

/** Preferred version per group, in the order a real server lists groups in /apis. */
export const GROUP_ORDER: { group: string; versions: string[] }[] = [
  { group: 'apiregistration.k8s.io', versions: ['v1'] },
  { group: 'apps', versions: ['v1'] },
  { group: 'events.k8s.io', versions: ['v1'] },
  { group: 'authentication.k8s.io', versions: ['v1'] },
  { group: 'authorization.k8s.io', versions: ['v1'] },
  { group: 'autoscaling', versions: ['v2', 'v1'] },
  { group: 'batch', versions: ['v1'] },
  { group: 'certificates.k8s.io', versions: ['v1'] },
  { group: 'networking.k8s.io', versions: ['v1'] },
  { group: 'policy', versions: ['v1'] },
  { group: 'rbac.authorization.k8s.io', versions: ['v1'] },
  { group: 'storage.k8s.io', versions: ['v1'] },
  { group: 'admissionregistration.k8s.io', versions: ['v1'] },
  { group: 'apiextensions.k8s.io', versions: ['v1'] },
  { group: 'scheduling.k8s.io', versions: ['v1'] },
  { group: 'coordination.k8s.io', versions: ['v1'] },
  { group: 'node.k8s.io', versions: ['v1'] },
  { group: 'discovery.k8s.io', versions: ['v1'] },
  { group: 'flowcontrol.apiserver.k8s.io', versions: ['v1'] },
  { group: 'metrics.k8s.io', versions: ['v1beta1'] },
];

function defaultDaemonSetStatus(): JsonObject {
  return { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
}

function defaultPdbStatus(): JsonObject {
  return { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
}

function subresources(spec: Spec): SubresourceDef[] {
  const out: SubresourceDef[] = [];
  const add = (name: string, verbs: string[], kind = spec.kind, group?: string, version?: string) =>
    out.push({ name: `${spec.r}/${name}`, kind, verbs, group, version });
  for (const s of spec.sub ?? []) {
    switch (s) {
      case 'pod':
        add('attach', ['create', 'get'], 'PodAttachOptions');
        add('binding', ['create'], 'Binding');
        add('exec', ['create', 'get'], 'PodExecOptions');
        add('portforward', ['create', 'get'], 'PodPortForwardOptions');
        break;
      case 'ephemeral':
        add('ephemeralcontainers', ['get', 'patch', 'update']);
        add('eviction', ['create'], 'Eviction', 'policy', 'v1');
        break;
      case 'log':
        add('log', ['get']);
        break;
      case 'proxy':
        add('proxy', ['create', 'delete', 'get', 'patch', 'update'], `${spec.kind}ProxyOptions`);
        break;
      case 'finalize':
        add('finalize', ['update']);
        break;
      case 'token':
        add('token', ['create'], 'TokenRequest', 'authentication.k8s.io', 'v1');
        break;
      case 'scale':
        add('scale', ['get', 'patch', 'update'], 'Scale', 'autoscaling', 'v1');
        break;
      case 'status':
        add('status', ['get', 'patch', 'update']);
        break;
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function toDef(groupVersion: string, spec: Spec): ResourceDef {
  const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion];
  const subs = subresources(spec);
  const hasScale = spec.sub?.includes('scale') ?? false;
  return {
    group,
    version,
    resource: spec.r,
    singular: spec.kind.toLowerCase(),
    kind: spec.kind,
    namespaced: spec.ns,
    verbs: spec.verbs ?? ALL_VERBS,
    shortNames: spec.short,
    categories: spec.cat,
    subresources: subs,
    storage: `${group}/${spec.r}`,
    generation: spec.gen ?? false,
    statusSubresource: spec.sub?.includes('status') ?? false,
    initialStatus: spec.status,
    defaultPropagation: spec.orphan ? 'Orphan' : 'Background',
    scale: hasScale
      ? {
          specReplicasPath: ['spec', 'replicas'],
          statusReplicasPath: ['status', 'replicas'],
          labelSelectorPath: ['spec', 'selector'],
        }
      : undefined,
  };
}

export function builtinResources(): ResourceDef[] {
  const defs: ResourceDef[] = [];
  for (const [gv, specs] of Object.entries(SPECS)) for (const spec of specs) defs.push(toDef(gv, spec));
  // events.k8s.io events and core events are one storage, as in the real server
  for (const d of defs) if (d.group === 'events.k8s.io') d.storage = '/events';
  return defs;
}
