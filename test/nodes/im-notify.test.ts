/** IM Notify through n8n-core's WorkflowExecute, delivering to the loopback vendor fakes (which check signatures). */
import type { DiagnosisResult } from '../../lib/diagnose';
import { ImNotify } from '../../nodes/ImNotify/ImNotify.node';
import { KubernetesDiagnose } from '../../nodes/KubernetesDiagnose/KubernetesDiagnose.node';
import { checkImCredential } from '../../nodes/shared/credentialTest';
import { PrometheusAlert } from '../../nodes/PrometheusAlert/PrometheusAlert.node';
import { fixture } from '../alerts/fixture';
import {
  startFakeDingtalk,
  startFakeFeishu,
  startFakeGeneric,
  startFakeSlack,
  startFakeTeams,
  startFakeWecom,
  type FakeIm,
} from '../fakes/im';
import { runNode, runWorkflow } from '../helpers/n8n-exec';
import { startTestSim } from '../helpers/sim';

const fakes: Array<FakeIm<string>> = [];
async function fake<T extends FakeIm<string>>(started: Promise<T>): Promise<T> {
  const f = await started;
  fakes.push(f);
  return f;
}
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

/** Alert items as Prometheus Alert › Parse outputs them. */
async function alertItems(name = 'alertmanager-firing') {
  const r = await runNode(PrometheusAlert, {
    parameters: { operation: 'parse' },
    items: [{ json: fixture(name) as never }],
  });
  return r.items.map((i) => ({ json: i.json }));
}

const FORMATS: Array<[string, string, string[]]> = [
  ['feishu', 'feishuFormat', ['card2', 'card', 'post', 'text']],
  ['wecom', 'wecomFormat', ['markdown', 'markdown_v2', 'text', 'template_card']],
  ['dingtalk', 'dingtalkFormat', ['markdown', 'actionCard', 'text']],
  ['slack', 'slackFormat', ['blocks', 'text']],
];

