import { CHANNEL_FORMATS, CHANNEL_NAMES, NotifyError, render, type ChannelName } from '../../lib/notify';
import { dingtalkSignature, feishuSignature } from '../fakes/im';
import { alertMessage } from './messages';

const now = () => 1_700_000_000_000;

describe('render', () => {
  it.each(CHANNEL_NAMES.flatMap((c) => CHANNEL_FORMATS[c].map((f) => [c, f] as const)))(
    '%s %s renders a bare message as JSON',
    (channel, format) => {
      const bare = {
        title: 'Node down',
        severity: 'info' as const,
        markdown: '',
        ...(format === 'template_card' || format === 'actionCard'
          ? { links: [{ text: 'open', url: 'https://x.io' }] }
          : {}),
      };
      const request = render(channel, { webhook: 'https://example.com/hook?access_token=t', format }, bare, { now });
      expect(request.method).toBe('POST');
      expect(request.bytes).toBe(Buffer.byteLength(request.body));
      expect(request.body).toContain('Node down');
      expect(() => JSON.parse(request.body)).not.toThrow();
    },
  );

  it('signs Feishu in the body and DingTalk in the URL exactly as the receivers check it', () => {
    const feishu = JSON.parse(
      render('feishu', { webhook: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', secret: 'k' }, alertMessage(), {
        now,
      }).body,
    ) as { timestamp: string; sign: string };
    expect(feishu.timestamp).toBe('1700000000');
    expect(feishu.sign).toBe(feishuSignature('1700000000', 'k'));
    const url = new URL(
      render(
        'dingtalk',
        { webhook: 'https://oapi.dingtalk.com/robot/send?access_token=x', secret: 'SECk' },
        alertMessage(),
        { now },
      ).url,
    );
    expect(url.searchParams.get('timestamp')).toBe('1700000000000');
    expect(url.searchParams.get('sign')).toBe(dingtalkSignature('1700000000000', 'SECk'));
  });

  it.each([
    ['unknown channel', 'telegram', {}, alertMessage(), /unknown channel "telegram"/],
    ['unknown format', 'slack', { format: 'card' }, alertMessage(), /format "card" is not one of blocks, text/],
    ['bad webhook', 'feishu', { webhook: 'ftp://x' }, alertMessage(), /webhook must be an http\(s\) URL/],
    ['bad severity', 'wecom', {}, { ...alertMessage(), severity: 'high' }, /severity "high" is not one of/],
    [
      'bad link',
      'teams',
      {},
      alertMessage({ links: [{ text: 'x', url: 'javascript:alert(1)' }] }),
      /link "x" needs an http\(s\) url/,
    ],
    ['empty title', 'dingtalk', {}, alertMessage({ title: ' ' }), /title is required/],
  ])('refuses %s with a config error', (_name, channel, config, message, error) => {
    const attempt = () =>
      render(
        channel as ChannelName,
        { webhook: 'https://example.com/h', ...config },
        message as ReturnType<typeof alertMessage>,
      );
    expect(attempt).toThrow(NotifyError);
    expect(attempt).toThrow(error);
  });
});
