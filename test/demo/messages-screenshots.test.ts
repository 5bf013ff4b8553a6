/**
 * What people read, drawn by a real browser (Debian's Chromium, headless) and written to test-output/screenshots/:
 * the HTML diagnosis report of the demo cluster (on screen and printed to A4), and the demo inbox showing a Feishu
 * card, a WeCom Markdown message and an HTML email about the same alert. The checks are on the rendered page: the
 * badges carry their colours, full object names are in the report, the A4 PDF exists, and the inbox shows cards and
 * Markdown as their clients do (bold as bold, links as links, no raw ** or <font> tags).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked } from 'marked';
import { createTransport } from 'nodemailer';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { collectSnapshot } from '../../lib/diagnose/collect';
import { runDiagnosis } from '../../lib/diagnose/engine';
import { renderHTML } from '../../lib/diagnose/report';
import { SEVERITY_BADGE } from '../../lib/diagnose/report/palette';
import { messagesFromItem } from '../../lib/messages/item-message';
import { send } from '../../lib/notify';
import { startInbox, type Inbox } from '../../scripts/demo/inbox';
import { startTestSim } from '../helpers/sim';
import { describeIfInstalled } from '../helpers/installed';

// what the callbacks below use inside the page (the project compiles without the DOM library)
declare const getComputedStyle: (e: unknown) => { color: string; backgroundColor: string };
declare const document: { documentElement: { scrollWidth: number } };
declare const window: { innerWidth: number };

const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const describeBrowser = describeIfInstalled(CHROMIUM, 'chromium, or set CHROMIUM_BIN', 'messages-screenshots');

const OUT = join(__dirname, '..', '..', 'test-output', 'screenshots');

const rgb = (hex: string): string => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

describeBrowser('messages in a browser', () => {
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let inbox: Inbox;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'kube-aiops-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      viewport: { width: 1200, height: 900 },
    });
    page = await context.newPage();
    inbox = await startInbox();
  }, 60_000);

  afterAll(async () => {
    await inbox?.close();
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test('the HTML report of the demo cluster: readable badges, full names, and an A4 print', async () => {
    const sim = await startTestSim({ fixtures: ['sim/scenarios/demo'] });
    let html: string;
    try {
      html = renderHTML(runDiagnosis(await collectSnapshot(sim.kc, {}, { logs: 'failing' })));
    } finally {
      await sim.close();
    }
    const file = join(OUT, 'report.html');
    writeFileSync(file, html);
    await page.goto(`file://${file}`);
    const badges = await page.$$eval('table .sev', (els) =>
      els.map((e) => ({
        sev: e.className.replace('sev ', ''),
        fg: getComputedStyle(e).color,
        bg: getComputedStyle(e).backgroundColor,
      })),
    );
    expect(badges.length).toBeGreaterThan(0);
    for (const b of badges) {
      const want = SEVERITY_BADGE[b.sev as keyof typeof SEVERITY_BADGE];
      expect({ fg: b.fg, bg: b.bg }).toEqual({ fg: rgb(want.fg), bg: rgb(want.bg) });
    }
    const text = await page.innerText('body');
    expect(text).toContain('app-xyz-5969b7fffc-7ndjr');
    // nothing of the table spills out of the page width
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
    const pdf = join(OUT, 'report-a4.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const head = readFileSync(pdf).subarray(0, 5).toString('latin1');
    expect(head).toBe('%PDF-');
    // A4 is 595 × 842 points, on every page
    const boxes = readFileSync(pdf, 'latin1').match(/\/MediaBox \[[^\]]*\]/g) ?? [];
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) expect(box).toMatch(/^\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]$/);
  }, 90_000);

  test('the inbox draws the Feishu card and the WeCom Markdown as their clients do, and shows the HTML email', async () => {
    const item = {
      alertname: 'KubePodCrashLooping',
      status: 'firing',
      severity: 'warning',
      labels: {
        alertname: 'KubePodCrashLooping',
        namespace: 'shop',
        pod: 'app-xyz-5969b7fffc-7ndjr',
        severity: 'warning',
      },
      annotations: { summary: 'Pod is crash looping.' },
      startsAt: new Date(Date.now() - 15 * 60_000).toISOString(),
      generatorURL: 'http://prometheus.example/graph?g0.expr=up',
      enriched: true,
      rootCause:
        'Deployment shop/app-xyz: container app is OOMKilled: memory use exceeds its memory limit 256Mi (last seen 250Mi)',
      findings: [
        {
          severity: 'critical',
          reason: 'CrashLoopBackOff',
          kind: 'Pod',
          namespace: 'shop',
          name: 'app-xyz-5969b7fffc-7ndjr',
          message: 'container app restarted 7 times; last terminated: OOMKilled',
          evidence: [],
        },
      ],
      suggestion: 'Raise the memory limit of container app or fix its memory use.',
      events: [],
      logs: [],
    };
    const [message] = messagesFromItem(item, 'auto').messages;
    await send('feishu', { webhook: inbox.feishu.url, secret: inbox.feishu.secret, format: 'card2' }, message);
    await send('wecom', { webhook: inbox.wecom.url, format: 'markdown' }, message);
    const mail = createTransport({
      host: inbox.smtp.host,
      port: inbox.smtp.port,
      secure: false,
      auth: { user: inbox.smtp.user, pass: inbox.smtp.password },
    });
    await mail.sendMail({
      from: 'kube-aiops@example.com',
      to: 'oncall@example.com',
      subject: `[warning] ${message.title}`,
      text: message.markdown,
      html: marked.parse(message.markdown, { async: false }),
    });
    await page.goto(inbox.url);
    await page.waitForSelector('.feishu-card');
    await page.waitForSelector('.wecom-md');
    await page.waitForSelector('iframe.mail');
    const card = page.locator('.feishu-card');
    // the header takes the card template's colour (orange for a warning)
    expect(await card.locator('.card-head').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(
      'rgb(222, 120, 2)',
    );
    expect(await card.locator('strong').first().innerText()).toMatch(/Root cause/);
    expect(await card.innerText()).not.toMatch(/\*\*|<font/);
    const wecom = page.locator('.wecom-md');
    expect(await wecom.locator('strong').count()).toBeGreaterThan(0);
    expect(await wecom.innerText()).not.toMatch(/\*\*|<font/);
    expect(await wecom.locator('a[href^="http://prometheus.example"]').count()).toBeGreaterThan(0);
    const frame = page.frameLocator('iframe.mail');
    expect(await frame.locator('strong').first().innerText()).toMatch(/Root cause/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, 'inbox.png'), fullPage: true });
    await page.goto(`${inbox.url}/api/mails/${inbox.entries.find((e) => e.channel === 'email')?.id}/html`);
    await page.screenshot({ path: join(OUT, 'email.png'), fullPage: true });
  }, 90_000);
});
