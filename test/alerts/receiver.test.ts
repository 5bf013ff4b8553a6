import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import {
  createAlertWebhookHandler,
  handleAlertWebhook,
  receiveAlertWebhook,
  TemporaryFailure,
  type NormalizedAlert,
} from '../../lib/alerts';
import { fixture } from './fixture';

describe('handleAlertWebhook (pure)', () => {
  test('a good payload: 200 with counts', () => {
    const r = handleAlertWebhook(fixture('alertmanager-firing'), 'application/json');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      status: 'ok',
      message: 'accepted 2 alerts',
      format: 'alertmanager',
      received: 2,
      firing: 2,
      resolved: 0,
      errors: [],
    });
    expect(r.alerts.map((a) => a.labels.pod)).toEqual(['api-7d9f8b6c5-x2k4q', 'worker-5c6b7d8f9-m4n7p']);
  });

  test('raw JSON text with a charset parameter', () => {
    const r = handleAlertWebhook(JSON.stringify(fixture('grafana-resolved')), 'application/json; charset=utf-8');
    expect(r.status).toBe(200);
    expect(r.body.resolved).toBe(1);
  });

  test('some alerts bad, one good: 202, errors listed', () => {
    const payload = fixture('alertmanager-firing') as { alerts: unknown[] };
    payload.alerts.push(7);
    const r = handleAlertWebhook(payload);
    expect(r.status).toBe(202);
    expect(r.body.status).toBe('partial');
    expect(r.body.message).toBe('accepted 2 alerts, rejected 1');
    expect(r.body.errors).toEqual([{ index: 2, message: 'alert 2: alert is a number, expected an object' }]);
  });

  test.each([
    [undefined, undefined, 400, 'empty body: expected an alert payload (JSON)'],
    ['', 'application/json', 400, 'empty body: expected an alert payload (JSON)'],
    ['{not json', 'application/json', 400, /^body is not valid JSON: /],
    [
      'a=1&b=2',
      'application/x-www-form-urlencoded',
      415,
      'unsupported content type application/x-www-form-urlencoded: send the alert payload as application/json',
    ],
    [{ hello: 'world' }, 'application/json', 422, /^not an alert payload: /],
    [
      { version: '4', alerts: [1, 'x'] },
      'application/json',
      422,
      'no alert could be read: alert 0: alert is a number, expected an object',
    ],
  ])('%p (%s) → %d', (body, type, status, message) => {
    const r = handleAlertWebhook(body, type);
    expect(r.status).toBe(status);
    expect(r.body.status).toBe('rejected');
    if (typeof message === 'string') expect(r.body.message).toBe(message);
    else expect(r.body.message).toMatch(message);
    expect(r.alerts).toEqual([]);
  });

  test('an empty alert list is accepted (nothing to do, nothing to retry)', () => {
    const r = handleAlertWebhook({ version: '4', alerts: [] });
    expect(r.status).toBe(200);
    expect(r.body.message).toBe('payload holds no alerts');
  });

  test('reply lists at most 20 errors', () => {
    const r = handleAlertWebhook({
      version: '4',
      alerts: [{ labels: { alertname: 'ok' } }, ...Array.from({ length: 50 }, () => null)],
    });
    expect(r.status).toBe(202);
    expect(r.errors).toHaveLength(50);
    expect(r.body.errors).toHaveLength(20);
  });
});

describe('receiveAlertWebhook (with a downstream callback)', () => {
  test('TemporaryFailure → 503 (Alertmanager retries), other errors → 500, success keeps 200', async () => {
    const seen: NormalizedAlert[][] = [];
    const ok = await receiveAlertWebhook(fixture('alertmanager-firing'), 'application/json', (alerts) => {
      seen.push(alerts);
    });
    expect(ok.status).toBe(200);
    expect(seen).toHaveLength(1);

    const temp = await receiveAlertWebhook(fixture('alertmanager-firing'), undefined, async () => {
      throw new TemporaryFailure('Feishu rate limited (11232)');
    });
    expect(temp.status).toBe(503);
    expect(temp.body).toMatchObject({
      status: 'retry',
      message: 'temporary failure, retry later: Feishu rate limited (11232)',
    });

    const broken = await receiveAlertWebhook(fixture('alertmanager-firing'), undefined, () => {
      throw new Error('boom');
    });
    expect(broken.status).toBe(500);
    expect(broken.body.status).toBe('error');
  });

  test('rejected payloads never reach the callback', async () => {
    let called = false;
    const r = await receiveAlertWebhook({ nope: true }, 'application/json', () => {
      called = true;
    });
    expect(r.status).toBe(422);
    expect(called).toBe(false);
  });
});

describe('createAlertWebhookHandler over real HTTP', () => {
  let server: Server;
  let app: Server;
  let base: string;
  let expressBase: string;
  const received: NormalizedAlert[] = [];

  beforeAll(async () => {
    const handler = createAlertWebhookHandler({
      maxBodyBytes: 64 * 1024,
      onAlerts: (alerts) => void received.push(...alerts),
    });
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ex = express();
    ex.use(express.json());
    ex.post(
      '/alerts',
      createAlertWebhookHandler({ onAlerts: () => Promise.reject(new TemporaryFailure('model busy')) }),
    );
    app = ex.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => app.once('listening', resolve));
    expressBase = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => app.close(resolve));
  });

  const post = (url: string, body: string, type = 'application/json') =>
    fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

  test('plain node:http: 200 and the callback got the alerts', async () => {
    const res = await post(`${base}/`, JSON.stringify(fixture('prometheusalert-firing')));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', format: 'prometheusalert', received: 2 });
    expect(received.map((a) => a.alertname)).toEqual(['NodeCPULoadHigh', 'NodeMemoryHigh']);
  });

  test('bad JSON → 400, too large → 413, GET → 405', async () => {
    expect((await post(base, '{')).status).toBe(400);
    expect((await post(base, JSON.stringify({ pad: 'x'.repeat(100 * 1024) }))).status).toBe(413);
    const get = await fetch(base);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  test('on express after express.json(): parsed body used, TemporaryFailure → 503', async () => {
    const res = await post(`${expressBase}/alerts`, JSON.stringify(fixture('alertmanager-resolved')));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'retry', format: 'alertmanager', resolved: 1 });
  });
});
