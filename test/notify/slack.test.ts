import { NotifyError, render, send, SLACK_LIMITS, TRUNCATION_MARKER } from '../../lib/notify';
import { startFakeSlack, type FakeIm, type SlackFailure } from '../fakes/im';
import { alertMessage, longReport } from './messages';

const FAST = { budgetMs: 3000, baseDelayMs: 20, maxDelayMs: 100 };

type Block = {
  type: string;
  text?: { type: string; text: string };
  fields?: { text: string }[];
  elements?: { text: string }[];
};
type Body = { text: string; blocks?: Block[] };

describe('slack channel against the loopback Slack webhook', () => {
  let fake: FakeIm<SlackFailure>;
  beforeEach(async () => {
    fake = await startFakeSlack();
  });
  afterEach(() => fake.close());

  it('delivers header, mrkdwn section, fields, links and context with fallback text', async () => {
    const result = await send(
      'slack',
      { webhook: fake.url },
      alertMessage({ mentions: { userIds: ['U123'], all: true } }),
      FAST,
    );
    expect(result).toMatchObject({ ok: true, attempts: 1, response: 'ok' });
    const body = fake.received[0].body as Body;
    expect(body.text).toBe('<!channel> <@U123> 🔴 [FIRING] KubePodCrashLooping shop/api-7d9f');
    expect(body.blocks?.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'section', 'context']);
    const section = body.blocks?.[2].text?.text ?? '';
    expect(section).toContain('*Pod* `shop/api-7d9f`');
    expect(section).toContain(
      '<https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping/|runbook>',
    );
    expect(body.blocks?.[3].fields?.map((f) => f.text)).toEqual(['*namespace*\nshop', '*pod*\napi-7d9f']);
  });

  it('escapes &, < and > in text so Slack does not read them as markup', () => {
    const req = render(
      'slack',
      { webhook: 'https://hooks.slack.com/services/T/B/x' },
      alertMessage({ markdown: 'a < b && c > d' }),
    );
    expect(req.body).toContain('a &lt; b &amp;&amp; c &gt; d');
  });

  it('splits a 20 KB report over sections of at most 3000 characters', async () => {
    const result = await send('slack', { webhook: fake.url }, alertMessage({ markdown: longReport(20_000) }), FAST);
    expect(result.truncated).toBe(false);
    const sections = (fake.received[0].body as Body).blocks?.filter((b) => b.type === 'section' && b.text) ?? [];
    expect(sections.length).toBeGreaterThan(6);
    for (const s of sections) expect(s.text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  });

  it('a 300 KB report is cut to 50 blocks, the last section carrying the marker', async () => {
    const result = await send('slack', { webhook: fake.url }, alertMessage({ markdown: longReport(300_000) }), FAST);
    expect(result.truncated).toBe(true);
    const blocks = (fake.received[0].body as Body).blocks ?? [];
    expect(blocks).toHaveLength(SLACK_LIMITS.blocks);
    const bodySections = blocks.filter(
      (b) => b.type === 'section' && b.text && !b.text.text.startsWith('<http://alertmanager'),
    );
    expect(bodySections.at(-1)?.text?.text.endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  it('429 with Retry-After is waited out and then delivered', async () => {
    fake.failNext(1, 'rateLimit', { retryAfter: '0' });
    const result = await send('slack', { webhook: fake.url }, alertMessage(), FAST);
    expect(result.history.map((a) => a.httpStatus)).toEqual([429, 200]);
    expect(result.history[0].waitMs).toBe(0);
  });

  it('a Retry-After longer than the budget gives up at once and says so', async () => {
    fake.failNext(1, 'rateLimit', { retryAfter: '120' });
    const started = Date.now();
    const err = (await send('slack', { webhook: fake.url }, alertMessage(), { budgetMs: 2000 }).catch(
      (e: unknown) => e,
    )) as NotifyError;
    expect(Date.now() - started).toBeLessThan(1500);
    expect(err.kind).toBe('exhausted');
    expect(err.message).toMatch(/next wait of 120000 ms would pass the 2000 ms budget/);
  });

  it.each([
    ['invalidToken', 403, /invalid_token \(the webhook URL is wrong or was revoked\)/],
    ['archived', 410, /channel_is_archived/],
  ] as const)('%s (HTTP %i) is a clear error and not retried', async (kind, status, text) => {
    fake.failNext(1, kind);
    const err = (await send('slack', { webhook: fake.url }, alertMessage(), FAST).catch(
      (e: unknown) => e,
    )) as NotifyError;
    expect(err.httpStatus).toBe(status);
    expect(err.attempts).toBe(1);
    expect(err.message).toMatch(text);
  });

  it('the fake refuses a section over 3000 characters with invalid_blocks', async () => {
    const res = await fetch(fake.url, {
      method: 'POST',
      body: JSON.stringify({
        text: 'x',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }],
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('invalid_blocks');
  });
});
