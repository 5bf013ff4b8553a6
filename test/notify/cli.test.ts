import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../cli/run';
import { sampleAlertmanagerPayload } from '../../lib/alerts';
import { startFakeDingtalk, startFakeFeishu, startFakeWecom } from '../fakes/im';

function cli(args: string[]): Promise<CliRun> {
  return runCli(['notify', ...args]);
}

describe('kube-aiops notify', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'notify-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function alertFile(alerts: number): string {
    const path = join(dir, `alerts-${alerts}.json`);
    writeFileSync(path, JSON.stringify(sampleAlertmanagerPayload({ alerts })));
    return path;
  }

  it('sends --text to a signed Feishu bot with a keyword', async () => {
    const fake = await startFakeFeishu({ secret: 's', keywords: ['告警'] });
    try {
      const run = await cli([
        '--channel',
        'feishu',
        '--webhook',
        fake.url,
        '--secret',
        's',
        '--keyword',
        '告警',
        '--text',
        '# 磁盘将满\nnode-1 /var **95%**',
        '--severity',
        'warning',
      ]);
      expect(run).toMatchObject({ code: 0 });
      expect(run.stdout).toMatch(/^sent to feishu \(card, \d+ bytes, 1 attempt\)\n$/);
      expect(run.stderr).toMatch(/note: title prefixed with keyword/);
      const card = (fake.received[0].body as { card: { header: { template: string; title: { content: string } } } })
        .card;
      expect(card.header).toMatchObject({ template: 'orange', title: { content: '【告警】磁盘将满' } });
    } finally {
      await fake.close();
    }
  });

  it('sends an Alertmanager payload of several alerts to WeCom as one digest within 4096 bytes', async () => {
    const fake = await startFakeWecom();
    try {
      const run = await cli(['--channel', 'wecom', '--webhook', fake.url, '--alert', alertFile(40)]);
      expect(run.code).toBe(0);
      const content = (fake.received[0].body as { markdown: { content: string } }).markdown.content;
      expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(4096);
      expect(content).toMatch(/40 alerts/);
      expect(content).toMatch(/…\+\d+ more \(/);
    } finally {
      await fake.close();
    }
  });

  it('sends one alert to DingTalk titled by status, alertname and object', async () => {
    const fake = await startFakeDingtalk({ secret: 'SECabc' });
    try {
      const run = await cli([
        '--channel',
        'dingtalk',
        '--webhook',
        fake.url,
        '--secret',
        'SECabc',
        '--alert',
        alertFile(1),
      ]);
      expect(run.code).toBe(0);
      const md = (fake.received[0].body as { markdown: { title: string; text: string } }).markdown;
      expect(md.title).toMatch(/\[FIRING\] KubePodCrashLooping shop\/api-/);
      expect(md.text).toContain('[Runbook](');
    } finally {
      await fake.close();
    }
  });

  it('--dry-run prints the signed request and sends nothing', async () => {
    const fake = await startFakeDingtalk({ secret: 'SECabc' });
    try {
      const run = await cli([
        '--channel',
        'dingtalk',
        '--webhook',
        fake.url,
        '--secret',
        'SECabc',
        '--text',
        'hello',
        '--dry-run',
      ]);
      expect(run.code).toBe(0);
      const shown = JSON.parse(run.stdout) as { url: string; body: { msgtype: string } };
      expect(shown.url).toMatch(/&timestamp=\d{13}&sign=[^&]+$/);
      expect(shown.body.msgtype).toBe('markdown');
      expect(fake.requests).toHaveLength(0);
    } finally {
      await fake.close();
    }
  });

  it('a delivery failure exits 1 with one line naming the vendor code', async () => {
    const fake = await startFakeFeishu({ secret: 'right' });
    try {
      const run = await cli(['--channel', 'feishu', '--webhook', fake.url, '--secret', 'wrong', '--text', 'hi']);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^kube-aiops: feishu: Feishu code 19021 \(signature check failed\)/);
    } finally {
      await fake.close();
    }
  });

  it.each([
    ['no channel', ['--webhook', 'http://x', '--text', 'hi'], /--channel must be one of/],
    ['unknown channel', ['--channel', 'telegram', '--webhook', 'http://x', '--text', 'hi'], /--channel must be one of/],
    ['no webhook', ['--channel', 'slack', '--text', 'hi'], /--webhook/],
    [
      'both inputs',
      ['--channel', 'slack', '--webhook', 'http://x', '--text', 'hi', '--alert', 'a.json'],
      /exactly one of --alert FILE or --text/,
    ],
    ['neither input', ['--channel', 'slack', '--webhook', 'http://x'], /exactly one of/],
    [
      'bad format',
      ['--channel', 'wecom', '--webhook', 'http://x', '--text', 'hi', '--format', 'card'],
      /--format for wecom must be one of markdown/,
    ],
    ['bad URL', ['--channel', 'slack', '--webhook', 'not a url', '--text', 'hi'], /webhook must be an http\(s\) URL/],
    [
      'missing file',
      ['--channel', 'slack', '--webhook', 'http://x', '--alert', '/nonexistent/a.json'],
      /cannot read --alert/,
    ],
    [
      'template_card without links',
      ['--channel', 'wecom', '--webhook', 'http://x', '--text', 'hi', '--format', 'template_card'],
      /card_action/,
    ],
  ])('usage error (%s) exits 2', async (_name, args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
