import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const texts = new Map<string, string>();

/** A fixture from test/fixtures/alerts, parsed fresh each call so tests can mutate it (the file is read once). */
export function fixture(name: string): unknown {
  let text = texts.get(name);
  if (text === undefined) {
    text = readFileSync(join(__dirname, '..', 'fixtures', 'alerts', `${name}.json`), 'utf8');
    texts.set(name, text);
  }
  return JSON.parse(text) as unknown;
}

export const FIXTURE_NAMES = [
  'alertmanager-firing',
  'alertmanager-resolved',
  'alertmanager-truncated',
  'grafana-firing',
  'grafana-resolved',
  'grafana-legacy-alerting',
  'grafana-legacy-ok',
  'prometheusalert-firing',
  'prometheusalert-resolved',
  'alertmanager-api-alerts',
  'alertmanager-api-groups',
  'single-alert',
  'post-alerts',
] as const;

/** Fixed "now" for durations: two hours after the fixtures' 08:00Z. */
export const NOW = Date.parse('2024-05-01T10:00:00Z');

/** A KubePodCrashLooping notification as Alertmanager sends it, for a pod of the demo scenario by default. */
export function crashLoopPayload(pod = 'app-xyz-5969b7fffc-7ndjr', namespace = 'shop') {
  return {
    version: '4',
    status: 'firing',
    receiver: 'n8n',
    groupKey: '{}:{alertname="KubePodCrashLooping"}',
    groupLabels: { alertname: 'KubePodCrashLooping' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    truncatedAlerts: 0,
    alerts: [
      {
        status: 'firing',
        labels: {
          alertname: 'KubePodCrashLooping',
          severity: 'warning',
          namespace,
          pod,
          container: 'app',
          reason: 'CrashLoopBackOff',
          job: 'kube-state-metrics',
          uid: '42420cea',
        },
        annotations: {
          summary: 'Pod is crash looping.',
          description: `Pod ${namespace}/${pod} (app) is in waiting state.`,
        },
        startsAt: '2026-11-24T05:40:00Z',
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL:
          'http://prometheus:9090/graph?g0.expr=kube_pod_container_status_waiting_reason%20%3E%200&g0.tab=1',
        fingerprint: '0123456789abcdef',
      },
    ],
  };
}
