import { createHmac } from 'node:crypto';
import { NotifyError, render, send, DINGTALK_BODY_LIMIT_BYTES, TRUNCATION_MARKER } from '../../lib/notify';
import { startFakeDingtalk, type DingtalkFailure, type FakeIm } from '../fakes/im';
import { alertMessage, longReport, markdownIntegrity } from './messages';

const FAST = { budgetMs: 3000, baseDelayMs: 20, maxDelayMs: 100 };
const SECRET = 'SECf0e1d2c3b4a5968778695a4b3c2d1e0f';

type Body = {
  msgtype: string;
  text?: { content: string };
  markdown?: { title: string; text: string };
  actionCard?: { title: string; text: string; btns?: { title: string; actionURL: string }[]; singleURL?: string };
  at?: { atMobiles: string[]; atUserIds: string[]; isAtAll: boolean };
};

describe('dingtalk channel against the loopback DingTalk robot', () => {
  let fake: FakeIm<DingtalkFailure>;
  beforeEach(async () => {
    fake = await startFakeDingtalk({ secret: SECRET, keywords: ['告警'] });
  });
  afterEach(() => fake.close());

  const config = (format?: string) => ({
    webhook: fake.url,
    secret: SECRET,
    keywords: ['告警'],
    ...(format ? { format } : {}),
  });

  it.each(['markdown', 'actionCard', 'text'])(
    'delivers format %s with a signed URL and the keyword',
    async (format) => {
      const result = await send('dingtalk', config(format), alertMessage(), FAST);
      expect(result).toMatchObject({ ok: true, attempts: 1, vendorCode: 0 });
      expect(fake.received[0].query.timestamp).toMatch(/^\d{13}$/);
      expect(fake.received[0].raw).toContain('告警');
    },
  );

  it('signs as documented: urlEncode(base64(HMAC-SHA256(secret, timestamp + "\\n" + secret)))', () => {
    const now = 1_700_000_000_123;
    const req = render('dingtalk', config(), alertMessage(), { now: () => now });
    const expected = encodeURIComponent(createHmac('sha256', SECRET).update(`${now}\n${SECRET}`).digest('base64'));
    expect(req.url).toContain(`&timestamp=${now}&sign=${expected}`);
  });

  it('a wrong secret is errcode 310000 read as a signature failure, not retried', async () => {
    const err = await send('dingtalk', { ...config(), secret: 'SECwrong' }, alertMessage(), FAST).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NotifyError);
    expect(err).toMatchObject({ vendorCode: 310000, attempts: 1 });
    expect((err as Error).message).toMatch(/signature check failed.*加签 secret/);
  });

  it('a timestamp over an hour old is refused', async () => {
    const err = await send('dingtalk', config(), alertMessage(), { ...FAST, now: () => Date.now() - 3700_000 }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/310000 \(signature check failed\) "invalid timestamp/);
  });

  it('a missing keyword is errcode 310000 read as a keyword failure', async () => {
    const err = await send('dingtalk', { webhook: fake.url, secret: SECRET }, alertMessage(), FAST).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/keyword not in content.*keywords/);
  });

  it('@s mobiles and user ids in the at object and in the text, and @all', async () => {
    await send(
      'dingtalk',
      config(),
      alertMessage({ mentions: { mobiles: ['15600008827'], userIds: ['user123'], all: true } }),
      FAST,
    );
    const body = fake.received[0].body as Body;
    expect(body.at).toEqual({ atMobiles: ['15600008827'], atUserIds: ['user123'], isAtAll: true });
    expect(body.markdown?.text).toMatch(/@15600008827 @user123$/);
  });

  it('actionCard turns links into buttons', async () => {
    await send('dingtalk', config('actionCard'), alertMessage(), FAST);
    expect((fake.received[0].body as Body).actionCard?.btns).toEqual([
      { title: 'Alertmanager', actionURL: 'http://alertmanager:9093/#/alerts' },
      { title: 'Grafana', actionURL: 'http://grafana/d/pods' },
    ]);
  });

  it('truncates a 40 KB Chinese report to the 20000-byte limit and the robot accepts it', async () => {
    const result = await send('dingtalk', config(), alertMessage({ markdown: longReport(40_000, 'zh') }), FAST);
    expect(result.truncated).toBe(true);
    expect(result.bytes).toBeLessThanOrEqual(DINGTALK_BODY_LIMIT_BYTES);
    const text = (fake.received[0].body as Body).markdown?.text ?? '';
    expect(text).toContain(TRUNCATION_MARKER);
    expect(markdownIntegrity(text)).toEqual({ loneSurrogate: false, openFence: false, brokenLink: false });
  });

  it('130101 (too fast) is retried and then delivered; the budget bounds it otherwise', async () => {
    fake.failNext(1, 'rateLimit');
    expect((await send('dingtalk', config(), alertMessage(), FAST)).history.map((a) => a.vendorCode)).toEqual([
      130101, 0,
    ]);
    fake.failNext(20, 'rateLimit');
    const err = (await send('dingtalk', config(), alertMessage(), { budgetMs: 200, baseDelayMs: 30 }).catch(
      (e: unknown) => e,
    )) as NotifyError;
    expect(err.kind).toBe('exhausted');
    expect(err.history.every((a) => a.vendorCode === 130101)).toBe(true);
    expect(err.message).toMatch(/gave up after \d+ attempts?.*#1 DingTalk errcode 130101 \(sending too fast\)/);
  });

  it('an IP whitelist failure is explained', async () => {
    fake.failNext(1, 'ipNotAllowed');
    const err = await send('dingtalk', config(), alertMessage(), FAST).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/IP not in whitelist/);
  });

  it('HTTP 500 and a dropped connection are retried, then delivered', async () => {
    fake.failNext(1, 'server');
    fake.failNext(1, 'disconnect');
    const result = await send('dingtalk', config(), alertMessage(), FAST);
    expect(result.history.map((a) => a.outcome)).toEqual(['retry', 'retry', 'ok']);
    expect(result.history[0].httpStatus).toBe(500);
    expect(fake.received).toHaveLength(1);
  });
});
