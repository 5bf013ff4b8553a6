/** Alertmanager Trigger: webhook() through n8n-core's WebhookContext with real express request/response objects. */
import { AlertmanagerTrigger } from '../../nodes/AlertmanagerTrigger/AlertmanagerTrigger.node';
import { fixture } from '../alerts/fixture';
import { callWebhook } from '../helpers/n8n-exec';

const json = { 'content-type': 'application/json' };

test('200 when accepted: one item per alert for the workflow, the trigger answers itself', async () => {
  const r = await callWebhook(AlertmanagerTrigger, { body: fixture('alertmanager-firing'), headers: json });
  expect(r.status).toBe(200);
  expect(r.answeredByNode).toBe(true);
  expect(r.body).toMatchObject({ status: 'ok', format: 'alertmanager', received: 2, firing: 2 });
  expect(r.workflowData?.[0]).toHaveLength(2);
  expect(r.workflowData?.[0][0].json).toMatchObject({
    alertname: 'KubePodCrashLooping',
    resource: { kind: 'Pod', name: 'api-7d9f8b6c5-x2k4q' },
  });
});

test('one item per group; Grafana payloads are accepted too', async () => {
  const r = await callWebhook(AlertmanagerTrigger, {
    parameters: { output: 'group' },
    body: fixture('grafana-firing'),
    headers: json,
  });
  expect(r.status).toBe(200);
  expect(r.workflowData?.[0]).toHaveLength(1);
  expect(r.workflowData?.[0][0].json).toMatchObject({ source: 'grafana', count: 1 });
});

test('400 / 415 / 422 with a message for a body that is not an alert; the workflow is not started', async () => {
  const notAlert = await callWebhook(AlertmanagerTrigger, { body: { hello: 'world' }, headers: json });
  expect(notAlert.status).toBe(422);
  expect(notAlert.body).toMatchObject({ status: 'rejected', message: expect.stringMatching(/not an alert payload/) });
  expect(notAlert.workflowData).toBeUndefined();

  const empty = await callWebhook(AlertmanagerTrigger, { body: '', headers: { 'content-type': 'text/plain' } });
  expect(empty.status).toBe(422);
  const text = await callWebhook(AlertmanagerTrigger, {
    body: 'just words',
    headers: { 'content-type': 'text/plain' },
  });
  expect(text.status).toBe(400);
  expect((text.body as { message: string }).message).toMatch(/not valid JSON/);
  const form = await callWebhook(AlertmanagerTrigger, {
    body: 'a=1',
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(form.status).toBe(415);
  expect(form.workflowData).toBeUndefined();
});

test('503 when the request cannot be handled for a temporary reason, so Alertmanager retries', async () => {
  const r = await callWebhook(AlertmanagerTrigger, {
    body: fixture('alertmanager-firing'),
    headers: json,
    // n8n's context reads the body once when it is built; the node's own read then fails
    mutateRequest: (req) => {
      const body: unknown = req.body;
      let reads = 0;
      Object.defineProperty(req, 'body', {
        get() {
          reads += 1;
          if (reads > 1) throw new Error('request body stream was aborted');
          return body;
        },
      });
    },
  });
  expect(r.status).toBe(503);
  expect(r.body).toMatchObject({ status: 'retry', message: expect.stringMatching(/temporary failure.*aborted/) });
  expect(r.workflowData).toBeUndefined();
});

test('filters: a payload whose alerts are all filtered out is accepted (200) without starting the workflow', async () => {
  const r = await callWebhook(AlertmanagerTrigger, {
    parameters: { minSeverity: 'critical' },
    body: fixture('alertmanager-firing'),
    headers: json,
  });
  expect(r.status).toBe(200);
  expect((r.body as { message: string }).message).toMatch(/none passed/);
  expect(r.workflowData).toBeUndefined();
  const resolved = await callWebhook(AlertmanagerTrigger, {
    parameters: { includeResolved: false },
    body: fixture('alertmanager-resolved'),
    headers: json,
  });
  expect(resolved.workflowData).toBeUndefined();
});

test('Respond "When the Workflow Finishes" leaves the answer to n8n (lastNode), which answers after the workflow', async () => {
  const r = await callWebhook(AlertmanagerTrigger, {
    parameters: { respond: 'lastNode' },
    body: fixture('alertmanager-firing'),
    headers: json,
  });
  expect(r.answeredByNode).toBe(false);
  expect(r.workflowData?.[0]).toHaveLength(2);
  // a non-alert is still refused by the trigger itself
  const bad = await callWebhook(AlertmanagerTrigger, {
    parameters: { respond: 'lastNode' },
    body: [1, 2],
    headers: json,
  });
  expect(bad.status).toBe(422);
  expect(bad.answeredByNode).toBe(true);
});

test('partial payloads answer 202 and start the workflow with the readable alerts', async () => {
  const payload = fixture('alertmanager-firing') as { alerts: unknown[] };
  payload.alerts.push({ status: 'firing', labels: 'not-an-object' });
  const r = await callWebhook(AlertmanagerTrigger, { body: payload, headers: json });
  expect(r.status).toBe(202);
  expect(r.body).toMatchObject({ status: 'partial' });
  expect(r.workflowData?.[0]).toHaveLength(2);
});

test('the description follows the trigger conventions', () => {
  const d = new AlertmanagerTrigger().description;
  expect(d.usableAsTool).toBeUndefined();
  expect(d.group).toEqual(['trigger']);
  expect(d.webhooks?.[0]).toMatchObject({ httpMethod: 'POST', responseMode: '={{ $parameter["respond"] }}' });
});

test('a JSON body sent as a form (curl -d) that n8n parsed into an object: 415 naming the type, not a parse riddle', async () => {
  const text = JSON.stringify(fixture('alertmanager-firing'));
  const r = await callWebhook(AlertmanagerTrigger, {
    body: text,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    // n8n's form parser: the JSON text becomes a key with an empty value
    mutateRequest: (req) => {
      req.body = { [text]: '' };
    },
  });
  expect(r.status).toBe(415);
  expect(r.body).toMatchObject({
    status: 'rejected',
    message: 'unsupported content type application/x-www-form-urlencoded: send the alert payload as application/json',
  });
  expect(r.workflowData).toBeUndefined();
});

test('heartbeats by every name kube-prometheus used (Watchdog, DeadMansSwitch, InfoInhibitor) do not start the workflow', async () => {
  const body = fixture('alertmanager-firing') as { alerts: Array<{ labels: Record<string, string> }> };
  body.alerts[0].labels.alertname = 'DeadMansSwitch';
  body.alerts[1].labels.alertname = 'InfoInhibitor';
  const r = await callWebhook(AlertmanagerTrigger, { body, headers: json });
  expect(r.status).toBe(200);
  expect(r.workflowData).toBeUndefined();
  expect((r.body as { message: string }).message).toMatch(/none passed the trigger's filters/);
});
