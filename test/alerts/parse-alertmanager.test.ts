import { parseAlertPayload, TRUNCATION_MARKER } from '../../lib/alerts';
import { fixture, NOW } from './fixture';

describe('Alertmanager webhook v4', () => {
  test('firing group: every normalised field', () => {
    const r = parseAlertPayload(fixture('alertmanager-firing'), { now: NOW });
    expect(r.format).toBe('alertmanager');
    expect(r.errors).toEqual([]);
    expect(r.alerts).toHaveLength(2);
    const [a, b] = r.alerts;
    expect(a.status).toBe('firing');
    expect(a.severity).toBe('warning');
    expect(a.severitySource).toEqual({ label: 'severity', value: 'warning' });
    expect(a.alertname).toBe('KubePodCrashLooping');
    expect(a.summary).toBe('Pod is crash looping.');
    expect(a.description).toBe('Pod shop/api-7d9f8b6c5-x2k4q (api) is in waiting state (reason: "CrashLoopBackOff").');
    expect(a.labels.pod).toBe('api-7d9f8b6c5-x2k4q');
    expect(Object.keys(a.labels)).toEqual([...Object.keys(a.labels)].sort());
    expect(a.annotations.runbook_url).toBe(
      'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
    );
    expect(a.startsAt).toBe('2024-05-01T08:00:00.000Z');
    expect(a.endsAt).toBeUndefined();
    expect(a.durationMs).toBe(2 * 3600_000);
    expect(a.duration).toBe('2h');
    expect(a.fingerprint).toBe('1a30ba71cca2921f');
    expect(a.fingerprintComputed).toBe(false);
    expect(a.dedupeKey).toBe('1a30ba71cca2921f:firing:2024-05-01T08:00:00.000Z');
    expect(a.generatorURL).toMatch(/^http:\/\/prometheus:9090\/graph\?g0\.expr=/);
    expect(a.expr).toBe(
      'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff",job="kube-state-metrics"}[5m]) >= 1',
    );
    expect(a.runbookURL).toBe('https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping');
    expect(a.silenceURL).toMatch(/^http:\/\/alertmanager:9093\/#\/silences\/new\?filter=/);
    expect(decodeURIComponent(a.silenceURL!.split('filter=')[1])).toContain('pod="api-7d9f8b6c5-x2k4q"');
    expect(a.source).toBe('alertmanager');
    expect(a.warnings).toEqual([]);
    expect(a.group).toMatchObject({
      receiver: 'im-bridge',
      status: 'firing',
      groupKey: '{}/{severity=~"warning|critical"}:{alertname="KubePodCrashLooping", namespace="shop"}',
      groupLabels: { alertname: 'KubePodCrashLooping', namespace: 'shop' },
      truncatedAlerts: 0,
      externalURL: 'http://alertmanager:9093',
      version: '4',
    });
    expect(a.group!.commonLabels.severity).toBe('warning');
    expect(a.resource).toMatchObject({
      kind: 'Pod',
      namespace: 'shop',
      name: 'api-7d9f8b6c5-x2k4q',
      container: 'api',
      confidence: 'high',
      via: 'label:pod',
    });
    expect(r.group?.groupKey).toBe(a.group!.groupKey);

    // nanosecond timestamps keep millisecond precision
    expect(b.startsAt).toBe('2024-05-01T08:03:30.123Z');
    expect(b.duration).toBe('1h 56m');
    expect(b.resource).toMatchObject({ kind: 'Pod', name: 'worker-5c6b7d8f9-m4n7p', container: 'worker' });
  });

  test('resolved group: endsAt, duration, scraper target labels ignored by the mapping', () => {
    const r = parseAlertPayload(fixture('alertmanager-resolved'), { now: NOW });
    expect(r.format).toBe('alertmanager');
    const [a] = r.alerts;
    expect(a.status).toBe('resolved');
    expect(a.startsAt).toBe('2024-05-01T08:00:00.000Z');
    expect(a.endsAt).toBe('2024-05-01T09:02:05.500Z');
    expect(a.durationMs).toBe(3600_000 + 125_500);
    expect(a.duration).toBe('1h 2m');
    expect(a.dedupeKey).toBe('b4e1c2d3a5f60718:resolved:2024-05-01T08:00:00.000Z');
    expect(a.expr).toBe(
      '(kube_deployment_spec_replicas{job="kube-state-metrics"} > kube_deployment_status_replicas_available{job="kube-state-metrics"})',
    );
    // externalURL ends with "/": no double slash in the silence link
    expect(a.silenceURL).toMatch(/^http:\/\/alertmanager\.example\.cn:9093\/#\/silences\/new\?filter=%7B/);
    // the pod/container/service labels name kube-state-metrics itself, not the subject
    expect(a.resource).toMatchObject({ kind: 'Deployment', namespace: 'shop', name: 'checkout', confidence: 'high' });
    expect(a.resource!.container).toBeUndefined();
    expect(a.resource!.related).toEqual([]);
  });

  test('truncatedAlerts is reported on the group', () => {
    const r = parseAlertPayload(fixture('alertmanager-truncated'), { now: NOW });
    expect(r.alerts).toHaveLength(2);
    expect(r.group?.truncatedAlerts).toBe(3);
    expect(r.alerts.every((a) => a.group?.truncatedAlerts === 3)).toBe(true);
    expect(r.alerts.map((a) => a.resource?.name)).toEqual(['worker-3', 'worker-4']);
    expect(r.alerts[0].resource?.kind).toBe('Node');
  });

  test('one bad alert costs only itself, with its index', () => {
    const payload = fixture('alertmanager-firing') as { alerts: unknown[] };
    payload.alerts.splice(1, 0, 'not an alert', { labels: [1, 2] }, { annotations: {} });
    const r = parseAlertPayload(payload, { now: NOW });
    expect(r.alerts.map((a) => a.labels.pod)).toEqual(['api-7d9f8b6c5-x2k4q', 'worker-5c6b7d8f9-m4n7p']);
    expect(r.errors).toEqual([
      { index: 1, message: 'alert 1: alert is a string, expected an object' },
      { index: 2, message: 'alert 2: labels is an array, expected an object of strings' },
      { index: 3, message: 'alert 3: alert has no labels' },
    ]);
  });

  test('missing status is derived from endsAt; missing fingerprint is computed like Alertmanager', () => {
    const r = parseAlertPayload(
      {
        version: '4',
        alerts: [
          { labels: { alertname: 'A', pod: 'p' }, startsAt: '2024-05-01T09:00:00Z', endsAt: '2024-05-01T09:30:00Z' },
          { labels: { alertname: 'A', pod: 'q' }, startsAt: '2024-05-01T09:00:00Z', endsAt: '0001-01-01T00:00:00Z' },
        ],
      },
      { now: NOW },
    );
    expect(r.alerts.map((a) => a.status)).toEqual(['resolved', 'firing']);
    expect(r.alerts[0].fingerprintComputed).toBe(true);
    expect(r.alerts[0].fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(r.alerts[0].fingerprint).not.toBe(r.alerts[1].fingerprint);
    expect(r.alerts[0].resource?.namespace).toBeUndefined();
    expect(r.alerts[0].resource?.confidence).toBe('medium');
  });

  test('huge annotations are cut with a marker and a warning', () => {
    const payload = fixture('alertmanager-firing') as { alerts: Array<{ annotations: Record<string, string> }> };
    payload.alerts[0].annotations.description = '日志'.repeat(100_000);
    const r = parseAlertPayload(payload, { now: NOW, maxFieldLength: 1000 });
    const d = r.alerts[0].description;
    expect(d.length).toBe(1000);
    expect(d.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(r.alerts[0].warnings).toContain('annotation "description" truncated from 200000 characters');
  });

  test('bad dates become warnings, not errors', () => {
    const r = parseAlertPayload(
      { version: '4', alerts: [{ status: 'firing', labels: { alertname: 'X' }, startsAt: 'yesterday', endsAt: 42 }] },
      { now: NOW },
    );
    expect(r.errors).toEqual([]);
    expect(r.alerts[0].startsAt).toBeUndefined();
    expect(r.alerts[0].durationMs).toBeUndefined();
    expect(r.alerts[0].warnings).toEqual(['startsAt ignored: "yesterday" is not an RFC 3339 time']);
  });

  test('__proto__ and constructor labels are data, not prototype changes', () => {
    const body =
      '{"version":"4","alerts":[{"labels":{"alertname":"X","__proto__":{"polluted":"yes"},"constructor":"c","severity":"constructor"}}]}';
    const r = parseAlertPayload(body, { now: NOW });
    const a = r.alerts[0];
    expect(Object.getPrototypeOf(a.labels)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(a.labels.constructor).toBe('c');
    expect(a.severity).toBe('none');
    expect(a.warnings).toContain('label key "__proto__" dropped');
  });

  test('raw JSON text and bytes are accepted; an n8n Webhook item is unwrapped', () => {
    const text = JSON.stringify(fixture('alertmanager-firing'));
    expect(parseAlertPayload(text).alerts).toHaveLength(2);
    expect(parseAlertPayload(Buffer.from(text)).alerts).toHaveLength(2);
    const item = {
      headers: { 'content-type': 'application/json' },
      params: {},
      query: {},
      body: fixture('alertmanager-firing'),
    };
    expect(parseAlertPayload(item).format).toBe('alertmanager');
    expect(parseAlertPayload(item).alerts).toHaveLength(2);
  });

  test('maxAlerts drops the rest with one error', () => {
    const payload = fixture('alertmanager-firing');
    const r = parseAlertPayload(payload, { maxAlerts: 1 });
    expect(r.alerts).toHaveLength(1);
    expect(r.errors).toEqual([{ index: 1, message: '1 alerts past the limit of 1 per payload were dropped' }]);
  });

  test('non-http links are dropped', () => {
    const r = parseAlertPayload({
      version: '4',
      externalURL: 'javascript:alert(1)',
      alerts: [
        {
          labels: { alertname: 'X' },
          annotations: { runbook_url: 'javascript:alert(1)' },
          generatorURL: 'file:///etc/passwd',
        },
      ],
    });
    const a = r.alerts[0];
    expect(a.runbookURL).toBeUndefined();
    expect(a.generatorURL).toBeUndefined();
    expect(a.silenceURL).toBeUndefined();
  });
});
