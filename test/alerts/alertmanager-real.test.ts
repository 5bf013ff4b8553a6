/**
 * Against a real Alertmanager (Debian's prometheus-alertmanager, 0.25 here): alerts pushed through its API come back
 * to our webhook receiver as real grouped notifications — firing, then resolved — and its retry behaviour matches
 * what the receiver promises: 5xx is retried with backoff within the flush, 4xx is not retried until the next flush.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { describeIfInstalled } from '../helpers/installed';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  labelsFingerprint,
  parseAlertPayload,
  receiveAlertWebhook,
  TemporaryFailure,
  type AlertParseResult,
  type WebhookResponse,
} from '../../lib/alerts';

const BINARY = process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';
const describeReal = describeIfInstalled(
  BINARY,
  'prometheus-alertmanager, or set ALERTMANAGER_BIN',
  'alertmanager-real',
);

interface Delivery {
  path: string;
  at: number;
  status: number;
  result: AlertParseResult | undefined;
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

describeReal('real Alertmanager → handleAlertWebhook', () => {
  let receiver: Server;
  let am: ChildProcess | undefined;
  let amLog = '';
  let amURL = '';
  let dir = '';
  const deliveries: Delivery[] = [];
  let flakyFailuresLeft = 2;

  /** Paths: /ok accepts; /flaky answers 503 (TemporaryFailure) twice, then accepts; /reject always answers 422. */
  async function answer(path: string, body: string, contentType: string | undefined): Promise<WebhookResponse> {
    if (path === '/flaky') {
      return receiveAlertWebhook(body, contentType, () => {
        if (flakyFailuresLeft > 0) {
          flakyFailuresLeft -= 1;
          throw new TemporaryFailure('IM bot rate limited');
        }
      });
    }
    const handled = await receiveAlertWebhook(body, contentType, () => undefined);
    return path === '/reject' ? { ...handled, status: 422 } : handled;
  }

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void answer(req.url ?? '/', Buffer.concat(chunks).toString('utf8'), req.headers['content-type']).then((r) => {
          deliveries.push({ path: req.url ?? '/', at: Date.now(), status: r.status, result: r.result });
          res.writeHead(r.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(r.body));
        });
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

    dir = mkdtempSync(join(tmpdir(), 'kube-aiops-am-'));
    // group_interval per route: 1s where we wait for resolved, 30s on /flaky so every retry seen is a backoff retry
    // within one flush, 3s on /reject so the next flush is near but clearly apart from any backoff retry.
    writeFileSync(
      join(dir, 'alertmanager.yml'),
      [
        'route:',
        '  receiver: ok',
        "  group_by: ['alertname', 'namespace']",
        '  group_wait: 200ms',
        '  group_interval: 1s',
        '  repeat_interval: 1h',
        '  routes:',
        '    - receiver: flaky',
        '      matchers: [\'scenario="flaky"\']',
        '      group_interval: 30s',
        '    - receiver: reject',
        '      matchers: [\'scenario="reject"\']',
        '      group_interval: 3s',
        'receivers:',
        ...['ok', 'flaky', 'reject'].flatMap((name) => [
          `  - name: ${name}`,
          '    webhook_configs:',
          `      - url: ${hook}/${name}`,
          '        send_resolved: true',
        ]),
        '',
      ].join('\n'),
    );
    const port = await freePort();
    amURL = `http://127.0.0.1:${port}`;
    am = spawn(
      BINARY,
      [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        `--web.external-url=${amURL}`,
        '--cluster.listen-address=',
        '--log.level=debug',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (b: Buffer): void => {
      amLog = (amLog + b.toString()).slice(-20_000);
    };
    am.stdout?.on('data', keep);
    am.stderr?.on('data', keep);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const ready = await fetch(`${amURL}/-/ready`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ready) break;
      if (Date.now() > deadline || am.exitCode !== null) throw new Error(`Alertmanager did not start:\n${amLog}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    if (am && am.exitCode === null) {
      const exited = new Promise((resolve) => am!.once('exit', resolve));
      am.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      if (am.exitCode === null) am.kill('SIGKILL');
    }
    await new Promise((resolve) => receiver.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function push(alerts: unknown[]): Promise<void> {
    const res = await fetch(`${amURL}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alerts),
    });
    if (res.status !== 200) throw new Error(`POST /api/v2/alerts → ${res.status}: ${await res.text()}`);
  }

  const startsAt = new Date(Date.now() - 5 * 60_000).toISOString();
  const crashLooping = (pod: string, extra: Record<string, unknown> = {}) => ({
    labels: {
      alertname: 'KubePodCrashLooping',
      severity: 'warning',
      namespace: 'shop',
      pod,
      container: 'api',
      job: 'kube-state-metrics',
      instance: '10.244.1.7:8080',
      uid: `uid-${pod}`,
    },
    annotations: {
      summary: 'Pod is crash looping.',
      description: `Pod shop/${pod} (api) is in waiting state (reason: "CrashLoopBackOff").`,
      runbook_url: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
    },
    startsAt,
    generatorURL:
      'http://prometheus:9090/graph?g0.expr=kube_pod_container_status_waiting_reason%7Breason%3D%22CrashLoopBackOff%22%7D+%3E+0&g0.tab=1',
    ...extra,
  });

  const on = (path: string) => deliveries.filter((d) => d.path === path);

  test('firing, then resolved: real grouped notifications parsed and mapped', async () => {
    await push([crashLooping('api-7d9f8b6c5-x2k4q'), crashLooping('api-7d9f8b6c5-p9r8s')]);
    const firing = await waitFor('a firing notification with both alerts', () =>
      on('/ok').find((d) => d.result?.group?.status === 'firing' && d.result.alerts.length === 2),
    );
    expect(firing.status).toBe(200);
    const r = firing.result!;
    expect(r.format).toBe('alertmanager');
    expect(r.errors).toEqual([]);
    expect(r.group).toMatchObject({
      receiver: 'ok',
      version: '4',
      truncatedAlerts: 0,
      externalURL: amURL,
      groupLabels: { alertname: 'KubePodCrashLooping', namespace: 'shop' },
    });
    expect(r.group!.groupKey).toBe('{}:{alertname="KubePodCrashLooping", namespace="shop"}');
    expect(r.group!.commonLabels).toMatchObject({
      alertname: 'KubePodCrashLooping',
      namespace: 'shop',
      severity: 'warning',
    });
    const pods = r.alerts.map((a) => a.labels.pod).sort();
    expect(pods).toEqual(['api-7d9f8b6c5-p9r8s', 'api-7d9f8b6c5-x2k4q']);
    for (const a of r.alerts) {
      expect(a.status).toBe('firing');
      expect(a.alertname).toBe('KubePodCrashLooping');
      expect(a.severity).toBe('warning');
      expect(a.startsAt).toBe(startsAt);
      expect(a.endsAt).toBeUndefined();
      expect(a.durationMs).toBeGreaterThanOrEqual(5 * 60_000);
      // Alertmanager's own fingerprint equals the one we compute from the labels
      expect(a.fingerprintComputed).toBe(false);
      expect(a.fingerprint).toBe(labelsFingerprint(a.labels));
      expect(a.expr).toBe('kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"} > 0');
      expect(a.silenceURL?.startsWith(`${amURL}/#/silences/new?filter=`)).toBe(true);
      expect(a.resource).toMatchObject({
        kind: 'Pod',
        namespace: 'shop',
        name: a.labels.pod,
        container: 'api',
        confidence: 'high',
      });
    }

    const endsAt = new Date(Date.now() - 1000).toISOString();
    await push([crashLooping('api-7d9f8b6c5-x2k4q', { endsAt }), crashLooping('api-7d9f8b6c5-p9r8s', { endsAt })]);
    const resolved = await waitFor('a resolved notification', () =>
      on('/ok').find((d) => d.result?.group?.status === 'resolved'),
    );
    expect(resolved.status).toBe(200);
    const rr = resolved.result!;
    expect(rr.alerts).toHaveLength(2);
    expect(rr.group!.groupKey).toBe(r.group!.groupKey);
    for (const a of rr.alerts) {
      expect(a.status).toBe('resolved');
      expect(a.endsAt).toBe(endsAt);
      expect(a.durationMs).toBe(Date.parse(endsAt) - Date.parse(startsAt));
      expect(a.dedupeKey).toBe(`${a.fingerprint}:resolved:${startsAt}`);
      expect(r.alerts.map((f) => f.fingerprint)).toContain(a.fingerprint);
    }
  });

  test('GET /api/v2/alerts output parses as alertmanager-api with the same fingerprints', async () => {
    await push([
      crashLooping('api-0', {
        labels: { alertname: 'KubePodNotReady', severity: 'warning', namespace: 'shop', pod: 'api-0' },
      }),
    ]);
    // POST returns before the alert is listed; poll the API until it is
    let r = parseAlertPayload([]);
    for (let i = 0; i < 100 && r.alerts.length === 0; i++) {
      const body = await (await fetch(`${amURL}/api/v2/alerts?filter=alertname%3D%22KubePodNotReady%22`)).json();
      r = parseAlertPayload(body);
      if (r.alerts.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(r.format).toBe('alertmanager-api');
    expect(r.errors).toEqual([]);
    expect(r.alerts).toHaveLength(1);
    const [a] = r.alerts;
    expect(a.status).toBe('firing');
    expect(a.api).toMatchObject({
      state: expect.stringMatching(/^(active|unprocessed)$/),
      silencedBy: [],
      inhibitedBy: [],
      receivers: ['ok'],
    });
    expect(a.fingerprint).toBe(labelsFingerprint(a.labels));
    expect(a.resource).toMatchObject({ kind: 'Pod', namespace: 'shop', name: 'api-0' });
  });

  test('503 from the receiver: Alertmanager re-sends with backoff until it gets 2xx', async () => {
    await push([
      crashLooping('flaky-0', {
        labels: {
          alertname: 'KubeJobFailed',
          severity: 'warning',
          namespace: 'batch',
          job_name: 'report-1',
          scenario: 'flaky',
        },
      }),
    ]);
    const ok = await waitFor(
      'a successful delivery after two 503s',
      () => on('/flaky').find((d) => d.status === 200),
      25_000,
    );
    const attempts = on('/flaky').filter((d) => d.at <= ok.at);
    expect(attempts.map((d) => d.status)).toEqual([503, 503, 200]);
    // all three carry the same group and alert: re-sends of one notification, not new ones
    expect(new Set(attempts.map((d) => d.result?.group?.groupKey)).size).toBe(1);
    expect(attempts.every((d) => d.result?.alerts[0]?.resource?.kind === 'Job')).toBe(true);
    // retried within the flush (group_interval is 30s here): backoff, seconds apart at most
    expect(ok.at - attempts[0].at).toBeLessThan(15_000);
  });

  test('4xx from the receiver: no backoff retry; the group is only tried again at the next flush', async () => {
    await push([
      crashLooping('reject-0', {
        labels: { alertname: 'KubeNodeNotReady', severity: 'warning', node: 'worker-9', scenario: 'reject' },
      }),
    ]);
    const first = await waitFor('the first delivery', () => on('/reject')[0]);
    expect(first.status).toBe(422);
    expect(first.result?.alerts[0]?.resource).toMatchObject({ kind: 'Node', name: 'worker-9' });
    // a 503 is retried within about a second (previous test); a 4xx is not retried in that window
    await new Promise((r) => setTimeout(r, 2000));
    expect(on('/reject')).toHaveLength(1);
    // the notification log recorded no success, so the next flush (group_interval 3s) sends the group again
    const second = await waitFor('the next-flush delivery', () => on('/reject')[1], 10_000);
    expect(second.at - first.at).toBeGreaterThanOrEqual(2500);
    expect(second.result?.group?.groupKey).toBe(first.result?.group?.groupKey);
  });
});
