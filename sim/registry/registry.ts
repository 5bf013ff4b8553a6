/** The resources being served right now: built-ins plus whatever CRDs define. */
import { builtinResources, GROUP_ORDER } from './builtins';
import { apiVersionOf, type ResourceDef } from './resource';

export interface GroupInfo {
  group: string;
  /** preferred first */
  versions: string[];
}

export class ResourceRegistry {
  private byPath = new Map<string, ResourceDef>();
  private byKind = new Map<string, ResourceDef>();
  private crdGroups: GroupInfo[] = [];

  constructor() {
    for (const def of builtinResources()) this.add(def);
  }

  private add(def: ResourceDef): void {
    this.byPath.set(pathKey(def.group, def.version, def.resource), def);
    const kindKey = `${apiVersionOf(def)}/${def.kind}`;
    // metrics.k8s.io kinds are unique, so the first registration per apiVersion+kind is the one to keep
    if (!this.byKind.has(kindKey)) this.byKind.set(kindKey, def);
  }

  lookup(group: string, version: string, resource: string): ResourceDef | undefined {
    return this.byPath.get(pathKey(group, version, resource));
  }

  byApiVersionKind(apiVersion: string, kind: string): ResourceDef | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  /** every version of one group, preferred first */
  groupVersions(group: string): string[] {
    const info = this.groups().find((g) => g.group === group);
    return info ? info.versions : [];
  }

  resourcesIn(group: string, version: string): ResourceDef[] {
    const out: ResourceDef[] = [];
    for (const def of this.byPath.values()) if (def.group === group && def.version === version) out.push(def);
    return out.sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  }

  /** built-in groups in server order, then CRD groups */
  groups(): GroupInfo[] {
    return [...GROUP_ORDER, ...this.crdGroups];
  }

  all(): ResourceDef[] {
    return [...this.byPath.values()];
  }

  /** Serve (or re-serve) the versions a CRD declares. */
  addCustom(crdName: string, defs: ResourceDef[]): void {
    this.removeCustom(crdName);
    for (const def of defs) this.add(def);
    const group = defs[0]?.group;
    if (!group) return;
    const existing = this.crdGroups.find((g) => g.group === group);
    const versions = sortVersions(unique([...(existing?.versions ?? []), ...defs.map((d) => d.version)]));
    if (existing) existing.versions = versions;
    else this.crdGroups.push({ group, versions });
  }

  removeCustom(crdName: string): void {
    const removed: ResourceDef[] = [];
    for (const [key, def] of this.byPath) {
      if (def.crd?.name === crdName) {
        this.byPath.delete(key);
        removed.push(def);
      }
    }
    for (const def of removed) {
      const kindKey = `${apiVersionOf(def)}/${def.kind}`;
      if (this.byKind.get(kindKey) === def) this.byKind.delete(kindKey);
    }
    // recompute CRD group versions from what is left
    const left = new Map<string, string[]>();
    for (const def of this.byPath.values())
      if (def.crd) left.set(def.group, unique([...(left.get(def.group) ?? []), def.version]));
    this.crdGroups = this.crdGroups
      .filter((g) => left.has(g.group))
      .map((g) => ({ group: g.group, versions: sortVersions(left.get(g.group) ?? []) }));
  }
}

function pathKey(group: string, version: string, resource: string): string {
  return `${group}/${version}/${resource}`;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** Kubernetes version priority: GA > beta > alpha, higher numbers first. */
export function sortVersions(versions: string[]): string[] {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0];
    const stage = m[2] === 'alpha' ? 2 : m[2] === 'beta' ? 1 : 0;
    return [stage, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  return [...versions].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
    return a < b ? -1 : 1;
  });
}
