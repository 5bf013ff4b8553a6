/**
 * The failure families read from the mechanism behind a Kubernetes message: each broken fixture against its healthy
 * twin, with the default analyzers, collected through the real client from the simulator. Each asserts the root
 * cause's code and the values it quotes.
 */
import { collectSnapshot } from '../../lib/diagnose/collect';
import { runDiagnosis } from '../../lib/diagnose/engine';
import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { emptySnapshot } from '../../lib/diagnose/context';
import { volumeAttachCause } from '../../lib/diagnose/families/volume-attach';
import { explainPod } from '../../lib/diagnose/explain/pod';
import { buildContext } from '../../lib/diagnose/run-context';
import type { DiagnosisResult, Evidence, Finding } from '../../lib/diagnose/types';
import { startScenarioSim } from '../helpers/sim';

const FAMILY_CASES = [
  'sched-anti-affinity',
  'sched-volume-zone',
  'start-missing-key',
  'start-exec-not-found',
  'start-exec-format',
  'image-registry-auth',
  'admit-podsecurity',
  'admit-limitrange',
  'admit-quota-count',
  'job-deadline',
  'sts-ordered',
  'ds-no-node',
  'svc-port-name',
  'pdb-no-disruption',
  'vol-multi-attach',
];

let sim: Awaited<ReturnType<typeof startScenarioSim>>;
let r: DiagnosisResult;

beforeAll(async () => {
  sim = await startScenarioSim(FAMILY_CASES);
  const snapshot = await collectSnapshot(sim.kc, {}, {});
  r = runDiagnosis(snapshot, {});
}, 120_000);
afterAll(() => sim?.close());

const serious = (f: Finding) => f.severity !== 'info';
function one(ns: string, pred: (f: Finding) => boolean = serious): Finding {
  const hits = r.findings.filter((f) => f.namespace === ns && pred(f));
  if (hits.length !== 1)
    throw new Error(
      `expected one finding in ${ns}, got ${hits.map((h) => `${h.kind}/${h.name} ${h.reason}`).join('; ')}`,
    );
  return hits[0];
}

test.each(FAMILY_CASES)('%s-ok: the healthy twin has nothing at warning or above', (c) => {
  expect(r.findings.filter((f) => f.namespace === `${c}-ok` && serious(f))).toEqual([]);
});

describe('scheduling', () => {
  test('anti-affinity names the topology key and counts its domains and the eligible nodes', () => {
    const f = one('sched-anti-affinity');
    expect(f.rootCause).toMatchObject({
      object: { kind: 'Pod', name: 'ledger-3' },
      code: 'PodAntiAffinityUnsatisfiable',
      facts: {
        topologyKey: 'topology.kubernetes.io/zone',
        domains: 3,
        occupied: 3,
        eligibleNodes: 3,
        selector: 'app=ledger',
      },
    });
    expect(f.rootCause?.fact).toContain('topologyKey topology.kubernetes.io/zone');
  });
  test('volume node affinity conflict names the zone from the PV and the zones the nodes are in', () => {
    const f = one('sched-volume-zone');
    expect(f.rootCause).toMatchObject({
      object: { kind: 'PersistentVolume', name: 'pv-data-pg-0' },
      code: 'VolumeZoneConflict',
      facts: { zone: 'zone-d', claim: 'data-pg-0', nodeZones: ['zone-a', 'zone-b', 'zone-c'] },
    });
  });
});

