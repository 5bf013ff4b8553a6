/**
 * workflows/daily-inspection.json in the real n8n, run as the 09:00 schedule would run it: capacity over the last 7
 * days from a real Prometheus (Debian's, backfilled with the capacity fixture's week of cAdvisor history), a
 * cluster-wide diagnosis of the demo cluster (plus the capacity fixture's workloads), an AI summary, an IM digest
 * (Feishu, WeCom) with the health score, the top findings and the capacity lines, and an email with the HTML report
 * (its capacity section with charts) attached. When the model fails the digest still goes out, saying the summary was
 * skipped; without a Prometheus credential the report says capacity was skipped and why.
 */
import { executionError, nodeOutput, nodesThatRan, type N8nClient } from '../../scripts/n8n';
import { installWorkflows, loadWorkflow, prepareWorkflow, type InstalledWorkflow } from '../../scripts/demo/workflows';
import { clusterObjects, history } from '../capacity/fixture';
import { startRealPrometheus, type RunningPrometheus } from '../capacity/real-prometheus';
import { e2eClient, e2eLine } from './setup/instance';
import { FAKE_MODEL, messageText, startStack, waitUntil, type Stack } from './setup/stack';

interface CapacityItem {
  window: string;
  complete: boolean;
  digest: string;
  htmlSection: string;
  workloads: { namespace: string; name: string; verdict: string; reason: string }[];
  pools: { value: string; nodes: number; recommendedNodes: number; blockers: unknown[] }[];
}

