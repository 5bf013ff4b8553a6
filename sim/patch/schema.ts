/**
 * Strategic-merge metadata of built-in types (the Go struct tags `patchStrategy` / `patchMergeKey`), as a small
 * type tree: for each field, how lists merge and what type the nested value is. Fields not listed merge as plain
 * maps and replace as plain lists.
 */

export interface FieldMeta {
  /** list of objects merged by this key */
  mergeKey?: string;
  /** primitive list merged as a set (e.g. finalizers) */
  mergePrimitives?: boolean;
  /** `retainKeys`: keys absent from the patch are cleared (union types like volume sources) */
  retainKeys?: boolean;
  /** the type of the value (or of each list element) */
  type?: TypeMeta;
}

export interface TypeMeta {
  [field: string]: FieldMeta;
}

const objectMeta: TypeMeta = {
  ownerReferences: { mergeKey: 'uid' },
  finalizers: { mergePrimitives: true },
};

const container: TypeMeta = {
  env: { mergeKey: 'name' },
  ports: { mergeKey: 'containerPort' },
  volumeMounts: { mergeKey: 'mountPath' },
  volumeDevices: { mergeKey: 'devicePath' },
};

const podSpec: TypeMeta = {
  containers: { mergeKey: 'name', type: container },
  initContainers: { mergeKey: 'name', type: container },
  ephemeralContainers: { mergeKey: 'name', type: container },
  volumes: { mergeKey: 'name', retainKeys: true },
  imagePullSecrets: { mergeKey: 'name' },
  hostAliases: { mergeKey: 'ip' },
  topologySpreadConstraints: { mergeKey: 'topologyKey' },
  resourceClaims: { mergeKey: 'name', retainKeys: true },
  schedulingGates: { mergeKey: 'name' },
};

const conditionsByType: TypeMeta = { conditions: { mergeKey: 'type' } };

const podStatus: TypeMeta = {
  conditions: { mergeKey: 'type' },
  podIPs: { mergeKey: 'ip' },
  hostIPs: { mergeKey: 'ip' },
};

const podTemplateSpec: TypeMeta = { metadata: { type: objectMeta }, spec: { type: podSpec } };

const withTemplate = (extra: TypeMeta = {}): TypeMeta => ({ template: { type: podTemplateSpec }, ...extra });

const jobSpec = withTemplate();

const root = (spec: TypeMeta, status: TypeMeta = conditionsByType): TypeMeta => ({
  metadata: { type: objectMeta },
  spec: { type: spec },
  status: { type: status },
});

/** keyed by storage key (`group/plural`) */
export const PATCH_SCHEMAS: Record<string, TypeMeta> = {
  '/pods': root(podSpec, podStatus),
  '/podtemplates': { metadata: { type: objectMeta }, template: { type: podTemplateSpec } },
  '/replicationcontrollers': root(withTemplate()),
  '/services': root({ ports: { mergeKey: 'port' } }),
  '/nodes': root(
    { podCIDRs: { mergePrimitives: true } },
    { conditions: { mergeKey: 'type' }, addresses: { mergeKey: 'type' } },
  ),
  '/namespaces': root({}),
  '/persistentvolumeclaims': root({}),
  '/persistentvolumes': root({}),
  '/configmaps': { metadata: { type: objectMeta } },
  '/secrets': { metadata: { type: objectMeta } },
  '/serviceaccounts': { metadata: { type: objectMeta }, secrets: { mergeKey: 'name' } },
  '/endpoints': { metadata: { type: objectMeta } },
  '/events': { metadata: { type: objectMeta } },
  'apps/deployments': root(withTemplate({ strategy: { retainKeys: true } })),
  'apps/replicasets': root(withTemplate()),
  'apps/statefulsets': root(withTemplate()),
  'apps/daemonsets': root(withTemplate()),
  'batch/jobs': root(jobSpec),
  'batch/cronjobs': root({ jobTemplate: { type: { metadata: { type: objectMeta }, spec: { type: jobSpec } } } }),
  'autoscaling/horizontalpodautoscalers': root({}),
  'policy/poddisruptionbudgets': root({}),
  'networking.k8s.io/ingresses': root({}),
  'networking.k8s.io/networkpolicies': root({}),
};

/** Built-in kinds without an entry still get ObjectMeta's merge keys. */
export function patchSchemaFor(storage: string): TypeMeta {
  return PATCH_SCHEMAS[storage] ?? { metadata: { type: objectMeta } };
}
