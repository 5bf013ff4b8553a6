/**
 * One HTTP exchange with the API server. Authentication, client certificates, CA and proxies come from the
 * client-node KubeConfig (applyToHTTPSOptions), so every auth method client-node supports works here; the request
 * itself is plain node:http(s) so that any path (subresources, discovery, metrics), any patch content type, dry-run,
 * a per-request timeout and Retry-After stay under our control.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import { KubeError, fromStatus, parseRetryAfter, parseStatusBody, toKubeError, type KubeErrorContext } from './errors';
import type { KubeConnection } from './connect';
import { isPathSegment } from './names';
import { forgetIdentity, sharedGet, type RawAnswer } from './read-share';
import { prepareRequest, type PreparedRequest } from './request-options';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface KubeRequest {
  method: HttpMethod;
  /** path below the server URL, starting with / */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** default application/json when there is a body */
  contentType?: string;
  /** return the body as text instead of parsing JSON (logs) */
  text?: boolean;
  /**
   * JSON is asked for but handed back as its text, for a caller that reads part of it before the whole (the next
   * page of a list is asked for before this page is parsed); `parseJsonBody` parses it as `send` would
   */
  unparsed?: boolean;
  /** what the request is about, for error sentences */
  context?: KubeErrorContext;
}

export interface KubeResponse<T> {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: T;
}

const requestLog = new AsyncLocalStorage<string[]>();

/**
 * Runs `fn` and collects every changing request it sends ("DELETE /api/v1/namespaces/shop/pods/x?dryRun=All"):
 * the audit records what was sent, not what was asked for.
 */
export async function recordingWrites<T>(
  fn: () => Promise<T>,
): Promise<{ value?: T; error?: unknown; sent: string[] }> {
  const sent: string[] = [];
  try {
    return { value: await requestLog.run(sent, fn), sent };
  } catch (error) {
    return { error, sent };
  }
}

/** Sends one request, once. Non-2xx answers and socket errors throw KubeError. */
export async function send<T>(conn: KubeConnection, req: KubeRequest): Promise<KubeResponse<T>> {
  const context: KubeErrorContext = {
    server: conn.server,
    timeoutMs: conn.timeoutMs,
    write: req.method !== 'GET',
    ...req.context,
  };
  let prepared: PreparedRequest;
  try {
    prepared = await prepareRequest(conn.kc, conn.server, req.method === 'GET');
  } catch (err) {
    throw new KubeError(
      `cannot prepare credentials for ${conn.server}: ${err instanceof Error ? err.message : String(err)}`,
      {
        reason: 'Unauthorized',
        context,
      },
    );
  }
  const { opts, identity } = prepared;
  const url = new URL(conn.server + req.path);
  assertExactPath(conn, req.path, url, context);
  if (req.method !== 'GET') {
    requestLog
      .getStore()
      ?.push(`${req.method} ${url.pathname}${req.query?.dryRun ? `?dryRun=${req.query.dryRun}` : ''}`);
  }
  for (const [key, value] of Object.entries(req.query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  const payload =
    req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  const headers: Record<string, string> = {
    ...(opts.headers as Record<string, string> | undefined),
    Accept: req.text ? 'text/plain, */*' : 'application/json',
    'User-Agent': 'kube-aiops',
  };
  if (payload !== undefined) {
    headers['Content-Type'] = req.contentType ?? 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  const transport = url.protocol === 'http:' ? http : https;

  const exchange = () =>
    new Promise<RawAnswer>((resolve, reject) => {
      const request = transport.request(
        url,
        {
          method: req.method,
          headers,
          agent: prepared.readAgent ?? opts.agent,
          auth: opts.auth,
          ca: opts.ca,
          cert: opts.cert,
          key: opts.key,
          rejectUnauthorized: opts.rejectUnauthorized,
          servername: opts.servername,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
          res.on('aborted', () => reject(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
        },
      );
      request.setTimeout(conn.timeoutMs, () => {
        request.destroy(Object.assign(new Error(`no answer within ${conn.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
      });
      request.on('error', reject);
      request.end(payload);
    });
  // reads inside a write pipeline compute or confirm the write: they must see the server, not a shared answer
  const shareable = req.method === 'GET' && requestLog.getStore() === undefined;
  const raw = await (
    shareable
      ? sharedGet(identity, `${req.text ? 'text' : 'json'} ${url.href}`, conn.cacheMs ?? 0, exchange)
      : exchange()
  )
    .catch((err: unknown) => {
      throw toKubeError(err, context);
    })
    .finally(() => {
      // a write that timed out or lost its socket may still have been applied: cached reads go either way
      if (req.method !== 'GET') forgetIdentity(identity);
    });

  if (raw.status < 200 || raw.status > 299) {
    const retryAfter = parseRetryAfter(firstHeader(raw.headers['retry-after']));
    throw fromStatus(raw.status, parseStatusBody(raw.text), context, retryAfter);
  }
  if (req.text || req.unparsed) return { status: raw.status, headers: raw.headers, body: raw.text as T };
  return { status: raw.status, headers: raw.headers, body: parseJsonBody<T>(conn, req, raw.text, raw.status) };
}

/** A JSON answer's body; what is not JSON is a KubeError saying so. */
export function parseJsonBody<T>(
  conn: KubeConnection,
  req: Pick<KubeRequest, 'path' | 'context'> & { method?: HttpMethod },
  text: string,
  status = 200,
): T {
  try {
    return (text ? JSON.parse(text) : {}) as T;
  } catch {
    throw new KubeError(
      `the Kubernetes API at ${conn.server} answered ${req.method ?? 'GET'} ${req.path} with something that is not JSON; is the server URL right?`,
      {
        status,
        reason: 'BadResponse',
        context: {
          server: conn.server,
          timeoutMs: conn.timeoutMs,
          write: (req.method ?? 'GET') !== 'GET',
          ...req.context,
        },
      },
    );
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The last line before the socket: the path sent must be the path built. A dot segment collapsed by URL parsing
 * ("/namespaces/victim/configmaps/.." → the whole collection) or an encoded one would send another request than
 * the one the write policy approved.
 */
function assertExactPath(conn: KubeConnection, path: string, url: URL, context: KubeErrorContext): void {
  const expected = new URL(conn.server).pathname.replace(/\/+$/, '') + path.split('?')[0];
  const segments = path.split('?')[0].split('/').slice(1);
  const decoded = segments.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return '';
    }
  });
  if (url.pathname !== expected || !path.startsWith('/') || !decoded.every(isPathSegment)) {
    throw new KubeError(
      `refused to send a request for the path ${JSON.stringify(path.slice(0, 200))}: it holds an empty, "." or ".." segment or an encoded "/"`,
      {
        reason: 'BadInput',
        context,
      },
    );
  }
}
