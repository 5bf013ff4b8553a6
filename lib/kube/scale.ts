/** Scale through the /scale subresource, as kubectl does, so it works for every scalable kind including CRDs. */
import type { KubernetesObject } from '@kubernetes/client-node';
import { KubeError } from './errors';
import { objectPath } from './paths';
import { read, write } from './retry';
import { refText, resolveRef, type ObjectRef } from './target';
import { dryRunQuery, guardedWrite, type WriteOptions, type WriteResult } from './write-pipeline';
import type { KubeConnection } from './connect';

interface Scale extends KubernetesObject {
  spec?: { replicas?: number };
  status?: { replicas?: number };
}

export interface ScaleRequest extends ObjectRef {
  replicas: number;
}

export async function scale(conn: KubeConnection, req: ScaleRequest, opts: WriteOptions): Promise<WriteResult> {
  if (!Number.isInteger(req.replicas) || req.replicas < 0) {
    throw new KubeError(`replicas must be a whole number of 0 or more, not ${req.replicas}`, { reason: 'BadInput' });
  }
  const ref = await resolveRef(conn, req);
  if (!ref.type.subresources.includes('scale')) {
    throw new KubeError(
      `${ref.type.kind} cannot be scaled: ${ref.type.plural} have no scale subresource (scalable: deployments, statefulsets, replicasets, and custom resources that declare one)`,
      {
        reason: 'BadInput',
      },
    );
  }
  const path = objectPath(ref.type, ref.name, ref.namespace, 'scale');
  const context = {
    verb: 'scale',
    kind: ref.type.kind,
    resource: ref.type.plural,
    namespace: ref.namespace,
    name: ref.name,
  };
  return guardedWrite(ref, 'scale', opts, async (dryRun) => {
    const before = (await read<Scale>(conn, { path, context })).body;
    const res = await write<Scale>(conn, {
      method: 'PATCH',
      path,
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas: req.replicas } },
      query: dryRunQuery(dryRun),
      context,
    });
    const from = before.spec?.replicas ?? 0;
    return { before, after: res.body, message: `scaled ${refText(ref)} from ${from} to ${req.replicas} replicas` };
  });
}
