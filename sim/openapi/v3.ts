/**
 * /openapi/v3: one document per group-version with a permissive schema per kind, tagged with
 * x-kubernetes-group-version-kind. kubectl reads it to learn that the server validates fields itself
 * (it then sends fieldValidation=Strict); no path advertises strategic merge, so kubectl computes apply patches
 * from its built-in types instead of from these schemas.
 */
import { createHash } from 'node:crypto';
import type { JsonObject } from '../model';
import type { ResourceRegistry } from '../registry/registry';
import type { ResourceDef } from '../registry/resource';

export function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function schemaName(def: ResourceDef): string {
  if (def.crd) return `${def.group.split('.').reverse().join('.')}.${def.version}.${def.kind}`;
  const g = def.group ? def.group.split('.')[0] : 'core';
  return `io.k8s.api.${g}.${def.version}.${def.kind}`;
}

function kindSchema(def: ResourceDef): JsonObject {
  return {
    type: 'object',
    description: `${def.kind} (served by the kube-aiops simulator; fields are not constrained)`,
    'x-kubernetes-preserve-unknown-fields': true,
    'x-kubernetes-group-version-kind': [{ group: def.group, kind: def.kind, version: def.version }],
  };
}

export function gvDocument(
  registry: ResourceRegistry,
  group: string,
  version: string,
  serverVersion: string,
): JsonObject | undefined {
  const defs = registry.resourcesIn(group, version);
  if (defs.length === 0) return undefined;
  const schemas: JsonObject = {};
  for (const def of defs) schemas[schemaName(def)] = kindSchema(def);
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: serverVersion },
    paths: {},
    components: { schemas },
  };
}

function hashOf(defs: ResourceDef[]): string {
  const h = createHash('sha512');
  for (const d of defs) h.update(`${d.kind}/${d.resource}/${d.namespaced};`);
  return h.digest('hex').slice(0, 128).toUpperCase();
}

export function v3Index(registry: ResourceRegistry): JsonObject {
  const paths: JsonObject = {};
  for (const g of [{ group: '', versions: ['v1'] }, ...registry.groups()]) {
    for (const v of g.versions) {
      const defs = registry.resourcesIn(g.group, v);
      if (defs.length === 0) continue;
      const p = gvPath(g.group, v);
      paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(defs)}` };
    }
  }
  return { paths };
}
