/**
 * The demo's inbox (scripts/demo/inbox.ts) and sample alerts: bot messages and emails show up as entries with their
 * links, the fire buttons post the sample alerts to the configured webhook, and the "no model" endpoint answers
 * like an OpenAI-compatible API that rejects the key.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import { parseAlertPayload } from '../../lib/alerts';
import { send } from '../../lib/notify';
import { demoAlertPayload } from '../../scripts/demo/alerts';
import { startInbox, type Inbox } from '../../scripts/demo/inbox';

let inbox: Inbox;
beforeAll(async () => {
  inbox = await startInbox();
});
afterAll(() => inbox.close());

async function entries(count: number): Promise<Inbox['entries']> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const res = await fetch(`${inbox.url}/api/messages`);
    const list = (await res.json()) as Inbox['entries'];
    if (list.length >= count || Date.now() > deadline) return list;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the sample alerts are Alertmanager payloads about the broken demo workloads', () => {
  const crash = parseAlertPayload(demoAlertPayload('crashloop'));
  expect(crash.format).toBe('alertmanager');
  expect(crash.alerts[0]).toMatchObject({
    alertname: 'KubePodCrashLooping',
    status: 'firing',
    resource: { kind: 'Pod', namespace: 'shop', name: 'app-xyz-5969b7fffc-7ndjr' },
  });
  expect(parseAlertPayload(demoAlertPayload('crashloop-resolved')).alerts[0]).toMatchObject({
    status: 'resolved',
    fingerprint: crash.alerts[0].fingerprint,
  });
  expect(parseAlertPayload(demoAlertPayload('oom')).alerts[0].labels.reason).toBe('OOMKilled');
  expect(parseAlertPayload(demoAlertPayload('image')).alerts[0].resource).toMatchObject({
    kind: 'Deployment',
    name: 'nginx-test',
  });
});

test('signed Feishu cards, WeCom Markdown and emails with attachments become inbox entries', async () => {
  const message = {
    title: 'Approve a memory limit?',
    severity: 'warning' as const,
    markdown: '[✅ Approve](http://127.0.0.1:5678/webhook-waiting/7?decision=approve)',
  };
  await send('feishu', { webhook: inbox.feishu.url, secret: inbox.feishu.secret }, message);
  await send('wecom', { webhook: inbox.wecom.url, format: 'markdown' }, message);
  const mailer = createTransport({
    host: inbox.smtp.host,
    port: inbox.smtp.port,
    secure: false,
    ignoreTLS: true,
    auth: { user: inbox.smtp.user, pass: inbox.smtp.password },
  });
  await mailer.sendMail({
    from: 'kube-aiops@example.com',
    to: 'oncall@example.com',
    subject: 'Daily',
    text: 'score 11/100',
    attachments: [{ filename: 'report.html', content: '<html>11</html>', contentType: 'text/html' }],
  });
  const list = await entries(3);
  expect(list.map((e) => e.channel).sort()).toEqual(['email', 'feishu', 'wecom']);
  const feishu = list.find((e) => e.channel === 'feishu');
  expect(feishu).toMatchObject({ title: 'Approve a memory limit?' });
  expect(feishu?.text).toContain('(http://127.0.0.1:5678/webhook-waiting/7?decision=approve)');
  expect(list.find((e) => e.channel === 'wecom')?.title).toMatch(/Approve a memory limit\?$/);
  const mail = list.find((e) => e.channel === 'email');
  expect(mail).toMatchObject({ title: 'Daily  →  oncall@example.com', text: expect.stringContaining('score 11/100') });
  const report = await fetch(`${inbox.url}${mail?.attachments?.[0].url}`);
  expect(await report.text()).toBe('<html>11</html>');
  expect(report.headers.get('content-security-policy')).toBe('sandbox');
  const page = await fetch(inbox.url);
  expect(await page.text()).toContain('kube-aiops demo inbox');
});

test('the fire buttons post the sample alert to the workflow webhook', async () => {
  const got: unknown[] = [];
  const hook: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"message":"accepted 1 alerts"}');
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  try {
    inbox.setTargets({ oom: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhook/kube-aiops-oom/alerts` });
    const res = await fetch(`${inbox.url}/api/fire/oom`, { method: 'POST' });
    expect(await res.json()).toEqual({ message: 'oom: n8n answered 200 accepted 1 alerts' });
    expect(got).toEqual([
      expect.objectContaining({
        version: '4',
        alerts: [expect.objectContaining({ labels: expect.objectContaining({ reason: 'OOMKilled' }) })],
      }),
    ]);
    expect((await fetch(`${inbox.url}/api/fire/image`, { method: 'POST' })).status).toBe(404);
  } finally {
    await new Promise((r) => hook.close(r));
  }
});

test('without a model the AI nodes get an OpenAI-style 401 that says how to configure one', async () => {
  const res = await fetch(`${inbox.noModelUrl}/chat/completions`, { method: 'POST', body: '{}' });
  expect(res.status).toBe(401);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('invalid_api_key');
  expect(body.error.message).toMatch(/OPENAI_API_KEY/);
});
