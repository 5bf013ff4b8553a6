/**
 * Label conventions beyond the kube-prometheus rule table: exporter target labels on kube-state-metrics series
 * whatever the release is called, recording-rule and kube_pod_owner owner labels, host labels, CronJob-made Jobs, and
 * label values Kubernetes would never accept as names.
 */
import { mapAlertToResource, parseAlertPayload, type ResourceMapping } from '../../lib/alerts';

/** A kube-state-metrics target of a release not named "kube-state-metrics" (its container still is). */
const KSM = {
  job: 'kube-state-metrics',
  instance: '10.244.1.50:8080',
  endpoint: 'http',
  service: 'obs-ksm',
  pod: 'obs-ksm-6c9d7b8f4-k2x9z',
  container: 'kube-state-metrics',
};

const short = (m: ResourceMapping | undefined) =>
  m && {
    ref: `${m.kind}/${m.namespace ?? ''}/${m.name}`,
    container: m.container,
    related: m.related.map((r) => `${r.kind}/${r.namespace ?? ''}/${r.name}`),
  };

describe('exporter target labels on kube-state-metrics series', () => {
  test.each([
    ['KubeDeploymentReplicasMismatch', { deployment: 'checkout' }, 'Deployment/shop/checkout'],
    ['KubeStatefulSetReplicasMismatch', { statefulset: 'mysql' }, 'StatefulSet/shop/mysql'],
    ['KubeDaemonSetRolloutStuck', { daemonset: 'agent' }, 'DaemonSet/shop/agent'],
    ['KubeJobFailed', { job_name: 'report-1' }, 'Job/shop/report-1'],
    ['KubeHpaMaxedOut', { horizontalpodautoscaler: 'web' }, 'HorizontalPodAutoscaler/shop/web'],
    ['KubeNodeNotReady', { node: 'worker-3', condition: 'Ready', status: 'true' }, 'Node//worker-3'],
    ['KubeQuotaAlmostFull', { resourcequota: 'compute', resource: 'pods' }, 'ResourceQuota/shop/compute'],
  ])('%s: the object, not the exporter pod; no container', (alertname, labels, ref) => {
    const m = mapAlertToResource({ alertname, ...KSM, namespace: 'shop', ...labels });
    expect(short(m)).toEqual({ ref, container: undefined, related: [] });
  });

  test('honor_labels off: the plain namespace is the exporter, exported_namespace the object', () => {
    const m = mapAlertToResource({
      alertname: 'KubeDeploymentReplicasMismatch',
      ...KSM,
      namespace: 'monitoring',
      exported_namespace: 'shop',
      deployment: 'checkout',
    });
    expect(short(m)?.ref).toBe('Deployment/shop/checkout');
  });

  test('a namespace-only series (KubeNamespaceTerminating) names no object: the exporter pod is not one', () => {
    expect(mapAlertToResource({ alertname: 'KubeNamespaceTerminating', ...KSM, namespace: 'shop' })).toBeUndefined();
  });

  test('per-pod series (uid) and series with exported_pod are still about the pod', () => {
    const own = mapAlertToResource({ alertname: 'KubePodCrashLooping', ...KSM, namespace: 'shop', uid: 'u1' });
    expect(short(own)).toMatchObject({ ref: `Pod/shop/${KSM.pod}`, container: 'kube-state-metrics' });
    const exported = mapAlertToResource({
      alertname: 'KubePodCrashLooping',
      ...KSM,
      namespace: 'monitoring',
      exported_namespace: 'shop',
      exported_pod: 'api-0',
      exported_container: 'api',
    });
    expect(short(exported)).toMatchObject({ ref: 'Pod/shop/api-0', container: 'api' });
  });

  test('node-exporter series are about the host, whatever the exporter pod is called', () => {
    const m = mapAlertToResource({
      alertname: 'NodeFilesystemSpaceFillingUp',
      job: 'node-exporter',
      instance: 'worker-2:9100',
      namespace: 'monitoring',
      pod: 'obs-ne-4w9zq',
      container: 'exporter',
      mountpoint: '/',
    });
    expect(short(m)).toEqual({ ref: 'Node//worker-2', container: undefined, related: [] });
  });
});

