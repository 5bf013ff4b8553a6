/**
 * Alertmanager webhook (version 4) payloads about the demo cluster's broken workloads, so a fired sample alert
 * leads somewhere real: KubePodCrashLooping for the OOMKilled shop/app-xyz (triage), a container-OOM alert for the
 * same pod (self-heal), and the resolved twin of the first.
 */
import { labelsFingerprint } from '../../lib/alerts';

export type DemoAlert = 'crashloop' | 'crashloop-resolved' | 'oom' | 'image';

const POD = 'app-xyz-5969b7fffc-7ndjr';

interface Spec {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  expr: string;
}

const SPECS: Record<'crashloop' | 'oom' | 'image', Spec> = {
  crashloop: {
    labels: {
      alertname: 'KubePodCrashLooping',
      namespace: 'shop',
      pod: POD,
      container: 'app',
      reason: 'CrashLoopBackOff',
      severity: 'warning',
      job: 'kube-state-metrics',
    },
    annotations: {
      summary: 'Pod is crash looping.',
      description: `Pod shop/${POD} (app) is in waiting state (reason: "CrashLoopBackOff").`,
      runbook_url: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
    },
    expr: 'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff",job="kube-state-metrics"}[5m]) >= 1',
  },
  oom: {
    labels: {
      alertname: 'KubeContainerOOMKilled',
      namespace: 'shop',
      pod: POD,
      container: 'app',
      reason: 'OOMKilled',
      severity: 'warning',
      job: 'kube-state-metrics',
    },
    annotations: {
      summary: 'Container was OOMKilled.',
      description: `Container app of pod shop/${POD} was killed for exceeding its memory limit.`,
    },
    expr: 'kube_pod_container_status_last_terminated_reason{reason="OOMKilled",job="kube-state-metrics"} == 1',
  },
  image: {
    labels: {
      alertname: 'KubeDeploymentReplicasMismatch',
      namespace: 'default',
      deployment: 'nginx-test',
      severity: 'warning',
      job: 'kube-state-metrics',
    },
    annotations: {
      summary: 'Deployment has not matched the expected number of replicas.',
      description:
        'Deployment default/nginx-test has not matched the expected number of replicas for longer than 15 minutes.',
    },
    expr: 'kube_deployment_spec_replicas{job="kube-state-metrics"} > kube_deployment_status_replicas_available{job="kube-state-metrics"}',
  },
};

export function demoAlertPayload(which: DemoAlert, now = new Date()): Record<string, unknown> {
  const resolved = which === 'crashloop-resolved';
  const spec = SPECS[resolved ? 'crashloop' : which];
  const startsAt = new Date(now.getTime() - 20 * 60_000).toISOString();
  const alert = {
    status: resolved ? 'resolved' : 'firing',
    labels: spec.labels,
    annotations: spec.annotations,
    startsAt,
    endsAt: resolved ? now.toISOString() : '0001-01-01T00:00:00Z',
    generatorURL: `http://prometheus.demo:9090/graph?g0.expr=${encodeURIComponent(spec.expr)}&g0.tab=1`,
    fingerprint: labelsFingerprint(spec.labels),
  };
  return {
    version: '4',
    groupKey: `{}:{alertname="${spec.labels.alertname}", namespace="${spec.labels.namespace}"}`,
    truncatedAlerts: 0,
    status: alert.status,
    receiver: 'kube-aiops-demo',
    groupLabels: { alertname: spec.labels.alertname, namespace: spec.labels.namespace },
    commonLabels: spec.labels,
    commonAnnotations: spec.annotations,
    externalURL: 'http://alertmanager.demo:9093',
    alerts: [alert],
  };
}