describe('container start', () => {
  test("an init container run through a shell: the shell's 'not found' names the missing executable", () => {
    const s = emptySnapshot();
    s.pods = [
      {
        metadata: { name: 'web-1', namespace: 'a', uid: 'u1' },
        spec: {
          nodeName: 'n1',
          initContainers: [
            { name: 'fetch', image: 'busybox:1.36', command: ['sh', '-c', 'wge -O /data/x http://cfg/x'] },
          ],
          containers: [{ name: 'web', image: 'nginx:1.27' }],
        },
        status: {
          phase: 'Pending',
          initContainerStatuses: [
            {
              name: 'fetch',
              ready: false,
              restartCount: 4,
              image: 'busybox:1.36',
              imageID: '',
              state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container' } },
              lastState: { terminated: { reason: 'Error', exitCode: 127 } },
            },
          ],
        },
      },
    ];
    s.logs['a/web-1/fetch'] = { previous: 'sh: wge: not found\n' };
    const [f] = runDiagnosis(s, {}).findings;
    expect(f.rootCause).toMatchObject({
      code: 'ExecutableNotFound',
      facts: { container: 'fetch', executable: 'wge', image: 'busybox:1.36' },
    });
  });
  test('a key missing from an existing ConfigMap', () => {
    expect(one('start-missing-key').rootCause).toMatchObject({
      object: { kind: 'ConfigMap', name: 'app-config' },
      code: 'MissingConfigMapKey',
      facts: { key: 'DB_HOST' },
    });
  });
  test('executable not found names the executable and the command', () => {
    expect(one('start-exec-not-found').rootCause).toMatchObject({
      code: 'ExecutableNotFound',
      facts: { container: 'web', executable: 'gunicorn', command: 'gunicorn app:server -b 0.0.0.0:8000' },
    });
  });
  test("exec format error compares the image's architecture with the node's", () => {
    expect(one('start-exec-format').rootCause).toMatchObject({
      code: 'ExecFormatError',
      facts: { node: 'wl-node-3', nodeArch: 'amd64', imageArch: 'arm64', executable: '/usr/local/bin/agent' },
    });
  });
  test('registry authentication names the registry host and the pull secret', () => {
    const f = one('image-registry-auth');
    expect(f.rootCause).toMatchObject({
      code: 'RegistryAuthFailed',
      facts: { registry: 'harbor.example.com', pullSecrets: ['harbor-pull'], status: 401 },
    });
    expect(f.rootCause?.fact).toContain('harbor.example.com');
  });
});

describe('admission', () => {
  test('Pod Security level and each failed check', () => {
    expect(one('admit-podsecurity').rootCause).toMatchObject({
      object: { kind: 'Namespace', name: 'admit-podsecurity' },
      code: 'PodSecurityViolation',
      facts: {
        level: 'restricted',
        version: 'latest',
        checks: ['privileged', 'allowPrivilegeEscalation != false', 'runAsNonRoot != true'],
      },
    });
  });
  test('LimitRange maximum against the template limit', () => {
    expect(one('admit-limitrange').rootCause).toMatchObject({
      code: 'LimitRangeViolation',
      facts: { bound: 'maximum', resource: 'cpu', scope: 'Container', allowed: '500m', actual: '2' },
    });
  });
  test('quota on object counts', () => {
    expect(one('admit-quota-count').rootCause).toMatchObject({
      object: { kind: 'ResourceQuota', name: 'object-counts' },
      code: 'ObjectCountQuotaExceeded',
      facts: { resources: ['pods'], used: 'pods=10', limited: 'pods=10' },
    });
  });
});