describe('Daily inspection workflow', () => {
  let client: N8nClient;
  let stack: Stack;
  let wf: InstalledWorkflow;
  let prom: RunningPrometheus;

  beforeAll(async () => {
    // Prometheus first: the backfill takes seconds, long enough for n8n to drop an idle keep-alive socket of the client
    const end = Math.floor(Date.now() / 1000) - 120;
    prom = await startRealPrometheus(history(end));
    client = await e2eClient();
    // the fixture's workloads share the demo's node names (node-1…3) and its "shop" namespace: only their objects
    const objects = clusterObjects(end).filter((o) => !['Node', 'Namespace'].includes((o as { kind: string }).kind));
    stack = await startStack(client, { label: 'daily', objects, prometheusUrl: prom.url });
    // a summary "model": the first finding of the prompt, as a bullet
    stack.llm.setBrain((turn) => {
      const user = turn.messages.filter((m) => m.role === 'user').pop()?.content ?? '';
      const first = /^- \[(\w+)\] (.+?)( \||$)/m.exec(user);
      return {
        text: `- Most urgent (${first?.[1] ?? 'none'}): ${first?.[2] ?? 'nothing'}\n- Checked by the kube-aiops summary model.`,
      };
    });
    wf = (
      await installWorkflows(client, stack.credentials, {
        keys: ['daily'],
        model: FAKE_MODEL,
        suffix: 'e2e',
        line: e2eLine(),
      })
    ).daily;
  });

  afterAll(async () => {
    await stack?.close();
    await prom?.close();
  });

  test('the digest carries the health score, the AI summary and the top findings; the email carries the HTML report', async () => {
    const execution = await client.runAndWait(wf.id, { timeoutMs: 180_000 });
    expect(executionError(execution)).toBeUndefined();
    expect(nodesThatRan(execution)).toEqual(
      expect.arrayContaining([
        'Settings',
        'Capacity',
        'Diagnose cluster',
        'AI summary on?',
        'AI summary',
        'Compose report',
        'IM digest (Feishu)',
        'IM digest (WeCom)',
        'Report file',
        'Email report',
      ]),
    );
    const [diagnosis] = nodeOutput(execution, 'Diagnose cluster');
    const score = diagnosis.score as number;
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThan(50);

    // the model got the score and the findings, and nothing else to do
    const [turn] = stack.llm.turns();
    expect(turn.tools).toEqual([]);
    expect(turn.system).toMatch(/daily Kubernetes health summary/);
    expect(turn.messages.find((m) => m.role === 'user')?.content).toContain(`Health score: ${score}/100`);

    const card = await waitUntil('the Feishu digest', () =>
      stack.feishu.received.find((m) => messageText(m.body).includes('Daily Kubernetes inspection')),
    );
    const text = messageText(card.body);
    expect(text).toContain(`Health score: ${score}/100`);
    expect(text).toContain('Most urgent (critical)');
    expect(text).toContain('nginx:lastest');
    expect(text).toMatch(/StorageClass "cbs"/);
    expect(text).toMatch(/OOMKilled/);
    const wecom = await waitUntil('the WeCom digest', () =>
      stack.wecom.received.find((m) => messageText(m.body).includes('Daily Kubernetes inspection')),
    );
    expect(messageText(wecom.body)).toContain(`${score}/100`);

    const [mail] = await stack.smtp.waitFor(1);
    expect(mail.subject).toBe(`Daily Kubernetes inspection · health ${score}/100`);
    expect(mail.text).toContain(`Health score: ${score}/100`);
    expect(mail.attachments).toHaveLength(1);
    const [report] = mail.attachments;
    expect(report.filename).toMatch(/^kube-inspection-\d{4}-\d{2}-\d{2}\.html$/);
    const html = report.content.toString('utf8');
    expect(html).toMatch(/<html/i);
    expect(html).toContain(String(score));
    expect(html).toContain('nginx-test');

    // capacity over the fixture's week: verdicts from the history, demo workloads without series say no-data
    const [capacity] = nodeOutput(execution, 'Capacity') as unknown as CapacityItem[];
    expect(capacity.window).toBe('7d');
    const verdict = (ns: string, name: string) =>
      capacity.workloads.find((w) => w.namespace === ns && w.name === name)?.verdict;
    expect({
      idle: verdict('shop', 'web-idle'),
      leaky: verdict('shop', 'leaky'),
      steady: verdict('shop', 'steady'),
      busy: verdict('shop', 'busy'),
      ghost: verdict('shop', 'ghost'),
      demo: verdict('shop', 'app-xyz'),
    }).toEqual({
      idle: 'over-provisioned',
      leaky: 'oom-risk',
      steady: 'ok',
      busy: 'under-provisioned',
      ghost: 'no-data',
      demo: 'no-data',
    });
    expect(capacity.workloads.find((w) => w.name === 'app-xyz')?.reason).toMatch(/no .*series|no data/i);
    expect(capacity.pools).toEqual([expect.objectContaining({ value: 'standard-4c16g', nodes: 3 })]);
    // the digest: the savings line, the utilisation behind it and the top moves
    for (const t of [text, mail.text]) {
      expect(t).toContain('Capacity over 7d');
      expect(t).toMatch(/Node pools: /);
      expect(t).toMatch(
        /Utilisation: CPU averaged \d+% \(p95 \d+%\) and memory \d+% \(p95 \d+%\) of allocatable over 7d/,
      );
      // risks first, then the largest waste
      expect(t).toMatch(/1\. Deployment shop\/leaky \\?\[app\\?\] oom-risk: /);
      expect(t).toMatch(/\d\. Deployment shop\/web-idle \\?\[web\\?\] over-provisioned: cpu request 800m → /);
    }
    // the report: the capacity section inside the diagnosis page, with its three echarts charts
    const section = html.slice(html.indexOf('<section class="capacity">'));
    expect(section).toMatch(/^<section class="capacity"><h2>Capacity over 7d<\/h2>/);
    expect(section).toContain('Top rightsizing moves');
    expect(section).toContain('Utilisation: CPU averaged');
    expect((section.match(/<svg/g) ?? []).length).toBe(3);
    for (const title of ['Utilisation over 7d', 'CPU: request vs p95 usage', 'Memory: request vs p99 working set'])
      expect(section).toContain(title);
    expect(section).toContain('shop/web-idle/web');
    expect(html.indexOf('<section class="capacity">')).toBeLessThan(html.indexOf('</body>'));
  });

  test('when the model fails, the digest still goes out and says the summary was skipped', async () => {
    stack.llm.failAll('auth');
    const before = stack.feishu.received.length;
    try {
      const execution = await client.runAndWait(wf.id, { timeoutMs: 180_000 });
      expect(executionError(execution)).toBeUndefined();
      expect(nodeOutput(execution, 'AI summary')[0]).toHaveProperty('error');
      const card = await waitUntil('the digest', () =>
        stack.feishu.received.slice(before).find((m) => messageText(m.body).includes('Daily Kubernetes inspection')),
      );
      const text = messageText(card.body);
      expect(text).toMatch(/Health score: \d+\/100/);
      expect(text).not.toContain('Most urgent');
      expect(nodeOutput(execution, 'Compose report')[0].summary).toMatch(/^_AI summary skipped: /);
      await stack.smtp.waitFor(2);
    } finally {
      stack.llm.recover();
    }
  });

  test('without a Prometheus credential the report goes out and says capacity was skipped and why', async () => {
    const json = prepareWorkflow(loadWorkflow('daily', e2eLine()), stack.credentials, {
      model: FAKE_MODEL,
      suffix: 'e2e-no-prometheus',
    });
    const node = json.nodes.find((n) => n.name === 'Capacity');
    delete node?.credentials?.prometheusApi;
    const stored = await client.importWorkflow(json);
    const before = stack.feishu.received.length;
    const mails = stack.smtp.messages.length;
    const execution = await client.runAndWait(stored.id, { timeoutMs: 180_000 });
    expect(executionError(execution)).toBeUndefined();
    expect(String(nodeOutput(execution, 'Capacity')[0].error)).toMatch(/choose a Prometheus API credential/);
    const card = await waitUntil('the digest', () =>
      stack.feishu.received.slice(before).find((m) => messageText(m.body).includes('Daily Kubernetes inspection')),
    );
    expect(messageText(card.body)).toMatch(/Capacity skipped: Capacity reads usage history: choose a Prometheus API/);
    expect(messageText(card.body)).toMatch(/Health score: \d+\/100/);
    const all = await stack.smtp.waitFor(mails + 1);
    const html = all[all.length - 1].attachments[0].content.toString('utf8');
    expect(html).toContain('<section class="capacity"><h2>Capacity</h2><p>Capacity skipped: Capacity reads usage');
    expect(html).not.toContain('<h2>Capacity over');
  });
});
