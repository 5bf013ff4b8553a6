import { NotifyError, send, TEAMS_BODY_LIMIT_BYTES, TRUNCATION_MARKER } from '../../lib/notify';
import { startFakeTeams, type FakeIm, type TeamsFailure } from '../fakes/im';
import { alertMessage, longReport, markdownIntegrity } from './messages';

const FAST = { budgetMs: 3000, baseDelayMs: 20, maxDelayMs: 100 };

type Card = {
  version: string;
  body: { type: string; style?: string; text?: string; items?: { text: string }[]; facts?: unknown[] }[];
  actions?: { type: string; url: string }[];
  msteams: { entities?: { text: string; mentioned: { id: string } }[] };
};
type Body = { type: string; attachments: { contentType: string; content: Card }[] };

describe('teams channel against the loopback Workflows webhook', () => {
  let fake: FakeIm<TeamsFailure>;
  beforeEach(async () => {
    fake = await startFakeTeams();
  });
  afterEach(() => fake.close());

  it('delivers an Adaptive Card with severity style, facts, actions and mention entities', async () => {
    const result = await send(
      'teams',
      { webhook: fake.url },
      alertMessage({ severity: 'warning', mentions: { userIds: ['ops@contoso.com'] } }),
      FAST,
    );
    expect(result).toMatchObject({ ok: true, attempts: 1 });
    expect(result.history[0].httpStatus).toBe(202);
    const card = (fake.received[0].body as Body).attachments[0].content;
    expect(card.version).toBe('1.4');
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'warning' });
    expect(card.body.find((b) => b.type === 'FactSet')?.facts).toHaveLength(2);
    expect(card.actions?.map((a) => a.type)).toEqual(['Action.OpenUrl', 'Action.OpenUrl']);
    expect(card.msteams.entities?.[0]).toMatchObject({
      text: '<at>ops@contoso.com</at>',
      mentioned: { id: 'ops@contoso.com' },
    });
  });

  it('uses Adaptive Card 1.5 when asked', async () => {
    await send('teams', { webhook: fake.url, cardVersion: '1.5' }, alertMessage(), FAST);
    expect((fake.received[0].body as Body).attachments[0].content.version).toBe('1.5');
  });

  it('truncates a 60 KB report to the 28 KB message limit', async () => {
    const result = await send(
      'teams',
      { webhook: fake.url },
      alertMessage({ markdown: longReport(60_000, 'zh') }),
      FAST,
    );
    expect(result.truncated).toBe(true);
    expect(result.bytes).toBeLessThanOrEqual(TEAMS_BODY_LIMIT_BYTES);
    const text = (fake.received[0].body as Body).attachments[0].content.body[1].text ?? '';
    expect(text.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(markdownIntegrity(text).openFence).toBe(false);
  });

  it('429 and 5xx are retried, then delivered', async () => {
    fake.failNext(1, 'rateLimit', { retryAfter: '0' });
    fake.failNext(1, 'server');
    const result = await send('teams', { webhook: fake.url }, alertMessage(), FAST);
    expect(result.history.map((a) => a.httpStatus)).toEqual([429, 500, 202]);
  });

  it('413 is a clear error, not retried', async () => {
    fake.failNext(1, 'tooLarge');
    const err = (await send('teams', { webhook: fake.url }, alertMessage(), FAST).catch(
      (e: unknown) => e,
    )) as NotifyError;
    expect(err).toBeInstanceOf(NotifyError);
    expect(err.attempts).toBe(1);
    expect(err.message).toMatch(/413 \(message too large\).*28 KB/);
  });

  it('a wrong sig is HTTP 401, not retried', async () => {
    const err = (await send(
      'teams',
      { webhook: fake.url.replace(/sig=[^&]+/, 'sig=nope') },
      alertMessage(),
      FAST,
    ).catch((e: unknown) => e)) as NotifyError;
    expect(err.httpStatus).toBe(401);
    expect(err.message).toMatch(/HTTP 401 .*DirectApiAuthorizationRequired/);
    expect(fake.requests).toHaveLength(1);
  });
});
