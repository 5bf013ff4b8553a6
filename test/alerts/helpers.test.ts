import {
  alertmanagerSilenceURL,
  dedupeAlerts,
  exprFromGeneratorURL,
  filterAlerts,
  groupAlerts,
  HEARTBEAT_ALERTNAMES,
  humanDuration,
  labelsFingerprint,
  normalizeSeverity,
  parseAlertPayload,
  parseAlertTime,
  sampleAlertmanagerPayload,
  severityOf,
} from '../../lib/alerts';
import { fixture, NOW } from './fixture';

describe('severity', () => {
  test.each([
    ['critical', 'critical'],
    ['CRITICAL', 'critical'],
    ['page', 'critical'],
    ['P1', 'critical'],
    ['high', 'critical'],
    ['error', 'critical'],
    ['严重', 'critical'],
    ['灾难', 'critical'],
    ['SEV1', 'critical'],
    ['warning', 'warning'],
    ['warn', 'warning'],
    ['P2', 'warning'],
    ['medium', 'warning'],
    ['警告', 'warning'],
    ['minor', 'warning'],
    ['info', 'info'],
    ['low', 'info'],
    ['P4', 'info'],
    ['提示', 'info'],
    ['notice', 'info'],
    ['none', 'none'],
  ])('%s → %s', (value, expected) => {
    expect(normalizeSeverity(value)).toBe(expected);
  });

  test('unknown words and Object.prototype names are not severities', () => {
    for (const v of ['bananas', '', 'constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(normalizeSeverity(v)).toBeUndefined();
  });

  test('PrometheusAlert levels 0–4; severity label wins over level', () => {
    expect(['0', '1', '2', '3', '4'].map((level) => severityOf({ level }, {}).severity)).toEqual([
      'info',
      'warning',
      'warning',
      'critical',
      'critical',
    ]);
    expect(severityOf({ severity: 'info', level: '4' }, {}).severity).toBe('info');
    expect(severityOf({ level: '9' }, {})).toEqual({ severity: 'none', source: { label: 'level', value: '9' } });
    expect(severityOf({}, { severity: 'P1' })).toEqual({
      severity: 'critical',
      source: { label: 'severity', value: 'P1' },
    });
    expect(severityOf({ priority: 'P3' }, {}).severity).toBe('warning');
  });
});

describe('fingerprint', () => {
  // Values checked against a real Alertmanager 0.25 (GET /api/v2/alerts), see alertmanager-real.test.ts.
  test('Alertmanager-compatible FNV-1a over sorted labels', () => {
    expect(labelsFingerprint({})).toBe('cbf29ce484222325');
    expect(
      labelsFingerprint({
        alertname: 'KubePodCrashLooping',
        namespace: 'shop',
        pod: 'api-1',
        severity: 'warning',
        zh: '严重',
      }),
    ).toBe('1884af3841bc809e');
  });

  test('independent of key order', () => {
    expect(labelsFingerprint({ b: '2', a: '1' })).toBe(labelsFingerprint({ a: '1', b: '2' }));
    expect(labelsFingerprint({ a: '1', b: '2' })).not.toBe(labelsFingerprint({ a: '2', b: '1' }));
  });
});

describe('dates and durations', () => {
  test.each([
    ['0001-01-01T00:00:00Z', { kind: 'zero' }],
    ['2024-05-01T08:00:00Z', { kind: 'time', ms: Date.parse('2024-05-01T08:00:00Z') }],
    ['2024-05-01T16:00:00+0800', { kind: 'time', ms: Date.parse('2024-05-01T08:00:00Z') }],
    ['2024-05-01T08:00:00.987654321Z', { kind: 'time', ms: Date.parse('2024-05-01T08:00:00.987Z') }],
    [1714550400, { kind: 'time', ms: 1714550400000 }],
    [1714550400000, { kind: 'time', ms: 1714550400000 }],
    ['1', { kind: 'invalid', shown: '"1"' }],
    ['2024-13-01T00:00:00Z', { kind: 'invalid', shown: '"2024-13-01T00:00:00Z"' }],
    [undefined, { kind: 'absent' }],
    [{}, { kind: 'invalid', shown: 'object' }],
  ])('%p', (input, expected) => {
    expect(parseAlertTime(input)).toEqual(expected);
  });

  test.each([
    [0, '0s'],
    [999, '0s'],
    [45_000, '45s'],
    [125_000, '2m 5s'],
    [7_200_000, '2h'],
    [7_260_000, '2h 1m'],
    [90_061_000, '1d 1h'],
    [NaN, '0s'],
  ])('humanDuration(%p) = %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('links', () => {
  test('g0.expr decoded; other links give nothing', () => {
    expect(exprFromGeneratorURL('http://p:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1')).toBe('up == 0');
    expect(exprFromGeneratorURL('https://grafana/alerting/1/edit')).toBeUndefined();
    // malformed percent-encoding does not throw; broken bytes become U+FFFD
    expect(exprFromGeneratorURL('http://p/graph?g0.expr=%E0%A4%A')).toBe('\uFFFD%A');
  });

  test('silence link escapes quotes and skips invalid label names', () => {
    const url = alertmanagerSilenceURL('http://am:9093', { alertname: 'X', msg: 'say "hi"', 'bad-name': 'v' });
    expect(decodeURIComponent(url!.split('filter=')[1])).toBe('{alertname="X", msg="say \\"hi\\""}');
  });
});

describe('filter, dedupe, group', () => {
  const batch = () => [
    ...parseAlertPayload(fixture('alertmanager-firing'), { now: NOW }).alerts,
    ...parseAlertPayload(fixture('alertmanager-resolved'), { now: NOW }).alerts,
    ...parseAlertPayload(fixture('single-alert'), { now: NOW }).alerts,
    ...parseAlertPayload({
      version: '4',
      alerts: [{ status: 'firing', labels: { alertname: 'Watchdog', severity: 'none' } }],
    }).alerts,
  ];

  test('include/exclude resolved, min severity, heartbeats', () => {
    const all = batch();
    expect(all).toHaveLength(5);
    expect(filterAlerts(all, { includeResolved: false }).map((a) => a.status)).not.toContain('resolved');
    expect(filterAlerts(all, { minSeverity: 'critical' }).map((a) => a.alertname)).toEqual([
      'KubePersistentVolumeFillingUp',
    ]);
    expect(filterAlerts(all, { minSeverity: 'warning' })).toHaveLength(4);
    expect(filterAlerts(all, { excludeAlertnames: HEARTBEAT_ALERTNAMES }).map((a) => a.alertname)).not.toContain(
      'Watchdog',
    );
    expect(filterAlerts(all)).toHaveLength(5);
  });

  test('dedupe keeps the first of each notification', () => {
    const twice = [...batch(), ...batch()];
    const once = dedupeAlerts(twice);
    expect(once).toHaveLength(5);
    expect(once.map((a) => a.dedupeKey)).toEqual(batch().map((a) => a.dedupeKey));
  });

  test('group by alertname and by resource', () => {
    const byName = groupAlerts(batch());
    expect(byName.map((g) => [g.key, g.alerts.length])).toEqual([
      ['KubePodCrashLooping', 2],
      ['KubeDeploymentReplicasMismatch', 1],
      ['KubePersistentVolumeFillingUp', 1],
      ['Watchdog', 1],
    ]);
    expect(groupAlerts(batch(), 'resource').map((g) => g.key)).toEqual([
      'Pod/shop/api-7d9f8b6c5-x2k4q',
      'Pod/shop/worker-5c6b7d8f9-m4n7p',
      'Deployment/shop/checkout',
      'PersistentVolumeClaim/data/data-mysql-0',
      'none',
    ]);
    expect(groupAlerts(batch(), 'namespace').map((g) => g.key)).toEqual(['shop', 'data', 'none']);
    expect(groupAlerts(batch(), (a) => a.status).map((g) => g.key)).toEqual(['firing', 'resolved']);
  });
});

describe('sample payload generator', () => {
  test('deterministic, parses cleanly, statuses and labels applied', () => {
    const p = sampleAlertmanagerPayload({ alerts: 50, status: 'resolved', labels: { cluster: 'prod-sh' } });
    expect(JSON.stringify(p)).toBe(
      JSON.stringify(sampleAlertmanagerPayload({ alerts: 50, status: 'resolved', labels: { cluster: 'prod-sh' } })),
    );
    const r = parseAlertPayload(p);
    expect(r.format).toBe('alertmanager');
    expect(r.errors).toEqual([]);
    expect(r.alerts).toHaveLength(50);
    expect(
      r.alerts.every((a) => a.status === 'resolved' && a.labels.cluster === 'prod-sh' && a.resource !== undefined),
    ).toBe(true);
    // fingerprints are the ones Alertmanager would compute
    expect(r.alerts.every((a) => a.fingerprint === labelsFingerprint(a.labels))).toBe(true);
    expect(new Set(r.alerts.map((a) => a.resource!.kind))).toEqual(
      new Set(['Pod', 'Deployment', 'Node', 'PersistentVolumeClaim', 'Job']),
    );
    expect(r.group?.commonLabels.cluster).toBe('prod-sh');
  });
});
