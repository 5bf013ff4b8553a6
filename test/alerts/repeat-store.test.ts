/**
 * The repeat window's record: process-local (n8n static data) and Redis (a real redis-server on loopback), with the
 * same answers — new, retry (same notification again), repeat (another notification) — and Redis's claims atomic
 * across concurrent callers.
 */
import { parseAlertPayload } from '../../lib/alerts';
import {
  closeRepeatStores,
  dropRepeats,
  forgetProcessRepeats,
  localRepeatStore,
  processRepeatStore,
  notificationId,
  redisRepeatStore,
  redisUrlFrom,
  type RepeatState,
} from '../../lib/alerts/repeat-store';
import { fixture } from '../alerts/fixture';
import { describeIfInstalled } from '../helpers/installed';
import { REDIS_SERVER, startRedis, type RunningRedis } from '../helpers/redis';

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

describe('local store: state it did not write', () => {
  it('drops entries that are not [notification, expiry] instead of failing on them', async () => {
    const state = { bad: 'x', worse: null, half: ['n1'], ok: ['n1', 10_000] } as unknown as RepeatState;
    const store = localRepeatStore(state, () => 1000);
    expect(await store.claim(['bad', 'ok'], 'n2', 500)).toEqual(['new', 'repeat']);
    expect(Object.keys(state).sort()).toEqual(['bad', 'ok']);
  });
});

describe('process store (one n8n process, static data loaded and saved per execution)', () => {
  // n8n hands every execution its own copy of the static data as last saved, and saves that copy when it ends
  let saved: RepeatState = {};
  const load = (): RepeatState => JSON.parse(JSON.stringify(saved)) as RepeatState;
  afterEach(() => {
    forgetProcessRepeats();
    saved = {};
  });

  it('two notifications handled at once: the static data alone passes the alert twice, the process once', async () => {
    const [a, b] = [load(), load()];
    expect(await localRepeatStore(a).claim(['k1'], 'n1', 60_000)).toEqual(['new']);
    expect(await localRepeatStore(b).claim(['k1'], 'n2', 60_000)).toEqual(['new']);

    const [c, d] = [load(), load()];
    expect(await processRepeatStore('wf1:Alertmanager', c).claim(['k1'], 'n1', 60_000)).toEqual(['new']);
    expect(await processRepeatStore('wf1:Alertmanager', d).claim(['k1'], 'n2', 60_000)).toEqual(['repeat']);
    // another trigger node (or workflow) keeps its own record
    expect(await processRepeatStore('wf2:Alertmanager', load()).claim(['k1'], 'n2', 60_000)).toEqual(['new']);
  });

  it('the copy saved last holds the claims made before it, and a restarted process reads them', async () => {
    const [first, second] = [load(), load()];
    await processRepeatStore('wf1:Alertmanager', first).claim(['k1'], 'n1', 60_000);
    await processRepeatStore('wf1:Alertmanager', second).claim(['k2'], 'n2', 60_000);
    saved = first;
    saved = second; // loaded before k1 was claimed, yet it carries k1
    expect(Object.keys(saved).sort()).toEqual(['k1', 'k2']);
    forgetProcessRepeats();
    const after = processRepeatStore('wf1:Alertmanager', load());
    expect(await after.claim(['k1', 'k2', 'k3'], 'n3', 60_000)).toEqual(['repeat', 'repeat', 'new']);
    // the same notification again after the restart is still Alertmanager's retry
    expect(await processRepeatStore('wf1:Alertmanager', load()).claim(['k1'], 'n1', 60_000)).toEqual(['retry']);
  });

  it('expired claims leave memory and static data alike', async () => {
    let t = 1000;
    const data = load();
    await processRepeatStore('wf1:Alertmanager', data, () => t).claim(['k1'], 'n1', 500);
    t += 501;
    const later = load();
    Object.assign(later, data);
    expect(await processRepeatStore('wf1:Alertmanager', later, () => t).claim(['k2'], 'n2', 500)).toEqual(['new']);
    expect(Object.keys(later)).toEqual(['k2']);
  });
});

describe('dropRepeats', () => {
  const parsed = () => {
    const r = parseAlertPayload(fixture('alertmanager-firing'));
    return { result: r, alerts: r.alerts };
  };

  it('passes a retry of the same notification and drops its alerts from another one', async () => {
    const store = localRepeatStore({});
    const { result, alerts } = parsed();
    expect(await dropRepeats(store, result, alerts, 60_000)).toHaveLength(alerts.length);
    expect(await dropRepeats(store, result, alerts, 60_000)).toHaveLength(alerts.length);
    const other = { ...result, group: { ...result.group, groupKey: 'another' } } as typeof result;
    expect(await dropRepeats(store, other, alerts, 60_000)).toEqual([]);
  });

  it('is off for a window that is not a positive number, and takes an endless one as a year', async () => {
    const claims: number[] = [];
    const store = {
      claim: (keys: readonly string[], _n: string, ttl: number) => {
        claims.push(ttl);
        return Promise.resolve(keys.map(() => 'new' as const));
      },
    };
    const { result, alerts } = parsed();
    for (const w of [0, -1, Number.NaN]) expect(await dropRepeats(store, result, alerts, w)).toBe(alerts);
    await dropRepeats(store, result, alerts, Number.POSITIVE_INFINITY);
    expect(claims).toEqual([366 * 24 * 3600_000]);
  });
});

const describeRedis = describeIfInstalled(REDIS_SERVER, 'redis-server', 'repeat-store');

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
