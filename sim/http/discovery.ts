/** Legacy discovery documents (/api, /apis, /apis/<g>, /apis/<g>/<v>, /api/v1) and /version. */
import type { JsonObject } from '../model';
import type { ResourceRegistry } from '../registry/registry';
import type { ResourceDef } from '../registry/resource';

export const SERVER_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.4',
  gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b',
  gitTreeState: 'clean',
  buildDate: '2024-12-10T18:18:16Z',
  goVersion: 'go1.22.9',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function coreVersions(serverAddress: string): JsonObject {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDoc(registry: ResourceRegistry, group: string, versions: string[]): JsonObject {
  const vs = versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions: vs, preferredVersion: vs[0] };
}

export function groupList(registry: ResourceRegistry): JsonObject {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry.groups().map((g) => groupDoc(registry, g.group, g.versions)),
  };
}

export function apiGroup(registry: ResourceRegistry, group: string): JsonObject | undefined {
  const versions = registry.groupVersions(group);
  if (versions.length === 0) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(registry, group, versions) };
}

function resourceEntry(def: ResourceDef): JsonObject {
  const entry: JsonObject = {
    name: def.resource,
    singularName: def.singular,
    namespaced: def.namespaced,
    kind: def.kind,
    verbs: [...def.verbs],
  };
  if (def.shortNames?.length) entry.shortNames = [...def.shortNames];
  if (def.categories?.length) entry.categories = [...def.categories];
  return entry;
}

export function resourceList(registry: ResourceRegistry, group: string, version: string): JsonObject | undefined {
  const defs = registry.resourcesIn(group, version);
  if (defs.length === 0 && !registry.groupVersions(group).includes(version)) return undefined;
  const resources: JsonObject[] = [];
  for (const def of defs) {
    resources.push(resourceEntry(def));
    for (const sub of def.subresources) {
      const e: JsonObject = { name: sub.name, singularName: '', namespaced: def.namespaced };
      if (sub.group !== undefined) e.group = sub.group;
      if (sub.version !== undefined) e.version = sub.version;
      e.kind = sub.kind;
      e.verbs = [...sub.verbs];
      resources.push(e);
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}
