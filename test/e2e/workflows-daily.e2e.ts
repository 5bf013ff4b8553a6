/**
 * workflows/daily-inspection.json in the real n8n, run as the 09:00 schedule would run it: a cluster-wide diagnosis
 * of the demo cluster, an AI summary, an IM digest (Feishu, WeCom) with the health score and the top findings, and an
 * email with the HTML report attached. When the model fails the digest still goes out, saying the summary was skipped.
 */
import { executionError, nodeOutput, nodesThatRan, type N8nClient } from '../../scripts/n8n';
import { installWorkflows, type InstalledWorkflow } from '../../scripts/demo/workflows';
import { e2eClient, e2eLine } from './setup/instance';
import { FAKE_MODEL, messageText, startStack, waitUntil, type Stack } from './setup/stack';

describe('Daily inspection workflow', () => {
  let client: N8nClient;
  let stack: Stack;
  let wf: InstalledWorkflow;

  beforeAll(async () => {
    client = await e2eClient();
    stack = await startStack(client, { label: 'daily' });
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
  });

  test('the digest carries the health score, the AI summary and the top findings; the email carries the HTML report', async () => {
    const execution = await client.runAndWait(wf.id, { timeoutMs: 180_000 });
    expect(executionError(execution)).toBeUndefined();
    expect(nodesThatRan(execution)).toEqual(
      expect.arrayContaining([
        'Settings',
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
});
