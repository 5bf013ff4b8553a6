import { NotifyError, render, send, TRUNCATION_MARKER } from '../../lib/notify';
import { startFakeWecom, WECOM_LIMITS, type FakeIm, type WecomFailure } from '../fakes/im';
import { alertMessage, longReport, markdownIntegrity } from './messages';

const FAST = { budgetMs: 3000, baseDelayMs: 20, maxDelayMs: 100 };
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

type Body = {
  msgtype: string;
  text?: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] };
  markdown?: { content: string };
  markdown_v2?: { content: string };
  template_card?: {
    card_type: string;
    source: { desc_color: number };
    horizontal_content_list: unknown[];
    jump_list: unknown[];
    card_action: { url: string };
  };
};

describe('wecom channel against the loopback WeCom robot', () => {
  let fake: FakeIm<WecomFailure>;
  beforeEach(async () => {
    fake = await startFakeWecom();
  });
  afterEach(() => fake.close());

  it.each(['markdown', 'markdown_v2', 'text', 'template_card'])('delivers format %s', async (format) => {
    const result = await send('wecom', { webhook: fake.url, format }, alertMessage(), FAST);
    expect(result).toMatchObject({ ok: true, attempts: 1, vendorCode: 0, format });
    expect((fake.received[0].body as Body).msgtype).toBe(format);
  });

  it('markdown colours the title and @s users with <@userid>, noting what it cannot @', async () => {
    const result = await send(
      'wecom',
      { webhook: fake.url },
      alertMessage({ mentions: { userIds: ['zhangsan'], all: true } }),
      FAST,
    );
    const content = (fake.received[0].body as Body).markdown?.content ?? '';
    expect(content).toMatch(/^## <font color="warning">🔴 \[FIRING\]/);
    expect(content).toContain('<@zhangsan>');
    expect(result.notes.join(' ')).toMatch(/@all .*not mentioned/);
  });

  it('text carries mentioned_list (with @all) and mentioned_mobile_list', async () => {
    await send(
      'wecom',
      { webhook: fake.url, format: 'text' },
      alertMessage({ mentions: { all: true, userIds: ['lisi'], mobiles: ['13800001111'] } }),
      FAST,
    );
    const text = (fake.received[0].body as Body).text;
    expect(text?.mentioned_list).toEqual(['lisi', '@all']);
    expect(text?.mentioned_mobile_list).toEqual(['13800001111']);
  });

  it('markdown_v2 renders fields as a table', () => {
    const req = render(
      'wecom',
      { webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', format: 'markdown_v2' },
      alertMessage({ fields: [{ label: 'a|b', value: 'x' }] }),
    );
    expect((JSON.parse(req.body) as Body).markdown_v2?.content).toContain('| **a\\|b** | x |');
  });

  it('template_card keeps to 6 fields and 3 jumps and notes the rest', async () => {
    const fields = Array.from({ length: 8 }, (_, i) => ({ label: `k${i}`, value: `v${i}` }));
    const links = Array.from({ length: 5 }, (_, i) => ({ text: `l${i}`, url: `http://x/${i}` }));
    const result = await send(
      'wecom',
      { webhook: fake.url, format: 'template_card' },
      alertMessage({ fields, links, severity: 'warning', status: 'resolved' }),
      FAST,
    );
    const card = (fake.received[0].body as Body).template_card;
    expect(card?.horizontal_content_list).toHaveLength(6);
    expect(card?.jump_list).toHaveLength(3);
    expect(card?.source.desc_color).toBe(3);
    expect(result.notes.join(' ')).toMatch(/2 dropped.*2 dropped/);
  });

  it('template_card without a link is refused before any request', async () => {
    const err = await send(
      'wecom',
      { webhook: fake.url, format: 'template_card' },
      alertMessage({ links: [] }),
      FAST,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'config' });
    expect((err as Error).message).toMatch(/card_action/);
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ['markdown', 'en'],
    ['markdown', 'zh'],
    ['markdown_v2', 'zh'],
    ['text', 'zh'],
  ] as const)('truncates a 20 KB %s %s report to the byte limit at a safe boundary', async (format, lang) => {
    const result = await send(
      'wecom',
      { webhook: fake.url, format },
      alertMessage({ markdown: longReport(20_000, lang) }),
      FAST,
    );
    expect(result.truncated).toBe(true);
    const body = fake.received[0].body as Body;
    const content = body.text?.content ?? body.markdown?.content ?? body.markdown_v2?.content ?? '';
    const limit = WECOM_LIMITS[format];
    expect(bytes(content)).toBeLessThanOrEqual(limit);
    expect(bytes(content)).toBeGreaterThan(limit - 400);
    expect(content).toContain(TRUNCATION_MARKER);
    expect(markdownIntegrity(content).loneSurrogate).toBe(false);
    if (format !== 'text')
      expect(markdownIntegrity(content)).toEqual({ loneSurrogate: false, openFence: false, brokenLink: false });
  });

  it('Chinese text right at the 4096-byte boundary is cut between characters', async () => {
    // 1 byte of ASCII shifts every 3-byte character off the boundary
    const markdown = `x${'告警内容'.repeat(1200)}`;
    await send(
      'wecom',
      { webhook: fake.url },
      alertMessage({ markdown, fields: [], links: [], footer: undefined }),
      FAST,
    );
    const content = (fake.received[0].body as Body).markdown?.content ?? '';
    expect(bytes(content)).toBeLessThanOrEqual(4096);
    expect(content).not.toContain('\uFFFD');
    expect(content).toMatch(/[告警内容]\n…\(truncated\)$/);
  });

  it('the fake answers 40058 for markdown over 4096 bytes, as the real robot does', async () => {
    const res = await fetch(fake.url, {
      method: 'POST',
      body: JSON.stringify({ msgtype: 'markdown', markdown: { content: '告'.repeat(1400) } }),
    });
    const body = (await res.json()) as { errcode: number; errmsg: string };
    expect(body.errcode).toBe(40058);
    expect(body.errmsg).toMatch(/^markdown.content exceed max length 4096/);
  });

  it('a wrong key is errcode 93000 with what to check, not retried', async () => {
    const err = await send(
      'wecom',
      { webhook: fake.url.replace(/key=[^&]+/, 'key=wrong') },
      alertMessage(),
      FAST,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotifyError);
    expect(err).toMatchObject({ vendorCode: 93000, attempts: 1 });
    expect((err as Error).message).toMatch(/invalid webhook URL.*removed from the group/);
  });

  it('45009 (frequency limit) is retried and then delivered', async () => {
    fake.failNext(2, 'rateLimit');
    const result = await send('wecom', { webhook: fake.url }, alertMessage(), FAST);
    expect(result.history.map((a) => a.vendorCode)).toEqual([45009, 45009, 0]);
    expect(fake.received).toHaveLength(1);
  });

  it('system busy (-1) is retried; content too long (45002) is not', async () => {
    fake.failNext(1, 'busy');
    expect((await send('wecom', { webhook: fake.url }, alertMessage(), FAST)).attempts).toBe(2);
    fake.failNext(1, 'tooLong');
    const err = await send('wecom', { webhook: fake.url }, alertMessage(), FAST).catch((e: unknown) => e);
    expect(err).toMatchObject({ vendorCode: 45002, attempts: 1 });
  });

  it('a real per-window rate limit is waited out within the budget', async () => {
    await fake.close();
    fake = await startFakeWecom({ rateLimit: { max: 2, windowMs: 400 } });
    const results = [];
    for (let i = 0; i < 3; i += 1)
      results.push(
        await send('wecom', { webhook: fake.url }, alertMessage({ title: `alert ${i}` }), {
          budgetMs: 5000,
          baseDelayMs: 150,
          maxDelayMs: 400,
        }),
      );
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(results[2].attempts).toBeGreaterThan(1);
    expect(fake.received.map((r) => (r.body as Body).markdown?.content.includes(`alert 2`))).toEqual([
      false,
      false,
      true,
    ]);
  });
});
