/**
 * kubectl set image / set resources for pods and every workload with a pod template. The patch is a merge patch
 * carrying the full container lists plus the resourceVersion read: the API server refuses it (409) if the object
 * changed in between, so a concurrent edit is never silently overwritten.
 */
import type { KubernetesObject, V1Container } from '@kubernetes/client-node';
import { MAX_NAME, quote, validateContainerName } from './names';
import { KubeError } from './errors';
import { patchResolved } from './patch';
import { getResolved } from './read';
import { nest, podSpecOf, podSpecPath } from './pod-template';
import { refText, resolveRef, type ObjectRef, type ResolvedRef } from './target';
import { guardedWrite, type WriteOptions, type WriteResult } from './write-pipeline';
import type { KubeConnection } from './connect';
import type { WriteVerb } from '../guard';

export interface SetImageRequest extends ObjectRef {
  /** container name → image; the key `*` sets every container */
  images: Record<string, string>;
}

export async function setImage(conn: KubeConnection, req: SetImageRequest, opts: WriteOptions): Promise<WriteResult> {
  const entries = Object.entries(req.images ?? {});
  if (entries.length === 0)
    throw new KubeError('no image given; pass container=image pairs (or *=image for all containers)', {
      reason: 'BadInput',
    });
  if (entries.length > 100) throw new KubeError('at most 100 containers per call', { reason: 'BadInput' });
  for (const [name, image] of entries) {
    if (name !== '*') validateContainerName(name);
    if (typeof image !== 'string' || !image || image.length > 1024 || /\s/.test(image))
      throw new KubeError(`${quote(String(image))} is not a valid image reference for container ${name}`, {
        reason: 'BadInput',
      });
  }
  const ref = await resolveRef(conn, req);
  return editContainers(conn, ref, 'set-image', opts, (containers, all) => {
    for (const [name, image] of entries) {
      if (name === '*') containers.forEach((c) => (c.image = image));
      else {
        const target = containers.find((c) => c.name === name);
        if (!target)
          throw new KubeError(`${refText(ref)} has no container named "${name}"; containers: ${all.join(', ')}`, {
            reason: 'BadInput',
          });
        target.image = image;
      }
    }
    return `set image ${entries.map(([n, i]) => `${n}=${i}`).join(', ')} on ${refText(ref)}`;
  });
}

export interface SetResourcesRequest extends ObjectRef {
  /** containers to change; default all (init containers only when named) */
  containers?: string[];
  /** e.g. { cpu: '250m', memory: '256Mi' }; an empty string removes that entry */
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/;

export async function setResources(
  conn: KubeConnection,
  req: SetResourcesRequest,
  opts: WriteOptions,
): Promise<WriteResult> {
  const requests = req.requests ?? {};
  const limits = req.limits ?? {};
  if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) {
    throw new KubeError('no requests or limits given; e.g. limits {cpu: "500m", memory: "512Mi"}', {
      reason: 'BadInput',
    });
  }
  if (Object.keys(requests).length > 100 || Object.keys(limits).length > 100)
    throw new KubeError('at most 100 resource names in requests and in limits', { reason: 'BadInput' });
  (req.containers ?? []).forEach(validateContainerName);
  for (const [key, value] of [...Object.entries(requests), ...Object.entries(limits)]) {
    if (key.length > MAX_NAME) throw new KubeError('resource names are at most 253 characters', { reason: 'BadInput' });
    if (value !== '' && (String(value).length > 64 || !QUANTITY.test(String(value)))) {
      throw new KubeError(
        `${quote(String(value))} is not a Kubernetes quantity for ${key}; use forms like 250m, 1, 512Mi, 2Gi`,
        {
          reason: 'BadInput',
        },
      );
    }
  }
  const ref = await resolveRef(conn, req);
  return editContainers(conn, ref, 'set-resources', opts, (containers, all, init) => {
    const wanted = req.containers?.length ? req.containers : undefined;
    for (const name of wanted ?? []) {
      if (!all.includes(name))
        throw new KubeError(`${refText(ref)} has no container named "${name}"; containers: ${all.join(', ')}`, {
          reason: 'BadInput',
        });
    }
    const targets = containers.filter((c) => (wanted ? wanted.includes(c.name) : !init.has(c)));
    for (const c of targets) {
      c.resources = {
        ...c.resources,
        requests: mergeQuantities(c.resources?.requests, requests),
        limits: mergeQuantities(c.resources?.limits, limits),
      };
      if (!c.resources.requests) delete c.resources.requests;
      if (!c.resources.limits) delete c.resources.limits;
    }
    const parts = [describeQuantities('requests', requests), describeQuantities('limits', limits)]
      .filter(Boolean)
      .join(', ');
    return `set ${parts} on ${targets.map((c) => c.name).join(', ')} of ${refText(ref)}`;
  });
}

type ContainerEdit = (containers: V1Container[], names: string[], init: Set<V1Container>) => string;

async function editContainers(
  conn: KubeConnection,
  ref: ResolvedRef,
  verb: WriteVerb,
  opts: WriteOptions,
  edit: ContainerEdit,
): Promise<WriteResult> {
  return guardedWrite(ref, verb, opts, async (dryRun) => {
    const before = await getResolved<KubernetesObject>(conn, ref);
    const path = podSpecPath(before);
    const spec = structuredClone(podSpecOf(before));
    const init = new Set(spec.initContainers ?? []);
    const containers = [...(spec.initContainers ?? []), ...spec.containers];
    const message = edit(
      containers,
      containers.map((c) => c.name),
      init,
    );
    const body: Record<string, unknown> = {
      ...nest(path, {
        containers: spec.containers,
        ...(spec.initContainers ? { initContainers: spec.initContainers } : {}),
      }),
    };
    body.metadata = { resourceVersion: before.metadata?.resourceVersion };
    return { before, after: await patchResolved(conn, ref, verb, 'merge', body, dryRun), message };
  });
}

function mergeQuantities(
  current: Record<string, string> | undefined,
  changes: Record<string, string>,
): Record<string, string> | undefined {
  const out: Record<string, string> = { ...current };
  for (const [k, v] of Object.entries(changes)) {
    if (v === '') delete out[k];
    else out[k] = String(v);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function describeQuantities(label: string, q: Record<string, string>): string {
  const entries = Object.entries(q);
  return entries.length ? `${label} ${entries.map(([k, v]) => `${k}=${v || '(removed)'}`).join(',')}` : '';
}