describe('volumes that cannot attach', () => {
  test('Multi-Attach: the ReadWriteOnce claim, the pod holding it and its node', () => {
    const f = one('vol-multi-attach');
    expect(f.rootCause).toMatchObject({
      code: 'VolumeMultiAttach',
      object: { kind: 'Deployment', name: 'uploader' },
      facts: {
        claim: 'uploads',
        accessModes: ['ReadWriteOnce'],
        node: 'wl-node-2',
        usedBy: ['uploader-6d5f8c9b7-k4v8n'],
        otherNodes: ['wl-node-1'],
      },
    });
  });
  const pod = { metadata: { name: 'p', namespace: 'n' }, spec: { nodeName: 'node-7', containers: [] } } as V1Pod;
  const ev: Evidence = { source: 'event', text: 'x' };
  const spec = { kind: 'Deployment', namespace: 'n', name: 'd' };
  test.each([
    [
      'Multi-Attach error for volume "pvc-1" Volume is already exclusively attached to one node and can\'t be attached to another',
      { code: 'VolumeMultiAttach', facts: { volume: 'pvc-1', node: 'node-7' } },
    ],
    [
      'Multi-Attach error for volume "pvc-2" Volume is already used by 2 pod(s) in different namespaces',
      { code: 'VolumeMultiAttach', facts: { volume: 'pvc-2' } },
    ],
    [
      'AttachVolume.Attach failed for volume "pvc-3" : CSINode node-7 does not contain driver ebs.csi.aws.com',
      { code: 'CSIDriverNotOnNode', object: { kind: 'Node', name: 'node-7' }, facts: { driver: 'ebs.csi.aws.com' } },
    ],
    [
      'MountVolume.MountDevice failed for volume "pvc-4" : kubernetes.io/csi: attacher.MountDevice failed to create newCsiDriverClient: driver name disk.csi.azure.com not found in the list of registered CSI drivers',
      { code: 'CSIDriverNotOnNode', facts: { driver: 'disk.csi.azure.com', node: 'node-7' } },
    ],
  ])('%s', (message, expected) => {
    expect(volumeAttachCause(emptySnapshot(), pod, spec, message, ev)?.rootCause).toMatchObject(expected);
  });
  test("Multi-Attach is read past the kubelet's newer mount timeout", () => {
    const creating = {
      ...pod,
      status: {
        phase: 'Pending',
        containerStatuses: [{ name: 'c', state: { waiting: { reason: 'ContainerCreating' } } }],
      },
    } as V1Pod;
    const event = (name: string, reason: string, message: string, at: string): CoreV1Event => ({
      metadata: { name, namespace: 'n' },
      involvedObject: { kind: 'Pod', namespace: 'n', name: 'p' },
      reason,
      message,
      type: 'Warning',
      lastTimestamp: at as unknown as Date,
    });
    const snap = emptySnapshot();
    snap.pods = [creating];
    snap.events = [
      event(
        'a',
        'FailedAttachVolume',
        'Multi-Attach error for volume "pvc-9" Volume is already used by pod(s) q',
        '2026-11-24T05:59:05Z',
      ),
      event(
        'b',
        'FailedMount',
        'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data]: timed out waiting for the condition',
        '2026-11-24T05:59:40Z',
      ),
    ];
    expect(explainPod(buildContext(snap), creating)[0]?.rootCause).toMatchObject({
      code: 'VolumeMultiAttach',
      facts: { volume: 'pvc-9', usedBy: ['q'] },
    });
  });
  test('names from the message that are not Kubernetes names stay out of the kubectl commands', () => {
    const c = volumeAttachCause(
      emptySnapshot(),
      pod,
      spec,
      'Multi-Attach error for volume "pvc-1" Volume is already used by pod(s) web-1, x\'; rm -rf ~; \'',
      ev,
    );
    expect(c?.rootCause.facts).toMatchObject({ volume: 'pvc-1', usedBy: ['web-1'] });
    expect(c?.commands.join('\n')).not.toContain('rm -rf');
    expect(
      volumeAttachCause(emptySnapshot(), pod, spec, 'Multi-Attach error for volume "a; reboot"', ev),
    ).toBeUndefined();
  });
  test('other attach failures are left to the generic explanation', () => {
    expect(volumeAttachCause(emptySnapshot(), pod, spec, 'timed out waiting for the condition', ev)).toBeUndefined();
  });
});

describe('disruption budgets', () => {
  test('a PDB that allows no disruption with every pod healthy quotes its bound and the healthy count', () => {
    expect(one('pdb-no-disruption').rootCause).toMatchObject({
      code: 'PDBAllowsNoDisruption',
      object: { kind: 'PodDisruptionBudget', name: 'payments' },
      facts: { minAvailable: '3', currentHealthy: 3, expectedPods: 3 },
    });
  });
});

describe('lifecycle and networking', () => {
  test('Job activeDeadlineSeconds', () => {
    expect(one('job-deadline').rootCause).toMatchObject({
      code: 'JobDeadlineExceeded',
      facts: { activeDeadlineSeconds: 600, ranSeconds: 600, succeeded: 0 },
    });
  });
  test('StatefulSet ordered start blocked by one pod: the pod is the cause, the StatefulSet names what it blocks', () => {
    const f = one('sts-ordered');
    expect(f.rootCause).toMatchObject({ object: { kind: 'StatefulSet', name: 'zk' }, code: 'ContainerExited' });
    expect(f.rootCause?.fact).toContain('myid file is missing');
    expect(f.evidence.map((e) => e.text)).toContain(
      'podManagementPolicy OrderedReady: zk-1 is not ready, so zk-2 is not created',
    );
  });
  test('DaemonSet nodeSelector matching no node, with the values the nodes carry', () => {
    expect(one('ds-no-node').rootCause).toMatchObject({
      code: 'DaemonSetNoMatchingNode',
      facts: { nodeSelector: 'disktype=nvme', nodeValues: ['disktype=ssd'], nodes: 3 },
    });
  });
  test('Service targetPort name and Ingress service port name that do not exist', () => {
    const svc = one('svc-port-name', (f) => f.kind === 'Service');
    expect(svc.rootCause).toMatchObject({
      code: 'TargetPortNameUnknown',
      facts: { targetPort: 'http-web', declared: 'web:8080' },
    });
    const ing = one('svc-port-name', (f) => f.kind === 'Ingress');
    expect(ing.rootCause).toMatchObject({
      code: 'MissingPort',
      facts: { kind: 'Service', name: 'storefront', port: 'https' },
    });
  });
});
