/**
 * Synthetic Alertmanager webhook v4 payloads for benches and demos: a realistic kube-prometheus mix (pod, deployment,
 * node, PVC, job alerts) with stable names, so the same options always give the same payload.
 */
import { labelsFingerprint } from './fingerprint';

export interface SamplePayloadOptions {
  /** Number of alerts (default 10). */
  alerts?: number;
  status?: 'firing' | 'resolved';
  /** Extra labels on every alert (e.g. {cluster: 'prod-sh'}). */
  labels?: Record<string, string>;
  /** Start of the first alert, ms since epoch (default 2024-05-01T08:00:00Z). */
  startsAt?: number;
  externalURL?: string;
  receiver?: string;
}

interface Template {
  alertname: string;
  severity: string;
  labels: (i: number) => Record<string, string>;
  summary: string;
  description: (l: Record<string, string>) => string;
  expr: string;
}

const TEMPLATES: Template[] = [
  {
    alertname: 'KubePodCrashLooping',
    severity: 'warning',
    labels: (i) => ({
      namespace: 'shop',
      pod: `api-7d9f8b6c5-${suffix(i)}`,
      container: 'api',
      reason: 'CrashLoopBackOff',
      job: 'kube-state-metrics',
      instance: '10.244.1.7:8080',
    }),
    summary: 'Pod is crash looping.',
    description: (l) =>
      `Pod ${l.namespace}/${l.pod} (${l.container}) is in waiting state (reason: "CrashLoopBackOff").`,
    expr: 'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff",job="kube-state-metrics"}[5m]) >= 1',
  },
  {
    alertname: 'KubeDeploymentReplicasMismatch',
    severity: 'warning',
    labels: (i) => ({
      namespace: 'shop',
      deployment: `checkout-${i}`,
      job: 'kube-state-metrics',
      instance: '10.244.1.7:8080',
    }),
    summary: 'Deployment has not matched the expected number of replicas.',
    description: (l) =>
      `Deployment ${l.namespace}/${l.deployment} has not matched the expected number of replicas for longer than 15 minutes.`,
    expr: 'kube_deployment_spec_replicas{job="kube-state-metrics"} > kube_deployment_status_replicas_available{job="kube-state-metrics"}',
  },
  {
    alertname: 'KubeNodeNotReady',
    severity: 'warning',
    labels: (i) => ({
      node: `node-${i}`,
      condition: 'Ready',
      status: 'true',
      job: 'kube-state-metrics',
      instance: '10.244.1.7:8080',
    }),
    summary: 'Node is not ready.',
    description: (l) => `${l.node} has been unready for more than 15 minutes.`,
    expr: 'kube_node_status_condition{job="kube-state-metrics",condition="Ready",status="true"} == 0',
  },
  {
    alertname: 'KubePersistentVolumeFillingUp',
    severity: 'critical',
    labels: (i) => ({
      namespace: 'data',
      persistentvolumeclaim: `data-mysql-${i}`,
      job: 'kubelet',
      metrics_path: '/metrics',
      instance: '10.0.0.11:10250',
      node: 'node-1',
    }),
    summary: 'PersistentVolume is filling up.',
    description: (l) =>
      `The PersistentVolume claimed by ${l.persistentvolumeclaim} in Namespace ${l.namespace} is only 2.5% free.`,
    expr: 'kubelet_volume_stats_available_bytes{job="kubelet"} / kubelet_volume_stats_capacity_bytes{job="kubelet"} < 0.03',
  },
  {
    alertname: 'KubeJobFailed',
    severity: 'warning',
    labels: (i) => ({
      namespace: 'batch',
      job_name: `report-2840${i}`,
      condition: 'true',
      job: 'kube-state-metrics',
      instance: '10.244.1.7:8080',
    }),
    summary: 'Job failed to complete.',
    description: (l) => `Job ${l.namespace}/${l.job_name} failed to complete.`,
    expr: 'kube_job_failed{job="kube-state-metrics"} > 0',
  },
];

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
function suffix(i: number): string {
  let n = i * 7919 + 104729;
  let out = '';
  for (let k = 0; k < 5; k++) {
    out += ALPHABET[n % ALPHABET.length];
    n = Math.floor(n / ALPHABET.length);
  }
  return out;
}

export function sampleAlertmanagerPayload(options: SamplePayloadOptions = {}): Record<string, unknown> {
  const count = Math.max(0, Math.trunc(options.alerts ?? 10));
  const status = options.status ?? 'firing';
  const base = options.startsAt ?? Date.parse('2024-05-01T08:00:00Z');
  const externalURL = options.externalURL ?? 'http://alertmanager.monitoring.svc:9093';
  const extra = options.labels ?? {};
  const alerts = Array.from({ length: count }, (_, i) => {
    const t = TEMPLATES[i % TEMPLATES.length];
    const labels = { alertname: t.alertname, severity: t.severity, ...t.labels(i), ...extra };
    const startsAt = new Date(base + i * 1000).toISOString();
    return {
      status,
      labels,
      annotations: {
        summary: t.summary,
        description: t.description(labels),
        runbook_url: `https://runbooks.prometheus-operator.dev/runbooks/kubernetes/${t.alertname.toLowerCase()}`,
      },
      startsAt,
      endsAt: status === 'resolved' ? new Date(base + i * 1000 + 600_000).toISOString() : '0001-01-01T00:00:00Z',
      generatorURL: `http://prometheus-k8s.monitoring.svc:9090/graph?g0.expr=${encodeURIComponent(t.expr)}&g0.tab=1`,
      fingerprint: labelsFingerprint(labels),
    };
  });
  const common = count > 0 ? commonOf(alerts.map((a) => a.labels as Record<string, string>)) : {};
  return {
    receiver: options.receiver ?? 'n8n-aiops',
    status: alerts.length > 0 && status === 'resolved' ? 'resolved' : 'firing',
    alerts,
    groupLabels: Object.keys(extra).length > 0 ? { ...extra } : {},
    commonLabels: common,
    commonAnnotations: {},
    externalURL,
    version: '4',
    groupKey: `{}:{${Object.entries(extra)
      .map(([k, v]) => `${k}="${v}"`)
      .join(', ')}}`,
    truncatedAlerts: 0,
  };
}

function commonOf(sets: Array<Record<string, string>>): Record<string, string> {
  const [first, ...rest] = sets;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(first)) if (rest.every((s) => s[k] === v)) out[k] = v;
  return out;
}