describe('each channel and format, signatures checked by the fake', () => {
  const starters: Record<string, () => Promise<FakeIm<string>>> = {
    feishu: () => startFakeFeishu({ secret: 'feishu-secret', keywords: ['告警'] }),
    wecom: () => startFakeWecom(),
    dingtalk: () => startFakeDingtalk({ secret: 'SECdingtalk', keywords: ['告警'] }),
    slack: () => startFakeSlack(),
  };
  const creds: Record<string, (url: string) => Record<string, unknown>> = {
    feishu: (url) => ({ feishuBotApi: { webhookUrl: url, secret: 'feishu-secret', keywords: '告警' } }),
    wecom: (url) => ({ weComBotApi: { webhookUrl: url } }),
    dingtalk: (url) => ({ dingTalkBotApi: { webhookUrl: url, secret: 'SECdingtalk', keywords: '告警' } }),
    slack: (url) => ({ slackWebhookApi: { webhookUrl: url } }),
  };
  const cases = FORMATS.flatMap(([channel, param, formats]) => formats.map((f) => [channel, param, f] as const));

  test.each(cases)('%s (%s = %s)', async (channel, param, format) => {
    const im = await fake(starters[channel]());
    const items = await alertItems();
    const r = await runNode(ImNotify, {
      parameters: { channel, [param]: format },
      credentials: creds[channel](im.url) as never,
      items,
    });
    expect(r.error).toBeUndefined();
    expect(im.requests.map((q) => q.reason ?? 'ok')).toEqual(['ok', 'ok']);
    expect(im.received).toHaveLength(2);
    expect(r.items).toHaveLength(2);
    expect(r.items[0].json).toMatchObject({ channel, format, ok: true, attempts: 1 });
    expect(r.items[0].json.bytes).toBeGreaterThan(0);
    expect(r.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
    expect(im.received[0].raw).toContain('KubePodCrashLooping');
  });

  test('Teams and the JSON webhook (HMAC-signed, with an Authorization header)', async () => {
    const teams = await fake(startFakeTeams());
    const t = await runNode(ImNotify, {
      parameters: { channel: 'teams' },
      credentials: { teamsWebhookApi: { webhookUrl: teams.url, cardVersion: '1.5' } },
      items: await alertItems(),
    });
    expect(t.error).toBeUndefined();
    expect(teams.received).toHaveLength(2);
    expect(t.items[0].json).toMatchObject({ channel: 'teams', format: 'adaptive', ok: true });

    const generic = await fake(
      startFakeGeneric({ secret: 'hmac-key', requireHeader: { name: 'authorization', value: 'Bearer t0k' } }),
    );
    const g = await runNode(ImNotify, {
      parameters: { channel: 'webhook' },
      credentials: { jsonWebhookApi: { webhookUrl: generic.url, secret: 'hmac-key', authorization: 'Bearer t0k' } },
      items: await alertItems(),
    });
    expect(g.error).toBeUndefined();
    expect(generic.requests.map((q) => q.reason ?? 'ok')).toEqual(['ok', 'ok']);
    expect(g.items[0].json).toMatchObject({ channel: 'webhook', ok: true });
  });

  test('a WeCom credential holding only the key is completed to the robot URL', () => {
    expect(checkImCredential('weComBotApi', { webhookUrl: '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa' })).toMatchObject({
      status: 'OK',
    });
  });
});

describe('message sources', () => {
  test('Markdown with title, severity and mentions (DingTalk @mobile)', async () => {
    const im = await fake(startFakeDingtalk({ secret: 'SECx' }));
    const r = await runNode(ImNotify, {
      parameters: {
        channel: 'dingtalk',
        source: 'markdown',
        title: '={{ "Deploy " + $json.app }}',
        markdown: '=**done** in {{ $json.ms }} ms',
        severity: 'resolved',
        mentions: { mobiles: '13800000000', all: false },
      },
      credentials: { dingTalkBotApi: { webhookUrl: im.url, secret: 'SECx' } },
      items: [{ json: { app: 'shop', ms: 42 } }],
    });
    expect(r.error).toBeUndefined();
    const body = im.received[0].body as { markdown: { title: string; text: string }; at: { atMobiles: string[] } };
    expect(body.markdown.title).toContain('Deploy shop');
    expect(body.markdown.text).toContain('42 ms');
    expect(body.at.atMobiles).toEqual(['13800000000']);
  });

  test('Markdown built from a log line carries no credential, and keeps the rest of the line', async () => {
    const im = await fake(startFakeDingtalk({ secret: 'SECx' }));
    const planted = 'Pl4nted-Im-9qz';
    const r = await runNode(ImNotify, {
      parameters: {
        channel: 'dingtalk',
        source: 'markdown',
        title: '={{ "db down: password=" + $json.pw }}',
        markdown: '=last line: {{ $json.line }}',
        severity: 'critical',
      },
      credentials: { dingTalkBotApi: { webhookUrl: im.url, secret: 'SECx' } },
      items: [
        {
          json: {
            pw: planted,
            line: `connect postgres://admin:${planted}@db:5432 failed; password authentication failed for user admin`,
          },
        },
      ],
    });
    expect(r.error).toBeUndefined();
    const sent = JSON.stringify(im.received[0].body);
    expect(sent).not.toContain(planted);
    expect(sent).toContain('postgres://admin:<redacted');
    expect(sent).toContain('password authentication failed for user admin');
  });

  test('a diagnosis report (DiagnosisResult JSON on the item)', async () => {
    const im = await fake(startFakeFeishu());
    const diagnosis: DiagnosisResult = {
      score: 45,
      complete: true,
      namespaces: {},
      findings: [
        {
          severity: 'critical',
          analyzer: 'Deployment',
          kind: 'Deployment',
          namespace: 'shop',
          name: 'app-xyz',
          reason: 'ReplicasUnavailable',
          message: '0/1 replicas ready',
          evidence: [],
          rootCause: {
            object: { kind: 'Deployment', namespace: 'shop', name: 'app-xyz' },
            code: 'OOMKilled',
            facts: { container: 'app' },
            fact: 'container app is OOMKilled',
          },
          suggestion: 'Raise resources.limits.memory',
        },
      ],
      scope: { namespace: 'shop' },
      generatedAt: '2026-11-24T06:00:00Z',
      stats: {},
    };
    const r = await runNode(ImNotify, {
      parameters: { channel: 'feishu', source: 'diagnosis' },
      credentials: { feishuBotApi: { webhookUrl: im.url } },
      items: [{ json: { diagnosis } }],
    });
    expect(r.error).toBeUndefined();
    expect(im.received[0].raw).toContain('OOMKilled');
    expect(im.received[0].raw).toContain('45/100');
    expect(r.items[0].json.title).toMatch(/Kubernetes diagnosis of namespace shop: 1 critical/);
  });

  test('an item that holds neither an alert nor a diagnosis fails with NodeOperationError', async () => {
    const im = await fake(startFakeFeishu());
    const r = await runNode(ImNotify, {
      parameters: { channel: 'feishu' },
      credentials: { feishuBotApi: { webhookUrl: im.url } },
      items: [{ json: { foo: 1 } }],
    });
    expect(r.error?.name).toBe('NodeOperationError');
    expect(r.error?.message).toMatch(/neither an alert nor a diagnosis/);
    expect(im.requests).toHaveLength(0);
  });
});

describe('digest', () => {
  test('all items → one message with "+N more" sized for the channel; output paired with every input', async () => {
    const im = await fake(startFakeWecom());
    const payload = fixture('alertmanager-firing') as {
      alerts: Array<{ labels: Record<string, string>; fingerprint: string }>;
    };
    const many = Array.from({ length: 60 }, (_, k) => ({
      ...payload.alerts[0],
      labels: { ...payload.alerts[0].labels, pod: `api-${k}` },
      fingerprint: `f${k}`,
    }));
    const parsed = await runNode(PrometheusAlert, {
      parameters: { operation: 'parse' },
      items: [{ json: { ...payload, alerts: many } }],
    });
    expect(parsed.items).toHaveLength(60);
    const r = await runNode(ImNotify, {
      parameters: { channel: 'wecom', mode: 'digest' },
      credentials: { weComBotApi: { webhookUrl: im.url } },
      items: parsed.items.map((i) => ({ json: i.json })),
    });
    expect(r.error).toBeUndefined();
    expect(im.received).toHaveLength(1);
    expect(r.items).toHaveLength(1);
    expect(r.items[0].json).toMatchObject({ ok: true, messages: 60, title: '[FIRING:60] KubePodCrashLooping' });
    expect(r.items[0].pairedItem).toHaveLength(60);
    const content = (im.received[0].body as { markdown: { content: string } }).markdown.content;
    expect(content).toMatch(/\+\d+ more/);
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096);
  });
});

