/** Server-side apply and create of one or many manifests, through the all-or-nothing batch. */
import type { KubernetesObject } from '@kubernetes/client-node';
import { runBatch, type BatchNamespace, type BatchResult } from './batch';
import { diffObjects, hasChanges } from './diff';
import { KubeError } from './errors';
import { collectionPath, objectPath } from './paths';
import { getIfExists, withTypeMeta } from './read';
import { write } from './retry';
import { refText } from './target';
import { dryRunQuery, type WriteOptions } from './write-pipeline';
import type { KubeConnection } from './connect';
import type { ManifestInput } from './manifest';

export const FIELD_MANAGER = 'kube-aiops';

export interface ApplyOptions extends WriteOptions, BatchNamespace {
  /** take ownership of fields another manager owns */
  force?: boolean;
  fieldManager?: string;
}

export function apply(conn: KubeConnection, manifests: ManifestInput, opts: ApplyOptions): Promise<BatchResult> {
  return runBatch(conn, manifests, 'apply', opts, ({ doc, ref }) => async (dryRun) => {
    if (!doc.metadata?.name)
      throw new KubeError(
        `server-side apply needs metadata.name (${ref.type.kind} has only generateName); use create instead`,
        { reason: 'BadInput' },
      );
    const before = await getIfExists<KubernetesObject>(conn, ref);
    const res = await write<KubernetesObject>(conn, {
      method: 'PATCH',
      path: objectPath(ref.type, ref.name, ref.namespace),
      contentType: 'application/apply-patch+yaml',
      body: doc,
      query: {
        fieldManager: opts.fieldManager ?? FIELD_MANAGER,
        force: opts.force ? true : undefined,
        ...dryRunQuery(dryRun),
      },
      context: {
        verb: 'apply',
        kind: ref.type.kind,
        resource: ref.type.plural,
        namespace: ref.namespace,
        name: ref.name,
      },
    });
    const after = withTypeMeta(res.body, ref.type);
    const verbDone = !before ? 'created' : hasChanges(diffObjects(before, after)) ? 'configured' : 'left unchanged';
    return {
      before,
      after,
      supplied: [{ at: [], value: doc }],
      message: `${verbDone} ${refText(ref)} (server-side apply)`,
    };
  });
}

export function create(
  conn: KubeConnection,
  manifests: ManifestInput,
  opts: WriteOptions & BatchNamespace,
): Promise<BatchResult> {
  return runBatch(conn, manifests, 'create', opts, ({ doc, ref }) => async (dryRun) => {
    const res = await write<KubernetesObject>(conn, {
      method: 'POST',
      path: collectionPath(ref.type, ref.namespace),
      body: doc,
      query: { fieldManager: FIELD_MANAGER, ...dryRunQuery(dryRun) },
      context: {
        verb: 'create',
        kind: ref.type.kind,
        resource: ref.type.plural,
        namespace: ref.namespace,
        name: ref.name,
      },
    });
    const after = withTypeMeta(res.body, ref.type);
    return {
      after,
      supplied: [{ at: [], value: doc }],
      message: `created ${refText({ ...ref, name: after.metadata?.name ?? ref.name })}`,
    };
  });
}
