/**
 * workflows/oom-self-heal.json in the real n8n: an OOMKilled alert for shop/app-xyz leads to a diagnosis, a proposed
 * memory limit (256Mi limit, 250Mi used → 512Mi) and an approval request in Feishu and WeCom whose links resume the
 * waiting execution. Rejecting changes nothing; approving sets the limit through the write credential, the
 * simulator's rollout controller replaces the OOMKilled pod, and a new diagnosis verifies the fix.
 */
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { nodeOutput, nodesThatRan, type Execution, type N8nClient } from '../../scripts/n8n';
import { installWorkflows, webhookPath, type InstalledWorkflow } from '../../scripts/demo/workflows';
import { e2eClient, e2eInstance, e2eLine } from './setup/instance';
import { FAKE_MODEL, messageText, startStack, waitUntil, webhookRegistered, type Stack } from './setup/stack';

const POD = 'app-xyz-5969b7fffc-7ndjr';

const oomAlert = {
  version: '4',
  groupKey: '{}:{alertname="KubeContainerOOMKilled"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'n8n-self-heal',
  groupLabels: { alertname: 'KubeContainerOOMKilled' },
  commonLabels: { alertname: 'KubeContainerOOMKilled', namespace: 'shop', severity: 'warning' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager.example:9093',
  alerts: [
    {
      status: 'firing',
      labels: {
        alertname: 'KubeContainerOOMKilled',
        namespace: 'shop',
        pod: POD,
        container: 'app',
        reason: 'OOMKilled',
        severity: 'warning',
      },
      annotations: { summary: 'Container app in shop/app-xyz was OOMKilled.' },
      startsAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL:
        'http://prometheus.example/graph?g0.expr=kube_pod_container_status_last_terminated_reason%7Breason%3D%22OOMKilled%22%7D',
      fingerprint: 'a1b2c3d4e5f60718',
    },
  ],
};

function links(text: string): { approve: string; reject: string } {
  const approve = /\((http[^)\s]*decision=approve)\)/.exec(text)?.[1];
  const reject = /\((http[^)\s]*decision=reject)\)/.exec(text)?.[1];
  if (!approve || !reject) throw new Error(`no approve/reject links in the message:\n${text}`);
  return { approve, reject };
}