describe('errors', () => {
  test('a vendor error becomes NodeApiError with the clear lib/notify message', async () => {
    const im = await fake(startFakeFeishu({ secret: 'right' }));
    const r = await runNode(ImNotify, {
      parameters: { channel: 'feishu' },
      credentials: { feishuBotApi: { webhookUrl: im.url, secret: 'wrong' } },
      items: await alertItems(),
    });
    expect(r.error?.name).toBe('NodeApiError');
    expect(r.error?.message).toMatch(/^feishu: .*signature check failed/);
    expect(r.error?.description).toMatch(/signing .*secret/);
    expect(r.items).toHaveLength(0);
  });

  test('continueOnFail: the failed message is an item with ok: false and the vendor code, the next one is sent', async () => {
    const im = await fake(startFakeDingtalk({ keywords: ['告警'] }));
    const items = await alertItems();
    im.failNext(1, 'tokenMissing');
    const r = await runNode(ImNotify, {
      parameters: { channel: 'dingtalk' },
      credentials: { dingTalkBotApi: { webhookUrl: im.url, keywords: '告警' } },
      items,
      settings: { continueOnFail: true },
    });
    expect(r.error).toBeUndefined();
    expect(r.items).toHaveLength(2);
    expect(r.items[0].json).toMatchObject({ channel: 'dingtalk', ok: false, vendorCode: 300005 });
    expect(String(r.items[0].json.error)).toMatch(/token/i);
    expect(r.items[1].json).toMatchObject({ ok: true });
    expect(im.received).toHaveLength(1);
  });

  test('a rate limit is retried within the time budget', async () => {
    const im = await fake(startFakeFeishu());
    im.failNext(1, 'rateLimit');
    const items = (await alertItems()).slice(0, 1);
    const r = await runNode(ImNotify, {
      parameters: { channel: 'feishu', options: { budgetSeconds: 10 } },
      credentials: { feishuBotApi: { webhookUrl: im.url } },
      items,
    });
    expect(r.error).toBeUndefined();
    expect(r.items[0].json).toMatchObject({ ok: true, attempts: 2 });
  });
});

