/**
 * Failure kinds ops teams meet every week, beyond the first family set: image pulls refused for TLS, name, rate
 * limit and tag; pods the kubelet rejects at admission; containers killed by their postStart hook, an entrypoint
 * without the execute bit, a container lost with its node. Each broken fixture against its healthy twin, collected
 * through the real client from the simulator; each asserts the root cause's code and the values it quotes.
 */
import { collectSnapshot } from '../../lib/diagnose/collect';
import type { V1Pod } from '@kubernetes/client-node';
import { emptySnapshot } from '../../lib/diagnose/context';
import { runDiagnosis } from '../../lib/diagnose/engine';
import { renderCause } from '../../lib/diagnose/render/cause-text';
import type { DiagnosisResult, Finding } from '../../lib/diagnose/types';
import { startScenarioSim } from '../helpers/sim';

const CASES = [
  'image-pull-kinds',
  'kubelet-admission',
  'container-exit-kinds',
  'namespace-terminating',
  'pod-terminating',
  'service-loadbalancer',
  'sched-mixed-reasons',
  'pvc-released',
  'pvc-wait-first-consumer',
  'deploy-rollout-kinds',
  'pod-setup-kinds',
  'hpa-metrics-server',
  'prestop-hook',
  'apiservice-unavailable',
];

let sim: Awaited<ReturnType<typeof startScenarioSim>>;
let r: DiagnosisResult;

beforeAll(async () => {
  sim = await startScenarioSim(CASES);
  r = runDiagnosis(await collectSnapshot(sim.kc, {}, {}), {});
}, 120_000);
afterAll(() => sim?.close());

const serious = (f: Finding) => f.severity !== 'info';
function forPod(ns: string, pod: string): Finding {
  const hits = r.findings.filter((f) => f.namespace === ns && f.kind === 'Pod' && f.name === pod);
  if (hits.length !== 1) throw new Error(`expected one finding for ${ns}/${pod}, got ${hits.length}`);
  return hits[0];
}

test.each(CASES)('%s-ok: the healthy twin has nothing at warning or above', (c) => {
  expect(r.findings.filter((f) => f.namespace === `${c}-ok` && serious(f))).toEqual([]);
});

describe('image pulls', () => {
  const ns = 'image-pull-kinds';
  test('an x509 error from a private registry is a certificate problem, not an unreachable registry', () => {
    const f = forPod(ns, 'tls');
    expect(f.rootCause).toMatchObject({
      code: 'RegistryCertificateUntrusted',
      facts: { registry: 'harbor.corp.local:8443', tag: '4.2', image: 'harbor.corp.local:8443/team/app:4.2' },
    });
    expect(f.rootCause?.facts.detail).toContain('x509: certificate signed by unknown authority');
  });
  test('an upper-case repository quotes the parser: repository name must be lowercase', () => {
    const f = forPod(ns, 'upper');
    expect(f.rootCause).toMatchObject({
      code: 'InvalidImageName',
      facts: { image: 'registry.example.com/Shop/API:1.0' },
    });
    expect(f.rootCause?.facts.detail).toContain('repository name must be lowercase');
  });
  test("Docker Hub's 429 names docker.io and the toomanyrequests answer", () => {
    const f = forPod(ns, 'ratelimit');
    expect(f.rootCause).toMatchObject({ code: 'PullRateLimited', facts: { registry: 'docker.io', tag: '7.2' } });
    expect(f.rootCause?.facts.detail).toMatch(/429 Too Many Requests.*toomanyrequests/);
  });
  test('a missing tag names the registry and the tag', () => {
    const f = forPod(ns, 'notag');
    expect(f.rootCause).toMatchObject({ code: 'ImageNotFound', facts: { registry: 'ghcr.io', tag: 'v9.9.9' } });
    expect(f.rootCause?.facts.detail).toBe('ghcr.io/acme/web:v9.9.9: not found');
  });
});

