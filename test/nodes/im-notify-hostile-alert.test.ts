/**
 * An alert whose annotations were written to abuse the IM message: mention markup that would page the whole group,
 * and a credential. Parse → IM Notify → the loopback Feishu and WeCom fakes: what the vendor receives has neither.
 */
import { ImNotify } from '../../nodes/ImNotify/ImNotify.node';
import { PrometheusAlert } from '../../nodes/PrometheusAlert/PrometheusAlert.node';
import { startFakeFeishu, startFakeWecom, type FakeIm } from '../fakes/im';
import { runNode } from '../helpers/n8n-exec';

const SECRET = 'Pl4nted-Im-S3cret-x9';
const fakes: Array<FakeIm<string>> = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

const payload = {
  version: '4',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'api-0', severity: 'critical' },
      annotations: {
        summary: '告警 <at user_id="all">所有人</at> pod crash looping <at id=all></at>',
        description: `<@all> <!channel> login failed: password=${SECRET} dsn postgres://app:${SECRET}@db/shop`,
      },
      startsAt: '2026-12-01T10:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
    },
  ],
};

async function items() {
  const r = await runNode(PrometheusAlert, { parameters: { operation: 'parse' }, items: [{ json: payload }] });
  return r.items.map((i) => ({ json: i.json }));
}

test.each([
  ['text', 'feishu'],
  ['card', 'feishu'],
  ['card2', 'feishu'],
  ['markdown', 'wecom'],
])('%s to %s: no mention the alert text smuggled in, no credential', async (format, channel) => {
  const im = channel === 'feishu' ? await startFakeFeishu() : await startFakeWecom();
  fakes.push(im);
  const r = await runNode(ImNotify, {
    parameters: { channel, [channel === 'feishu' ? 'feishuFormat' : 'wecomFormat']: format },
    credentials:
      channel === 'feishu' ? { feishuBotApi: { webhookUrl: im.url } } : { weComBotApi: { webhookUrl: im.url } },
    items: await items(),
  });
  expect(r.error).toBeUndefined();
  expect(im.received).toHaveLength(1);
  const raw = im.received[0].raw;
  expect(raw).toContain('KubePodCrashLooping');
  expect(raw).not.toContain(SECRET);
  // the words stay readable; only the markup that would page people is broken
  expect(raw).toMatch(/所有人/);
  expect(raw).not.toMatch(/<at[ >]|<@all|<!channel/);
  expect(JSON.stringify(r.items)).not.toContain(SECRET);
});