describe('credential test (nothing is sent)', () => {
  test.each([
    ['feishuBotApi', { webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/abc-123' }, 'OK'],
    ['feishuBotApi', { webhookUrl: 'https://open.feishu.cn/open-apis/im/v1/messages' }, 'Error'],
    ['feishuBotApi', { webhookUrl: 'not a url' }, 'Error'],
    ['dingTalkBotApi', { webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SEC1' }, 'OK'],
    ['dingTalkBotApi', { webhookUrl: 'https://oapi.dingtalk.com/robot/send' }, 'Error'],
    ['weComBotApi', { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc' }, 'OK'],
    ['slackWebhookApi', { webhookUrl: 'https://hooks.slack.com/services/T0/B0/x' }, 'OK'],
    ['teamsWebhookApi', { webhookUrl: 'http://example.com/hook' }, 'Error'],
    ['jsonWebhookApi', { webhookUrl: 'http://relay.internal:8080/alerts' }, 'OK'],
  ])('%s %j → %s', (type, data, status) => {
    const r = checkImCredential(type, data);
    expect(r.status).toBe(status);
    if (status === 'OK') expect(r.message).toMatch(/Nothing was sent/);
  });
});

describe('with the simulator: Parse → Enrich → IM Notify', () => {
  let sim: Awaited<ReturnType<typeof startTestSim>>;
  beforeAll(async () => {
    sim = await startTestSim({ fixtures: ['sim/scenarios/demo'] });
  });
  afterAll(async () => {
    await sim?.close();
  });

  test('the Feishu card carries the OOMKilled root cause', async () => {
    const im = await fake(startFakeFeishu({ secret: 's3' }));
    const payload = fixture('alertmanager-firing') as { alerts: Array<{ labels: Record<string, string> }> };
    payload.alerts = payload.alerts.slice(0, 1);
    Object.assign(payload.alerts[0].labels, { pod: 'app-xyz-5969b7fffc-7ndjr', container: 'app' });
    const r = await runWorkflow(
      [
        { node: PrometheusAlert, parameters: { operation: 'parse' } },
        {
          node: PrometheusAlert,
          parameters: { operation: 'enrich' },
          credentials: { kubernetesApi: { connection: 'kubeconfig', kubeconfig: sim.kubeconfig } },
        },
        {
          node: ImNotify,
          parameters: { channel: 'feishu' },
          credentials: { feishuBotApi: { webhookUrl: im.url, secret: 's3' } },
        },
      ],
      [{ json: payload }],
    );
    expect(r.error).toBeUndefined();
    expect(r.items[0].json).toMatchObject({ channel: 'feishu', format: 'card2', ok: true });
    const card = JSON.stringify(im.received[0].body);
    expect(card).toContain('Root cause');
    expect(card).toContain('OOMKilled');
  });

  test('Kubernetes Diagnose → IM Notify (auto-detected diagnosis) to WeCom', async () => {
    const im = await fake(startFakeWecom());
    const r = await runWorkflow(
      [
        {
          node: KubernetesDiagnose,
          parameters: { scope: 'namespace', namespace: 'shop' },
          credentials: { kubernetesApi: { connection: 'kubeconfig', kubeconfig: sim.kubeconfig } },
        },
        { node: ImNotify, parameters: { channel: 'wecom' }, credentials: { weComBotApi: { webhookUrl: im.url } } },
      ],
      [{ json: {} }],
    );
    expect(r.error).toBeUndefined();
    expect(r.items[0].json).toMatchObject({
      channel: 'wecom',
      ok: true,
      title: expect.stringMatching(/^Kubernetes diagnosis of namespace shop: \d+ critical/),
    });
    const content = (im.received[0].body as { markdown: { content: string } }).markdown.content;
    expect(content).toContain('OOMKilled');
    expect(content).toMatch(/health score/);
  });
});
