import { CHANNEL_NAMES, send } from '../../lib/notify';
import { startFakeIm } from '../fakes/im';
import { alertMessage } from './messages';

describe('fake IM receivers', () => {
  it.each(CHANNEL_NAMES)(
    '%s: startFakeIm gives a receiver lib/notify delivers to, and reset() clears it',
    async (channel) => {
      const fake = await startFakeIm(channel, { secret: 'SECshared', keywords: ['告警'] });
      try {
        const result = await send(
          channel,
          { webhook: fake.url, secret: 'SECshared', keywords: ['告警'] },
          alertMessage(),
          { budgetMs: 2000 },
        );
        expect(result.ok).toBe(true);
        expect(fake.received).toHaveLength(1);
        expect(fake.received[0]).toMatchObject({ vendor: channel, accepted: true, method: 'POST' });
        fake.reset();
        expect(fake.requests).toHaveLength(0);
      } finally {
        await fake.close();
      }
    },
  );

  it('records refused requests in requests but not in received', async () => {
    const fake = await startFakeIm('feishu', { secret: 'right' });
    try {
      await send('feishu', { webhook: fake.url, secret: 'wrong' }, alertMessage(), { budgetMs: 500 }).catch(
        () => undefined,
      );
      expect(fake.received).toHaveLength(0);
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]).toMatchObject({ accepted: false, reason: 'sign mismatch' });
    } finally {
      await fake.close();
    }
  });
});