describe('kubelet admission', () => {
  const ns = 'kubelet-admission';
  test('OutOfcpu quotes the node and the amounts the kubelet counted, in millicores', () => {
    const f = forPod(ns, 'batch-7x2kq');
    expect(f.severity).toBe('warning');
    expect(f.rootCause).toMatchObject({
      object: { kind: 'Node', name: 'wl-node-2' },
      code: 'NodeOutOfResource',
      facts: { node: 'wl-node-2', resource: 'cpu', requested: '2000m', used: '3100m', capacity: '3920m' },
    });
  });
  test('UnexpectedAdmissionError from the device manager names the device resource and what was free', () => {
    expect(forPod(ns, 'train-0').rootCause).toMatchObject({
      object: { kind: 'Node', name: 'wl-node-1' },
      code: 'DeviceAllocationFailed',
      facts: { resource: 'nvidia.com/gpu', requested: 1, available: 0 },
    });
  });
  test('NodeAffinity names the nodeSelector label the node does not carry', () => {
    expect(forPod(ns, 'pinned-1').rootCause).toMatchObject({
      object: { kind: 'Pod', name: 'pinned-1' },
      code: 'NodePredicateRejected',
      facts: { node: 'wl-node-3', predicate: 'NodeAffinity', unmatched: ['disktype=nvme'] },
    });
  });
  test('a graceful node shutdown is named, and only informational', () => {
    const f = forPod(ns, 'api-shut');
    expect(f.severity).toBe('info');
    expect(f.rootCause).toMatchObject({ code: 'NodeShutdownTerminated', facts: { node: 'wl-node-1' } });
  });
});

describe('container exits without OOM', () => {
  const ns = 'container-exit-kinds';
  test('a failing postStart hook is the cause: its command, exit code and output', () => {
    const f = forPod(ns, 'hook');
    expect(f.rootCause).toMatchObject({
      code: 'PostStartHookFailed',
      facts: {
        container: 'app',
        hook: '/bin/sh -c /opt/register.sh',
        exitCode: 127,
        output: '/bin/sh: /opt/register.sh: not found',
      },
    });
    expect(renderCause(f.rootCause!, 'zh')).toContain('postStart');
  });
  test('exit 126 with the shell saying Permission denied names the script', () => {
    expect(forPod(ns, 'perm').rootCause).toMatchObject({
      code: 'ExecPermissionDenied',
      facts: { container: 'app', executable: '/app/start.sh', exitCode: 126 },
    });
  });
  test('ContainerStatusUnknown blames the node that is gone, not exit code 137', () => {
    const f = forPod(ns, 'gone');
    expect(f.rootCause).toMatchObject({
      object: { kind: 'Node', name: 'wl-node-9' },
      code: 'ContainerStatusUnknown',
      facts: { container: 'app', node: 'wl-node-9', nodeState: 'gone' },
    });
  });
});

describe('deletions that do not finish', () => {
  function forNamespace(ns: string): Finding {
    const hits = r.findings.filter((f) => f.kind === 'Namespace' && f.name === ns);
    if (hits.length !== 1) throw new Error(`expected one finding for namespace ${ns}, got ${hits.length}`);
    return hits[0];
  }
  test('a namespace held by a third-party finalizer names it and the resource that carries it', () => {
    const f = forNamespace('namespace-terminating');
    expect(f).toMatchObject({ severity: 'warning', namespace: 'namespace-terminating' });
    expect(f.rootCause).toMatchObject({
      code: 'NamespaceFinalizersRemaining',
      facts: {
        finalizers: ['kafka.strimzi.io/topic-operator'],
        resources: ['kafkatopics.kafka.strimzi.io (2)'],
      },
    });
  });
  test('a namespace whose discovery fails blames the APIService that serves the failing group version', () => {
    expect(forNamespace('namespace-terminating-apis').rootCause).toMatchObject({
      object: { kind: 'APIService', name: 'v1beta1.metrics.k8s.io' },
      code: 'NamespaceDiscoveryFailure',
      facts: { groupVersion: ['metrics.k8s.io/v1beta1'], apiService: ['v1beta1.metrics.k8s.io'] },
    });
  });
  test('the healthy twin namespace (Active) has no finding', () => {
    expect(r.findings.filter((f) => f.kind === 'Namespace' && f.name === 'namespace-terminating-ok')).toEqual([]);
  });
  test('a pod past its grace period names the finalizer that keeps it', () => {
    expect(forPod('pod-terminating', 'ledger-0').rootCause).toMatchObject({
      code: 'PodStuckOnFinalizer',
      facts: { finalizers: ['example.com/drain-protection'], deletionTimestamp: '2026-11-24T03:00:00.000Z' },
    });
  });
  test('a pod deleted on a node that is gone blames the node', () => {
    expect(forPod('pod-terminating', 'cache-2').rootCause).toMatchObject({
      object: { kind: 'Node', name: 'wl-node-7' },
      code: 'PodStuckTerminatingOnNode',
      facts: { node: 'wl-node-7', nodeState: 'gone' },
    });
  });
});

