/** Requests on resource paths: get, list, watch, create, update, patch, delete, deletecollection, subresources. */
import type { Cluster } from '../api/cluster';
import { fromStorage, needsConversion, toStorage } from '../api/convert';
import type { ListResult } from '../api/list';
import { badRequest, methodNotAllowed, pathNotFound, StatusError } from '../errors';
import { isJsonObject, type Json, type KubeObject } from '../model';
import { apiVersionOf, type ResourceDef, type Verb } from '../registry/resource';
import { storedJson, type StoredObject } from '../store/store';
import { renderTable, wantsTable, type IncludeObject } from '../table/render';
import { isProtobuf, parseBody, queryFlag, readPatch, sendJson, type RequestContext } from './context';
import { handleLogs } from './logs';
import { checkFieldValidation, deleteOptionsOf, dryRunOf, fieldManagerOf, listOptionsOf } from './params';
import type { ResourceRoute } from './route';
import { handleScale } from './scale';
import { handleWatch } from './watch';
import { handleAction, handleReview } from './reviews';

/** Objects the real apiserver returns on DELETE (the rest answer with a Success Status). */
const RETURNS_DELETED_OBJECT = new Set([
  '/pods',
  '/namespaces',
  '/services',
  'apiextensions.k8s.io/customresourcedefinitions',
]);

function requireVerb(def: ResourceDef, verb: Verb): void {
  if (!def.verbs.includes(verb)) throw methodNotAllowed();
}

export function handleResource(cluster: Cluster, ctx: RequestContext, route: ResourceRoute): void {
  const def = cluster.registry.lookup(route.group, route.version, route.resource);
  if (!def) throw pathNotFound();
  if (route.namespace !== undefined && !def.namespaced) throw pathNotFound();
  const ns = def.namespaced ? route.namespace : undefined;
  const { method, query: q } = ctx;

  if (route.subresource) return handleSubresource(cluster, ctx, def, ns, route.name ?? '', route.subresource);

  if (route.watchPrefix || (method === 'GET' && queryFlag(q, 'watch'))) {
    requireVerb(def, 'watch');
    return handleWatch(cluster, ctx, def, ns, route.name);
  }

  if (route.name === undefined) {
    switch (method) {
      case 'GET':
      case 'HEAD':
        requireVerb(def, 'list');
        return sendList(cluster, ctx, def, cluster.list(def, ns, listOptionsOf(q)));
      case 'POST': {
        requireVerb(def, 'create');
        // reviews are answered without reading them (every request is allowed), so protobuf bodies are fine here
        if (def.verbs.length === 1) return handleReview(cluster, ctx, def, ns, isProtobuf(ctx) ? {} : parseBody(ctx));
        if (route.namespace === undefined && def.namespaced) throw methodNotAllowed();
        checkFieldValidation(q);
        const body = parseBody(ctx);
        const created = cluster.create(def, ns, asObject(body), {
          dryRun: dryRunOf(q),
          fieldManager: fieldManagerOf(q, ctx.req.headers['user-agent']),
        });
        return sendObject(ctx, def, created, 201);
      }
      case 'DELETE': {
        requireVerb(def, 'deletecollection');
        const body = ctx.body.length ? parseBody(ctx) : undefined;
        const deleted = cluster.deleteCollection(def, ns, listOptionsOf(q), deleteOptionsOf(q, body));
        return sendJson(ctx, 200, {
          kind: `${def.kind}List`,
          apiVersion: apiVersionOf(def),
          metadata: { resourceVersion: String(cluster.store.resourceVersion) },
          items: deleted,
        });
      }
      default:
        throw methodNotAllowed();
    }
  }

  const name = route.name;
  switch (method) {
    case 'GET':
    case 'HEAD': {
      requireVerb(def, 'get');
      const stored = cluster.get(def, ns, name);
      return sendObject(ctx, def, cluster.view(def, stored), 200, stored);
    }
    case 'PUT': {
      requireVerb(def, 'update');
      checkFieldValidation(q);
      const updated = cluster.update(def, ns, name, asObject(parseBody(ctx)), {
        dryRun: dryRunOf(q),
        fieldManager: fieldManagerOf(q, ctx.req.headers['user-agent']),
      });
      return sendObject(ctx, def, updated, 200);
    }
    case 'PATCH': {
      requireVerb(def, 'patch');
      const { type, patch } = readPatch(ctx);
      checkFieldValidation(q);
      const existed = cluster.find(def, ns, name) !== undefined;
      const manager = q.get('fieldManager') ?? undefined;
      if (type === 'apply' && !manager)
        throw badRequest(
          'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        );
      const result = cluster.patch(def, ns, name, type, patch, {
        dryRun: dryRunOf(q),
        fieldManager: manager ?? fieldManagerOf(q, ctx.req.headers['user-agent']),
        force: queryFlag(q, 'force'),
      });
      return sendObject(ctx, def, result, existed ? 200 : 201);
    }
    case 'DELETE': {
      requireVerb(def, 'delete');
      const body = ctx.body.length ? parseBody(ctx) : undefined;
      const opts = deleteOptionsOf(q, body);
      const deleted = cluster.delete(def, ns, name, opts);
      if (RETURNS_DELETED_OBJECT.has(def.storage)) return sendObject(ctx, def, deleted, 200);
      return sendJson(ctx, 200, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: { name, ...(def.group ? { group: def.group } : {}), kind: def.resource, uid: deleted.metadata.uid },
      });
    }
    default:
      throw methodNotAllowed();
  }
}

