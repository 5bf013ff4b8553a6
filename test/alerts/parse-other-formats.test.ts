import { detectFormat, parseAlertPayload } from '../../lib/alerts';
import { fixture, NOW } from './fixture';

describe('Grafana unified alerting (version "1")', () => {
  test('firing: Grafana fields kept, its own silence link used', () => {
    const r = parseAlertPayload(fixture('grafana-firing'), { now: NOW });
    expect(r.format).toBe('grafana');
    expect(r.errors).toEqual([]);
    const [a] = r.alerts;
    expect(a.source).toBe('grafana');
    expect(a.status).toBe('firing');
    expect(a.alertname).toBe('High memory usage');
    expect(a.severity).toBe('none');
    expect(a.summary).toBe('ledger-0 memory above 90%');
    expect(a.description).toBe('Working set is 3.6Gi of 4Gi limit.');
    expect(a.startsAt).toBe('2021-10-12T07:51:03.157Z');
    expect(a.endsAt).toBeUndefined();
    expect(a.fingerprint).toBe('c6eadffa33fcdf37');
    expect(a.silenceURL).toBe(
      'https://grafana.example.com/alerting/silence/new?alertmanager=grafana&matchers=alertname%3DHigh+memory+usage%2Cteam%3Dblue',
    );
    expect(a.dashboardURL).toBe('https://grafana.example.com/d/abcd1234?orgId=1');
    expect(a.panelURL).toBe('https://grafana.example.com/d/abcd1234?orgId=1&viewPanel=4');
    expect(a.values).toEqual({ B: 44.23, C: 1 });
    expect(a.valueString).toContain("var='B'");
    expect(a.generatorURL).toBe('https://grafana.example.com/alerting/1afz29v7z/edit');
    expect(a.expr).toBeUndefined();
    expect(a.group).toMatchObject({
      version: '1',
      orgId: 1,
      title: '[FIRING:1]  (blue)',
      receiver: 'My Super Webhook',
      groupKey: '{}:{}',
    });
    expect(a.group!.message).toContain('**Firing**');
    expect(a.resource).toMatchObject({ kind: 'Pod', namespace: 'payments', name: 'ledger-0' });
  });

  test('resolved: empty dashboard links and null values are absent, "high" is critical', () => {
    const r = parseAlertPayload(fixture('grafana-resolved'), { now: NOW });
    const [a] = r.alerts;
    expect(a.status).toBe('resolved');
    expect(a.endsAt).toBe('2021-10-12T08:21:03.157Z');
    expect(a.duration).toBe('30m');
    expect(a.severity).toBe('critical');
    expect(a.dashboardURL).toBeUndefined();
    expect(a.panelURL).toBeUndefined();
    expect(a.values).toBeUndefined();
    expect(a.group?.status).toBe('resolved');
  });
});

describe('legacy Grafana (≤7)', () => {
  test('alerting: ruleName → alertname, shared evalMatch tags → labels', () => {
    const r = parseAlertPayload(fixture('grafana-legacy-alerting'), { now: NOW });
    expect(r.format).toBe('grafana-legacy');
    expect(r.errors).toEqual([]);
    const [a] = r.alerts;
    expect(a.source).toBe('grafana-legacy');
    expect(a.status).toBe('firing');
    expect(a.alertname).toBe('云服务任务成功数量过低');
    expect(a.labels).toEqual({
      alertname: '云服务任务成功数量过低',
      deployment: 'task-runner',
      namespace: 'cloud',
      severity: 'critical',
      team: 'cloud',
    });
    expect(a.severity).toBe('critical');
    expect(a.description).toBe('5分钟内云服务任务成功数量为0，请检查 task-runner');
    expect(a.summary).toBe('[Alerting] 云服务任务成功数量过低');
    expect(a.annotations.rule_id).toBe('6');
    expect(a.values).toEqual({ Count: 0 });
    expect(a.dashboardURL).toBe('http://grafana.example.cn/d/Xx1/cloud?tab=alert&editPanel=28&orgId=1');
    expect(a.fingerprintComputed).toBe(true);
    expect(a.resource).toMatchObject({ kind: 'Deployment', namespace: 'cloud', name: 'task-runner' });
  });

  test('ok → resolved, same rule → same fingerprint', () => {
    const firing = parseAlertPayload(fixture('grafana-legacy-alerting')).alerts[0];
    const ok = parseAlertPayload(fixture('grafana-legacy-ok'));
    expect(ok.format).toBe('grafana-legacy');
    const [a] = ok.alerts;
    expect(a.status).toBe('resolved');
    expect(a.alertname).toBe(firing.alertname);
    expect(a.fingerprint).toBe(firing.fingerprint);
    expect(a.dedupeKey).not.toBe(firing.dedupeKey);
    expect(a.resource).toBeUndefined();
  });

  test('title alone is enough; the [State] prefix is stripped', () => {
    const r = parseAlertPayload({ state: 'alerting', title: '[Alerting] Disk full', message: 'm' });
    expect(r.format).toBe('grafana-legacy');
    expect(r.alerts[0].alertname).toBe('Disk full');
  });
});

