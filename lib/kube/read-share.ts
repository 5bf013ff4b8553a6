/**
 * Identical GETs share the API server's answer. During an alert storm many executions diagnose the same namespace
 * at the same moment; without sharing, each would list the same pods, events and ReplicaSets again.
 *
 * - In flight: a GET that is already on the wire for the same identity, path and query is joined, not repeated.
 * - Briefly afterwards (`cacheMs`, seconds at most): its 2xx answer is served from a bounded LRU.
 *
 * What is shared is the raw answer (status, headers, text): each caller parses its own copy, so a caller that
 * mutates what it got (redaction, slimming) cannot change what another one sees. Errors and non-2xx answers are
 * never kept. Any write through the same identity drops that identity's entries, and the reads a write pipeline
 * makes to compute or confirm a write never use the cache (see http.ts).
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestOptions } from 'node:https';
import { LRUCache } from 'lru-cache';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Entries kept at most, and the largest answer kept (bigger ones are shared in flight only). */
const MAX_ENTRIES = 500;
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;
/** Upper bound for cacheMs (applied by connect): this cache absorbs bursts, it is not a watch. */
export const MAX_CACHE_MS = 10_000;

const inFlight = new Map<string, Promise<RawAnswer>>();
/**
 * Set by every write of an identity to a process-wide counter: an answer read before the write is neither joined nor
 * kept after it. Bounded; an identity evicted reads as 0, which no write ever sets, so eviction only skips a cache fill.
 */
const generations = new LRUCache<string, number>({ max: 10_000 });
let writes = 0;
const recent = new LRUCache<string, RawAnswer>({
  max: MAX_ENTRIES,
  maxSize: MAX_TOTAL_BYTES,
  sizeCalculation: (answer) => Math.max(1, answer.text.length),
  maxEntrySize: MAX_ENTRY_BYTES,
  ttlAutopurge: false,
});

/**
 * Who asks, as a short hash: server, bearer header, basic-auth user (client-node puts a kubeconfig's
 * username/password in `auth`, not in a header) and client certificate. Two credentials never share answers,
 * because their RBAC may differ.
 */
export function identityOf(server: string, opts: RequestOptions): string {
  const headers = opts.headers as Record<string, string> | undefined;
  const h = createHash('sha256').update(server);
  for (const part of [headers?.Authorization ?? headers?.authorization, opts.auth, opts.cert, opts.pfx]) {
    h.update('\0');
    if (typeof part === 'string' || Buffer.isBuffer(part)) h.update(part);
    else if (part !== undefined && part !== null) h.update(JSON.stringify(part));
  }
  return h.digest('base64url').slice(0, 22);
}

export async function sharedGet(
  identity: string,
  url: string,
  cacheMs: number,
  exchange: () => Promise<RawAnswer>,
): Promise<RawAnswer> {
  const key = `${identity} ${url}`;
  if (cacheMs > 0) {
    const hit = recent.get(key);
    if (hit) return hit;
  }
  const pending = inFlight.get(key);
  if (pending) return pending.then(oneAtATime);
  const generation = generations.get(identity) ?? 0;
  const settle = () => {
    if (inFlight.get(key) === started) inFlight.delete(key);
  };
  const started: Promise<RawAnswer> = exchange().then(
    (answer) => {
      settle();
      const unchanged = (generations.get(identity) ?? 0) === generation;
      if (unchanged && cacheMs > 0 && answer.status >= 200 && answer.status < 300) {
        recent.set(key, answer, { ttl: cacheMs });
      }
      return answer;
    },
    (err: unknown) => {
      settle();
      throw err;
    },
  );
  inFlight.set(key, started);
  return started;
}

/**
 * Hands a joined answer over on its own turn of the event loop. Resolved together, every joiner would parse its copy
 * before any of them got to finish with it. Node runs the microtasks queued by one setImmediate callback before the
 * next callback, so each joiner parses, renders and answers (synchronous or microtask work) before the next copy is
 * parsed. Nobody waits longer than the work queued ahead of it, which it waited for before as well.
 */
function oneAtATime(answer: RawAnswer): Promise<RawAnswer> {
  return new Promise((resolve) => setImmediate(() => resolve(answer)));
}

/** A write changes what reads would answer: forget everything this identity read. */
export function forgetIdentity(identity: string): void {
  generations.set(identity, ++writes);
  const prefix = `${identity} `;
  for (const key of [...recent.keys()]) if (key.startsWith(prefix)) recent.delete(key);
  for (const key of [...inFlight.keys()]) if (key.startsWith(prefix)) inFlight.delete(key);
}
