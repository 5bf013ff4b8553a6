/**
 * API discovery: which resource types this cluster serves, in kubectl's priority order (core first, then groups
 * in the order /apis lists them, the preferred version of each group before its others). Cached per connection
 * and refreshed when a lookup misses (a CRD installed since), at most once per REFRESH_THROTTLE_MS.
 */
import type { V1APIGroupList, V1APIResourceList, V1APIVersions } from '@kubernetes/client-node';
import { KubeError } from './errors';
import { read } from './retry';
import type { KubeConnection } from './connect';

export interface ResourceType {
  /** '' for the core group */
  group: string;
  version: string;
  /** `v1` or `apps/v1` */
  apiVersion: string;
  kind: string;
  /** the resource name in URLs: `deployments` */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  /** subresources served: status, scale, log, eviction… */
  subresources: string[];
  /** this version is the group's preferred one */
  preferred: boolean;
}

interface DiscoveryCache {
  types: ResourceType[];
  fetchedAt: number;
  pending?: Promise<ResourceType[]>;
}

const REFRESH_THROTTLE_MS = 2000;
const caches = new WeakMap<KubeConnection, DiscoveryCache>();

/** Every resource type the cluster serves (cached). */
export async function discover(conn: KubeConnection, opts: { refresh?: boolean } = {}): Promise<ResourceType[]> {
  const cache = caches.get(conn);
  if (cache?.pending) return cache.pending;
  const fresh = cache && Date.now() - cache.fetchedAt < REFRESH_THROTTLE_MS;
  if (cache && (!opts.refresh || fresh)) return cache.types;
  const entry: DiscoveryCache = cache ?? { types: [], fetchedAt: 0 };
  entry.pending = fetchAll(conn).then(
    (types) => {
      entry.types = types;
      entry.fetchedAt = Date.now();
      entry.pending = undefined;
      return types;
    },
    (err: unknown) => {
      entry.pending = undefined;
      throw err;
    },
  );
  caches.set(conn, entry);
  return entry.pending;
}

/** Whether an API group (e.g. metrics.k8s.io) is served, from the cached discovery. */
export async function servesGroup(conn: KubeConnection, group: string): Promise<boolean> {
  return (await discover(conn)).some((t) => t.group === group);
}

async function fetchAll(conn: KubeConnection): Promise<ResourceType[]> {
  const context = { verb: 'discover API resources' };
  const [core, groups] = await Promise.all([
    read<V1APIVersions>(conn, { path: '/api', context }),
    read<V1APIGroupList>(conn, { path: '/apis', context }).catch((err: unknown) => {
      // a bare API (no groups) answers 404 here; anything else is a real failure
      if (err instanceof KubeError && err.status === 404) return { body: { groups: [] } as unknown as V1APIGroupList };
      throw err;
    }),
  ]);
  const coreVersions = core.body.versions ?? ['v1'];
  const lists: { group: string; version: string; preferred: boolean; path: string }[] = coreVersions.map((v, i) => ({
    group: '',
    version: v,
    preferred: i === 0,
    path: `/api/${v}`,
  }));
  for (const g of groups.body.groups ?? []) {
    const preferred = g.preferredVersion?.version ?? g.versions[0]?.version;
    const ordered = [...g.versions].sort((a, b) => Number(b.version === preferred) - Number(a.version === preferred));
    for (const v of ordered) {
      lists.push({
        group: g.name,
        version: v.version,
        preferred: v.version === preferred,
        path: `/apis/${v.groupVersion}`,
      });
    }
  }
  // an aggregated API that is down (metrics-server restarting) must not hide every other type
  const resourceLists = await Promise.all(
    lists.map((l) =>
      read<V1APIResourceList>(conn, { path: l.path, context }).then(
        (r) => r.body,
        () => undefined,
      ),
    ),
  );
  const types: ResourceType[] = [];
  lists.forEach((l, i) => {
    const list = resourceLists[i];
    if (!list) return;
    const subresources = new Map<string, string[]>();
    for (const r of list.resources ?? []) {
      const [base, sub] = r.name.split('/');
      if (sub) subresources.set(base, [...(subresources.get(base) ?? []), sub]);
    }
    for (const r of list.resources ?? []) {
      if (r.name.includes('/')) continue;
      types.push({
        group: l.group,
        version: l.version,
        apiVersion: l.group ? `${l.group}/${l.version}` : l.version,
        kind: r.kind,
        plural: r.name,
        singular: r.singularName || r.kind.toLowerCase(),
        namespaced: r.namespaced,
        shortNames: r.shortNames ?? [],
        verbs: r.verbs ?? [],
        subresources: subresources.get(r.name) ?? [],
        preferred: l.preferred,
      });
    }
  });
  return types;
}