describe('Service of type LoadBalancer stuck at <pending>', () => {
  const ns = 'service-loadbalancer';
  const lb = (name: string) => {
    const hits = r.findings.filter((f) => f.namespace === ns && f.kind === 'Service' && f.name === name);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ severity: 'warning', reason: 'LoadBalancerPending' });
    return hits[0].rootCause;
  };
  test("the cloud's own words: subnets for the ELB", () => {
    expect(lb('edge')).toMatchObject({
      object: { kind: 'Service', name: 'edge' },
      code: 'LoadBalancerSyncFailed',
      facts: { reason: 'SyncLoadBalancerFailed', detail: 'could not find any suitable subnets for creating the ELB' },
    });
  });
  test('a GCE quota names the quota, its limit and the region', () => {
    expect(lb('public')).toMatchObject({
      code: 'LoadBalancerSyncFailed',
      facts: { quota: 'IN_USE_ADDRESSES', limit: '8', region: 'us-central1' },
    });
  });
  test("MetalLB's empty pool", () => {
    expect(lb('internal')?.facts).toMatchObject({ reason: 'AllocationFailed' });
    expect(lb('internal')?.facts.detail).toContain('no available IPs');
  });
});

describe('scheduler messages that mix reasons', () => {
  const ns = 'sched-mixed-reasons';
  test('memory on three nodes, and the disk-pressure taint of the fourth quoted as the other reason', () => {
    const f = forPod(ns, 'report-0');
    expect(f.rootCause).toMatchObject({
      code: 'InsufficientResources',
      facts: {
        resource: 'memory',
        request: '6Gi',
        otherReasons: ['1 node(s) had untolerated taint {node.kubernetes.io/disk-pressure: }'],
      },
    });
    expect(f.rootCause?.fact).toContain('node.kubernetes.io/disk-pressure');
  });
  test('an extended resource asked for as a limit only is requested, and no node offers it', () => {
    expect(forPod(ns, 'train-0').rootCause).toMatchObject({
      code: 'NoNodeOffersResource',
      facts: { resource: 'nvidia.com/gpu', request: '2' },
    });
  });
});

describe('claims that cannot bind to the retained volume of their earlier incarnation', () => {
  const claim = (name: string) => {
    const hits = r.findings.filter(
      (f) => f.namespace === 'pvc-released' && f.kind === 'PersistentVolumeClaim' && f.name === name,
    );
    expect(hits).toHaveLength(1);
    return hits[0].rootCause;
  };
  test('spec.volumeName names a Released volume still reserved for the old uid', () => {
    expect(claim('reports')).toMatchObject({
      object: { kind: 'PersistentVolume', name: 'pv-reports' },
      code: 'VolumeReleased',
      facts: {
        phase: 'Released',
        reclaimPolicy: 'Retain',
        claimRefUid: '3f1e0c52-1111-4000-8000-00000000a0a0',
      },
    });
  });
  test('a static claim recreated under the same name is blamed on the Released volume, not "no volume"', () => {
    expect(claim('archive')).toMatchObject({
      object: { kind: 'PersistentVolume', name: 'pv-archive' },
      code: 'VolumeReleased',
      facts: { claim: 'pvc-released/archive' },
    });
  });
});

describe('WaitForFirstConsumer claims the scheduler cannot place', () => {
  const ns = 'pvc-wait-first-consumer';
  test("the class's allowedTopologies exclude every node: the zone it allows and the nodes' zones", () => {
    expect(forPod(ns, 'pg-0').rootCause).toMatchObject({
      object: { kind: 'StorageClass', name: 'ebs-zone-z' },
      code: 'StorageClassTopologyMismatch',
      facts: {
        claim: 'data-pg-0',
        allowedTopologies: 'topology.kubernetes.io/zone in (zone-z)',
        nodeZones: ['zone-a', 'zone-b', 'zone-c'],
      },
    });
  });
  test('a local-volume class whose only volume is taken', () => {
    expect(forPod(ns, 'kafka-0').rootCause).toMatchObject({
      object: { kind: 'PersistentVolumeClaim', name: 'data-kafka-0' },
      code: 'NoStaticVolume',
      facts: { storageClass: 'local-nvme', request: '100Gi', volumesOfClass: 1, freeVolumes: 0 },
    });
  });
});

