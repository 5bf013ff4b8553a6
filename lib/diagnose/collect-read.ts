/** What the collector's parts share: the bounded reader and how a failed read is judged. */
import { KubeError } from '../kube/errors';
import type { KubeRequest, KubeResponse } from '../kube/http';

/** A GET through lib/kube's retrying read, sharing one bound on requests in flight. */
export type Reader = <T>(req: Omit<KubeRequest, 'method'>) => Promise<KubeResponse<T>>;

/**
 * At most `limit` tasks at once, started in the order asked. A finishing task hands its slot to the next waiter
 * directly, so a newcomer cannot slip in between and exceed the bound.
 */
export function slots(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

export function failureKind(err: unknown): 'forbidden' | 'absent' | 'failed' | 'fatal' {
  if (!(err instanceof KubeError)) return 'failed';
  if (err.status === 403) return 'forbidden';
  if (err.status === 404 || err.status === 405) return 'absent';
  if (err.status === 401 || err.reason === 'Unreachable' || err.reason === 'TLS' || err.reason === 'Unauthorized')
    return 'fatal';
  return 'failed';
}
