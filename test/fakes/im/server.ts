/**
 * The loopback HTTP server every fake IM receiver is built on: records each request, plays scripted
 * failures (failNext), optionally enforces a per-window rate limit, and hands the rest to the vendor's checks.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: string;
  bytes: number;
  /** Parsed JSON body, undefined when the body is not JSON. */
  json: unknown;
}

export interface FakeAnswer {
  status: number;
  body?: string | object;
  headers?: Record<string, string>;
  /** True when the vendor would have delivered the message to the chat. */
  accepted: boolean;
  /** Why the fake rejected it (for test failure messages). */
  reason?: string;
}

export interface ReceivedMessage {
  vendor: string;
  at: Date;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  raw: string;
  bytes: number;
  body: unknown;
  status: number;
  response: string;
  accepted: boolean;
  reason?: string;
}

/** Failure kinds every fake understands, besides its vendor's own. */
export type TransportFailure = 'server' | 'disconnect' | 'hang';

export interface FailOptions {
  /** For rate limits answered with HTTP 429: the Retry-After header value. */
  retryAfter?: string;
  /** For 'hang': how long to hold the request before answering normally. */
  delayMs?: number;
}

export interface FakeIm<Kind extends string> {
  vendor: string;
  /** The webhook URL to configure (includes the token / key the fake expects). */
  url: string;
  /** Messages the vendor would have shown in the chat. */
  received: ReceivedMessage[];
  /** Every request, accepted or not. */
  requests: ReceivedMessage[];
  /** The next n requests fail this way, before any other check. */
  failNext(n: number, kind: Kind | TransportFailure, opts?: FailOptions): void;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeSpec<Kind extends string> {
  vendor: string;
  /** The webhook path + query, e.g. /robot/send?access_token=abc */
  webhookPath: string;
  handle(request: FakeRequest): FakeAnswer;
  /** The vendor's real answer for each scripted failure kind. */
  failures: Record<Kind, (opts: FailOptions) => FakeAnswer>;
  /** Enforce at most `max` requests per `windowMs`; answered with failures[kind]. */
  rateLimit?: { max: number; windowMs: number; kind: Kind };
}

interface Scripted<Kind extends string> {
  kind: Kind | TransportFailure;
  opts: FailOptions;
}

function send(res: ServerResponse, answer: FakeAnswer): string {
  const text =
    answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const type = typeof answer.body === 'object' ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8';
  res.writeHead(answer.status, { 'content-type': type, ...(answer.headers ?? {}) });
  res.end(text);
  return text;
}

export async function startFakeServer<Kind extends string>(spec: FakeSpec<Kind>): Promise<FakeIm<Kind>> {
  const received: ReceivedMessage[] = [];
  const requests: ReceivedMessage[] = [];
  const queue: Scripted<Kind>[] = [];
  const hits: number[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const buf = Buffer.concat(chunks);
      const raw = buf.toString('utf8');
      const url = new URL(req.url ?? '/', 'http://fake');
      let json: unknown;
      try {
        json = raw ? JSON.parse(raw) : undefined;
      } catch {
        json = undefined;
      }
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        raw,
        bytes: buf.length,
        json,
      };
      const record = (answer: FakeAnswer, text: string): void => {
        const entry: ReceivedMessage = {
          vendor: spec.vendor,
          at: new Date(),
          method: request.method,
          path: request.path,
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          raw,
          bytes: buf.length,
          body: json ?? raw,
          status: answer.status,
          response: text,
          accepted: answer.accepted,
          ...(answer.reason ? { reason: answer.reason } : {}),
        };
        requests.push(entry);
        if (answer.accepted) received.push(entry);
      };
      const answerNormally = (): void => {
        const answer = spec.handle(request);
        record(answer, send(res, answer));
      };

      const scripted = queue.shift();
      if (scripted) {
        if (scripted.kind === 'disconnect') {
          record({ status: 0, accepted: false, reason: 'scripted disconnect' }, '');
          req.socket.destroy();
          return;
        }
        if (scripted.kind === 'hang') {
          const timer = setTimeout(() => {
            timers.delete(timer);
            if (!res.destroyed) answerNormally();
          }, scripted.opts.delayMs ?? 60_000);
          timers.add(timer);
          return;
        }
        const answer =
          scripted.kind === 'server'
            ? { status: 500, body: 'Internal Server Error', accepted: false, reason: 'scripted server error' }
            : {
                ...spec.failures[scripted.kind](scripted.opts),
                accepted: false,
                reason: `scripted ${scripted.kind}`,
              };
        record(answer, send(res, answer));
        return;
      }

      if (spec.rateLimit) {
        const now = Date.now();
        while (hits.length && hits[0] <= now - spec.rateLimit.windowMs) hits.shift();
        hits.push(now);
        if (hits.length > spec.rateLimit.max) {
          const answer = {
            ...spec.failures[spec.rateLimit.kind]({ retryAfter: '1' }),
            accepted: false,
            reason: 'rate limit',
          };
          record(answer, send(res, answer));
          return;
        }
      }
      answerNormally();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    vendor: spec.vendor,
    url: `http://127.0.0.1:${port}${spec.webhookPath}`,
    received,
    requests,
    failNext(n, kind, opts = {}) {
      for (let i = 0; i < n; i += 1) queue.push({ kind, opts });
    },
    reset() {
      received.length = 0;
      requests.length = 0;
      queue.length = 0;
      hits.length = 0;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Every string anywhere inside a JSON value; keyword checks look at all visible text. */
export function allStrings(value: unknown, skipKeys: ReadonlySet<string> = new Set()): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => allStrings(v, skipKeys));
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      skipKeys.has(k) ? [] : allStrings(v, skipKeys),
    );
  }
  return [];
}

export function randomToken(): string {
  return Math.random().toString(36).slice(2, 12) + Math.random().toString(36).slice(2, 12);
}

/** First zod issue as "path: message", for error bodies. */
export function firstIssue(error: { issues: { path: (string | number)[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
}
