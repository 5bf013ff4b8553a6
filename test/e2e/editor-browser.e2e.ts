/**
 * The n8n editor in a real browser (Debian's Chromium driven by playwright-core): log in as the harness owner, open
 * each imported example workflow, and check that every node is on the canvas with its icon — ours served from the
 * package — and that no node is marked unknown ("Install this node to use it"). Screenshots go to
 * test-output/screenshots/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { N8nClient } from '../../scripts/n8n';
import {
  createCredentials,
  installWorkflows,
  WORKFLOWS,
  type InstalledWorkflow,
  type WorkflowKey,
} from '../../scripts/demo/workflows';
import { e2eClient, e2eInstance, e2eLine } from './setup/instance';
import { describeIfInstalled } from '../helpers/installed';

const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const describeBrowser = describeIfInstalled(CHROMIUM, 'chromium, or set CHROMIUM_BIN', 'editor-browser');

const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
const OURS = 'n8n-nodes-kube-aiops.';

interface RenderedNode {
  name: string;
  type: string;
  icons: Array<{ src: string; loaded: boolean }>;
  svgIcon: boolean;
  text: string;
}

describeBrowser('the example workflows in the n8n editor', () => {
  let client: N8nClient;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let workflows: Record<WorkflowKey, InstalledWorkflow>;
  const failedRequests: string[] = [];

  beforeAll(async () => {
    client = await e2eClient();
    // credentials only need to exist for the editor; nothing runs here
    const credentials = await createCredentials(
      client,
      {
        kubeconfig: 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n',
        model: { url: 'http://127.0.0.1:9/v1', apiKey: 'sk-browser-check' },
        mcpToken: 'browser-check',
        feishu: { webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/browser-check' },
        wecom: { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=browser-check' },
        smtp: { host: '127.0.0.1', port: 25, user: 'browser', password: 'check' },
      },
      { nameSuffix: ' (browser)' },
    );
    workflows = await installWorkflows(client, credentials, { suffix: 'browser', line: e2eLine() });
    mkdirSync(SCREENSHOTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'kube-aiops-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1680, height: 1000 },
    });
    page = await context.newPage();
    page.on('response', (res) => {
      if (res.status() >= 400 && /\/(icons|types)\//.test(res.url()))
        failedRequests.push(`${res.status()} ${res.url()}`);
    });
    const { url, owner } = e2eInstance();
    // the REST login sets the session cookie in the browser context (the sign-in form differs between versions)
    const login = await context.request.post(`${url}/rest/login`, {
      data: { emailOrLdapLoginId: owner.email, password: owner.password },
    });
    expect(login.status()).toBe(200);
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test.each(Object.keys(WORKFLOWS) as WorkflowKey[])(
    '%s: every node renders with its icon, none unknown',
    async (key) => {
      const wf = workflows[key];
      await page.goto(`${e2eInstance().url}/workflow/${wf.id}`);
      await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
      // icons are images fetched after the nodes are placed
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(SCREENSHOTS, `${key}-n8n-${e2eInstance().version}.png`) });

      const rendered: RenderedNode[] = await page.$$eval('[data-test-id="canvas-node"]', (els) =>
        els.map((el) => ({
          name: el.getAttribute('data-node-name') ?? '',
          type: el.getAttribute('data-node-type') ?? '',
          icons: (
            Array.from(el.querySelectorAll('img')) as Array<{
              getAttribute(name: string): string | null;
              complete: boolean;
              naturalWidth: number;
            }>
          ).map((img) => ({
            src: img.getAttribute('src') ?? '',
            loaded: img.complete && img.naturalWidth > 0,
          })),
          svgIcon:
            el.querySelector('[class*="nodeIcon"] svg, [class*="NodeIcon"] svg, [data-test-id="node-icon"] svg') !==
            null,
          text: (el.textContent ?? '').trim(),
        })),
      );
      const expected = wf.json.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
      expect(rendered.map((n) => n.name).sort()).toEqual(expected.map((n) => n.name).sort());
      for (const node of expected) {
        const r = rendered.find((x) => x.name === node.name);
        expect(r?.type).toBe(node.type);
        if (node.type.startsWith(OURS)) {
          // our icon, from the installed package, actually loaded
          const icon = r?.icons.find((i) => i.src.includes('icons/n8n-nodes-kube-aiops/'));
          expect({ node: node.name, icon: icon?.src, loaded: icon?.loaded }).toEqual({
            node: node.name,
            icon: expect.stringMatching(/\.svg$/),
            loaded: true,
          });
        } else {
          // n8n's own nodes: an icon image or an inline SVG icon
          expect({
            node: node.name,
            hasIcon: (r?.icons.some((i) => i.loaded) ?? false) || (r?.svgIcon ?? false),
          }).toEqual({ node: node.name, hasIcon: true });
        }
      }
      const body = (await page.textContent('body')) ?? '';
      expect(body).not.toMatch(
        /Install this node to use it|is not currently installed|Node not found|Unrecognized node type/i,
      );
      expect(failedRequests).toEqual([]);
    },
  );
});