describe('rollouts that do not finish', () => {
  const ns = 'deploy-rollout-kinds';
  const deployment = (name: string) => {
    const hits = r.findings.filter((f) => f.namespace === ns && f.kind === 'Deployment' && f.name === name);
    expect(hits).toHaveLength(1);
    return hits[0];
  };
  test("ProgressDeadlineExceeded is followed to the new pods' failing readiness probe and its status code", () => {
    const f = deployment('web');
    expect(f.reason).toBe('ProgressDeadlineExceeded');
    expect(f.rootCause).toMatchObject({
      code: 'ProbeFailed',
      facts: { probe: 'readiness', container: 'web', message: 'HTTP probe failed with statuscode: 503' },
    });
  });
  test('a paused Deployment whose template no ReplicaSet runs names both images', () => {
    const f = deployment('api');
    expect(f).toMatchObject({ severity: 'warning', reason: 'DeploymentPaused' });
    expect(f.rootCause).toMatchObject({
      code: 'DeploymentPaused',
      facts: {
        templateImages: ['api=registry.example.com/shop/api:1.9.0'],
        runningImages: ['api=registry.example.com/shop/api:1.8.2'],
        runningReplicaSet: 'api-6c8d9f7b5a',
      },
    });
  });
});

describe('pods stuck in ContainerCreating', () => {
  const ns = 'pod-setup-kinds';
  test('an NFS export that does not answer: server, export and the mount error, not the generic timeout', () => {
    expect(forPod(ns, 'files-0').rootCause).toMatchObject({
      code: 'VolumeMountFailed',
      facts: {
        volume: 'nfs-data',
        fsType: 'nfs',
        source: '10.0.0.50:/exports/data',
        server: '10.0.0.50',
        error: 'mount.nfs: Connection timed out',
      },
    });
  });
  test('the CNI plugin and its own error', () => {
    expect(forPod(ns, 'api-0').rootCause).toMatchObject({
      object: { kind: 'Node', name: 'wl-node-3' },
      code: 'SandboxCreateFailed',
      facts: { plugin: 'calico', error: 'error getting ClusterInformation: connection is unauthorized: Unauthorized' },
    });
  });
  test('a node whose pod CIDR is used up says so, with the range', () => {
    const rc = forPod(ns, 'worker-0').rootCause;
    expect(rc).toMatchObject({ code: 'SandboxCreateFailed', facts: { plugin: 'flannel', ipExhausted: true } });
    expect(rc?.facts.error).toContain('10.245.0.1-10.245.0.254');
  });
  test("an attach limit names the volume and the provider's error once", () => {
    const rc = forPod(ns, 'db-0').rootCause;
    expect(rc).toMatchObject({ code: 'VolumeAttachFailed', facts: { volume: 'pvc-7c2e91aa' } });
    expect(rc?.facts.error).toBe(
      'could not attach volume "vol-0f3a9b7c" to node "i-0a1b2c3d4e": AttachmentLimitExceeded: You have reached the maximum number of attached volumes',
    );
  });
});

