/**
 * workflows/prometheus-alert-triage.json, imported unchanged (credentials bound by name) into the real n8n:
 * a real Alertmanager fires KubePodCrashLooping for the OOMKilled demo workload shop/app-xyz at the workflow's
 * Alertmanager Trigger; the enriched alert goes through the AI agent (which calls the bridge's triage tool over MCP)
 * to a signed Feishu card, a WeCom message and an email that name the root cause. The resolved notification gets
 * a short notice without any model call, and when the model fails the evidence is still delivered.
 */
import { executionError, nodeOutput, nodesThatRan, type Execution, type N8nClient } from '../../scripts/n8n';
import { installWorkflows, webhookPath, type InstalledWorkflow } from '../../scripts/demo/workflows';
import {
  alertmanagerAvailable,
  startAlertmanager,
  type PushedAlert,
  type RunningAlertmanager,
} from './setup/alertmanager';
import { e2eClient, e2eInstance } from './setup/instance';
import {
  FAKE_MODEL,
  mcpToolName,
  modelWorkflowLine,
  messageText,
  startStack,
  waitUntil,
  webhookRegistered,
  type Stack,
} from './setup/stack';

const describeReal = alertmanagerAvailable ? describe : describe.skip;
if (!alertmanagerAvailable) console.warn('[workflows-triage] SKIPPED: prometheus-alertmanager is not installed');

const POD = 'app-xyz-5969b7fffc-7ndjr';

function crashLooping(extra: Partial<PushedAlert> = {}): PushedAlert {
  return {
    labels: {
      alertname: 'KubePodCrashLooping',
      namespace: 'shop',
      pod: POD,
      container: 'app',
      severity: 'warning',
      job: 'kube-state-metrics',
    },
    annotations: {
      summary: 'Pod is crash looping.',
      description: `Pod shop/${POD} (app) is in waiting state (reason: "CrashLoopBackOff").`,
    },
    startsAt: new Date(Date.now() - 15 * 60_000).toISOString(),
    generatorURL:
      'http://prometheus.example/graph?g0.expr=kube_pod_container_status_waiting_reason%7Breason%3D%22CrashLoopBackOff%22%7D',
    ...extra,
  };
}

