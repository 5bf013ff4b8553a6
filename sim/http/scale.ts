/** The scale subresource: an autoscaling/v1 Scale view of spec.replicas, writable through GET/PUT/PATCH. */
import type { Cluster } from '../api/cluster';
import { badRequest, invalid, methodNotAllowed, pathNotFound } from '../errors';
import { mergePatch } from '../patch/merge';
import { applyJsonPatch } from '../patch/json';
import { getPath, isJsonObject, type Json, type JsonObject, type KubeObject } from '../model';
import type { ResourceDef } from '../registry/resource';
import { formatLabelSelectorObject } from '../select/labels';
import { parseBody, readPatch, sendJson, type RequestContext } from './context';
import { dryRunOf, fieldManagerOf } from './params';

export function scaleOf(def: ResourceDef, o: KubeObject): JsonObject {
  const paths = def.scale;
  if (!paths) throw pathNotFound();
  const replicas = Number(getPath(o, paths.specReplicasPath) ?? 0);
  const status: JsonObject = { replicas: Number(getPath(o, paths.statusReplicasPath) ?? 0) };
  if (paths.labelSelectorPath) {
    const sel = getPath(o, paths.labelSelectorPath);
    const text = typeof sel === 'string' ? sel : formatLabelSelectorObject(sel);
    if (text) status.selector = text;
  }
  const m = o.metadata;
  const metadata: JsonObject = {
    name: m.name ?? '',
    uid: m.uid ?? '',
    resourceVersion: m.resourceVersion ?? '',
    creationTimestamp: m.creationTimestamp ?? null,
  };
  if (m.namespace) metadata.namespace = m.namespace;
  return { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: order(metadata), spec: { replicas }, status };
}

function order(m: JsonObject): JsonObject {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = m;
  return namespace === undefined
    ? { name, uid, resourceVersion, creationTimestamp }
    : { name, namespace, uid, resourceVersion, creationTimestamp };
}

function nested(path: string[], value: Json): JsonObject {
  let out: Json = value;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i]]: out };
  return out as JsonObject;
}

export function handleScale(
  cluster: Cluster,
  ctx: RequestContext,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
): void {
  if (!def.scale) throw pathNotFound();
  const current = cluster.view(def, cluster.get(def, ns, name));
  const scale = scaleOf(def, current);
  if (ctx.method === 'GET') return sendJson(ctx, 200, scale);
  let next: Json;
  if (ctx.method === 'PUT') next = parseBody(ctx);
  else if (ctx.method === 'PATCH') {
    const { type, patch } = readPatch(ctx);
    if (type === 'json') next = applyJsonPatch(scale, patch);
    else if (type === 'apply') throw badRequest('apply is not supported on the scale subresource of the simulator');
    else next = mergePatch(scale, patch);
  } else throw methodNotAllowed();
  if (!isJsonObject(next)) throw badRequest('the body of the request must be a Scale object');
  const replicas = getPath(next, ['spec', 'replicas']);
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid('Scale', 'autoscaling', name, [
      {
        type: 'FieldValueInvalid',
        field: 'spec.replicas',
        value: JSON.stringify(replicas ?? null),
        raw: true,
        detail: 'must be greater than or equal to 0',
      },
    ]);
  }
  const patch = nested(def.scale.specReplicasPath, replicas);
  const rv = getPath(next, ['metadata', 'resourceVersion']);
  if (ctx.method === 'PUT' && typeof rv === 'string' && rv) patch.metadata = { resourceVersion: rv };
  const updated = cluster.patch(def, ns, name, 'merge', patch, {
    dryRun: dryRunOf(ctx.query),
    fieldManager: fieldManagerOf(ctx.query, ctx.req.headers['user-agent']),
  });
  sendJson(ctx, 200, scaleOf(def, updated));
}
