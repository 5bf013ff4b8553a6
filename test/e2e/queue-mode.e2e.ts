/**
 * n8n 2.x in queue mode, started by this file: PostgreSQL and Redis (Debian, loopback), a main process, one webhook
 * processor and two workers, our package in the user folder they share. The Prometheus alert triage workflow, with
 * the Alertmanager Trigger answering when the workflow finishes and its repeat window in Redis:
 * - the webhook processor answers Alertmanager, a worker runs the execution, Feishu, WeCom and email arrive once;
 * - the same group re-sent with one more alert sends only the new alert;
 * - a worker killed mid-execution: n8n does not recover the job (Bull's maxStalledCount is 0), the notification is not
 *   answered 2xx, Alertmanager sends it again, and the retry (same notification, so not a repeat) delivers it once.
 * Notifications come from an Alertmanager-like sender (setup/am-sender.ts), so the retry happens when the test says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executionError, N8nClient, nodesThatRan, type WorkflowJson } from '../../scripts/n8n';
import { startQueueN8n, type RunningQueue } from '../../scripts/n8n/queue';
import { servicesAvailable } from '../../scripts/n8n/services';
import { loadWorkflow, prepareWorkflow, webhookPath } from '../../scripts/demo/workflows';
import { deliver, notification, type SentAlert } from './setup/am-sender';
import { e2eLine } from './setup/instance';
import { FAKE_MODEL, messageText, startStack, waitUntil, webhookRegistered, type Stack } from './setup/stack';

const missing = servicesAvailable() ?? (e2eLine() === '2.x' ? undefined : 'queue mode is tested on the 2.x line');
if (missing) console.warn(`[queue-mode] SKIPPED: ${missing}`);
const describeQueue = missing ? describe.skip : describe;

const POD = 'app-xyz-5969b7fffc-7ndjr';
const alert = (alertname: string, pod = POD): SentAlert => ({
  labels: { alertname, namespace: 'shop', pod, container: 'app', severity: 'warning', job: 'kube-state-metrics' },
  annotations: { summary: `${alertname} on ${pod}` },
});

describeQueue('queue mode: main + webhook processor + 2 workers over Redis and PostgreSQL', () => {
  let queue: RunningQueue;
  let client: N8nClient;
  let stack: Stack;
  let hook: string;
  let workflowId: string;

  const feishuFor = (name: string) => stack.feishu.received.filter((m) => messageText(m.body).includes(name));
  const wecomFor = (name: string) => stack.wecom.received.filter((m) => messageText(m.body).includes(name));
  const mailFor = (name: string) => stack.smtp.messages.filter((m) => JSON.stringify(m).includes(name));
  const workerLog = (i: number) => readFileSync(join(queue.main.userFolder, `worker-${i + 1}.log`), 'utf8');
  const startedOn = (i: number) => (workerLog(i).match(/started execution/gi) ?? []).length;

  beforeAll(async () => {
    queue = await startQueueN8n({
      workers: 2,
      tarball: process.env.KUBE_AIOPS_TARBALL || undefined,
      log: (l) => process.stderr.write(`${l}\n`),
    });
    client = await N8nClient.setupOwner(queue.main.url);
    await client.createApiKey('queue');
    stack = await startStack(client, { label: 'queue' });
    const json: WorkflowJson = prepareWorkflow(loadWorkflow('triage', '2.x'), stack.credentials, {
      model: FAKE_MODEL,
      mcpUrl: `${stack.bridge.url}/sse`,
      suffix: 'queue',
    });
    const trigger = json.nodes.find((n) => n.name === 'Alertmanager');
    if (!trigger) throw new Error('no Alertmanager node');
    // answer when the workflow finishes (a lost execution is then not answered 2xx); the shipped repeat window, in Redis
    trigger.parameters.respond = 'lastNode';
    trigger.parameters.options = { ...(trigger.parameters.options as object), redisUrl: queue.redisUrl };
    const stored = await client.importWorkflow(json);
    workflowId = stored.id;
    await client.activateWorkflow(workflowId);
    hook = `${queue.webhookUrl}/webhook/${webhookPath(json, 'Alertmanager', 'alerts')}`;
    await webhookRegistered(hook, 60_000);
  }, 900_000);

  afterAll(async () => {
    await stack?.close();
    await queue?.stop();
  }, 120_000);

  test('the webhook processor answers, a worker executes, Feishu, WeCom and email arrive once', async () => {
    const before = [startedOn(0), startedOn(1)];
    const attempts = await deliver(
      hook,
      notification({ alertname: 'KubePodCrashLooping', namespace: 'shop' }, [alert('KubePodCrashLooping')]),
      {
        timeoutMs: 180_000,
      },
    );
    expect(attempts.map((a) => a.status)).toEqual([200]);
    await waitUntil(
      'Feishu, WeCom and email',
      () =>
        feishuFor('KubePodCrashLooping').length &&
        wecomFor('KubePodCrashLooping').length &&
        mailFor('KubePodCrashLooping').length,
      60_000,
    );
    expect(feishuFor('KubePodCrashLooping')).toHaveLength(1);
    expect(messageText(feishuFor('KubePodCrashLooping')[0].body)).toMatch(/OOMKilled/);
    const [execution] = await client.waitForExecutions(workflowId, 1, 60_000);
    expect(executionError(execution)).toBeUndefined();
    expect(nodesThatRan(execution)).toEqual(
      expect.arrayContaining(['Alertmanager', 'Enrich with diagnosis', 'Feishu card']),
    );
    // it ran on a worker, not on the main or webhook process
    expect(startedOn(0) + startedOn(1)).toBe(before[0] + before[1] + 1);
  });

  test('the group re-sent with one more alert: only the new alert reaches IM', async () => {
    const group = { alertname: 'KubePodCrashLooping', namespace: 'shop' };
    const second = alert('KubePodCrashLooping', 'app-xyz-5969b7fffc-second');
    const attempts = await deliver(hook, notification(group, [alert('KubePodCrashLooping'), second]), {
      timeoutMs: 180_000,
    });
    expect(attempts.map((a) => a.status)).toEqual([200]);
    await waitUntil('the second alert in Feishu', () => feishuFor('app-xyz-5969b7fffc-second').length, 60_000);
    await new Promise((r) => setTimeout(r, 5000));
    expect(feishuFor('KubePodCrashLooping')).toHaveLength(2);
    expect(wecomFor('KubePodCrashLooping')).toHaveLength(2);
  });

  test('a worker killed mid-execution: Alertmanager retries, the alert reaches IM once', async () => {
    const name = 'KubePodNotReady';
    // the diagnosis of shop waits 30 s for its pod list: long enough to kill the worker running it
    await fetch(`${stack.cluster.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '^/api/v1/namespaces/shop/pods$', method: 'GET', latencyMs: 30_000, count: 1 }),
    });
    const before = [startedOn(0), startedOn(1)];
    const sending = deliver(hook, notification({ alertname: name, namespace: 'shop' }, [alert(name)]), {
      timeoutMs: 45_000,
      backoffMs: 1000,
    });
    // 1 + the index of the worker whose log shows the new execution
    const running = await waitUntil(
      'a worker to start the execution',
      () => {
        const i = [0, 1].find((w) => startedOn(w) > before[w]);
        return i === undefined ? false : i + 1;
      },
      60_000,
    );
    process.kill(-queue.workers[running - 1].pid, 'SIGKILL');
    const attempts = await sending;
    // the first attempt was not answered 2xx; a later one was
    expect(attempts.length).toBeGreaterThan(1);
    expect(attempts[0].status).not.toBe(200);
    expect(attempts[attempts.length - 1].status).toBe(200);
    await waitUntil(`${name} in Feishu`, () => feishuFor(name).length, 90_000);
    await new Promise((r) => setTimeout(r, 10_000));
    expect(feishuFor(name)).toHaveLength(1);
    expect(wecomFor(name)).toHaveLength(1);
    expect(mailFor(name)).toHaveLength(1);
  });
});