describeReal('Prometheus alert triage workflow, fired by a real Alertmanager', () => {
  let client: N8nClient;
  let stack: Stack;
  let wf: InstalledWorkflow;
  let am: RunningAlertmanager;

  async function executions(count: number): Promise<Execution[]> {
    const done = await client.waitForExecutions(wf.id, count, 120_000);
    return done.sort((a, b) => Number(a.id) - Number(b.id));
  }

  beforeAll(async () => {
    client = await e2eClient();
    stack = await startStack(client, { label: 'triage' });
    const installed = await installWorkflows(client, stack.credentials, {
      keys: ['triage'],
      activate: ['triage'],
      model: FAKE_MODEL,
      mcpUrl: `${stack.bridge.url}/sse`,
      suffix: 'e2e',
      line: modelWorkflowLine(),
    });
    wf = installed.triage;
    const hook = `${e2eInstance().url}/webhook/${webhookPath(wf.json, 'Alertmanager', 'alerts')}`;
    // n8n registers the production webhook a moment after activation
    await webhookRegistered(hook);
    am = await startAlertmanager(hook);
  });

  afterAll(async () => {
    await am?.close();
    if (wf) await client.deactivateWorkflow(wf.id).catch(() => undefined);
    await stack?.close();
  });

  test('a firing alert reaches Feishu, WeCom and email with the root cause; the agent called the bridge over MCP', async () => {
    await am.push([crashLooping()]);
    const card = await waitUntil(
      'the Feishu card',
      () => stack.feishu.received.find((m) => messageText(m.body).includes('KubePodCrashLooping')),
      120_000,
    );
    const cardText = messageText(card.body);
    expect(card.body).toMatchObject({ msg_type: 'interactive', card: { schema: '2.0' } });
    expect(cardText).toMatch(/OOMKilled/);
    expect(cardText).toContain('Deployment shop/app-xyz');
    expect(cardText).toContain('AI analysis');
    expect(cardText).toMatch(/Root cause: .*OOMKilled/);

    const [execution] = await executions(1);
    expect(executionError(execution)).toBeUndefined();
    expect(nodesThatRan(execution)).toEqual(
      expect.arrayContaining([
        'Alertmanager',
        'Enrich with diagnosis',
        'Firing?',
        'AI root cause',
        'Message with AI analysis',
        'Feishu card',
        'WeCom markdown',
        'Email on-call',
      ]),
    );
    expect(nodesThatRan(execution)).not.toContain('Message without AI');
    expect(nodeOutput(execution, 'Enrich with diagnosis')[0]).toMatchObject({
      alertname: 'KubePodCrashLooping',
      enriched: true,
      rootCause: expect.stringMatching(/OOMKilled/),
    });
    expect(nodeOutput(execution, 'Feishu card')[0]).toMatchObject({ ok: true, channel: 'feishu' });

    // the model asked for the bridge's tool, n8n's MCP Client Tool called it, and the answer came from its result
    const calls = stack.llm.toolCalls();
    expect(calls.map((c) => c.name)).toContain(mcpToolName('triage_alert'));
    expect(calls.find((c) => c.name.endsWith('triage_alert'))?.arguments).toMatchObject({
      resource: { kind: 'Deployment', namespace: 'shop', name: 'app-xyz' },
    });
    const toolResults = stack.llm.turns().flatMap((t) => t.messages.filter((m) => m.role === 'tool'));
    expect(toolResults.map((m) => m.content).join('\n')).toMatch(/OOMKilled/);
    const firstTurn = stack.llm.turns()[0];
    expect(firstTurn.system).toMatch(/triage one Prometheus alert/);
    expect(firstTurn.tools.map((t) => t.name.replace('kube_aiops_MCP_bridge_', '')).sort()).toEqual([
      'describe_resource',
      'diagnose',
      'get_pod_logs',
      'list_events',
      'triage_alert',
    ]);

    const wecom = await waitUntil('the WeCom message', () =>
      stack.wecom.received.find((m) => messageText(m.body).includes('KubePodCrashLooping')),
    );
    expect(wecom.body).toMatchObject({ msgtype: 'markdown' });
    expect(messageText(wecom.body)).toMatch(/OOMKilled/);

    const [mail] = await stack.smtp.waitFor(1);
    expect(mail.to).toEqual(['oncall@example.com']);
    expect(mail.subject).toMatch(/KubePodCrashLooping/);
    expect(mail.text).toMatch(/Root cause: .*OOMKilled/);
    expect(mail.text).toContain('Deployment shop/app-xyz');
    // the HTML part is the same Markdown rendered: bold is bold, not asterisks
    expect(mail.html).toMatch(/<strong>\[FIRING\] KubePodCrashLooping<\/strong>/);
    expect(mail.html).not.toContain('**[FIRING]');
  });

  test('the resolved notification sends a short notice and never calls the model', async () => {
    const modelRequests = stack.llm.requests.length;
    const feishuBefore = stack.feishu.received.length;
    await am.push([crashLooping({ endsAt: new Date(Date.now() - 1000).toISOString() })]);
    const notice = await waitUntil(
      'the resolved notice',
      () => stack.feishu.received.slice(feishuBefore).find((m) => /RESOLVED|resolved/i.test(messageText(m.body))),
      120_000,
    );
    expect(messageText(notice.body)).toContain('KubePodCrashLooping');
    const all = await executions(2);
    const resolved = all[all.length - 1];
    expect(nodesThatRan(resolved)).toEqual(
      expect.arrayContaining(['Resolved notice (Feishu)', 'Resolved notice (WeCom)']),
    );
    expect(nodesThatRan(resolved)).not.toContain('AI root cause');
    expect(nodeOutput(resolved, 'Enrich with diagnosis')[0]).toMatchObject({ status: 'resolved', enriched: false });
    expect(stack.llm.requests.length).toBe(modelRequests);
    expect(stack.smtp.messages).toHaveLength(1);
  });

  test('when the model fails, the enriched evidence is still delivered without the AI text', async () => {
    stack.llm.failAll('server');
    const feishuBefore = stack.feishu.received.length;
    try {
      await am.push([
        {
          labels: {
            alertname: 'KubeDeploymentReplicasMismatch',
            namespace: 'default',
            deployment: 'nginx-test',
            severity: 'warning',
            job: 'kube-state-metrics',
          },
          annotations: { summary: 'Deployment has not matched the expected number of replicas.' },
          startsAt: new Date(Date.now() - 20 * 60_000).toISOString(),
        },
      ]);
      const card = await waitUntil(
        'the card without AI',
        () =>
          stack.feishu.received
            .slice(feishuBefore)
            .find((m) => messageText(m.body).includes('KubeDeploymentReplicasMismatch')),
        180_000,
      );
      const text = messageText(card.body);
      expect(text).toContain('nginx:lastest');
      expect(text).toMatch(/AI analysis unavailable/);
      expect(text).not.toContain('**AI analysis**');
      const all = await executions(3);
      const failed = all[all.length - 1];
      expect(nodesThatRan(failed)).toEqual(
        expect.arrayContaining([
          'AI root cause',
          'Message without AI',
          'Feishu card',
          'WeCom markdown',
          'Email on-call',
        ]),
      );
      expect(nodesThatRan(failed)).not.toContain('Message with AI analysis');
      const mails = await stack.smtp.waitFor(2);
      expect(mails[1].text).toContain('nginx:lastest');
      expect(stack.llm.requests.some((r) => r.status === 500)).toBe(true);
    } finally {
      stack.llm.recover();
    }
  });

  test('with no model configured (Settings aiAnalysis off) the alert arrives with the diagnosis and says AI was skipped', async () => {
    const installed = await installWorkflows(client, stack.credentials, {
      keys: ['triage'],
      activate: ['triage'],
      model: FAKE_MODEL,
      mcpUrl: `${stack.bridge.url}/sse`,
      suffix: 'no-model',
      ai: false,
      line: modelWorkflowLine(),
    });
    const noModel = installed.triage;
    const hook = `${e2eInstance().url}/webhook/${webhookPath(noModel.json, 'Alertmanager', 'alerts')}`;
    await webhookRegistered(hook);
    const sender = await startAlertmanager(hook);
    const feishuBefore = stack.feishu.received.length;
    const modelCallsBefore = stack.llm.requests.length;
    try {
      await sender.push([crashLooping({ labels: { ...crashLooping().labels, alertname: 'KubePodNotReady' } })]);
      const card = await waitUntil(
        'the card without a model',
        () => stack.feishu.received.slice(feishuBefore).find((m) => messageText(m.body).includes('KubePodNotReady')),
        180_000,
      );
      const text = messageText(card.body);
      expect(text).toMatch(/OOMKilled/);
      expect(text).toContain('AI analysis skipped: no model is configured');
      expect(text).not.toMatch(/AI analysis unavailable|Authorization failed/);
      const [execution] = await client.waitForExecutions(noModel.id, 1, 120_000);
      expect(nodesThatRan(execution)).toEqual(
        expect.arrayContaining(['Model configured?', 'Message without AI', 'Feishu card', 'Email on-call']),
      );
      expect(nodesThatRan(execution)).not.toContain('AI root cause');
      expect(stack.llm.requests.length).toBe(modelCallsBefore);
    } finally {
      await sender.close();
      await client.deactivateWorkflow(noModel.id).catch(() => undefined);
    }
  });
});
