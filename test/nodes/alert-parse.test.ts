/** Prometheus Alert › Parse, run through n8n-core's WorkflowExecute on every alert fixture. */
import { parseAlertPayload } from '../../lib/alerts';
import { PrometheusAlert } from '../../nodes/PrometheusAlert/PrometheusAlert.node';
import { fixture, FIXTURE_NAMES } from '../alerts/fixture';
import { runNode } from '../helpers/n8n-exec';

const parse = (
  items: Array<{ json: Record<string, unknown> }>,
  parameters: Record<string, unknown> = {},
  continueOnFail = false,
) =>
  runNode(PrometheusAlert, {
    parameters: { operation: 'parse', ...parameters },
    items: items as never,
    settings: { continueOnFail },
  });

describe('Parse: one item per alert on every fixture', () => {
  test.each(FIXTURE_NAMES)('%s', async (name) => {
    const payload = fixture(name) as Record<string, unknown>;
    const expected = parseAlertPayload(fixture(name)).alerts.filter(
      (a) => !['Watchdog', 'InfoInhibitor'].includes(a.alertname),
    );
    // a bare array is not an n8n item: the Webhook node would put it under body
    const item = Array.isArray(payload)
      ? { json: { headers: { 'content-type': 'application/json' }, params: {}, query: {}, body: payload } }
      : { json: payload };
    const r = await parse([item], {});
    expect(r.error).toBeUndefined();
    expect(r.items.length).toBe(new Set(expected.map((a) => a.dedupeKey)).size);
    expect(r.items.length).toBeGreaterThan(0);
    for (const [i, out] of r.items.entries()) {
      const j = out.json;
      expect(out.pairedItem).toEqual({ item: 0 });
      expect(j.alertname).toBe(expected[i].alertname);
      expect(j.status).toBe(expected[i].status);
      expect(j.severity).toBe(expected[i].severity);
      expect(typeof j.fingerprint).toBe('string');
      expect(typeof j.dedupeKey).toBe('string');
      expect(j).toHaveProperty('labels');
      expect(j).toHaveProperty('resource');
    }
  });
});

