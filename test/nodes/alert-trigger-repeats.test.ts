/**
 * The Alertmanager Trigger's repeat window across processes: each callWebhook builds its own workflow (its own
 * static data), as concurrent executions or a second webhook processor would. With Redis (a real redis-server on
 * loopback) the second process drops what the first already handled; a retry of the same notification still passes;
 * without Redis only the same process knows.
 */
import { AlertmanagerTrigger } from '../../nodes/AlertmanagerTrigger/AlertmanagerTrigger.node';
import { closeRepeatStores, forgetProcessRepeats } from '../../lib/alerts/repeat-store';
import { fixture } from '../alerts/fixture';
import { callWebhook } from '../helpers/n8n-exec';
import { describeIfInstalled } from '../helpers/installed';
import { REDIS_SERVER, startRedis, type RunningRedis } from '../helpers/redis';

const json = { 'content-type': 'application/json' };
type Payload = { alerts: { labels: Record<string, string>; fingerprint?: string }[] } & Record<string, unknown>;

/** The same group re-sent after a third alert joined it. */
function grown(): Payload {
  const first = fixture('alertmanager-firing') as Payload;
  const extra = structuredClone(first.alerts[0]);
  extra.labels = { ...extra.labels, pod: 'api-7d9f8b6c5-new01' };
  delete extra.fingerprint;
  return { ...first, alerts: [...first.alerts, extra] };
}

const describeRedis = describeIfInstalled(REDIS_SERVER, 'redis-server', 'alert-trigger-repeats');

describeRedis('repeat window in Redis', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await closeRepeatStores();
    await redis?.stop();
  });

  const options = () => ({ repeatWindowMinutes: 60, redisUrl: redis.url });

  it('another process drops the alerts already handled; the retry of the same notification passes', async () => {
    const a = await callWebhook(AlertmanagerTrigger, {
      parameters: { options: options() },
      body: fixture('alertmanager-firing'),
      headers: json,
    });
    expect(a.status).toBe(200);
    expect(a.workflowData?.[0]).toHaveLength(2);

    const b = await callWebhook(AlertmanagerTrigger, {
      parameters: { options: options() },
      body: grown(),
      headers: json,
    });
    expect(b.status).toBe(200);
    expect(b.workflowData?.[0]).toHaveLength(1);
    expect(b.workflowData?.[0][0].json).toMatchObject({ labels: { pod: 'api-7d9f8b6c5-new01' } });

    // Alertmanager retries a notification only after a non-2xx answer: its execution failed, so it must run again
    const retry = await callWebhook(AlertmanagerTrigger, {
      parameters: { options: options() },
      body: fixture('alertmanager-firing'),
      headers: json,
    });
    expect(retry.workflowData?.[0]).toHaveLength(2);

    const again = await callWebhook(AlertmanagerTrigger, {
      parameters: { options: options() },
      body: grown(),
      headers: json,
    });
    expect(again.workflowData?.[0]).toHaveLength(1);
  });

  it('503 (Alertmanager retries) when Redis does not answer', async () => {
    const r = await callWebhook(AlertmanagerTrigger, {
      parameters: { options: { repeatWindowMinutes: 60, redisUrl: 'redis://127.0.0.1:1/0' } },
      body: fixture('alertmanager-firing'),
      headers: json,
    });
    expect(r.status).toBe(503);
    expect(r.workflowData).toBeUndefined();
  });
});

it('without Redis one process drops repeats across executions; a second process cannot tell them', async () => {
  const parameters = { options: { repeatWindowMinutes: 60, redisUrl: '' } };
  // each call gets its own static data, as concurrent executions of one n8n do: the process's memory links them
  const a = await callWebhook(AlertmanagerTrigger, { parameters, body: fixture('alertmanager-firing'), headers: json });
  const b = await callWebhook(AlertmanagerTrigger, { parameters, body: grown(), headers: json });
  expect(a.workflowData?.[0]).toHaveLength(2);
  expect(b.workflowData?.[0]).toHaveLength(1);
  // another process (a second webhook processor): neither its memory nor its static data holds the claims
  forgetProcessRepeats();
  const other = await callWebhook(AlertmanagerTrigger, { parameters, body: grown(), headers: json });
  expect(other.workflowData?.[0]).toHaveLength(3);
});
