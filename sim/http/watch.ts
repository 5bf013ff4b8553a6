/**
 * Watches: newline-delimited JSON events (`{"type":"ADDED","object":{…}}`), starting with the current objects or
 * resuming after a resourceVersion, filtered by namespace, name and selectors, until timeoutSeconds or disconnect.
 */
import type { Cluster } from '../api/cluster';
import { fromStorage } from '../api/convert';
import { StatusError } from '../errors';
import type { KubeObject } from '../model';
import { apiVersionOf, type ResourceDef } from '../registry/resource';
import { fieldSelector } from '../select/fields';
import { labelSelector } from '../select/labels';
import type { WriteEvent } from '../store/store';
import { renderTable, wantsTable } from '../table/render';
import { queryFlag, queryInt, type RequestContext } from './context';

export function handleWatch(
  cluster: Cluster,
  ctx: RequestContext,
  def: ResourceDef,
  ns: string | undefined,
  name: string | undefined,
): void {
  const q = ctx.query;
  const labels = labelSelector(q.get('labelSelector') ?? undefined);
  const fields = fieldSelector(def, q.get('fieldSelector') ?? undefined);
  const matches = (o: KubeObject): boolean => {
    if (def.namespaced && ns !== undefined && o.metadata.namespace !== ns) return false;
    if (name !== undefined && o.metadata.name !== name) return false;
    if (labels && !labels(o.metadata.labels)) return false;
    return !fields || fields(o);
  };
  const tableVersion = wantsTable(ctx.req.headers.accept);
  const history = cluster.watchHistory;
  const rvParam = q.get('resourceVersion') ?? '';
  const sendInitial = q.get('sendInitialEvents') === 'true' || rvParam === '' || rvParam === '0';
  const timeout = queryInt(q, 'timeoutSeconds');

  let replay: WriteEvent[] = [];
  if (!sendInitial) {
    const since = history.since(Number(rvParam));
    if (since === undefined) {
      startStream(ctx);
      const status = new StatusError(
        410,
        'Expired',
        `too old resource version: ${rvParam} (${history.oldest})`,
      ).toStatus();
      ctx.res.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
      return;
    }
    replay = since;
  }

  startStream(ctx);
  let first = true;
  const write = (type: string, o: KubeObject): void => {
    const served = fromStorage(def, o);
    const object = tableVersion
      ? renderTable(def, [o], {
          includeObject: 'Metadata',
          apiVersion: tableVersion,
          noHeaders: !first,
          resourceVersion: served.metadata.resourceVersion,
        })
      : served;
    first = false;
    ctx.res.write(`${JSON.stringify({ type, object })}\n`);
  };

  if (sendInitial) {
    for (const [, stored] of cluster.store.iterate(def, def.namespaced ? ns : undefined))
      if (matches(stored.object)) write('ADDED', stored.object);
    if (q.get('sendInitialEvents') === 'true' && queryFlag(q, 'allowWatchBookmarks')) {
      ctx.res.write(
        `${JSON.stringify({ type: 'BOOKMARK', object: { kind: def.kind, apiVersion: apiVersionOf(def), metadata: { resourceVersion: String(cluster.store.resourceVersion), annotations: { 'k8s.io/initial-events-end': 'true' } } } })}\n`,
      );
    }
  }
  const deliver = (e: WriteEvent): void => {
    if (e.def.storage !== def.storage) return;
    const now = matches(e.object);
    const before = e.previous ? matches(e.previous) : false;
    if (e.type === 'ADDED' && now) write('ADDED', e.object);
    else if (e.type === 'DELETED' && now) write('DELETED', e.object);
    else if (e.type === 'MODIFIED') {
      if (now && before) write('MODIFIED', e.object);
      else if (now) write('ADDED', e.object);
      else if (before) write('DELETED', e.object);
    }
  };
  for (const e of replay) deliver(e);
  const stop = cluster.store.onWrite(deliver);
  const timer = timeout !== undefined && timeout > 0 ? setTimeout(() => ctx.res.end(), timeout * 1000) : undefined;
  const cleanup = (): void => {
    stop();
    if (timer) clearTimeout(timer);
  };
  ctx.res.on('close', cleanup);
  ctx.req.on('close', cleanup);
}

function startStream(ctx: RequestContext): void {
  ctx.res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  ctx.res.flushHeaders();
}