describe('Parse: output fields', () => {
  test('Alertmanager firing: resource, links, promql, times', async () => {
    const r = await parse([{ json: fixture('alertmanager-firing') as Record<string, unknown> }]);
    expect(r.items).toHaveLength(2);
    const a = r.items[0].json;
    expect(a).toMatchObject({
      status: 'firing',
      severity: 'warning',
      alertname: 'KubePodCrashLooping',
      summary: 'Pod is crash looping.',
      resource: { kind: 'Pod', namespace: 'shop', name: 'api-7d9f8b6c5-x2k4q', container: 'api' },
      fingerprint: '1a30ba71cca2921f',
      runbookURL: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
      startsAt: '2024-05-01T08:00:00.000Z',
      source: 'alertmanager',
      receiver: 'im-bridge',
    });
    expect(a.promql).toContain('kube_pod_container_status_waiting_reason');
    expect(String(a.silenceURL)).toMatch(/^http:\/\/alertmanager:9093\/#\/silences\/new\?filter=/);
    expect(a.endsAt).toBeUndefined();
    expect(typeof a.duration).toBe('string');
    expect(a.description).toContain('CrashLoopBackOff');
  });

  test('a Webhook node item is unwrapped ($json.body), and a property path or JSON text works too', async () => {
    const body = fixture('alertmanager-firing');
    const wrapped = await parse([
      { json: { headers: { 'content-type': 'application/json' }, params: {}, query: {}, body } },
    ]);
    expect(wrapped.items).toHaveLength(2);
    const byPath = await parse([{ json: { data: { payload: body } } }], {
      input: 'property',
      propertyPath: 'data.payload',
    });
    expect(byPath.items).toHaveLength(2);
    const byText = await parse([{ json: { raw: JSON.stringify(body) } }], {
      input: 'json',
      jsonText: '={{ $json.raw }}',
    });
    expect(byText.items).toHaveLength(2);
    const stringProperty = await parse([{ json: { raw: JSON.stringify(body) } }], {
      input: 'property',
      propertyPath: 'raw',
    });
    expect(stringProperty.items).toHaveLength(2);
  });

  test('one item per group', async () => {
    const r = await parse(
      [
        { json: fixture('alertmanager-firing') as Record<string, unknown> },
        { json: fixture('grafana-firing') as Record<string, unknown> },
      ],
      { output: 'group' },
    );
    expect(r.items).toHaveLength(2);
    expect(r.items[0].json).toMatchObject({
      count: 2,
      firing: 2,
      resolved: 0,
      severity: 'warning',
      source: 'alertmanager',
      receiver: 'im-bridge',
    });
    expect((r.items[0].json.alerts as unknown[]).length).toBe(2);
    expect(r.items[1].pairedItem).toEqual({ item: 1 });
    expect(r.items[1].json.source).toBe('grafana');
  });
});

describe('Parse: filters and dedupe', () => {
  const mixed = () => {
    const firing = fixture('alertmanager-firing') as { alerts: Array<Record<string, unknown>> };
    const resolved = fixture('alertmanager-resolved') as { alerts: Array<Record<string, unknown>> };
    const critical = JSON.parse(JSON.stringify(firing.alerts[0])) as {
      labels: Record<string, string>;
      fingerprint: string;
    };
    critical.labels = { ...critical.labels, alertname: 'KubeNodeNotReady', severity: 'critical', node: 'node-1' };
    critical.fingerprint = 'aaaaaaaaaaaaaaaa';
    const watchdog = {
      status: 'firing',
      labels: { alertname: 'Watchdog', severity: 'none' },
      annotations: {},
      startsAt: '2024-05-01T08:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      fingerprint: 'bbbbbbbbbbbbbbbb',
    };
    return { ...firing, alerts: [...firing.alerts, firing.alerts[0], ...resolved.alerts, critical, watchdog] };
  };

  test('defaults: resolved kept, duplicates and Watchdog dropped', async () => {
    const r = await parse([{ json: mixed() }]);
    expect(r.items.map((i) => `${i.json.alertname}:${i.json.status}`)).toEqual([
      'KubePodCrashLooping:firing',
      'KubePodCrashLooping:firing',
      'KubeDeploymentReplicasMismatch:resolved',
      'KubeNodeNotReady:firing',
    ]);
  });

  test('exclude resolved, minimum severity, dedupe off, no exclusions', async () => {
    const noResolved = await parse([{ json: mixed() }], { includeResolved: false });
    expect(noResolved.items.map((i) => i.json.status)).not.toContain('resolved');
    const critical = await parse([{ json: mixed() }], { minSeverity: 'critical' });
    expect(critical.items.map((i) => i.json.alertname)).toEqual(['KubeNodeNotReady']);
    const all = await parse([{ json: mixed() }], { dedupe: false, options: { excludeAlertnames: '' } });
    expect(all.items).toHaveLength(6);
  });
});

describe('Parse: bad payloads', () => {
  test('a payload that is not an alert fails the item with a clear NodeOperationError', async () => {
    const r = await parse([{ json: { hello: 'world' } }]);
    expect(r.items).toHaveLength(0);
    expect(r.error?.name).toBe('NodeOperationError');
    expect(r.error?.message).toMatch(/not an alert payload/);
    expect(r.error?.description).toMatch(/Alertmanager webhook/);
  });

  test('continueOnFail: { error } for the bad item, the good ones go on', async () => {
    const r = await parse(
      [
        { json: { hello: 'world' } },
        { json: fixture('alertmanager-firing') as Record<string, unknown> },
        { json: { raw: '{not json' } },
      ],
      {},
      true,
    );
    expect(r.error).toBeUndefined();
    expect(r.items[0].json).toEqual({ error: expect.stringMatching(/not an alert payload/) });
    expect(r.items[0].pairedItem).toEqual({ item: 0 });
    expect(r.items.slice(1, 3).map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 1 }]);
    expect(r.items).toHaveLength(4);
    expect(r.items[3].json.error).toMatch(/not an alert payload/);
  });

  test('JSON text that is not JSON, and a missing property, say so', async () => {
    const bad = await parse([{ json: { raw: '{oops' } }], { input: 'json', jsonText: '={{ $json.raw }}' });
    expect(bad.error?.message).toMatch(/not valid JSON/);
    const missing = await parse([{ json: { other: 1 } }], { input: 'property', propertyPath: 'body' });
    expect(missing.error?.message).toMatch(/has no property "body"/);
  });
});
