/**
 * The repeat window's record: process-local (n8n static data) and Redis (a real redis-server on loopback), with the
 * same answers — new, retry (same notification again), repeat (another notification) — and Redis's claims atomic
 * across concurrent callers.
 */
import {
  closeRepeatStores,
  localRepeatStore,
  notificationId,
  redisRepeatStore,
  redisUrlFrom,
  type RepeatState,
} from '../../lib/alerts/repeat-store';
import { redisAvailable, REDIS_SERVER, startRedis, type RunningRedis } from '../helpers/redis';

describe('notificationId', () => {
  it('is the group and its alerts in any order', () => {
    expect(notificationId('g', ['a', 'b'])).toBe(notificationId('g', ['b', 'a']));
    expect(notificationId('g', ['a', 'b'])).not.toBe(notificationId('g', ['a', 'b', 'c']));
    expect(notificationId('g', ['a'])).not.toBe(notificationId('h', ['a']));
  });
});

describe('redisUrlFrom', () => {
  it('prefers the configured URL, then KUBE_AIOPS_REDIS_URL, else none', () => {
    expect(redisUrlFrom(' redis://a:6379 ', { KUBE_AIOPS_REDIS_URL: 'redis://b' })).toBe('redis://a:6379');
    expect(redisUrlFrom('', { KUBE_AIOPS_REDIS_URL: 'redis://b' })).toBe('redis://b');
    expect(redisUrlFrom(undefined, {})).toBeUndefined();
  });
});

describe('local store (one n8n process)', () => {
  it('new, then retry for the same notification, repeat for another; expires after the window', async () => {
    let t = 1000;
    const state: RepeatState = {};
    const store = localRepeatStore(state, () => t);
    expect(await store.claim(['k1', 'k2'], 'n1', 500)).toEqual(['new', 'new']);
    expect(await store.claim(['k1'], 'n1', 500)).toEqual(['retry']);
    expect(await store.claim(['k1', 'k3'], 'n2', 500)).toEqual(['repeat', 'new']);
    t += 501;
    expect(await store.claim(['k1'], 'n2', 500)).toEqual(['new']);
    expect(Object.keys(state).sort()).toEqual(['k1']);
  });
});

const describeRedis = redisAvailable ? describe : describe.skip;
if (!redisAvailable)
  console.warn(`[repeat-store] Redis part SKIPPED: ${REDIS_SERVER} not found (apt-get install redis-server)`);

describeRedis('Redis store (every process sees the same record)', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await closeRepeatStores();
    await redis?.stop();
  });

  it('answers like the local store', async () => {
    const store = redisRepeatStore(redis.url, 'test1:');
    expect(await store.claim(['k1', 'k2'], 'n1', 60_000)).toEqual(['new', 'new']);
    expect(await store.claim(['k1'], 'n1', 60_000)).toEqual(['retry']);
    expect(await store.claim(['k1', 'k3'], 'n2', 60_000)).toEqual(['repeat', 'new']);
  });

  it('expires keys after the window by itself (PX)', async () => {
    const store = redisRepeatStore(redis.url, 'test2:');
    expect(await store.claim(['k'], 'n1', 150)).toEqual(['new']);
    expect(await store.claim(['k'], 'n2', 150)).toEqual(['repeat']);
    await new Promise((r) => setTimeout(r, 300));
    expect(await store.claim(['k'], 'n2', 150)).toEqual(['new']);
  });

  it('exactly one of 50 concurrent claims from different notifications wins', async () => {
    // separate stores as separate processes would hold them; the connection is shared per URL, the claim is atomic
    const stores = Array.from({ length: 50 }, () => redisRepeatStore(redis.url, 'test3:'));
    const answers = await Promise.all(stores.map((s, i) => s.claim(['same-alert'], `n${i}`, 60_000)));
    expect(answers.flat().filter((a) => a === 'new')).toHaveLength(1);
    expect(answers.flat().filter((a) => a === 'repeat')).toHaveLength(49);
  });

  it('a claim fails (rather than passing everything) when Redis is gone', async () => {
    const other = await startRedis();
    const store = redisRepeatStore(other.url, 'test4:');
    expect(await store.claim(['k'], 'n', 1000)).toEqual(['new']);
    other.kill();
    await new Promise((r) => setTimeout(r, 200));
    await expect(store.claim(['k2'], 'n', 1000)).rejects.toThrow();
    await other.stop();
  }, 30_000);
});
