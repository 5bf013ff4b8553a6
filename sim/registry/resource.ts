/** What the simulator knows about one served resource (one group/version/plural). */
import type { JsonObject } from '../model';

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export const ALL_VERBS: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
export const READ_VERBS: Verb[] = ['get', 'list'];

export interface SubresourceDef {
  name: string;
  /** Scale lives in autoscaling/v1; everything else shares the parent kind. */
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
}

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  format?: string;
  priority?: number;
}

export interface ResourceDef {
  group: string;
  version: string;
  /** plural, as in the URL */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: Verb[];
  shortNames?: string[];
  categories?: string[];
  subresources: SubresourceDef[];
  /** Objects of every version of one group/resource share this storage key, as in etcd. */
  storage: string;
  /** metadata.generation is kept and bumped on spec changes */
  generation: boolean;
  /** status is only writable through /status */
  statusSubresource: boolean;
  /** status a create through the API starts with (the real strategies reset it) */
  initialStatus?: (obj: JsonObject) => JsonObject | undefined;
  /** what a DELETE without propagationPolicy does */
  defaultPropagation: 'Background' | 'Orphan';
  /** scale subresource paths (deployments etc.) */
  scale?: { specReplicasPath: string[]; statusReplicasPath: string[]; labelSelectorPath?: string[] };
  /** served from a CRD */
  crd?: { name: string; printerColumns: PrinterColumn[] };
}

export function apiVersionOf(def: Pick<ResourceDef, 'group' | 'version'>): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

/** `pods`, `deployments.apps`: how the apiserver names a resource in messages */
export function qualifiedResource(def: Pick<ResourceDef, 'group' | 'resource'>): string {
  return def.group ? `${def.resource}.${def.group}` : def.resource;
}
