/**
 * One call per tool (some tools more than once) against the demo scenarios, with what its answer must contain.
 * Writes are server-side dry runs so every transport sees the same cluster.
 */
export interface ToolCall {
  tool: string;
  args: Record<string, unknown>;
  /** the text for the model must match all of these */
  expect: RegExp[];
  /** and none of these */
  reject?: RegExp[];
}

const CONFIG_MAP =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bridge-test\n  namespace: shop\ndata:\n  a: "1"\n';

/** Alertmanager v4 webhook body as it arrives, for the pod of broken workload 3. */
export const CRASHLOOP_PAYLOAD = {
  version: '4',
  groupKey: '{}:{alertname="KubePodCrashLooping"}',
  status: 'firing',
  receiver: 'n8n',
  groupLabels: { alertname: 'KubePodCrashLooping' },
  commonLabels: { alertname: 'KubePodCrashLooping', severity: 'warning' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager.monitoring:9093',
  alerts: [
    {
      status: 'firing',
      labels: {
        alertname: 'KubePodCrashLooping',
        namespace: 'shop',
        pod: 'app-xyz-5969b7fffc-7ndjr',
        container: 'app',
        severity: 'warning',
      },
      annotations: { summary: 'Pod is crash looping.' },
      startsAt: '2026-11-24T05:45:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus:9090/graph?g0.expr=kube_pod_container_status_waiting_reason',
      fingerprint: 'a1b2c3d4e5f60718',
    },
  ],
};

export function everyToolCall(): ToolCall[] {
  return [
    { tool: 'diagnose', args: {}, expect: [/nginx:lastest/, /cbs/, /test-data/, /OOMKilled/, /256Mi/] },
    {
      tool: 'diagnose',
      args: { kind: 'deploy', name: 'app-xyz', namespace: 'shop', analyzers: ['Pod', 'Deployment', 'ReplicaSet'] },
      expect: [/OOMKilled/, /256Mi/],
      reject: [/lastest/],
    },
    {
      tool: 'triage_alert',
      args: { alert: JSON.stringify(CRASHLOOP_PAYLOAD) },
      expect: [/KubePodCrashLooping/, /OOMKilled/, /256Mi/],
    },
    {
      tool: 'triage_alert',
      args: {
        alert: {
          labels: {
            alertname: 'KubeDeploymentReplicasMismatch',
            namespace: 'default',
            deployment: 'nginx-test',
            severity: 'critical',
          },
        },
      },
      expect: [/nginx:lastest/],
    },
    {
      tool: 'triage_alert',
      args: { resource: { kind: 'pvc', name: 'test-data', namespace: 'aiops' } },
      expect: [/cbs/, /test-data/],
    },
    {
      tool: 'get_api_resources',
      args: { group: 'apps' },
      expect: [/deployments/, /StatefulSet/],
      reject: [/configmaps/],
    },
    {
      tool: 'list_resources',
      args: { kind: 'pods', namespace: 'shop' },
      expect: [/app-xyz-5969b7fffc-7ndjr/, /CrashLoopBackOff/],
    },
    { tool: 'list_resources', args: { kind: 'secrets', namespace: 'shop', full: true }, expect: [/app-xyz-db/] },
    { tool: 'get_resource', args: { kind: 'deploy', name: 'web', namespace: 'default' }, expect: [/nginx:1\.27\.3/] },
    { tool: 'get_resource', args: { kind: 'Secret', name: 'app-xyz-db', namespace: 'shop' }, expect: [/redacted/] },
    {
      tool: 'describe_resource',
      args: { kind: 'Deployment', name: 'app-xyz', namespace: 'shop' },
      expect: [/app-xyz-5969b7fffc-7ndjr/],
    },
    {
      tool: 'describe_resource',
      args: { kind: 'secret', name: 'app-xyz-db', namespace: 'shop' },
      expect: [/app-xyz-db/],
    },
    { tool: 'list_events', args: { namespace: 'aiops' }, expect: [/ProvisioningFailed/] },
    {
      tool: 'get_pod_logs',
      args: { kind: 'Deployment', name: 'app-xyz', namespace: 'shop', previous: true, tailLines: 20 },
      expect: [/heapUsedMB/, /previous/],
    },
    { tool: 'top', args: { target: 'nodes' }, expect: [/node-1/, /node-3/] },
    {
      tool: 'top',
      args: { target: 'pods', namespace: 'shop', sortBy: 'memory' },
      expect: [/app-xyz-5969b7fffc-7ndjr/],
    },
    {
      tool: 'query_prometheus',
      args: { query: 'sum by (pod) (container_memory_working_set_bytes{namespace="shop"})' },
      expect: [/redis-0/, /262144000/],
    },
    {
      // the loopback stand-in answers every instant query with two series without a container label and has no
      // range API: the report must say no-data and incomplete, never guess (real-Prometheus figures: test/capacity)
      tool: 'capacity_report',
      args: { namespace: 'shop', window: '1d' },
      expect: [/Capacity over 1d \(INCOMPLETE\)/, /no-data/],
      reject: [/over-provisioned|under-provisioned/],
    },
    {
      tool: 'apply_resource',
      args: { manifest: CONFIG_MAP, dryRun: true },
      expect: [/dry run/, /ConfigMap shop\/bridge-test/],
    },
    {
      tool: 'create_resource',
      args: { manifest: CONFIG_MAP, dryRun: true },
      expect: [/dry run: created ConfigMap shop\/bridge-test/],
    },
    {
      tool: 'patch_resource',
      args: {
        kind: 'Deployment',
        name: 'web',
        namespace: 'default',
        patch: '{"metadata":{"labels":{"team":"shop"}}}',
        type: 'merge',
        dryRun: true,
      },
      expect: [/dry run: patched Deployment default\/web/, /metadata\.labels\.team/],
    },
    {
      tool: 'delete_resource',
      args: { kind: 'Deployment', name: 'nginx-test', namespace: 'default', dryRun: true },
      expect: [/dry run: deleted Deployment default\/nginx-test/],
    },
    {
      tool: 'scale',
      args: { kind: 'Deployment', name: 'web', namespace: 'default', replicas: 3, dryRun: true },
      expect: [/from 2 to 3 replicas/],
    },
    {
      tool: 'rollout_restart',
      args: { kind: 'Deployment', name: 'web', namespace: 'default', dryRun: true },
      expect: [/restartedAt/],
    },
    {
      tool: 'rollout_undo',
      args: { kind: 'Deployment', name: 'web', namespace: 'default', dryRun: true },
      expect: [/revision 1/, /nginx:1\.27\.2/],
    },
    {
      tool: 'set_image',
      args: {
        kind: 'Deployment',
        name: 'nginx-test',
        namespace: 'default',
        images: { nginx: 'nginx:latest' },
        dryRun: true,
      },
      expect: [/nginx:lastest/, /nginx:latest"/],
    },
    {
      tool: 'set_resources',
      args: { kind: 'Deployment', name: 'app-xyz', namespace: 'shop', limits: { memory: '512Mi' }, dryRun: true },
      expect: [/256Mi/, /512Mi/],
    },
  ];
}
