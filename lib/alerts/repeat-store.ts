/**
 * Who has already seen this alert? One IM message per (fingerprint, status) within the repeat window means every
 * process that receives Alertmanager's webhooks — one n8n, or several webhook processors and workers in queue mode —
 * must consult the same record: Redis when configured (one Lua call per notification, so exactly one caller claims
 * a key, and the key expires by itself), otherwise the process's own memory, mirrored into the workflow's static data.
 * n8n loads and saves static data per execution, so on its own it would let concurrent notifications miss each
 * other's claims; the memory makes one process see every claim at once, and each execution's copy of the static
 * data takes every claim made so far, to carry them over a restart (a claim made after a copy was taken is missing
 * from it, should that copy be saved last). Several processes (queue mode) still need Redis.
 *
 * Each claim remembers which notification made it. The same alert in another notification (Alertmanager re-sends a
 * group when an alert joins it, or after repeat_interval) is a repeat and is dropped. The same notification again is
 * Alertmanager retrying because our earlier answer was not 2xx — the execution failed, or its worker died — so it
 * passes: that retry is how an alert whose execution was lost still reaches IM, once.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AlertParseResult, NormalizedAlert } from './types';

/** new: first sight; retry: the same notification again; repeat: already handled through another notification */
export type Sighting = 'new' | 'retry' | 'repeat';

export interface RepeatStore {
  /** Claims each key for `ttlMs` on behalf of `notification` (unless someone holds it) and says what it was. */
  claim(keys: readonly string[], notification: string, ttlMs: number): Promise<Sighting[]>;
}

/** The identity of one notification: its group and the alerts it carries, in any order. */
export function notificationId(groupKey: string | undefined, alertKeys: readonly string[]): string {
  return createHash('sha256')
    .update(`${groupKey ?? ''}\n${[...alertKeys].sort().join('\n')}`)
    .digest('base64url')
    .slice(0, 22);
}

/** key → [notification, expiry epoch ms]; what a single process keeps in n8n's workflow static data */
export type RepeatState = Record<string, [string, number]>;

/** Most keys a process-local record keeps; the soonest to expire go first. */
const MAX_LOCAL_KEYS = 20_000;

export function localRepeatStore(state: RepeatState, now: () => number = Date.now): RepeatStore {
  return {
    claim(keys, notification, ttlMs) {
      const t = now();
      // expired entries go, and so does anything that is not an entry (static data edited or left by an older version)
      for (const [k, v] of Object.entries(state) as [string, unknown][])
        if (!Array.isArray(v) || typeof v[0] !== 'string' || !(Number(v[1]) > t)) delete state[k];
      const seen = keys.map((k): Sighting => {
        const held = state[k];
        if (held) return held[0] === notification ? 'retry' : 'repeat';
        state[k] = [notification, t + ttlMs];
        return 'new';
      });
      const extra = Object.keys(state).length - MAX_LOCAL_KEYS;
      if (extra > 0) {
        const oldest = Object.entries(state).sort(([, a], [, b]) => a[1] - b[1]);
        for (const [k] of oldest.slice(0, extra)) delete state[k];
      }
      return Promise.resolve(seen);
    },
  };
}

/** Claims made in this process, by scope (one trigger node of one workflow): what static data alone would miss. */
const memories = new Map<string, RepeatState>();

/**
 * One process's record for `scope`: its memory, seeded from and written back to `persisted` (the static data n8n
 * loaded for this execution and saves after it). The check and the claim happen in one synchronous step, so two
 * notifications handled at once by this process never both pass an alert.
 */
export function processRepeatStore(scope: string, persisted: RepeatState, now: () => number = Date.now): RepeatStore {
  return {
    claim(keys, notification, ttlMs) {
      let memory = memories.get(scope);
      if (!memory) memories.set(scope, (memory = {}));
      // claims persisted before a restart, or by an execution this memory did not see
      for (const [k, v] of Object.entries(persisted)) if (!(k in memory)) memory[k] = v;
      const seen = localRepeatStore(memory, now).claim(keys, notification, ttlMs);
      // the static data saved after this execution holds every live claim, not only this notification's
      for (const k of Object.keys(persisted)) if (!(k in memory)) delete persisted[k];
      Object.assign(persisted, memory);
      return seen;
    },
  };
}

