/** cordon / uncordon a node, and evict a pod through the policy/v1 Eviction API (which honours PodDisruptionBudgets). */
import type { KubernetesObject, V1Node } from '@kubernetes/client-node';
import { objectPath } from './paths';
import { getResolved } from './read';
import { patchResolved } from './patch';
import { write } from './retry';
import { refText, resolveRef } from './target';
import { dryRunQuery, guardedWrite, type WriteOptions, type WriteResult } from './write-pipeline';
import type { KubeConnection } from './connect';

export function cordon(conn: KubeConnection, node: string, opts: WriteOptions): Promise<WriteResult> {
  return setUnschedulable(conn, node, true, opts);
}

export function uncordon(conn: KubeConnection, node: string, opts: WriteOptions): Promise<WriteResult> {
  return setUnschedulable(conn, node, false, opts);
}

async function setUnschedulable(
  conn: KubeConnection,
  node: string,
  unschedulable: boolean,
  opts: WriteOptions,
): Promise<WriteResult> {
  const ref = await resolveRef(conn, { kind: { apiVersion: 'v1', kind: 'Node' }, name: node });
  const verb = unschedulable ? 'cordon' : 'uncordon';
  return guardedWrite(ref, verb, opts, async (dryRun) => {
    const before = await getResolved<V1Node>(conn, ref);
    if (Boolean(before.spec?.unschedulable) === unschedulable) {
      return {
        before,
        after: before,
        message: `${refText(ref)} is already ${unschedulable ? 'cordoned' : 'schedulable'}; nothing to do`,
      };
    }
    const after = await patchResolved(conn, ref, verb, 'merge', { spec: { unschedulable } }, dryRun);
    return {
      before,
      after,
      message: unschedulable
        ? `cordoned ${refText(ref)}: no new pods will be scheduled on it`
        : `uncordoned ${refText(ref)}: pods can be scheduled on it again`,
    };
  });
}

export interface EvictRequest {
  name: string;
  namespace?: string;
  gracePeriodSeconds?: number;
}

export async function evict(conn: KubeConnection, req: EvictRequest, opts: WriteOptions): Promise<WriteResult> {
  const ref = await resolveRef(conn, {
    kind: { apiVersion: 'v1', kind: 'Pod' },
    name: req.name,
    namespace: req.namespace,
  });
  return guardedWrite(ref, 'evict', opts, async (dryRun) => {
    const before = await getResolved<KubernetesObject>(conn, ref);
    await write(conn, {
      method: 'POST',
      path: objectPath(ref.type, ref.name, ref.namespace, 'eviction'),
      body: {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name: ref.name, namespace: ref.namespace },
        deleteOptions: { gracePeriodSeconds: req.gracePeriodSeconds, ...(dryRun ? { dryRun: ['All'] } : {}) },
      },
      query: dryRunQuery(dryRun),
      context: { verb: 'evict', kind: 'Pod', resource: 'pods', namespace: ref.namespace, name: ref.name },
    });
    return {
      before,
      deleted: true,
      message: `evicted ${refText(ref)} (its controller, if any, creates a replacement)`,
    };
  });
}
