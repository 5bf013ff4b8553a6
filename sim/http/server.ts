/** The HTTP(S) front: fault injection, bearer-token auth, then discovery, OpenAPI and resource routes. */
import { timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Cluster } from '../api/cluster';
import { pathNotFound, StatusError, unauthorized } from '../errors';
import { openApiV2Json, openApiV2Protobuf } from '../openapi/v2';
import { gvDocument, v3Index } from '../openapi/v3';
import { parseBody, readBody, sendJson, sendStatusError, sendText, type RequestContext } from './context';
import { apiGroup, coreVersions, groupList, resourceList, SERVER_VERSION } from './discovery';
import { FaultInjector } from './faults';
import { RequestCounter } from './requests';
import { handleResource } from './resources';
import { parsePath, type ParsedPath } from './route';

export interface ServerConfig {
  cluster: Cluster;
  token?: string;
  tls?: { key: string; cert: string };
  /** host:port clients use, for /api's serverAddressByClientCIDRs */
  address: () => string;
}

export interface SimServer {
  server: Server;
  faults: FaultInjector;
  requests: RequestCounter;
}

const PROTOBUF_V2 = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(header);
  if (!m) return false;
  const a = Buffer.from(m[1].trim());
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createSimServer(config: ServerConfig): SimServer {
  const faults = new FaultInjector();
  const requests = new RequestCounter();
  const { cluster } = config;
  const isNamespaced = (g: string, v: string, r: string) => cluster.registry.lookup(g, v, r)?.namespaced ?? false;

  async function handle(ctx: RequestContext): Promise<void> {
    const { path, method } = ctx;
    if (path === '/_sim/faults' || path.startsWith('/_sim/faults/')) return manageFaults(ctx);
    if (path === '/_sim/requests') return manageRequests(ctx);
    requests.record(method, safeParse(path), ctx.query.get('watch') === 'true' || ctx.query.get('watch') === '1');

    const fault = faults.match(method, path);
    if (fault) {
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.drop) {
        ctx.req.socket.destroy();
        return;
      }
      if (fault.error) {
        const headers: Record<string, string> =
          fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
        return sendStatusError(ctx, fault.error, headers);
      }
    }

    if (!authorized(ctx.req, config.token)) throw unauthorized();

    if (path === '/healthz' || path === '/livez' || path === '/readyz')
      return sendText(ctx, 200, 'ok', 'text/plain; charset=utf-8');
    if (path === '/version' || path === '/version/') return sendJson(ctx, 200, SERVER_VERSION);
    if (path === '/openapi/v2') {
      const accept = ctx.req.headers.accept ?? '';
      if (accept.includes('protobuf')) {
        const buf = openApiV2Protobuf(SERVER_VERSION.gitVersion);
        ctx.res.writeHead(200, { 'Content-Type': PROTOBUF_V2, 'Content-Length': buf.length });
        ctx.res.end(buf);
        return;
      }
      return sendJson(ctx, 200, openApiV2Json(SERVER_VERSION.gitVersion));
    }
    if (path === '/openapi/v3') return sendJson(ctx, 200, v3Index(cluster.registry));
    if (path.startsWith('/openapi/v3/')) {
      const segs = path.slice('/openapi/v3/'.length).split('/');
      const [group, version] = segs[0] === 'api' ? ['', segs[1]] : [segs[1], segs[2]];
      const doc = gvDocument(cluster.registry, group ?? '', version ?? '', SERVER_VERSION.gitVersion);
      if (!doc) throw pathNotFound();
      return sendJson(ctx, 200, doc);
    }
    if (path === '/')
      return sendJson(ctx, 200, {
        paths: ['/api', '/api/v1', '/apis', '/healthz', '/livez', '/openapi/v2', '/openapi/v3', '/readyz', '/version'],
      });

    const parsed = parsePath(path, isNamespaced);
    switch (parsed.type) {
      case 'coreVersions':
        return sendJson(ctx, 200, coreVersions(config.address()));
      case 'groups':
        return sendJson(ctx, 200, groupList(cluster.registry));
      case 'group': {
        const doc = apiGroup(cluster.registry, parsed.group);
        if (!doc) throw pathNotFound();
        return sendJson(ctx, 200, doc);
      }
      case 'groupVersion': {
        const doc =
          parsed.group === '' && parsed.version !== 'v1'
            ? undefined
            : resourceList(cluster.registry, parsed.group, parsed.version);
        if (!doc) throw pathNotFound();
        return sendJson(ctx, 200, doc);
      }
      case 'resource':
        return handleResource(cluster, ctx, parsed.route);
      default:
        throw pathNotFound();
    }
  }

  function manageFaults(ctx: RequestContext): void {
    const id = ctx.path.split('/')[3];
    switch (ctx.method) {
      case 'GET':
        return sendJson(ctx, 200, { faults: faults.list() });
      case 'POST':
        return sendJson(ctx, 201, faults.add(parseBody(ctx)));
      case 'DELETE':
        faults.clear(id ? Number(id) : undefined);
        return sendJson(ctx, 200, { faults: faults.list() });
      default:
        throw new StatusError(405, 'MethodNotAllowed', 'use GET, POST or DELETE on /_sim/faults');
    }
  }

  function safeParse(path: string): ParsedPath {
    try {
      return parsePath(path, isNamespaced);
    } catch {
      return { type: 'other', path };
    }
  }

  function manageRequests(ctx: RequestContext): void {
    switch (ctx.method) {
      case 'GET':
        return sendJson(ctx, 200, requests.snapshot());
      case 'DELETE':
        requests.reset();
        return sendJson(ctx, 200, requests.snapshot());
      default:
        throw new StatusError(405, 'MethodNotAllowed', 'use GET or DELETE on /_sim/requests');
    }
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://sim');
    let ctx: RequestContext = {
      req,
      res,
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      body: Buffer.alloc(0),
    };
    const fail = (err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status =
        err instanceof StatusError
          ? err
          : new StatusError(
              500,
              'InternalError',
              `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`,
            );
      sendStatusError(ctx, status);
    };
    readBody(req)
      .then((body) => {
        ctx = { ...ctx, body };
        return handle(ctx);
      })
      .catch(fail);
  };

  const server = config.tls
    ? createHttpsServer({ key: config.tls.key, cert: config.tls.cert }, listener)
    : createHttpServer(listener);
  server.keepAliveTimeout = 5000;
  return { server, faults, requests };
}