/** Forgets the claims held in memory (tests: a process restart). */
export function forgetProcessRepeats(): void {
  memories.clear();
}

/** 1 = claimed now, 2 = held by this same notification, 0 = held by another one */
const CLAIM_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, ARGV[1], 'PX', ARGV[2], 'NX') then
    out[i] = 1
  elseif redis.call('GET', key) == ARGV[1] then
    out[i] = 2
  else
    out[i] = 0
  end
end
return out
`;

const clients = new Map<string, Redis>();

/** One connection per URL per process, kept for later executions (one per webhook would cost a handshake each). */
function clientFor(url: string): Redis {
  let client = clients.get(url);
  if (!client) {
    client = new Redis(url, {
      // a webhook must answer quickly: fail the command (→ 503, Alertmanager retries) rather than wait for Redis
      maxRetriesPerRequest: 1,
      connectTimeout: 3000,
    });
    // failures surface on the commands; an unhandled 'error' event would crash the process
    client.on('error', () => undefined);
    clients.set(url, client);
  }
  return client;
}

export function redisRepeatStore(url: string, prefix = 'kube-aiops:repeat:'): RepeatStore {
  const client = clientFor(url);
  return {
    async claim(keys, notification, ttlMs) {
      if (keys.length === 0) return [];
      const ttl = String(Math.max(1, Math.round(ttlMs)));
      const reply = (await client.eval(
        CLAIM_SCRIPT,
        keys.length,
        ...keys.map((k) => prefix + k),
        notification,
        ttl,
      )) as number[];
      return reply.map((r): Sighting => (r === 1 ? 'new' : r === 2 ? 'retry' : 'repeat'));
    },
  };
}

/** A window longer than this (a year) is taken as a year: Redis refuses an expiry it cannot add to its clock. */
const MAX_WINDOW_MS = 366 * 24 * 3600_000;

/**
 * The `selected` alerts of one notification (`result`) minus those already handled through another notification
 * within `windowMs`; claims the rest. A window of 0 (or anything not a positive number) turns the check off.
 */
export async function dropRepeats(
  store: RepeatStore,
  result: Pick<AlertParseResult, 'group' | 'alerts'>,
  selected: NormalizedAlert[],
  windowMs: number,
): Promise<NormalizedAlert[]> {
  if (!(windowMs > 0) || selected.length === 0) return selected;
  const notification = notificationId(
    result.group?.groupKey,
    result.alerts.map((a) => a.dedupeKey),
  );
  const seen = await store.claim(
    selected.map((a) => a.dedupeKey),
    notification,
    Math.min(windowMs, MAX_WINDOW_MS),
  );
  return selected.filter((_, i) => seen[i] !== 'repeat');
}

/**
 * Redis when a URL is configured (or in KUBE_AIOPS_REDIS_URL), with `prefix` before every key; else this process's
 * record for `prefix`, persisted in `state`.
 */
export function repeatStoreFor(
  configuredUrl: string | undefined,
  prefix: string,
  state: () => RepeatState,
): RepeatStore {
  const url = redisUrlFrom(configuredUrl);
  return url ? redisRepeatStore(url, prefix) : processRepeatStore(prefix, state());
}

/** The Redis URL to use: the one configured, else KUBE_AIOPS_REDIS_URL, else none (process-local state). */
export function redisUrlFrom(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return configured?.trim() || env.KUBE_AIOPS_REDIS_URL?.trim() || undefined;
}

/** Closes the connections this process opened (tests, CLI shutdown). */
export async function closeRepeatStores(): Promise<void> {
  const open = [...clients.values()];
  clients.clear();
  // a healthy connection says goodbye; a broken one only stops reconnecting
  await Promise.allSettled(open.map((c) => (c.status === 'ready' ? c.quit() : Promise.resolve(c.disconnect()))));
}
