/**
 * Every alert named in the reference (kube-prometheus / kubernetes-mixin §7.3, Robusta's table §7.2), with the labels
 * its rule expression leaves, mapped to the object an on-call engineer would open first.
 */
import {
  deploymentFromPodName,
  deploymentFromReplicaSet,
  mapAlertToResource,
  type ResourceRef,
} from '../../lib/alerts';

const KSM = { job: 'kube-state-metrics', instance: '10.244.1.7:8080' };
/** Target labels kube-prometheus-stack's kube-state-metrics ServiceMonitor adds to series without their own. */
const KSM_STACK = {
  ...KSM,
  container: 'kube-state-metrics',
  endpoint: 'http',
  pod: 'kube-prometheus-stack-kube-state-metrics-6d8b9c7f5d-qz8xw',
  service: 'kube-prometheus-stack-kube-state-metrics',
  namespace: 'monitoring',
};
const KUBELET = {
  job: 'kubelet',
  metrics_path: '/metrics',
  instance: '10.0.0.11:10250',
  node: 'worker-1',
  service: 'kubelet',
  endpoint: 'https-metrics',
};

type Expected = Pick<ResourceRef, 'kind' | 'name'> & Partial<ResourceRef>;
const cases: Array<[string, Record<string, string>, Expected | undefined]> = [
  [
    'KubePodCrashLooping',
    {
      ...KSM,
      namespace: 'shop',
      pod: 'api-7d9f8b6c5-x2k4q',
      container: 'api',
      reason: 'CrashLoopBackOff',
      uid: 'u1',
      service: 'kube-state-metrics',
      endpoint: 'http',
    },
    {
      kind: 'Pod',
      namespace: 'shop',
      name: 'api-7d9f8b6c5-x2k4q',
      container: 'api',
      confidence: 'high',
      via: 'label:pod',
    },
  ],
  [
    'KubePodNotReady',
    { namespace: 'shop', pod: 'api-7d9f8b6c5-x2k4q' },
    { kind: 'Pod', namespace: 'shop', name: 'api-7d9f8b6c5-x2k4q', confidence: 'high' },
  ],
  [
    'KubeContainerWaiting',
    { namespace: 'shop', pod: 'api-0', container: 'init-db' },
    { kind: 'Pod', namespace: 'shop', name: 'api-0', container: 'init-db' },
  ],
  [
    'KubernetesContainerOomKiller',
    { ...KSM, namespace: 'shop', pod: 'api-7d9f8b6c5-x2k4q', container: 'api', uid: 'u1' },
    { kind: 'Pod', namespace: 'shop', name: 'api-7d9f8b6c5-x2k4q', container: 'api' },
  ],
  [
    'KubeDeploymentReplicasMismatch',
    { ...KSM, namespace: 'shop', deployment: 'checkout' },
    { kind: 'Deployment', namespace: 'shop', name: 'checkout', confidence: 'high', via: 'label:deployment' },
  ],
  [
    'KubeDeploymentGenerationMismatch',
    { ...KSM, namespace: 'shop', deployment: 'checkout' },
    { kind: 'Deployment', namespace: 'shop', name: 'checkout' },
  ],
  [
    'KubeStatefulSetReplicasMismatch',
    { ...KSM, namespace: 'data', statefulset: 'mysql' },
    { kind: 'StatefulSet', namespace: 'data', name: 'mysql' },
  ],
  [
    'KubeStatefulSetGenerationMismatch',
    { ...KSM, namespace: 'data', statefulset: 'mysql' },
    { kind: 'StatefulSet', namespace: 'data', name: 'mysql' },
  ],
  [
    'KubeStatefulSetUpdateNotRolledOut',
    { ...KSM, namespace: 'data', statefulset: 'mysql' },
    { kind: 'StatefulSet', namespace: 'data', name: 'mysql' },
  ],
  [
    'KubeDaemonSetRolloutStuck',
    { ...KSM, namespace: 'kube-system', daemonset: 'calico-node' },
    { kind: 'DaemonSet', namespace: 'kube-system', name: 'calico-node' },
  ],
  [
    'KubeDaemonSetNotScheduled',
    { ...KSM, namespace: 'kube-system', daemonset: 'calico-node' },
    { kind: 'DaemonSet', namespace: 'kube-system', name: 'calico-node' },
  ],
  [
    'KubeDaemonSetMisScheduled',
    { ...KSM, namespace: 'kube-system', daemonset: 'calico-node' },
    { kind: 'DaemonSet', namespace: 'kube-system', name: 'calico-node' },
  ],
  [
    'KubeJobFailed',
    { ...KSM, namespace: 'batch', job_name: 'report-28400', condition: 'true' },
    { kind: 'Job', namespace: 'batch', name: 'report-28400', via: 'label:job_name' },
  ],
  [
    'KubeJobNotCompleted',
    { namespace: 'batch', job_name: 'report-28400' },
    { kind: 'Job', namespace: 'batch', name: 'report-28400' },
  ],
  [
    'KubeJobCompletion',
    { namespace: 'batch', job_name: 'report-28400' },
    { kind: 'Job', namespace: 'batch', name: 'report-28400' },
  ],
  [
    'KubeHpaReplicasMismatch',
    { ...KSM, namespace: 'web', horizontalpodautoscaler: 'frontend' },
    { kind: 'HorizontalPodAutoscaler', namespace: 'web', name: 'frontend' },
  ],
  [
    'KubeHpaMaxedOut',
    { ...KSM, namespace: 'web', horizontalpodautoscaler: 'frontend' },
    { kind: 'HorizontalPodAutoscaler', namespace: 'web', name: 'frontend' },
  ],
  [
    'KubeNodeNotReady',
    { ...KSM, node: 'worker-3', condition: 'Ready', status: 'true' },
    { kind: 'Node', name: 'worker-3', confidence: 'high', via: 'label:node' },
  ],
  [
    'KubeNodeUnreachable',
    { ...KSM, node: 'worker-3', key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
    { kind: 'Node', name: 'worker-3' },
  ],
  ['KubeletTooManyPods', { node: 'worker-3', cluster: 'prod-sh' }, { kind: 'Node', name: 'worker-3' }],
  ['KubeNodeReadinessFlapping', { node: 'worker-3', cluster: 'prod-sh' }, { kind: 'Node', name: 'worker-3' }],
  [
    'KubePersistentVolumeFillingUp',
    { ...KUBELET, namespace: 'data', persistentvolumeclaim: 'data-mysql-0' },
    { kind: 'PersistentVolumeClaim', namespace: 'data', name: 'data-mysql-0', via: 'label:persistentvolumeclaim' },
  ],
  [
    'KubePersistentVolumeInodesFillingUp',
    { ...KUBELET, namespace: 'data', persistentvolumeclaim: 'data-mysql-0' },
    { kind: 'PersistentVolumeClaim', namespace: 'data', name: 'data-mysql-0' },
  ],
  [
    'KubePersistentVolumeErrors',
    { ...KSM, persistentvolume: 'pvc-3f1c9a2e', phase: 'Failed' },
    { kind: 'PersistentVolume', name: 'pvc-3f1c9a2e' },
  ],
  [
    'CPUThrottlingHigh',
    { namespace: 'web', pod: 'nginx-6f7d9c8b7-abcde', container: 'nginx' },
    { kind: 'Pod', namespace: 'web', name: 'nginx-6f7d9c8b7-abcde', container: 'nginx' },
  ],
  [
    'KubeQuotaAlmostFull',
    { ...KSM, namespace: 'team-a', resource: 'requests.cpu', resourcequota: 'compute' },
    { kind: 'ResourceQuota', namespace: 'team-a', name: 'compute' },
  ],
  [
    'KubeQuotaFullyUsed',
    { ...KSM, namespace: 'team-a', resource: 'pods', resourcequota: 'compute' },
    { kind: 'ResourceQuota', namespace: 'team-a', name: 'compute' },
  ],
  [
    'KubeQuotaExceeded',
    { ...KSM, namespace: 'team-a', resource: 'pods', resourcequota: 'compute' },
    { kind: 'ResourceQuota', namespace: 'team-a', name: 'compute' },
  ],
  ['TargetDown', { job: 'node-exporter', namespace: 'monitoring', service: 'node-exporter' }, undefined],
  [
    'KubeAggregatedAPIErrors',
    { name: 'v1beta1.metrics.k8s.io', namespace: 'kube-system' },
    { kind: 'APIService', name: 'v1beta1.metrics.k8s.io' },
  ],
  [
    'KubeAggregatedAPIDown',
    { name: 'v1beta1.metrics.k8s.io', namespace: 'kube-system' },
    { kind: 'APIService', name: 'v1beta1.metrics.k8s.io' },
  ],
  // Robusta's built-in playbooks (§7.2)
  [
    'HostOomKillDetected',
    { instance: '10.0.0.12:9100', job: 'node-exporter' },
    { kind: 'Node', name: '10.0.0.12', nodeIP: '10.0.0.12', confidence: 'low', via: 'label:instance' },
  ],
  [
    'HostHighCpuLoad',
    { instance: 'worker-2', job: 'node-exporter' },
    { kind: 'Node', name: 'worker-2', confidence: 'medium' },
  ],
  [
    'NodeFilesystemSpaceFillingUp',
    {
      instance: 'worker-2',
      job: 'node-exporter',
      device: '/dev/sda1',
      fstype: 'ext4',
      mountpoint: '/',
      namespace: 'monitoring',
      pod: 'node-exporter-x8k2p',
      service: 'node-exporter',
      container: 'kube-rbac-proxy',
    },
    { kind: 'Node', name: 'worker-2' },
  ],
  [
    'NodeFilesystemAlmostOutOfSpace',
    {
      instance: '10.0.0.12:9100',
      job: 'node-exporter',
      device: '/dev/sda1',
      mountpoint: '/',
      namespace: 'monitoring',
      pod: 'kube-prometheus-stack-prometheus-node-exporter-4w9zq',
      service: 'kube-prometheus-stack-prometheus-node-exporter',
      container: 'node-exporter',
      endpoint: 'http-metrics',
    },
    { kind: 'Node', name: '10.0.0.12', nodeIP: '10.0.0.12' },
  ],
  ['KubeCPUOvercommit', { cluster: 'prod-sh' }, undefined],
  ['KubeMemoryOvercommit', {}, undefined],
  ['KubeSchedulerDown', { job: 'kube-scheduler' }, undefined],
  ['KubeControllerManagerDown', { job: 'kube-controller-manager' }, undefined],
  ['Watchdog', {}, undefined],
  ['InfoInhibitor', { namespace: 'shop' }, undefined],
];

describe('kube-prometheus alerts → Kubernetes resource', () => {
  test.each(cases)('%s', (alertname, labels, expected) => {
    const mapping = mapAlertToResource({ alertname, severity: 'warning', ...labels });
    if (expected === undefined) {
      expect(mapping).toBeUndefined();
      return;
    }
    expect(mapping).toMatchObject(expected);
    for (const key of ['namespace', 'container', 'nodeIP'] as const) {
      if (!(key in expected)) expect([key, mapping?.[key]]).toEqual([key, undefined]);
    }
  });
});

describe('kube-prometheus-stack: exporter target labels are not the subject', () => {
  test.each([
    [
      'KubeDeploymentReplicasMismatch',
      { deployment: 'checkout', exported_namespace: 'shop' },
      { kind: 'Deployment', name: 'checkout', namespace: 'shop' },
    ],
    ['KubeNodeNotReady', { node: 'worker-3', condition: 'Ready', status: 'true' }, { kind: 'Node', name: 'worker-3' }],
    [
      'KubeJobFailed',
      { job_name: 'report-28400', exported_namespace: 'batch' },
      { kind: 'Job', name: 'report-28400', namespace: 'batch' },
    ],
    [
      'KubePersistentVolumeErrors',
      { persistentvolume: 'pvc-1', phase: 'Failed' },
      { kind: 'PersistentVolume', name: 'pvc-1' },
    ],
  ])('%s', (alertname, labels, expected) => {
    const mapping = mapAlertToResource({ alertname, ...KSM_STACK, ...labels });
    expect(mapping).toMatchObject(expected);
    expect(mapping?.container).toBeUndefined();
    expect(mapping?.related.map((r) => r.kind)).not.toContain('Pod');
    expect(mapping?.related.map((r) => r.kind)).not.toContain('Service');
  });

  test('an alert about the kube-state-metrics pod itself (per-pod series, uid label) still maps to that pod', () => {
    const mapping = mapAlertToResource({ alertname: 'KubePodCrashLooping', ...KSM_STACK, uid: 'u9' });
    expect(mapping).toMatchObject({
      kind: 'Pod',
      name: KSM_STACK.pod,
      namespace: 'monitoring',
      container: 'kube-state-metrics',
    });
  });
});

describe('label variants and precedence', () => {
  test('honor_labels off: exported_pod / exported_namespace are the object, not the scraper', () => {
    const m = mapAlertToResource({
      alertname: 'KubePodCrashLooping',
      ...KSM,
      pod: 'ksm-0',
      namespace: 'monitoring',
      exported_pod: 'api-0',
      exported_namespace: 'shop',
      exported_container: 'api',
    });
    expect(m).toMatchObject({
      kind: 'Pod',
      name: 'api-0',
      namespace: 'shop',
      container: 'api',
      via: 'label:exported_pod',
    });
  });

  test('older label names: pod_name, container_name, kubernetes_namespace, hpa', () => {
    expect(
      mapAlertToResource({ pod_name: 'api-0', container_name: 'api', kubernetes_namespace: 'shop' }),
    ).toMatchObject({ kind: 'Pod', name: 'api-0', namespace: 'shop', container: 'api' });
    expect(mapAlertToResource({ hpa: 'web', namespace: 'web' })).toMatchObject({
      kind: 'HorizontalPodAutoscaler',
      name: 'web',
    });
  });

  test('pause container and empty container are not containers', () => {
    expect(mapAlertToResource({ pod: 'api-0', namespace: 'shop', container: 'POD' })?.container).toBeUndefined();
    expect(mapAlertToResource({ pod: 'api-0', namespace: 'shop', container: '' })?.container).toBeUndefined();
  });

  test('replicaset → owner Deployment as a medium-confidence hint, the ReplicaSet related', () => {
    const m = mapAlertToResource({ replicaset: 'checkout-7d9f8b6c5', namespace: 'shop' });
    expect(m).toMatchObject({
      kind: 'Deployment',
      name: 'checkout',
      namespace: 'shop',
      confidence: 'medium',
      via: 'label:replicaset→Deployment',
    });
    expect(m?.related).toEqual([
      {
        kind: 'ReplicaSet',
        name: 'checkout-7d9f8b6c5',
        namespace: 'shop',
        confidence: 'high',
        via: 'label:replicaset',
      },
    ]);
    // a name without a hash suffix is a bare ReplicaSet
    expect(mapAlertToResource({ replicaset: 'standalone', namespace: 'shop' })).toMatchObject({
      kind: 'ReplicaSet',
      name: 'standalone',
    });
  });

  test('cronjob, and pod beats workload labels (the workload becomes related)', () => {
    expect(mapAlertToResource({ cronjob: 'nightly', namespace: 'batch' })).toMatchObject({
      kind: 'CronJob',
      name: 'nightly',
    });
    const m = mapAlertToResource({ pod: 'web-0', statefulset: 'web', namespace: 'shop', node: 'worker-1' });
    expect(m?.kind).toBe('Pod');
    expect(m?.related.map((r) => `${r.kind}/${r.name}`)).toEqual(['StatefulSet/web', 'Node/worker-1']);
  });

  test('service maps only when it is not a scrape-target label', () => {
    expect(mapAlertToResource({ service: 'payment-api', namespace: 'shop' })).toMatchObject({
      kind: 'Service',
      name: 'payment-api',
      confidence: 'low',
    });
    expect(mapAlertToResource({ service: 'payment-api', namespace: 'shop', job: 'payment-api' })).toBeUndefined();
    expect(mapAlertToResource({ service: 'kubelet', namespace: 'kube-system' })).toBeUndefined();
  });

  test('instance: ports, IPv6, URLs, loopback and kube-state-metrics', () => {
    expect(mapAlertToResource({ instance: '[fd00::12]:9100', job: 'node-exporter' })).toMatchObject({
      kind: 'Node',
      nodeIP: 'fd00::12',
    });
    expect(mapAlertToResource({ instance: 'worker-1:9100', job: 'node' })).toMatchObject({
      kind: 'Node',
      name: 'worker-1',
    });
    expect(mapAlertToResource({ instance: 'https://shop.example.cn/health', job: 'blackbox' })).toBeUndefined();
    expect(mapAlertToResource({ instance: 'localhost:9090', job: 'prometheus' })).toBeUndefined();
    expect(mapAlertToResource({ instance: '10.244.1.7:8080', job: 'kube-state-metrics' })).toBeUndefined();
    // a node label makes the instance guess redundant
    expect(mapAlertToResource({ node: 'worker-1', instance: '10.0.0.11:10250', job: 'kubelet' })?.related).toEqual([]);
  });

  test('label values are only data: a value that is no Kubernetes name maps to nothing, with a warning', () => {
    const warnings: string[] = [];
    const m = mapAlertToResource({ pod: '../../etc/passwd', namespace: '$(rm -rf /)' }, (w) => warnings.push(w));
    expect(m).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(/^label namespace ignored: namespace "\$\(rm -rf \/\)" is not a valid/),
    ]);
    expect(mapAlertToResource({ constructor: 'x', toString: 'y', __proto__x: 'z' })).toBeUndefined();
  });

  test('name-hash helpers', () => {
    expect(deploymentFromReplicaSet('api-7d9f8b6c5')).toBe('api');
    expect(deploymentFromReplicaSet('my-app-v2-5f4d8c79b6')).toBe('my-app-v2');
    expect(deploymentFromReplicaSet('api')).toBeUndefined();
    expect(deploymentFromPodName('api-7d9f8b6c5-x2k4q')).toBe('api');
    expect(deploymentFromPodName('mysql-0')).toBeUndefined();
  });
});