describe('an HPA without metrics follows the APIService to the metrics-server pods', () => {
  test('the HPA stands as its own finding, not merged into the metrics-server pod, with the chain as evidence', () => {
    const hpa = r.findings.filter((x) => x.kind === 'HorizontalPodAutoscaler' && x.namespace === 'hpa-metrics-server');
    expect(hpa).toHaveLength(1);
    expect(hpa[0]).toMatchObject({ name: 'api', reason: 'FailedGetResourceMetric', severity: 'warning' });
    expect(hpa[0].rootCause).toMatchObject({
      object: { kind: 'Deployment', namespace: 'kube-system', name: 'metrics-server' },
      code: 'ProbeFailed',
    });
    const chain = hpa[0].evidence.find((e) => e.object?.kind === 'APIService');
    expect(chain?.object?.name).toBe('v1beta1.metrics.k8s.io');
    expect(chain?.text).toContain('Deployment kube-system/metrics-server');
    expect(hpa[0].message).toContain('APIService v1beta1.metrics.k8s.io');
    // the kube-system finding for the same cause no longer swallows it
    const ms = r.findings.filter(
      (x) => x.rootCause?.object.namespace === 'kube-system' && x.rootCause.object.name === 'metrics-server',
    );
    expect(ms.length).toBe(2);
    for (const f of ms)
      expect(f.related ?? []).not.toContainEqual(expect.objectContaining({ kind: 'HorizontalPodAutoscaler' }));
    // the APIService's own finding quotes the aggregator's reason and the pods' cause behind it, whole
    const api = r.findings.find((x) => x.kind === 'APIService' && x.name === 'v1beta1.metrics.k8s.io');
    expect(api?.rootCause).toMatchObject({ code: 'APIServiceUnavailable', facts: { reason: 'MissingEndpoints' } });
    expect(api?.rootCause?.facts.backend).toContain('Deployment kube-system/metrics-server');
    expect(api?.rootCause?.facts.backend).toContain("because it doesn't contain any IP SANs");
    // and the HPA's namespace is scored for it
    expect(r.namespaces['hpa-metrics-server']?.warning).toBeGreaterThanOrEqual(1);
  });

  test("metrics-server's readiness failure and the scrape error it logs are the HPA's root cause", () => {
    const f = r.findings.find(
      (x) =>
        (x.kind === 'HorizontalPodAutoscaler' && x.namespace === 'hpa-metrics-server') ||
        (x.related ?? []).some((o) => o.kind === 'HorizontalPodAutoscaler' && o.namespace === 'hpa-metrics-server'),
    );
    expect(f?.rootCause).toMatchObject({
      object: { kind: 'Deployment', namespace: 'kube-system', name: 'metrics-server' },
      code: 'ProbeFailed',
      facts: { probe: 'readiness', message: 'HTTP probe failed with statuscode: 500' },
    });
    expect(f?.rootCause?.facts.logLine).toContain(
      "x509: cannot validate certificate for 10.1.0.12 because it doesn't contain any IP SANs",
    );
  });
  test('scoped to the HPA namespace, the metrics-server pod is still named as the cause of the HPA', async () => {
    const scoped = runDiagnosis(await collectSnapshot(sim.kc, {}, {}), { namespace: 'hpa-metrics-server' });
    const f = scoped.findings.find((x) =>
      [{ kind: x.kind, namespace: x.namespace }, ...(x.related ?? [])].some(
        (o) => o.kind === 'HorizontalPodAutoscaler' && o.namespace === 'hpa-metrics-server',
      ),
    );
    expect(f?.rootCause).toMatchObject({
      object: { kind: 'Deployment', namespace: 'kube-system', name: 'metrics-server' },
      code: 'ProbeFailed',
    });
  });
});

describe('Too many pods', () => {
  test('names the nodes at their maxPods with their pod counts', () => {
    const s = emptySnapshot();
    s.nodes = ['n1', 'n2'].map((n) => ({
      metadata: { name: n, labels: { 'kubernetes.io/hostname': n } },
      status: {
        allocatable: { cpu: '4', memory: '16Gi', pods: '2' },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    }));
    const running = (name: string, node: string): V1Pod => ({
      metadata: { name, namespace: 'a', uid: name },
      spec: { nodeName: node, containers: [{ name: 'c', image: 'x:1' }] },
      status: { phase: 'Running' },
    });
    s.pods = [
      running('p1', 'n1'),
      running('p2', 'n1'),
      running('p3', 'n2'),
      running('p4', 'n2'),
      {
        metadata: { name: 'extra', namespace: 'a', uid: 'extra' },
        spec: { containers: [{ name: 'c', image: 'x:1' }] },
        status: {
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message:
                '0/2 nodes are available: 2 Too many pods. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
            },
          ],
        },
      },
    ];
    const f = runDiagnosis(s, {}).findings.find((x) => x.name === 'extra');
    expect(f?.rootCause).toMatchObject({
      code: 'NodesAtMaxPods',
      facts: { nodeCount: 2, maxPods: '2', nodes: ['n1 (2/2)', 'n2 (2/2)'] },
    });
  });
});

