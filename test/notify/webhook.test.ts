import { NotifyError, send } from '../../lib/notify';
import { startFakeGeneric, type FakeIm, type GenericFailure } from '../fakes/im';
import { alertMessage } from './messages';

const FAST = { budgetMs: 3000, baseDelayMs: 20, maxDelayMs: 100 };

describe('generic JSON webhook against the loopback receiver', () => {
  let fake: FakeIm<GenericFailure>;
  afterEach(() => fake.close());

  it('posts the neutral message, signed with the secret and with the extra headers', async () => {
    fake = await startFakeGeneric({ secret: 's3cret', requireHeader: { name: 'Authorization', value: 'Bearer t' } });
    const message = alertMessage();
    await send(
      'webhook',
      { webhook: fake.url, secret: 's3cret', headers: { Authorization: 'Bearer t' } },
      message,
      FAST,
    );
    expect(fake.received[0].body).toMatchObject({ ...message, sentAt: expect.any(String) });
  });

  it('a wrong secret is refused with 401 and not retried', async () => {
    fake = await startFakeGeneric({ secret: 's3cret' });
    const err = (await send('webhook', { webhook: fake.url, secret: 'other' }, alertMessage(), FAST).catch(
      (e: unknown) => e,
    )) as NotifyError;
    expect(err).toMatchObject({ kind: 'http', httpStatus: 401, attempts: 1 });
  });

  it('network errors and 5xx are retried', async () => {
    fake = await startFakeGeneric();
    fake.failNext(1, 'disconnect');
    fake.failNext(1, 'server');
    const result = await send('webhook', { webhook: fake.url }, alertMessage(), FAST);
    expect(result.history.map((a) => a.outcome)).toEqual(['retry', 'retry', 'ok']);
    expect(result.history[0].detail).toMatch(/network error/);
  });

  it('an attempt that hangs times out and the next one delivers', async () => {
    fake = await startFakeGeneric();
    fake.failNext(1, 'hang', { delayMs: 5000 });
    const result = await send('webhook', { webhook: fake.url }, alertMessage(), { ...FAST, attemptTimeoutMs: 200 });
    expect(result.attempts).toBe(2);
    expect(result.history[0].detail).toMatch(/no answer from webhook within 200 ms \(attempt timeout\)/);
  });

  it('a connection refused until the budget ends is one error describing every attempt', async () => {
    fake = await startFakeGeneric();
    const url = fake.url;
    await fake.close();
    const err = (await send('webhook', { webhook: url }, alertMessage(), { budgetMs: 250, baseDelayMs: 30 }).catch(
      (e: unknown) => e,
    )) as NotifyError;
    expect(err.kind).toBe('exhausted');
    expect(err.message).toMatch(/#1 network error: fetch failed \(ECONNREFUSED\)/);
    fake = await startFakeGeneric();
  });
});
