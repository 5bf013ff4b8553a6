/** One request's parsed pieces and the ways to answer it. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { PatchType } from '../api/cluster';
import { badRequest, StatusError, unsupportedMediaType } from '../errors';
import type { Json } from '../model';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  /** raw body, read before routing */
  body: Buffer;
}

export const MAX_BODY = 3 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new StatusError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** kubectl's typed clients send some bodies as Kubernetes protobuf (`k8s\0` envelope). */
export function isProtobuf(ctx: RequestContext): boolean {
  return (
    mediaType(ctx.req.headers['content-type']).includes('protobuf') ||
    ctx.body.subarray(0, 4).toString('latin1') === 'k8s\u0000'
  );
}

/** JSON, or YAML when the content type says so (apply patches are YAML). */
export function parseBody(ctx: RequestContext): Json {
  if (isProtobuf(ctx)) {
    throw new StatusError(
      415,
      'UnsupportedMediaType',
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
    );
  }
  const text = ctx.body.toString('utf8');
  const type = mediaType(ctx.req.headers['content-type']);
  if (!text.trim()) throw badRequest('the body of the request was empty');
  if (type.includes('yaml')) {
    try {
      return parseYaml(text) as Json;
    } catch (err) {
      throw badRequest(`error decoding YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  }
  try {
    return JSON.parse(text) as Json;
  } catch (err) {
    throw badRequest(
      `couldn't get version/kind; json parse error: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

export function sendJson(ctx: RequestContext, status: number, body: unknown, contentType = 'application/json'): void {
  sendText(ctx, status, typeof body === 'string' ? body : JSON.stringify(body), contentType);
}

export function sendText(ctx: RequestContext, status: number, text: string, contentType: string): void {
  const buf = Buffer.from(text, 'utf8');
  ctx.res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': buf.length,
    'Cache-Control': 'no-cache, private',
  });
  ctx.res.end(ctx.method === 'HEAD' ? undefined : buf);
}

export function sendStatusError(
  ctx: RequestContext,
  err: StatusError,
  extraHeaders: Record<string, string> = {},
): void {
  const buf = Buffer.from(JSON.stringify(err.toStatus()), 'utf8');
  ctx.res.writeHead(err.code, {
    'Content-Type': 'application/json',
    'Content-Length': buf.length,
    'Cache-Control': 'no-cache, private',
    ...extraHeaders,
  });
  ctx.res.end(buf);
}

export function queryFlag(q: URLSearchParams, key: string): boolean {
  const v = q.get(key);
  return v === 'true' || v === '1';
}

export function queryInt(q: URLSearchParams, key: string): number | undefined {
  const v = q.get(key);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw badRequest(`invalid value for ${key}: ${JSON.stringify(v)}`);
  return n;
}

/** PATCH bodies by content type, as the apiserver accepts them. */
const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

/** A PATCH request's type (from its content type) and body. */
export function readPatch(ctx: RequestContext): { type: PatchType; patch: Json } {
  const ct = mediaType(ctx.req.headers['content-type']);
  const type = PATCH_TYPES[ct];
  if (!type) throw unsupportedMediaType(ct);
  let patch: Json;
  try {
    patch = parseBody(ctx);
  } catch (err) {
    if (err instanceof StatusError) throw badRequest(`error decoding patch: ${err.message}`);
    throw err;
  }
  return { type, patch };
}