describe('preStop hooks', () => {
  const ns = 'prestop-hook';
  test('an exec hook that fails quotes the command, its exit code and what it printed', () => {
    const f = forPod(ns, 'web-7c9d5f6b8-k2m4n');
    expect(f.severity).toBe('warning');
    expect(f.rootCause).toMatchObject({
      code: 'PreStopHookFailed',
      facts: { container: 'web', hook: '/bin/sh -c /opt/drain.sh --timeout=20', exitCode: 126, handler: 'exec' },
    });
    expect(f.rootCause?.facts.output).toContain('/opt/drain.sh: Permission denied');
    expect(f.rootCause?.evidence?.text).toMatch(/^FailedPreStopHook: Exec lifecycle hook/);
  });

  test('a current kubelet says only "PreStopHook failed": the URL comes from the spec and the pod IP', () => {
    const f = forPod(ns, 'gateway-5b8c7d9f4-q7w2e');
    expect(f.rootCause).toMatchObject({
      code: 'PreStopHookFailed',
      facts: {
        container: 'gateway',
        hook: 'http://10.245.1.21:8081/drain',
        handler: 'httpGet',
        message: 'PreStopHook failed',
      },
    });
    expect(f.rootCause?.fact).toContain('http://10.245.1.21:8081/drain');
  });

  test('pods a rollout already removed: their events lead to the Deployment, the hook read from its template', () => {
    const hits = r.findings.filter((f) => f.namespace === ns && f.kind === 'Deployment' && f.name === 'orders');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ severity: 'warning', reason: 'PreStopHookFailed', count: 2 });
    expect(hits[0].rootCause).toMatchObject({
      object: { kind: 'Deployment', namespace: ns, name: 'orders' },
      code: 'PreStopHookFailed',
      facts: { container: 'orders', hook: 'http://<pod IP>:9090/shutdown', handler: 'httpGet' },
    });
    expect(hits[0].related?.map((o) => o.name).sort()).toEqual(['orders-5d7f8b9c6-p8r4t', 'orders-5d7f8b9c6-w2n6m']);
  });

  test('a hook sleeping past the grace period keeps the pod Terminating and ends in SIGKILL', () => {
    const f = forPod(ns, 'worker-6f7d8c9b5-z9x8c');
    expect(f.rootCause).toMatchObject({
      code: 'PreStopSleepExceedsGrace',
      facts: {
        container: 'worker',
        sleepSeconds: 3600,
        gracePeriodSeconds: 1800,
        hook: 'sh -c touch /tmp/stop && sleep 3600',
      },
    });
    expect(f.rootCause?.facts.terminatingMinutes).toBeGreaterThanOrEqual(19);
    expect(renderCause(f.rootCause!, 'zh')).toContain('SIGTERM');
  });
});

describe('aggregated APIs the aggregator cannot reach', () => {
  const api = (name: string) => {
    const hits = r.findings.filter((f) => f.kind === 'APIService' && f.name === name);
    expect(hits).toHaveLength(1);
    return hits[0];
  };
  test('Available=False quotes the reason and the discovery error, and names the Service', () => {
    const f = api('v1beta1.custom.metrics.k8s.io');
    expect(f).toMatchObject({ severity: 'warning', reason: 'FailedDiscoveryCheck' });
    expect(f.rootCause).toMatchObject({
      object: { kind: 'APIService', name: 'v1beta1.custom.metrics.k8s.io' },
      code: 'APIServiceUnavailable',
      facts: {
        reason: 'FailedDiscoveryCheck',
        service: 'monitoring/prometheus-adapter',
        group: 'custom.metrics.k8s.io/v1beta1',
      },
    });
    expect(f.rootCause?.facts.message).toContain('dial tcp 10.96.45.12:443: connect: connection refused');
    expect(f.rootCause?.evidence?.text).toMatch(/^Available=False reason=FailedDiscoveryCheck/);
  });
  test('a missing backing Service is ServiceNotFound with the Service named', () => {
    const f = api('v1beta1.external.metrics.k8s.io');
    expect(f.rootCause?.facts).toMatchObject({
      reason: 'ServiceNotFound',
      service: 'keda/keda-operator-metrics-apiserver',
      message: 'service/keda-operator-metrics-apiserver in "keda" is not present',
    });
    expect(f.suggestion).toContain('create Service keda/keda-operator-metrics-apiserver');
  });
  test('an Available aggregated API and a local one yield nothing', () => {
    expect(
      r.findings.filter((f) => f.kind === 'APIService' && /reports\.example\.com|^v1\.batch$/.test(f.name)),
    ).toEqual([]);
  });
});
