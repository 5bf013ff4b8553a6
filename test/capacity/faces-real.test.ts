/**
 * The capacity faces over one real Prometheus (backfilled week) and the simulator: `kube-aiops capacity` in every
 * output format and with bad flags, and the bridge's capacity_report tool through the SDK's real MCP client.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { main } from '../../cli/index';
import { runCli, type CliRun } from '../cli/run';
import { KubernetesDiagnose } from '../../nodes/KubernetesDiagnose/KubernetesDiagnose.node';
import { testPrometheusCredential } from '../../nodes/shared/credentialTest';
import { runNode } from '../helpers/n8n-exec';
import type { CapacityJson } from '../../lib/capacity';
import { callTool, connectClient, startStack, textOf, type Stack } from '../bridge/helpers';
import { clusterObjects, history, NODE_TYPE } from './fixture';
import { prometheusAvailable, startRealPrometheus, type RunningPrometheus } from './real-prometheus';

const describeReal = prometheusAvailable ? describe : describe.skip;
jest.setTimeout(240_000);

describeReal('capacity faces over a real Prometheus', () => {
  let prom: RunningPrometheus;
  let stack: Stack;
  let client: Client;
  let dir: string;

  beforeAll(async () => {
    const end = Math.floor(Date.now() / 1000) - 120;
    prom = await startRealPrometheus(history(end));
    stack = await startStack({ fixtures: [], objects: clusterObjects(end), config: { prometheusUrl: prom.url } });
    client = await connectClient(stack.bridge.url as string, 'http');
    dir = mkdtempSync(join(tmpdir(), 'capacity-cli-'));
    writeFileSync(
      join(dir, 'prices.json'),
      JSON.stringify({ currency: 'CNY', instanceTypes: { [NODE_TYPE]: { hourly: 0.62 } } }),
    );
  });
  afterAll(async () => {
    await client?.close();
    await stack?.close();
    await prom?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function cli(...args: string[]): Promise<CliRun> {
    return runCli(['capacity', '--kubeconfig', stack.kubeconfigPath, '--prometheus-url', prom.url, ...args]);
  }

  test('-o json: the documented shape with verdicts, pool size and savings', async () => {
    const r = await cli('-A', '--window', '7d', '--prices', join(dir, 'prices.json'), '-o', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as CapacityJson;
    expect(json.window).toBe('7d');
    expect(json.complete).toBe(true);
    expect(Object.fromEntries(json.workloads.map((w) => [w.name, w.verdict]))).toMatchObject({
      'web-idle': 'over-provisioned',
      leaky: 'oom-risk',
      steady: 'ok',
      busy: 'under-provisioned',
      ghost: 'no-data',
    });
    expect(json.pools).toEqual([
      expect.objectContaining({ value: NODE_TYPE, nodes: 3, recommendedNodes: 2, monthlySavings: 452.6 }),
    ]);
    expect(json.savings).toEqual({ monthly: 452.6, currency: 'CNY' });
  });

  test('-o text, markdown and html (to a file)', async () => {
    const text = await cli('-n', 'shop');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Capacity over 7d: 5 container\(s\)/);
    expect(text.stdout).toContain('Node pools: not sized');
    const md = await cli('-n', 'shop', '-o', 'markdown');
    expect(md.stdout).toContain('| workload | container | verdict |');
    const out = join(dir, 'report.html');
    const html = await cli('--prices', join(dir, 'prices.json'), '-o', 'html', '--out', out);
    expect(html.code).toBe(0);
    expect(html.stderr).toMatch(/wrote .*report\.html/);
    const page = readFileSync(out, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('saving about 452.60 CNY a month');
    expect((page.match(/<svg/g) ?? []).length).toBe(3);
  });

  test('usage errors exit 2 with one line; an unreachable Prometheus exits 1', async () => {
    for (const args of [
      ['-n', 'shop', '-A'],
      ['--window', '7x'],
      ['-o', 'yaml'],
      ['--prices', join(dir, 'missing.json')],
      ['--headroom', 'lots'],
      ['-n', 'Shop_Bad'],
    ]) {
      const r = await cli(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(/error: /);
    }
    const down = await main([
      'capacity',
      '--kubeconfig',
      stack.kubeconfigPath,
      '--prometheus-url',
      'http://127.0.0.1:1',
    ]);
    expect(down).toBe(1);
  });

  test('kube-aiops diagnose --prometheus-url: the OOMKilled root cause carries the memory curve', async () => {
    const diagnoseShop = (prometheusUrl: string) =>
      runCli([
        'diagnose',
        '--kubeconfig',
        stack.kubeconfigPath,
        '-n',
        'shop',
        '-o',
        'json',
        '--prometheus-url',
        prometheusUrl,
      ]);
    const r = await diagnoseShop(prom.url);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      findings: { rootCause?: { code: string; facts: Record<string, unknown> } }[];
    };
    const oom = json.findings.find((f) => f.rootCause?.code === 'OOMKilled');
    expect(oom?.rootCause?.facts).toMatchObject({ container: 'app', memoryShape: 'leak' });
    const down = await diagnoseShop('http://127.0.0.1:1');
    expect(down.code).toBe(0);
    expect(down.stderr).toMatch(/warning: memory curve: leaky-7c9f8d6b5-kx2lp\/app: cannot reach Prometheus at /);
    expect(JSON.parse(down.stdout).findings.length).toBe(json.findings.length);
  });

  test('capacity_report over MCP: compact text first, the JSON shape as structured data', async () => {
    const res = await callTool(client, 'capacity_report', {});
    expect(res.isError).toBeFalsy();
    const text = textOf(res);
    expect(text.split('\n')[0]).toMatch(
      /^Capacity over 7d: 6 container\(s\) — 1 oom-risk, 1 under-provisioned, 2 over-provisioned, 1 no-data, 1 ok/,
    );
    expect(text).toContain(`${NODE_TYPE} 3 → 2 nodes`);
    const data = res.structuredContent as unknown as CapacityJson;
    expect(data.pools[0].recommendedNodes).toBe(2);
    const priced = await callTool(client, 'capacity_report', {
      namespace: undefined,
      prices: { currency: 'CNY', instanceTypes: { [NODE_TYPE]: { hourly: 0.62 } } },
      top: 2,
    });
    expect(textOf(priced)).toContain('saving about 452.60 CNY a month');
    expect(textOf(priced).match(/^- /gm)?.length).toBe(2 + 1);
  });

  test('diagnose over MCP with --prometheus-url: the OOMKilled root cause says leak, with the curve figures', async () => {
    const res = await callTool(client, 'diagnose', { namespace: 'shop' });
    expect(res.isError).toBeFalsy();
    expect(textOf(res)).toMatch(/memory climbs steadily from \d+Mi to 5\d\dMi of the 512Mi limit .* a leak/);
    const data = res.structuredContent as {
      memoryCurves?: { pod: string; shape: string; timeToLimitSeconds?: number; peakBytes?: number }[];
    };
    expect(data.memoryCurves).toEqual([
      expect.objectContaining({ pod: 'leaky-7c9f8d6b5-kx2lp', container: 'app', shape: 'leak' }),
    ]);
    expect((data.memoryCurves?.[0].timeToLimitSeconds ?? 0) / 3600).toBeGreaterThan(33);
    expect(data.memoryCurves?.[0]).not.toHaveProperty('points');
  });

  const node = (parameters: Record<string, unknown>, continueOnFail = false) =>
    runNode(KubernetesDiagnose, {
      parameters: { operation: 'capacity', ...parameters },
      credentials: {
        kubernetesApi: { connection: 'kubeconfig', kubeconfig: stack.sim.kubeconfig },
        prometheusApi: { url: prom.url, authentication: 'none' },
      },
      items: [{ json: {} }],
      settings: { continueOnFail },
    });

  test('Kubernetes Diagnose → Capacity in n8n: JSON plus Markdown, prices as a node option', async () => {
    const r = await node({
      capacityOutput: 'markdown',
      capacityOptions: {
        prices: JSON.stringify({ currency: 'CNY', instanceTypes: { [NODE_TYPE]: { hourly: 0.62 } } }),
      },
    });
    expect(r.error).toBeUndefined();
    const json = r.items[0].json as unknown as CapacityJson & { markdown: string };
    expect(json.savings).toEqual({ monthly: 452.6, currency: 'CNY' });
    expect(json.workloads.find((w) => w.name === 'leaky')?.verdict).toBe('oom-risk');
    expect(json.markdown).toContain('**Top rightsizing moves**');
    expect(String(r.items[0].json.digest)).toMatch(/^\*\*Capacity over 7d\*\*: Node pools: ecs\.g7\.large 3 → 2 nodes/);
    const html = await node({ capacityOutput: 'html', capacityNamespace: 'shop' });
    expect(html.items[0].binary?.data?.fileName).toBe('capacity.html');
    expect(String(html.items[0].json.htmlSection)).toMatch(/^<section class="capacity">.*<svg/);
  });

  test('Capacity with a bad option fails the item with a NodeOperationError, or continues', async () => {
    const bad = await node({ window: 'forever' });
    expect(bad.error?.message).toMatch(/window must be a duration/);
    const cont = await node({ capacityOptions: { prices: '{"currency": 1}' } }, true);
    expect(cont.error).toBeUndefined();
    expect(String(cont.items[0].json.error)).toMatch(/currency/);
  });

  test('Diagnose with a Prometheus credential: the OOMKilled root cause carries the memory curve (a leak)', async () => {
    const r = await node({ operation: 'diagnose', scope: 'namespace', namespace: 'shop', output: 'markdown' });
    expect(r.error).toBeUndefined();
    const json = r.items[0].json as unknown as {
      findings: { rootCause?: { code: string; facts: Record<string, unknown> }; evidence: { text: string }[] }[];
      memoryCurves: { shape: string; pod: string; points: unknown[] }[];
      markdown: string;
    };
    const oom = json.findings.find((f) => f.rootCause?.code === 'OOMKilled');
    expect(oom?.rootCause?.facts).toMatchObject({
      container: 'app',
      memoryShape: 'leak',
      // the fixture's leak: 150Mi after each restart, +362Mi over 36 h (≈10Mi/h) up to the 512Mi limit; the curve's
      // 24 h window starts 13 h into that run (150 + 362 × 13/36 ≈ 281Mi) but times the climb from the restart: 36 h
      memoryStart: expect.stringMatching(/^2[78]\dMi$/),
      memoryPeak: expect.stringMatching(/^5\d\dMi$/),
      memorySlopePerHour: expect.stringMatching(/^(9|10|11)Mi$/),
    });
    expect(oom?.rootCause?.facts.hoursToLimit).toBeGreaterThan(33);
    expect(oom?.rootCause?.facts.hoursToLimit).toBeLessThan(39);
    expect(oom?.evidence.map((e) => e.text).join('\n')).toMatch(
      /climbs steadily .* a leak — raising the limit only delays/,
    );
    expect(json.memoryCurves).toEqual([expect.objectContaining({ shape: 'leak', pod: 'leaky-7c9f8d6b5-kx2lp' })]);
    expect(json.memoryCurves[0].points.length).toBeGreaterThan(100);
    // the HTML report shows the curve it was read from, with the limit
    const html = await runNode(KubernetesDiagnose, {
      parameters: { scope: 'namespace', namespace: 'shop', output: 'html' },
      credentials: {
        kubernetesApi: { connection: 'kubeconfig', kubeconfig: stack.sim.kubeconfig },
        prometheusApi: { url: prom.url, authentication: 'none' },
      },
      items: [{ json: {} }],
    });
    const page = String(html.items[0].json.html);
    const section = page.slice(page.indexOf('<section class="memory-curves">'));
    expect(section).toMatch(/^<section class="memory-curves"><h2>Memory before the OOM kill<\/h2>.*<svg/);
    expect(section).toContain('Memory of shop/leaky-7c9f8d6b5-kx2lp/app (leak)');
    expect(section).toMatch(/<figcaption>app: memory climbs steadily .* a leak/);
    expect(section.indexOf('</section>')).toBeLessThan(section.indexOf('</body>'));
    expect(section).not.toMatch(/<script|https?:\/\//);
    // without the credential the same diagnosis has no curve
    const plain = await runNode(KubernetesDiagnose, {
      parameters: { scope: 'namespace', namespace: 'shop' },
      credentials: { kubernetesApi: { connection: 'kubeconfig', kubeconfig: stack.sim.kubeconfig } },
      items: [{ json: {} }],
    });
    expect(plain.items[0].json.memoryCurves).toBeUndefined();
    const plainHtml = await runNode(KubernetesDiagnose, {
      parameters: { scope: 'namespace', namespace: 'shop', output: 'html' },
      credentials: { kubernetesApi: { connection: 'kubeconfig', kubeconfig: stack.sim.kubeconfig } },
      items: [{ json: {} }],
    });
    expect(String(plainHtml.items[0].json.html)).not.toContain('memory-curves');
  });

  test('the Prometheus credential test queries the API', async () => {
    expect(await testPrometheusCredential({ url: prom.url })).toEqual({
      status: 'OK',
      message: 'Prometheus answered a query',
    });
    const down = await testPrometheusCredential({ url: 'http://127.0.0.1:1' });
    expect(down.status).toBe('Error');
    expect(down.message).toMatch(/cannot reach Prometheus/);
    expect((await testPrometheusCredential({ url: 'http://u:p@127.0.0.1:1' })).message).toMatch(/not in the URL/);
    expect((await testPrometheusCredential({ url: prom.url, authentication: 'bearer' })).message).toMatch(/holds none/);
  });

  test('capacity_report refuses hostile arguments with an MCP error result', async () => {
    for (const args of [
      { window: '7d) or vector(1' },
      { namespace: 'shop"}' },
      { headroom: 5 },
      { prices: { currency: 'CNY', instanceTypes: { x: { hourly: -1 } } } },
      { poolLabel: 'a b' },
    ]) {
      const res = await callTool(client, 'capacity_report', args);
      expect({ args, isError: res.isError }).toEqual({ args, isError: true });
    }
  });
});

test('the CLI lists capacity among its subcommands', async () => {
  const { stdout } = await runCli(['--help']);
  expect(stdout).toMatch(/capacity \[options\]\s+rightsizing per container/);
});