function asObject(body: Json): KubeObject {
  if (!isJsonObject(body)) throw badRequest('the body of the request must be a JSON object');
  return body as unknown as KubeObject;
}

function handleSubresource(
  cluster: Cluster,
  ctx: RequestContext,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
  sub: string,
): void {
  const declared = def.subresources.some((s) => s.name === `${def.resource}/${sub}`);
  if (!declared) throw pathNotFound();
  const { method, query: q } = ctx;
  if (sub === 'log') {
    if (method !== 'GET') throw methodNotAllowed();
    return handleLogs(cluster, ctx, def, ns, name);
  }
  if (sub === 'scale') return handleScale(cluster, ctx, def, ns, name);
  if (sub === 'eviction' || sub === 'token' || sub === 'binding') {
    if (method !== 'POST') throw methodNotAllowed();
    return handleAction(cluster, ctx, def, ns, name, sub);
  }
  if (sub !== 'status')
    throw new StatusError(405, 'MethodNotAllowed', `the simulator does not serve ${def.resource}/${sub}`);
  switch (method) {
    case 'GET': {
      const stored = cluster.get(def, ns, name);
      return sendObject(ctx, def, cluster.view(def, stored), 200, stored);
    }
    case 'PUT': {
      checkFieldValidation(q);
      const updated = cluster.update(def, ns, name, asObject(parseBody(ctx)), {
        dryRun: dryRunOf(q),
        fieldManager: fieldManagerOf(q, ctx.req.headers['user-agent']),
        subresource: 'status',
      });
      return sendObject(ctx, def, updated, 200);
    }
    case 'PATCH': {
      const { type, patch } = readPatch(ctx);
      checkFieldValidation(q);
      const result = cluster.patch(def, ns, name, type, patch, {
        dryRun: dryRunOf(q),
        fieldManager: fieldManagerOf(q, ctx.req.headers['user-agent']),
        force: queryFlag(q, 'force'),
        subresource: 'status',
      });
      return sendObject(ctx, def, result, 200);
    }
    default:
      throw methodNotAllowed();
  }
}

function includeObjectOf(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  if (v === 'None' || v === 'Object') return v;
  return 'Metadata';
}

/** `as=PartialObjectMetadata[List]`: only metadata, as the metadata client asks. */
function wantsMetadataOnly(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((a) => /as=PartialObjectMetadata/.test(a) && /g=meta\.k8s\.io/.test(a));
}

function partial(o: KubeObject): object {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

function sendObject(ctx: RequestContext, def: ResourceDef, o: KubeObject, code: number, stored?: StoredObject): void {
  const accept = ctx.req.headers.accept;
  const table = wantsTable(accept);
  if (table) {
    const printable = stored ? stored.object : toStorage(def, o);
    return sendJson(
      ctx,
      code,
      renderTable(def, [printable], {
        includeObject: includeObjectOf(ctx.query),
        apiVersion: table,
        resourceVersion: o.metadata.resourceVersion,
        served: (x) => fromStorage(def, x),
      }),
    );
  }
  if (wantsMetadataOnly(accept)) return sendJson(ctx, code, partial(o));
  if (stored && !needsConversion(def, stored.object)) return sendJson(ctx, code, storedJson(stored));
  sendJson(ctx, code, o);
}

function sendList(cluster: Cluster, ctx: RequestContext, def: ResourceDef, result: ListResult): void {
  const meta: Record<string, string | number> = { resourceVersion: result.resourceVersion };
  if (result.continue) meta.continue = result.continue;
  if (result.remainingItemCount !== undefined) meta.remainingItemCount = result.remainingItemCount;
  const accept = ctx.req.headers.accept;
  const table = wantsTable(accept);
  if (table) {
    const objects = result.items.map((s) => s.object);
    return sendJson(
      ctx,
      200,
      renderTable(def, objects, {
        includeObject: includeObjectOf(ctx.query),
        apiVersion: table,
        listMeta: meta,
        served: (x) => fromStorage(def, x),
      }),
    );
  }
  if (wantsMetadataOnly(accept)) {
    return sendJson(ctx, 200, {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: meta,
      items: result.items.map((s) => partial(s.object)),
    });
  }
  // written from each object's cached JSON, in chunks, so a 10k-item list is neither re-serialised nor held twice
  const json = (s: StoredObject) =>
    needsConversion(def, s.object) ? JSON.stringify(cluster.view(def, s)) : storedJson(s);
  const head = `{"kind":${JSON.stringify(`${def.kind}List`)},"apiVersion":${JSON.stringify(apiVersionOf(def))},"metadata":${JSON.stringify(meta)},"items":[`;
  if (result.items.length <= LIST_CHUNK) return sendJson(ctx, 200, `${head}${result.items.map(json).join(',')}]}`);
  ctx.res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  if (ctx.method === 'HEAD') return void ctx.res.end();
  ctx.res.write(head);
  for (let i = 0; i < result.items.length; i += LIST_CHUNK) {
    const chunk = result.items
      .slice(i, i + LIST_CHUNK)
      .map(json)
      .join(',');
    ctx.res.write(i === 0 ? chunk : `,${chunk}`);
  }
  ctx.res.end(']}');
}

const LIST_CHUNK = 500;
