import { NotifyError, render, send, FEISHU_BODY_LIMIT_BYTES, TRUNCATION_MARKER } from '../../lib/notify';
import { startFakeFeishu, type FakeIm, type FeishuFailure } from '../fakes/im';
import { alertMessage, longReport, markdownIntegrity } from './messages';

const FAST = { budgetMs: 3000, baseDelayMs: 20, maxDelayMs: 100 };
const SECRET = 'feishu-secret-123';

type Card = {
  header: { template: string; title: { content: string } };
  elements?: { tag: string; content?: string }[];
  body?: { elements: { tag: string; content?: string }[] };
};
type Body = {
  msg_type: string;
  timestamp?: string;
  sign?: string;
  card?: Card;
  content?: { text?: string; post?: { zh_cn: { title: string } } };
};

describe('feishu channel against the loopback Feishu bot', () => {
  let fake: FakeIm<FeishuFailure>;
  beforeEach(async () => {
    fake = await startFakeFeishu({ secret: SECRET, keywords: ['告警'] });
  });
  afterEach(() => fake.close());

  const config = (format?: string) => ({
    webhook: fake.url,
    secret: SECRET,
    keywords: ['告警'],
    ...(format ? { format } : {}),
  });

  it.each(['card', 'card2', 'post', 'text'])('delivers format %s signed and with the keyword', async (format) => {
    const result = await send('feishu', config(format), alertMessage(), FAST);
    expect(result).toMatchObject({ ok: true, channel: 'feishu', format, attempts: 1, vendorCode: 0 });
    expect(fake.received).toHaveLength(1);
    const body = fake.received[0].body as Body;
    expect(body.timestamp).toMatch(/^\d{10}$/);
    expect(body.sign).toBeTruthy();
    expect(fake.received[0].raw).toContain('【告警】');
    expect(result.notes.join(' ')).toMatch(/keyword "告警"/);
  });

  it('colours the card header by severity, green once resolved', async () => {
    const colours: string[] = [];
    for (const [severity, status] of [
      ['critical', 'firing'],
      ['warning', 'firing'],
      ['info', 'firing'],
      ['critical', 'resolved'],
    ] as const) {
      await send('feishu', config('card'), alertMessage({ severity, status }), FAST);
      colours.push((fake.received.at(-1)?.body as Body).card?.header.template ?? '');
    }
    expect(colours).toEqual(['red', 'orange', 'blue', 'green']);
  });

  it('card 2.0 puts elements under body and is accepted by the strict 2.0 schema', async () => {
    await send(
      'feishu',
      config('card2'),
      alertMessage({ severity: 'warning', mentions: { userIds: ['ou_abc'] } }),
      FAST,
    );
    const card = (fake.received[0].body as Body).card as Card & { schema: string };
    expect(card.schema).toBe('2.0');
    expect(card.elements).toBeUndefined();
    expect(card.body?.elements.map((e) => e.content ?? '').join('\n')).toContain('<at id=ou_abc></at>');
  });

  it('a wrong secret is a clear, non-retried signature error', async () => {
    const err = await send('feishu', { ...config(), secret: 'wrong' }, alertMessage(), FAST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotifyError);
    expect(err).toMatchObject({ kind: 'vendor', vendorCode: 19021, attempts: 1 });
    expect((err as Error).message).toMatch(/signature check failed.*secret.*clock/);
    expect(fake.requests).toHaveLength(1);
  });

  it('a clock more than an hour off fails the signature check', async () => {
    const twoHoursAgo = () => Date.now() - 2 * 3600_000;
    const err = await send('feishu', config(), alertMessage(), { ...FAST, now: twoHoursAgo }).catch((e: unknown) => e);
    expect(err).toMatchObject({ vendorCode: 19021 });
    expect(fake.requests[0].reason).toBe('timestamp outside 1 hour');
  });

  it('without the keyword configured the bot answers 19024 and the error says what to set', async () => {
    const err = await send('feishu', { webhook: fake.url, secret: SECRET }, alertMessage(), FAST).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ vendorCode: 19024, kind: 'vendor' });
    expect((err as Error).message).toMatch(/keyword not found.*keywords/);
  });

  it('keeps a title that already has the keyword as it is', () => {
    const req = render('feishu', config('text'), alertMessage({ title: '告警: node down' }));
    expect((JSON.parse(req.body) as Body).content?.text).toContain('告警: node down');
    expect(req.body).not.toContain('【告警】');
  });

  it.each(['en', 'zh'] as const)(
    'truncates a 40 KB %s report to the 20 KB body limit and the bot accepts it',
    async (lang) => {
      const message = alertMessage({ markdown: longReport(40_000, lang) });
      const result = await send('feishu', config('card'), message, FAST);
      expect(result.truncated).toBe(true);
      expect(result.bytes).toBeLessThanOrEqual(FEISHU_BODY_LIMIT_BYTES);
      expect(result.bytes).toBeGreaterThan(FEISHU_BODY_LIMIT_BYTES - 1500);
      const md = (fake.received[0].body as Body).card?.elements?.[0].content ?? '';
      expect(md.endsWith(TRUNCATION_MARKER)).toBe(true);
      expect(markdownIntegrity(md)).toEqual({ loneSurrogate: false, openFence: false, brokenLink: false });
    },
  );

  it('an untruncated oversize body is refused by the fake with 9499', async () => {
    const res = await fetch(fake.url, {
      method: 'POST',
      body: JSON.stringify({ msg_type: 'text', content: { text: 'x'.repeat(21_000) } }),
    });
    expect(await res.json()).toMatchObject({ code: 9499 });
  });

  it('rate limit 11232 is retried, then delivered', async () => {
    fake.failNext(2, 'rateLimit');
    const result = await send('feishu', config(), alertMessage(), FAST);
    expect(result.attempts).toBe(3);
    expect(result.history.map((a) => a.vendorCode)).toEqual([11232, 11232, 0]);
    expect(result.history[0].waitMs).toBeGreaterThan(0);
    expect(fake.received).toHaveLength(1);
  });

  it('when the budget runs out the error lists every attempt', async () => {
    fake.failNext(50, 'rateLimit');
    const err = await send('feishu', config(), alertMessage(), {
      budgetMs: 1500,
      baseDelayMs: 40,
      maxDelayMs: 80,
      maxAttempts: 100,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotifyError);
    const e = err as NotifyError;
    expect(e.kind).toBe('exhausted');
    expect(e.attempts).toBeGreaterThan(1);
    expect(e.attempts).toBe(fake.requests.length);
    expect(e.message).toMatch(
      /gave up after \d+ attempts in \d+ ms: the next wait of \d+ ms would pass the 1500 ms budget/,
    );
    expect(e.history[0].detail).toMatch(/^Feishu code 11232 \(rate limited\)/);
    for (const a of e.history) expect(e.message).toContain(`#${a.attempt} ${a.detail}`);
    expect(fake.received).toHaveLength(0);
  });

  it('notes that @mobile is impossible on Feishu instead of dropping it silently', () => {
    const req = render('feishu', config('text'), alertMessage({ mentions: { all: true, mobiles: ['13800001111'] } }));
    expect(req.notes.join(' ')).toMatch(/only @ by open_id: 1 mobile/);
    expect(req.body).toContain('<at user_id=\\"all\\">所有人</at>');
  });
});