describe('PrometheusAlert conventions', () => {
  test('level 0–4 labels select the format and the severity', () => {
    const r = parseAlertPayload(fixture('prometheusalert-firing'), { now: NOW });
    expect(r.format).toBe('prometheusalert');
    const [cpu, mem] = r.alerts;
    expect(cpu.source).toBe('prometheusalert');
    expect(cpu.severity).toBe('critical');
    expect(cpu.severitySource).toEqual({ label: 'level', value: '3' });
    expect(mem.severity).toBe('warning');
    expect(cpu.description).toBe('192.168.10.21:9100 CPU load占用过高');
    expect(cpu.summary).toBe('NodeCPULoadHigh');
    expect(cpu.startsAt).toBe('2024-05-01T08:00:00.000Z');
    expect(cpu.expr).toBe('node_load5 > 8');
    expect(cpu.annotations.fsurl).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/xxxxxxxx');
    expect(cpu.resource).toMatchObject({
      kind: 'Node',
      name: '192.168.10.21',
      nodeIP: '192.168.10.21',
      via: 'label:instance',
      confidence: 'low',
    });
    expect(mem.resource).toMatchObject({ kind: 'Node', name: 'worker-2', confidence: 'medium' });
    expect(mem.resource?.nodeIP).toBeUndefined();
  });

  test('resolved, level 4 (灾难) is critical', () => {
    const [a] = parseAlertPayload(fixture('prometheusalert-resolved'), { now: NOW }).alerts;
    expect(a.status).toBe('resolved');
    expect(a.severity).toBe('critical');
    expect(a.endsAt).toBe('2024-05-01T08:25:30.000Z');
    expect(a.duration).toBe('25m 30s');
  });
});

describe('Alertmanager API v2 lists', () => {
  test('GET /api/v2/alerts: state, silences and receivers kept; status from endsAt', () => {
    const r = parseAlertPayload(fixture('alertmanager-api-alerts'), { now: NOW });
    expect(r.format).toBe('alertmanager-api');
    expect(r.errors).toEqual([]);
    const [crash, throttle] = r.alerts;
    // endsAt 08:14 is before "now" 10:00: Alertmanager would consider both resolved by then
    expect(crash.status).toBe('resolved');
    expect(crash.api).toEqual({
      state: 'active',
      silencedBy: [],
      inhibitedBy: [],
      receivers: ['im-bridge'],
      updatedAt: '2024-05-01T08:10:00.000Z',
    });
    expect(throttle.api?.state).toBe('suppressed');
    expect(throttle.api?.silencedBy).toEqual(['4b0f8f4e-7d6a-4a8e-9f62-1d0c1e2b3a4c']);
    expect(throttle.severity).toBe('info');
    expect(throttle.resource).toMatchObject({ kind: 'Pod', name: 'nginx-6f7d9c8b7-abcde', container: 'nginx' });
    const early = parseAlertPayload(fixture('alertmanager-api-alerts'), { now: Date.parse('2024-05-01T08:12:00Z') });
    expect(early.alerts.map((a) => a.status)).toEqual(['firing', 'firing']);
    expect(early.alerts[0].endsAt).toBeUndefined();
  });

  test('GET /api/v2/alerts/groups: receiver per group, alerts flattened', () => {
    const r = parseAlertPayload(fixture('alertmanager-api-groups'), { now: Date.parse('2024-05-01T08:12:00Z') });
    expect(r.format).toBe('alertmanager-api');
    expect(r.alerts.map((a) => a.alertname)).toEqual(['KubeJobFailed', 'KubeHpaMaxedOut']);
    expect(r.alerts[0].group).toMatchObject({ receiver: 'im-bridge', groupLabels: { alertname: 'KubeJobFailed' } });
    expect(r.alerts[0].resource).toMatchObject({ kind: 'Job', namespace: 'batch', name: 'report-28400' });
    expect(r.alerts[1].resource).toMatchObject({ kind: 'HorizontalPodAutoscaler', namespace: 'web', name: 'web' });
  });
});