describe('OOMKilled self-heal workflow with approval', () => {
  let client: N8nClient;
  let stack: Stack;
  let wf: InstalledWorkflow;
  let hook: string;
  let apps: AppsV1Api;
  let core: CoreV1Api;

  const memoryLimit = async (): Promise<string | undefined> =>
    (await apps.readNamespacedDeployment({ name: 'app-xyz', namespace: 'shop' })).spec?.template.spec?.containers.find(
      (c) => c.name === 'app',
    )?.resources?.limits?.memory;

  async function executionsOf(status: Execution['status'], count: number, timeoutMs = 90_000): Promise<Execution[]> {
    let seen = '';
    return waitUntil(
      `${count} ${status} execution(s)`,
      async () => {
        const listed = await client.getExecutions(wf.id, { includeData: true });
        seen = listed.map((e) => `${e.id}:${e.status}`).join(', ');
        const all = listed.filter((e) => e.status === status);
        return all.length >= count ? all.sort((a, b) => Number(a.id) - Number(b.id)) : undefined;
      },
      timeoutMs,
    ).catch((err: Error) => {
      throw new Error(`${err.message} (listed: ${seen || 'none'})`);
    });
  }

  /**
   * The execution an approval link resumes, read by its id: n8n 1.x's public API leaves a waiting execution out of
   * its list (it still counts as active there), while the execution itself can be read.
   */
  async function waitingExecution(link: string): Promise<Execution> {
    const id = /\/webhook-waiting\/([^/?]+)/.exec(link)?.[1];
    if (!id) throw new Error(`not a resume URL: ${link}`);
    return waitUntil('the waiting execution', async () => {
      const e = await client.getExecution(id, { includeData: true });
      return e.status === 'waiting' ? e : undefined;
    });
  }

  async function askForApproval(feishuBefore: number): Promise<{ approve: string; reject: string; text: string }> {
    const res = await client.callWebhook(hook, oomAlert);
    expect(res.status).toBe(200);
    const card = await waitUntil(
      'the approval request',
      () => stack.feishu.received.slice(feishuBefore).find((m) => messageText(m.body).includes('Approve')),
      90_000,
    );
    const text = messageText(card.body);
    return { ...links(text), text };
  }

  beforeAll(async () => {
    client = await e2eClient();
    stack = await startStack(client, { label: 'self-heal' });
    const installed = await installWorkflows(client, stack.credentials, {
      keys: ['selfHeal'],
      activate: ['selfHeal'],
      model: FAKE_MODEL,
      suffix: 'e2e',
      line: e2eLine(),
    });
    wf = installed.selfHeal;
    hook = webhookPath(wf.json, 'OOMKilled alert', 'alerts');
    await webhookRegistered(`${e2eInstance().url}/webhook/${hook}`);
    const kc = new KubeConfig();
    kc.loadFromString(stack.cluster.kubeconfig);
    apps = kc.makeApiClient(AppsV1Api);
    core = kc.makeApiClient(CoreV1Api);
  });

  afterAll(async () => {
    if (wf) await client.deactivateWorkflow(wf.id).catch(() => undefined);
    await stack?.close();
  });

  test('an alert whose root cause is not an OOM gets no proposal and no approval request', async () => {
    const alert = JSON.parse(JSON.stringify(oomAlert)) as typeof oomAlert;
    alert.alerts[0].labels = {
      alertname: 'KubeContainerOOMKilled',
      namespace: 'default',
      pod: 'nginx-test-6d8d947585-7zghn',
      container: 'nginx',
      reason: 'OOMKilled',
      severity: 'warning',
    };
    expect((await client.callWebhook(hook, alert)).status).toBe(200);
    const notice = await waitUntil(
      'the no-proposal notice',
      () => stack.feishu.received.find((m) => messageText(m.body).includes('No automatic fix proposed')),
      90_000,
    );
    expect(messageText(notice.body)).toMatch(/does not show an OOMKilled container/);
    expect(messageText(notice.body)).toContain('nginx:lastest');
    const [done] = await executionsOf('success', 1);
    expect(nodesThatRan(done)).toEqual([
      'OOMKilled alert',
      'Settings',
      'Diagnose',
      'Propose memory limit',
      'Proposal?',
      'No proposal (Feishu)',
    ]);
    stack.feishu.reset();
  });

  test('the proposal follows the documented rule and asks in Feishu and WeCom; a rejection changes nothing', async () => {
    const { reject, text } = await askForApproval(0);
    expect(text).toContain('Deployment shop/app-xyz');
    expect(text).toMatch(/from 256Mi to \*?\*?512Mi/);
    expect(text).toMatch(/observed usage 250Mi/);
    expect(text).toContain('max(limit 256Mi × 1.5, usage 250Mi × 2) = 500Mi, rounded up to 64Mi, capped at 4096Mi');
    const waiting = await waitingExecution(reject);
    const wecom = await waitUntil('the WeCom approval request', () =>
      stack.wecom.received.find((m) => messageText(m.body).includes('decision=approve')),
    ).catch((err: Error) => {
      const sent = nodeOutput(waiting, 'Ask for approval (WeCom)');
      const refused = stack.wecom.requests.map((r) => r.reason ?? String(r.status)).join('; ');
      throw new Error(`${err.message}; node output ${JSON.stringify(sent)}; WeCom answered: ${refused || 'nothing'}`);
    });
    expect(messageText(wecom.body)).toContain('512Mi');

    expect(nodeOutput(waiting, 'Propose memory limit')[0]).toMatchObject({
      proposal: true,
      kind: 'Deployment',
      namespace: 'shop',
      name: 'app-xyz',
      container: 'app',
      currentLimit: '256Mi',
      usage: '250Mi',
      proposedLimit: '512Mi',
    });
    // asking changed nothing
    expect(await memoryLimit()).toBe('256Mi');

    const answer = await fetch(reject);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toMatch(/^Rejected\. Nothing was changed on Deployment shop\/app-xyz/);
    const report = await waitUntil('the rejection report', () =>
      stack.feishu.received.find((m) => /Rejected: no change/.test(messageText(m.body))),
    );
    expect(messageText(report.body)).toMatch(/Nothing was changed; the memory limit stays 256Mi/);
    const done = (await executionsOf('success', 2))[1];
    expect(nodesThatRan(done)).toEqual(
      expect.arrayContaining(['Wait for approval', 'Decision', 'Answer: rejected', 'Report: rejected (Feishu)']),
    );
    expect(nodesThatRan(done)).not.toContain('Set memory limit');
    expect(await memoryLimit()).toBe('256Mi');
    const pods = await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app.kubernetes.io/name=app-xyz' });
    expect(pods.items.map((p) => p.metadata?.name)).toEqual([POD]);
  });

  test('an approval sets the limit through the write credential, and a new diagnosis verifies the fix', async () => {
    const feishuBefore = stack.feishu.received.length;
    const { approve } = await askForApproval(feishuBefore);
    expect(await memoryLimit()).toBe('256Mi');
    // the Feishu card goes out before the WeCom one and the Wait node: a link clicked earlier finds it running (409)
    await waitingExecution(approve);

    const answer = await fetch(approve);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toMatch(
      /^Approved\. kube-aiops is raising the memory limit of Deployment shop\/app-xyz to 512Mi/,
    );
    await waitUntil('the new memory limit', async () => (await memoryLimit()) === '512Mi', 30_000);

    const report = await waitUntil(
      'the result report',
      () =>
        stack.feishu.received
          .slice(feishuBefore)
          .find((m) => /Memory limit of Deployment shop\/app-xyz/.test(messageText(m.body))),
      120_000,
    );
    const text = messageText(report.body);
    expect(text).toMatch(/256Mi → 512Mi/);
    expect(text).toMatch(/Applied:/);
    expect(text).toMatch(/no problems found/);

    const done = await executionsOf('success', 3, 120_000);
    const approved = done[done.length - 1];
    expect(nodesThatRan(approved)).toEqual(
      expect.arrayContaining([
        'Answer: approved',
        'Set memory limit',
        'Let the rollout settle',
        'Verify',
        'Report result (Feishu)',
        'Report result (WeCom)',
      ]),
    );
    const [change] = nodeOutput(approved, 'Set memory limit');
    expect(change).toMatchObject({
      verb: 'set-resources',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'app-xyz',
      dryRun: false,
    });
    expect((change.audit as Record<string, unknown>).allowed).toBe(true);
    expect(nodeOutput(approved, 'Verify')[0]).toMatchObject({ score: 100 });

    const pods = (await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app.kubernetes.io/name=app-xyz' }))
      .items;
    expect(pods).toHaveLength(1);
    expect(pods[0].metadata?.name).not.toBe(POD);
    expect(pods[0].status?.containerStatuses?.[0]).toMatchObject({ ready: true, restartCount: 0 });
    // the model was never asked: this workflow's decision is a rule and a person
    expect(stack.llm.requests).toHaveLength(0);
  });
});
