/**
 * One request to Prometheus's HTTP API over node:http(s), so a private CA, skip-verify, bearer and basic auth work the
 * same everywhere (global fetch takes no CA). Long queries go as a POST form, which /api/v1/query* accept.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { describeEndpoint, type PrometheusEndpoint } from './endpoint';

/** Largest body we read: a capacity query over thousands of containers stays well under it. */
const MAX_BODY = 64 * 2 ** 20;
const GET_LIMIT = 3000;

export interface PromHttpResponse {
  status: number;
  body: string;
}

export async function promGet(
  ep: PrometheusEndpoint,
  path: string,
  params: URLSearchParams,
  timeoutMs = ep.timeoutMs ?? 30_000,
): Promise<PromHttpResponse> {
  const url = new URL(`${ep.url}${path}`);
  const form = params.toString();
  const post = form.length > GET_LIMIT;
  if (!post) url.search = form;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (ep.bearerToken) headers.authorization = `Bearer ${ep.bearerToken}`;
  else if (ep.basicAuth)
    headers.authorization = `Basic ${Buffer.from(`${ep.basicAuth.username}:${ep.basicAuth.password}`).toString('base64')}`;
  if (post) headers['content-type'] = 'application/x-www-form-urlencoded';
  const https = url.protocol === 'https:';
  const where = describeEndpoint(ep);
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      url,
      {
        method: post ? 'POST' : 'GET',
        headers,
        // a handful of queries per report: no pooled keep-alive sockets left holding a CLI or a test process open
        agent: false,
        ...(https ? { ca: ep.caCert || undefined, rejectUnauthorized: ep.skipTlsVerify !== true } : {}),
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY) {
            req.destroy(new Error(`answer larger than ${MAX_BODY / 2 ** 20} MiB; narrow the query`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => reject(new Error(`Prometheus at ${where}: ${err.message}`)));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => reject(new Error(`cannot reach Prometheus at ${where}: ${err.message}`)));
    req.end(post ? form : undefined);
  });
}
