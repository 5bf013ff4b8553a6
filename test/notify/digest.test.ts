import {
  CHANNEL_FORMATS,
  CHANNEL_NAMES,
  digest,
  render,
  send,
  type NotifyMessage,
  type NotifySeverity,
} from '../../lib/notify';
import { startFakeWecom } from '../fakes/im';
import { alertMessage } from './messages';

const SEVERITIES: NotifySeverity[] = ['warning', 'critical', 'info', 'resolved'];

function many(n: number): NotifyMessage[] {
  return Array.from({ length: n }, (_, i) =>
    alertMessage({
      title: `[FIRING] Alert${i} 命名空间/pod-${i}`,
      severity: SEVERITIES[i % 4] === 'resolved' ? 'warning' : SEVERITIES[i % 4],
      status: SEVERITIES[i % 4] === 'resolved' ? 'resolved' : 'firing',
      markdown: `Pod pod-${i} 重启了 ${i} 次。\n\nmore detail that the digest leaves out`,
      links: [
        { text: 'Silence', url: `http://am/#/silences/new?i=${i}` },
        { text: 'Runbook', url: 'http://runbooks/x' },
      ],
      mentions: { userIds: [`user${i % 3}`] },
    }),
  );
}

function shownAndMore(markdown: string): { shown: number; more: number } {
  const shown = (markdown.match(/^\*\*/gm) ?? []).length;
  const more = Number(/…\+(\d+) more/.exec(markdown)?.[1] ?? 0);
  return { shown, more };
}

describe('digest', () => {
  it('puts 60 alerts into one WeCom markdown message the robot accepts, most severe first, "+N more" for the rest', async () => {
    const fake = await startFakeWecom();
    try {
      const message = digest(many(60), { channel: 'wecom' });
      const result = await send('wecom', { webhook: fake.url }, message, { budgetMs: 2000 });
      expect(result.truncated).toBe(false);
      expect(result.bytes).toBeLessThan(4096 + 200);
      const { shown, more } = shownAndMore(message.markdown);
      expect(shown).toBeGreaterThan(3);
      expect(shown + more).toBe(60);
      expect(message.title).toBe('60 alerts: 15 critical · 15 warning · 15 info · 15 resolved');
      expect(message.markdown.indexOf('🔴')).toBeLessThan(message.markdown.indexOf('🟠'));
      expect([...(message.mentions?.userIds ?? [])].sort()).toEqual(['user0', 'user1', 'user2']);
      // only the link every alert shares survives; per-alert silences would crowd the digest
      expect(message.links).toEqual([{ text: 'Runbook', url: 'http://runbooks/x' }]);
    } finally {
      await fake.close();
    }
  });

  it.each(CHANNEL_NAMES.flatMap((c) => CHANNEL_FORMATS[c].map((f) => [c, f] as const)))(
    '%s %s: 500 alerts render without truncation and account for every alert',
    (channel, format) => {
      const message = digest(many(500), { channel, format, keywords: ['告警'] });
      const request = render(channel, { webhook: 'https://example.com/hook', format, keywords: ['告警'] }, message);
      expect(request.truncated).toBe(false);
      const { shown, more } = shownAndMore(message.markdown);
      expect(shown + more).toBe(500);
    },
  );

  it('a single message is returned as it is', () => {
    const one = alertMessage();
    expect(digest([one])).toBe(one);
  });

  it('reads as resolved when every alert is', () => {
    const message = digest([
      alertMessage({ status: 'resolved' }),
      alertMessage({ status: 'resolved', severity: 'warning' }),
    ]);
    expect(message).toMatchObject({ status: 'resolved', severity: 'resolved', title: '2 alerts: 2 resolved' });
  });
});