describe('single alerts and arrays', () => {
  test('one alert object', () => {
    const r = parseAlertPayload(fixture('single-alert'), { now: NOW });
    expect(r.format).toBe('single');
    const [a] = r.alerts;
    expect(a.status).toBe('firing');
    expect(a.severity).toBe('critical');
    expect(a.fingerprintComputed).toBe(true);
    expect(a.group).toBeUndefined();
    expect(a.silenceURL).toBeUndefined();
    expect(a.resource).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'data', name: 'data-mysql-0' });
    expect(a.resource?.related).toEqual([{ kind: 'Node', name: 'worker-1', confidence: 'high', via: 'label:node' }]);
  });

  test('a POST /api/v2/alerts body: endsAt in the past means resolved', () => {
    const r = parseAlertPayload(fixture('post-alerts'), { now: NOW });
    expect(r.format).toBe('single');
    expect(r.alerts.map((a) => [a.alertname, a.status])).toEqual([
      ['KubeJobFailed', 'resolved'],
      ['KubeStatefulSetReplicasMismatch', 'firing'],
    ]);
    expect(r.alerts[0].duration).toBe('30m');
    expect(r.alerts[1].resource).toMatchObject({ kind: 'StatefulSet', namespace: 'data', name: 'mysql' });
  });
});

describe('detection and forcing', () => {
  test('every fixture is detected as its format', () => {
    const expected: Record<string, string> = {
      'alertmanager-firing': 'alertmanager',
      'alertmanager-resolved': 'alertmanager',
      'grafana-firing': 'grafana',
      'grafana-legacy-ok': 'grafana-legacy',
      'prometheusalert-resolved': 'prometheusalert',
      'alertmanager-api-alerts': 'alertmanager-api',
      'alertmanager-api-groups': 'alertmanager-api',
      'single-alert': 'single',
      'post-alerts': 'single',
    };
    for (const [name, format] of Object.entries(expected))
      expect([name, detectFormat(fixture(name))]).toEqual([name, format]);
  });

  test('forcing a format overrides detection', () => {
    const r = parseAlertPayload(fixture('prometheusalert-firing'), { format: 'alertmanager' });
    expect(r.format).toBe('alertmanager');
    expect(r.alerts[0].source).toBe('alertmanager');
    expect(r.alerts[0].severity).toBe('critical');
  });

  test('forcing a format the payload does not fit gives one payload error', () => {
    const r = parseAlertPayload(fixture('single-alert'), { format: 'grafana' });
    expect(r.alerts).toEqual([]);
    expect(r.errors).toEqual([{ message: '"alerts" is missing or not an array; not a grafana payload' }]);
  });

  test.each([
    [null, 'not an alert payload: got null; expected an Alertmanager, Grafana or PrometheusAlert JSON object'],
    [42, 'not an alert payload: got number; expected an Alertmanager, Grafana or PrometheusAlert JSON object'],
    [
      { hello: 'world' },
      'not an alert payload: no "alerts" array, "labels" object or Grafana rule fields (keys: "hello")',
    ],
    [{ alerts: 'x' }, 'not an alert payload: "alerts" must be an array'],
    [[1, 2], 'not an alert payload: an array, but its items have no "labels" object'],
    ['{oops', expect.stringMatching(/^body is not valid JSON: /)],
    ['   ', 'empty body: expected an alert payload (JSON)'],
  ])('not an alert: %p', (input, message) => {
    const r = parseAlertPayload(input);
    expect(r.format).toBe('unknown');
    expect(r.alerts).toEqual([]);
    expect(r.errors).toEqual([{ message }]);
  });
});
