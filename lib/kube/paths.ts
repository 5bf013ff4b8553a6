/** URL paths of collections, objects and subresources for a resolved resource type. */
import type { ResourceType } from './discovery';

function groupVersionPath(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
}

/** The collection; a namespaced type without a namespace means all namespaces. */
export function collectionPath(t: ResourceType, namespace?: string): string {
  const ns = t.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${groupVersionPath(t)}${ns}/${t.plural}`;
}

export function objectPath(t: ResourceType, name: string, namespace?: string, subresource?: string): string {
  return `${collectionPath(t, namespace)}/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ''}`;
}
