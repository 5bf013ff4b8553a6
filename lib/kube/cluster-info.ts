/**
 * One look at a cluster: which API server, which Kubernetes version, which context, how many nodes are Ready,
 * which namespaces exist. A part the credentials may not read (RBAC) is reported as unavailable with the
 * reason rather than failing the whole answer; an unreachable server still fails.
 */
import type { V1Namespace, V1Node } from '@kubernetes/client-node';
import { KubeError } from './errors';
import { listResolved } from './read';
import { resolveKind } from './resolve';
import { nodeStatus } from './summary';
import { serverVersion } from './version';
import type { KubeConnection } from './connect';

export interface ClusterInfo {
  server: string;
  context: string;
  /** namespace used when a call names none */
  defaultNamespace: string;
  /** "v1.30.6" */
  version: string;
  platform?: string;
  nodes?: { total: number; ready: number; notReady: string[]; cordoned: string[] };
  namespaces?: string[];
  /** parts that could not be read, with the reason (usually RBAC) */
  unavailable: string[];
  /** connection warnings (TLS verification off, plain HTTP) */
  warnings: string[];
}

export async function clusterInfo(conn: KubeConnection): Promise<ClusterInfo> {
  const version = await serverVersion(conn);
  const unavailable: string[] = [];
  const [nodes, namespaces] = await Promise.all([
    optional(unavailable, 'nodes', async () => {
      const items = (
        await listResolved<V1Node>(conn, await resolveKind(conn, { apiVersion: 'v1', kind: 'Node' }), {
          allPages: true,
          maxItems: 5000,
        })
      ).items;
      const status = items.map((n) => ({ name: n.metadata?.name ?? '', status: nodeStatus(n) }));
      return {
        total: items.length,
        ready: status.filter((s) => s.status.startsWith('Ready')).length,
        notReady: status.filter((s) => !s.status.startsWith('Ready')).map((s) => s.name),
        cordoned: status.filter((s) => s.status.includes('SchedulingDisabled')).map((s) => s.name),
      };
    }),
    optional(unavailable, 'namespaces', async () => {
      const type = await resolveKind(conn, { apiVersion: 'v1', kind: 'Namespace' });
      const items = (await listResolved<V1Namespace>(conn, type, { allPages: true, maxItems: 5000 })).items;
      return items.map((n) => n.metadata?.name ?? '').sort();
    }),
  ]);
  return {
    server: conn.server,
    context: conn.context,
    defaultNamespace: conn.namespace,
    version: version.gitVersion,
    ...(version.platform ? { platform: version.platform } : {}),
    ...(nodes ? { nodes } : {}),
    ...(namespaces ? { namespaces } : {}),
    unavailable,
    warnings: [...conn.warnings],
  };
}

/** Runs one part; a 403 (or another answered error) becomes a line in `unavailable`, a dead connection throws. */
async function optional<T>(unavailable: string[], what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof KubeError && err.status !== undefined && err.status < 500) {
      unavailable.push(`${what}: ${err.message}`);
      return undefined;
    }
    throw err;
  }
}
