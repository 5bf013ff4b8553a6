/**
 * Reads are idempotent, so a busy or restarting API server is retried with exponential backoff (honouring
 * Retry-After). Writes go through `write()`, which sends exactly once: a write whose answer was lost may have
 * happened, and repeating it could double its effect.
 */
import { KubeError } from './errors';
import { send, type KubeRequest, type KubeResponse } from './http';
import type { KubeConnection } from './connect';

/** Longest Retry-After we are willing to sleep for; beyond it the error goes back to the caller. */
const MAX_RETRY_AFTER_SECONDS = 10;

export async function read<T>(conn: KubeConnection, req: Omit<KubeRequest, 'method'>): Promise<KubeResponse<T>> {
  let attempt = 0;
  for (;;) {
    attempt += 1;
    try {
      return await send<T>(conn, { ...req, method: 'GET' });
    } catch (err) {
      const wait = retryDelay(conn, err, attempt);
      if (wait === undefined) throw err;
      await sleep(wait);
    }
  }
}

export function write<T>(
  conn: KubeConnection,
  req: KubeRequest & { method: Exclude<KubeRequest['method'], 'GET'> },
): Promise<KubeResponse<T>> {
  return send<T>(conn, req);
}

/** Milliseconds to wait before the next attempt, or undefined when the error is final. */
function retryDelay(conn: KubeConnection, err: unknown, attempt: number): number | undefined {
  if (attempt >= conn.readAttempts || !(err instanceof KubeError) || !isTransient(err)) return undefined;
  if (err.retryAfterSeconds !== undefined) {
    if (err.retryAfterSeconds > MAX_RETRY_AFTER_SECONDS) return undefined;
    return err.retryAfterSeconds * 1000;
  }
  const base = conn.backoffMs * 2 ** (attempt - 1);
  return base + Math.floor(Math.random() * base * 0.2);
}

function isTransient(err: KubeError): boolean {
  if (err.status !== undefined) return err.status === 429 || (err.status >= 500 && err.status !== 501);
  return err.reason === 'Timeout' || err.reason === 'Unreachable';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