describe('owner and host labels', () => {
  test.each([
    [{ workload: 'checkout', workload_type: 'deployment' }, 'Deployment/shop/checkout', []],
    [{ workload: 'mysql', workload_type: 'statefulset' }, 'StatefulSet/shop/mysql', []],
    [{ owner_kind: 'DaemonSet', owner_name: 'agent' }, 'DaemonSet/shop/agent', []],
    [{ owner_kind: 'Job', owner_name: 'migrate' }, 'Job/shop/migrate', []],
    [
      { owner_kind: 'ReplicaSet', owner_name: 'checkout-7d9f8b6c5' },
      'Deployment/shop/checkout',
      ['ReplicaSet/shop/checkout-7d9f8b6c5'],
    ],
    [{ workload_type: 'deployment' }, undefined, []],
    [{ owner_kind: '<none>', owner_name: '<none>' }, undefined, []],
  ])('%j', (labels, ref, related) => {
    const m = mapAlertToResource({ alertname: 'X', namespace: 'shop', ...labels });
    expect(m && short(m)).toEqual(ref === undefined ? undefined : { ref, container: undefined, related });
  });

  test('kube_replicaset_owner: the owner labels confirm the hash guess (high)', () => {
    const m = mapAlertToResource({
      alertname: 'X',
      namespace: 'shop',
      replicaset: 'checkout-7d9f8b6c5',
      owner_kind: 'Deployment',
      owner_name: 'checkout',
    });
    expect(m).toMatchObject({ kind: 'Deployment', name: 'checkout', confidence: 'high', via: 'label:owner_name' });
    expect(short(m)?.related).toEqual(['ReplicaSet/shop/checkout-7d9f8b6c5']);
  });

  test('kube_pod_owner on a pod alert: the pod first, its owner related (the stand-in once the pod is gone)', () => {
    const m = mapAlertToResource({
      alertname: 'KubePodNotReady',
      namespace: 'shop',
      pod: 'api-0',
      owner_kind: 'StatefulSet',
      owner_name: 'api',
    });
    expect(short(m)).toMatchObject({ ref: 'Pod/shop/api-0', related: ['StatefulSet/shop/api'] });
  });

  test.each([
    [{ host: 'worker-2' }, 'Node//worker-2', undefined],
    [{ hostname: 'Worker-2.Example.Internal.' }, 'Node//worker-2.example.internal', undefined],
    [{ nodename: 'worker-2', instance: '10.0.0.12:9100', job: 'node-exporter' }, 'Node//worker-2', undefined],
    [{ host: '10.0.0.15:9100' }, 'Node//10.0.0.15', '10.0.0.15'],
    [{ host: 'db.example.com/x' }, undefined, undefined],
  ])('%j', (labels, ref, nodeIP) => {
    const m = mapAlertToResource({ alertname: 'HostHighCpuLoad', ...labels });
    expect(short(m)?.ref).toBe(ref);
    expect(m?.nodeIP).toBe(nodeIP);
    if (m) expect(m.related).toEqual([]); // a host label makes the instance guess redundant
  });

  test('a Job named <cronjob>-<minutes> names its CronJob as related; other Jobs do not', () => {
    expect(short(mapAlertToResource({ namespace: 'batch', job_name: 'nightly-29400120' }))).toMatchObject({
      ref: 'Job/batch/nightly-29400120',
      related: ['CronJob/batch/nightly'],
    });
    expect(short(mapAlertToResource({ namespace: 'batch', job_name: 'report-2024' }))?.related).toEqual([]);
  });
});

describe('label values that are no Kubernetes name are dropped, with a warning', () => {
  test.each([
    ['namespace path traversal', { namespace: '../kube-system', pod: 'coredns-0' }, /label namespace ignored/],
    ['pod with a slash', { namespace: 'shop', pod: 'a/b' }, /label:pod ignored: Pod name "a\/b"/],
    ['pod with a query', { namespace: 'shop', pod: 'api?watch=1' }, /label:pod ignored/],
    ['upper-case pod', { namespace: 'shop', pod: 'API-0' }, /label:pod ignored/],
    ['deployment with a space', { namespace: 'shop', deployment: 'a b' }, /label:deployment ignored/],
    ['node with a slash', { node: '../nodes/x' }, /label:node ignored/],
    ['namespace too long', { namespace: 'a'.repeat(64), pod: 'p' }, /longer than 63/],
    ['pod too long', { namespace: 'shop', pod: 'a'.repeat(254) }, /longer than 253/],
    ['percent-encoded', { namespace: 'shop', pod: '%2e%2e' }, /label:pod ignored/],
  ])('%s', (_what, labels, warning) => {
    const warnings: string[] = [];
    expect(mapAlertToResource({ alertname: 'X', ...labels }, (w) => warnings.push(w))).toBeUndefined();
    expect(warnings.join('\n')).toMatch(warning);
  });

  test('the valid part survives: a bad container is dropped, the pod kept; a bad namespace keeps a Node', () => {
    const warnings: string[] = [];
    const m = mapAlertToResource({ namespace: 'shop', pod: 'api-0', container: 'api;rm -rf' }, (w) => warnings.push(w));
    expect(m).toMatchObject({ kind: 'Pod', name: 'api-0' });
    expect(m?.container).toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(/label container ignored/)]);
    expect(mapAlertToResource({ namespace: '../x', pod: 'p', node: 'worker-1' })).toMatchObject({
      kind: 'Node',
      name: 'worker-1',
      related: [],
    });
  });

  test('the warning reaches the parsed alert; the labels stay as sent (redacted) for people to read', () => {
    const [a] = parseAlertPayload({
      labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'a/b' },
    }).alerts;
    expect(a.resource).toBeUndefined();
    expect(a.labels.pod).toBe('a/b');
    expect(a.warnings).toEqual([
      expect.stringMatching(/^label:pod ignored: Pod name "a\/b" is not a valid Kubernetes name/),
    ]);
  });
});

