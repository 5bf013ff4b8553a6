/**
 * URL paths of collections, objects and subresources for a resolved resource type. Only validated segments go
 * in: a segment the URL parser would reinterpret (".", "..", "/", "%2e") is refused here, whoever the caller.
 */
import type { ResourceType } from './discovery';
import { KubeError } from './errors';
import { isPathSegment, quote } from './names';

function segment(what: string, value: string): string {
  if (!isPathSegment(value))
    throw new KubeError(`${what} ${quote(value)} cannot be part of a request path`, { reason: 'BadInput' });
  return value;
}

function groupVersionPath(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group
    ? `/apis/${segment('API group', t.group)}/${segment('API version', t.version)}`
    : `/api/${segment('API version', t.version)}`;
}

/** The collection; a namespaced type without a namespace means all namespaces. */
export function collectionPath(t: ResourceType, namespace?: string): string {
  const ns = t.namespaced && namespace ? `/namespaces/${segment('namespace', namespace)}` : '';
  return `${groupVersionPath(t)}${ns}/${segment('resource', t.plural)}`;
}

export function objectPath(t: ResourceType, name: string, namespace?: string, subresource?: string): string {
  const sub = subresource ? `/${segment('subresource', subresource)}` : '';
  return `${collectionPath(t, namespace)}/${segment('name', name)}${sub}`;
}
