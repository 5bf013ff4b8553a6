/**
 * kubectl rollout restart (stamp `kubectl.kubernetes.io/restartedAt` on the pod template) and rollout undo for
 * Deployments (copy the template of an earlier ReplicaSet revision back, by `deployment.kubernetes.io/revision`).
 */
import type { KubernetesObject, V1Deployment, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node';
import { deepEqual } from './diff';
import { KubeError } from './errors';
import { patchResolved } from './patch';
import { getResolved, listResolved } from './read';
import { resolveKind } from './resolve';
import { selectorToString } from './selectors';
import { refText, resolveRef, type ObjectRef, type ResolvedRef } from './target';
import { guardedWrite, type WriteOptions, type WriteResult } from './write-pipeline';
import type { KubeConnection } from './connect';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
export const REVISION = 'deployment.kubernetes.io/revision';
const RESTARTABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
/** annotations kubectl does not copy from a ReplicaSet back to its Deployment on rollback */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export async function rolloutRestart(conn: KubeConnection, req: ObjectRef, opts: WriteOptions): Promise<WriteResult> {
  const ref = await resolveRef(conn, req);
  if (ref.type.group !== 'apps' || !RESTARTABLE.has(ref.type.kind)) {
    throw new KubeError(`rollout restart works on deployments, statefulsets and daemonsets, not ${ref.type.kind}`, {
      reason: 'BadInput',
    });
  }
  return guardedWrite(ref, 'restart', opts, async (dryRun) => {
    const before = await getResolved<V1Deployment>(conn, ref);
    if (before.spec?.paused) {
      throw new KubeError(`cannot restart ${refText(ref)}: its rollout is paused; resume it first`, {
        reason: 'BadInput',
      });
    }
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const after = await patchResolved(
      conn,
      ref,
      'restart',
      'merge',
      { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: now } } } } },
      dryRun,
    );
    return { before, after, message: `restarted ${refText(ref)} (pods are replaced by a rolling update)` };
  });
}

export interface RolloutUndoRequest extends ObjectRef {
  /** revision to go back to; default the one before the current */
  toRevision?: number;
}

export async function rolloutUndo(
  conn: KubeConnection,
  req: RolloutUndoRequest,
  opts: WriteOptions,
): Promise<WriteResult> {
  const ref = await resolveRef(conn, req);
  if (ref.type.group !== 'apps' || ref.type.kind !== 'Deployment') {
    throw new KubeError(`rollout undo is supported for deployments, not ${ref.type.kind}`, { reason: 'BadInput' });
  }
  return guardedWrite(ref, 'rollback', opts, async (dryRun) => {
    const before = await getResolved<V1Deployment>(conn, ref);
    if (before.spec?.paused) {
      throw new KubeError(`cannot roll back ${refText(ref)}: its rollout is paused; resume it first`, {
        reason: 'BadInput',
      });
    }
    const history = await revisions(conn, ref, before);
    const current = currentRevision(history, before);
    const target = pickRevision(history, current, req.toRevision, ref);
    const template = withoutHash(target.rs.spec?.template) ?? {};
    if (deepEqual(template, before.spec?.template)) {
      return {
        before,
        after: before,
        message: `skipped rollback of ${refText(ref)}: the current template already matches revision ${target.revision}`,
      };
    }
    const annotations = { ...before.metadata?.annotations };
    for (const [k, v] of Object.entries(target.rs.metadata?.annotations ?? {}))
      if (!NOT_COPIED.has(k)) annotations[k] = v;
    const after = await patchResolved(
      conn,
      ref,
      'rollback',
      'json',
      [
        { op: 'test', path: '/metadata/resourceVersion', value: before.metadata?.resourceVersion },
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ],
      dryRun,
    );
    return { before, after, message: `rolled back ${refText(ref)} to revision ${target.revision}` };
  });
}

interface Revision {
  revision: number;
  rs: V1ReplicaSet;
}

/** The Deployment's ReplicaSets (owned by its uid) with their revision numbers, oldest first. */
async function revisions(conn: KubeConnection, ref: ResolvedRef, dep: V1Deployment): Promise<Revision[]> {
  const rsType = await resolveKind(conn, { apiVersion: 'apps/v1', kind: 'ReplicaSet' });
  const selector = dep.spec?.selector ? selectorToString(dep.spec.selector) : undefined;
  const { items } = await listResolved<V1ReplicaSet>(conn, rsType, {
    namespace: ref.namespace,
    labelSelector: selector,
    allPages: true,
  });
  return items
    .filter((rs) =>
      rs.metadata?.ownerReferences?.some((o) =>
        dep.metadata?.uid ? o.uid === dep.metadata.uid : o.kind === 'Deployment' && o.name === ref.name,
      ),
    )
    .map((rs) => ({ revision: revisionOf(rs), rs }))
    .filter((r) => r.revision > 0)
    .sort((a, b) => a.revision - b.revision);
}

function pickRevision(
  history: Revision[],
  current: number,
  toRevision: number | undefined,
  ref: ResolvedRef,
): Revision {
  if (history.length === 0)
    throw new KubeError(`no rollout history found for ${refText(ref)} (no ReplicaSets with a revision annotation)`, {
      reason: 'NotFound',
    });
  if (toRevision) {
    const found = history.find((r) => r.revision === toRevision);
    if (!found) {
      throw new KubeError(
        `revision ${toRevision} of ${refText(ref)} is not in its history; known revisions: ${history.map((r) => r.revision).join(', ')}`,
        {
          reason: 'NotFound',
        },
      );
    }
    return found;
  }
  const older = history.filter((r) => r.revision < current);
  if (older.length === 0) {
    throw new KubeError(
      `${refText(ref)} has no revision before ${current} to roll back to; known revisions: ${history.map((r) => r.revision).join(', ')}`,
      {
        reason: 'NotFound',
      },
    );
  }
  return older[older.length - 1];
}

/** The Deployment's own annotation, else the ReplicaSet whose template it runs, else the newest. */
function currentRevision(history: Revision[], dep: V1Deployment): number {
  const own = revisionOf(dep);
  if (own > 0) return own;
  const running = history.filter((r) => deepEqual(withoutHash(r.rs.spec?.template), dep.spec?.template));
  return (running[running.length - 1] ?? history[history.length - 1])?.revision ?? 0;
}

function withoutHash(template: V1PodTemplateSpec | undefined): V1PodTemplateSpec | undefined {
  if (!template?.metadata?.labels?.['pod-template-hash']) return template;
  const copy = structuredClone(template);
  delete copy.metadata!.labels!['pod-template-hash'];
  return copy;
}

function revisionOf(obj: KubernetesObject): number {
  const n = Number(obj.metadata?.annotations?.[REVISION]);
  return Number.isFinite(n) ? n : 0;
}