describe('more object labels', () => {
  test('ingress-nginx request series: the Ingress in its own namespace, not the controller pod', () => {
    const controller = 'ingress-nginx-controller-7d4b9c6f8-abcde';
    const m = mapAlertToResource({
      alertname: 'NginxHighHttp5xxErrorRate',
      job: 'ingress-nginx-controller-metrics',
      namespace: 'ingress-nginx',
      pod: controller,
      container: 'controller',
      controller_pod: controller,
      controller_namespace: 'ingress-nginx',
      controller_class: 'k8s.io/ingress-nginx',
      exported_namespace: 'shop',
      ingress: 'web',
      exported_service: 'web',
      service: 'ingress-nginx-controller-metrics',
      status: '503',
    });
    expect(short(m)).toEqual({ ref: 'Ingress/shop/web', container: undefined, related: [] });
  });

  test('KubePdbNotEnoughHealthyPods names the PodDisruptionBudget', () => {
    const m = mapAlertToResource({
      alertname: 'KubePdbNotEnoughHealthyPods',
      ...KSM,
      namespace: 'shop',
      poddisruptionbudget: 'api-pdb',
    });
    expect(short(m)).toEqual({ ref: 'PodDisruptionBudget/shop/api-pdb', container: undefined, related: [] });
  });
});

describe('blackbox probes of a Service by its cluster DNS name', () => {
  test.each([
    [
      { instance: 'http://web.shop.svc.cluster.local:80/healthz', job: 'blackbox' },
      'Service/shop/web',
      'label:instance',
    ],
    [{ instance: 'redis.data.svc:6379', job: 'blackbox-tcp' }, 'Service/data/redis', 'label:instance'],
    [{ target: 'https://api.prod.svc/', namespace: 'monitoring' }, 'Service/prod/api', 'label:target'],
  ])('%j', (labels, ref, via) => {
    const m = mapAlertToResource({ alertname: 'BlackboxProbeFailed', ...labels });
    expect(short(m)).toEqual({ ref, container: undefined, related: [] });
    expect(m).toMatchObject({ confidence: 'medium', via });
  });

  test('other URLs and hosts are no Service', () => {
    expect(
      mapAlertToResource({ alertname: 'ProbeFailed', instance: 'https://shop.example.com/', job: 'blackbox' }),
    ).toBeUndefined();
    expect(
      mapAlertToResource({ alertname: 'ProbeFailed', instance: 'http://a.b.c.svc.evil.com/', job: 'blackbox' }),
    ).toBeUndefined();
  });
});

describe('OpenTelemetry and Datadog label names', () => {
  test.each([
    [{ k8s_namespace_name: 'shop', k8s_pod_name: 'api-0', k8s_container_name: 'api' }, 'Pod/shop/api-0', 'api'],
    [{ k8s_namespace_name: 'shop', k8s_deployment_name: 'checkout' }, 'Deployment/shop/checkout', undefined],
    [{ k8s_namespace_name: 'shop', k8s_statefulset_name: 'db' }, 'StatefulSet/shop/db', undefined],
    [{ k8s_namespace_name: 'batch', k8s_job_name: 'report-1' }, 'Job/batch/report-1', undefined],
    [{ k8s_node_name: 'worker-1' }, 'Node//worker-1', undefined],
    [{ kube_namespace: 'shop', kube_deployment: 'checkout' }, 'Deployment/shop/checkout', undefined],
  ])('%j', (labels, ref, container) => {
    const m = mapAlertToResource({ alertname: 'X', ...labels });
    expect(short(m)?.ref).toBe(ref);
    expect(m?.container).toBe(container);
  });
});
