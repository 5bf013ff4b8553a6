import fc from 'fast-check';
import {
  kubeletAmount,
  parseAdmissionReject,
  parseDiscoveryFailure,
  parseHookFailure,
  parseLoadBalancerFailure,
  parseMountFailure,
  parseRemainingFinalizers,
  parseRemainingResources,
  parseSandboxFailure,
  parseStartFailure,
} from '../../../lib/diagnose/messages';
import { classifyPullError, pullDetail, tagOf } from '../../../lib/diagnose/explain/image';

describe('kubelet admission rejections', () => {
  test.each([
    [
      'OutOfmemory',
      "Pod was rejected: Node didn't have enough resource: memory, requested: 6442450944, used: 12884901888, capacity: 15609819136",
      { code: 'NodeOutOfResource', resource: 'memory', requested: 6442450944, used: 12884901888 },
    ],
    [
      'OutOfpods',
      "Node didn't have enough resource: pods, requested: 1, used: 110, capacity: 110",
      { code: 'NodeOutOfResource', resource: 'pods', capacity: 110 },
    ],
    [
      'OutOfnvidia.com/gpu',
      'Pod was rejected: something the kubelet words differently',
      { code: 'NodeOutOfResource', resource: 'nvidia.com/gpu' },
    ],
    [
      'UnexpectedAdmissionError',
      'Pod was rejected: Allocate failed due to requested number of devices unavailable for amd.com/gpu. Requested: 2, Available: 1, which is unexpected',
      { code: 'DeviceAllocationFailed', resource: 'amd.com/gpu', requested: 2, available: 1 },
    ],
    [
      'TaintToleration',
      'Pod was rejected: Predicate TaintToleration failed: node(s) had untolerated taint {dedicated: infra}',
      { code: 'NodePredicateFailed', predicate: 'TaintToleration' },
    ],
    [
      'Terminated',
      'Pod was terminated in response to imminent node shutdown.',
      { code: 'NodeShutdown', detail: 'Pod was terminated in response to imminent node shutdown.' },
    ],
    ['InvalidNodeInfo', 'Pod was rejected: Kubelet cannot get node info.', { code: 'KubeletRejected' }],
  ])('%s: %s', (reason, message, want) => {
    expect(parseAdmissionReject(reason, message)).toMatchObject(want);
  });
  test('amounts in the units people write', () => {
    expect(kubeletAmount('cpu', 2000)).toBe('2000m');
    expect(kubeletAmount('memory', 6442450944)).toBe('6Gi');
    expect(kubeletAmount('pods', 110)).toBe('110');
    expect(kubeletAmount('cpu', undefined)).toBeUndefined();
  });
  test('never throws on any text', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => typeof parseAdmissionReject(a, b).code === 'string'));
  });
});

describe('lifecycle hook failures', () => {
  test('an exec hook: command, container, exit code and what it printed', () => {
    expect(
      parseHookFailure(
        'Exec lifecycle hook ([/bin/sh -c /opt/register.sh]) for Container "app" in Pod "web_shop(0f3c)" failed - error: command \'/bin/sh -c /opt/register.sh\' exited with 127: , message: "/bin/sh: /opt/register.sh: not found\\n"',
      ),
    ).toEqual({
      handler: 'Exec',
      hook: '/bin/sh -c /opt/register.sh',
      container: 'app',
      exitCode: 127,
      output: '/bin/sh: /opt/register.sh: not found',
    });
  });
  test('an HTTP hook: the path and the dial error', () => {
    expect(
      parseHookFailure(
        'HTTP lifecycle hook (/register) for Container "api" in Pod "api-0_shop(1a2b)" failed - error: Get "http://10.1.2.3:8080/register": dial tcp 10.1.2.3:8080: connect: connection refused',
      ),
    ).toMatchObject({
      handler: 'HTTP',
      hook: '/register',
      container: 'api',
      output: expect.stringContaining('connection refused'),
    });
  });
  test('other text is not a hook failure', () => {
    expect(parseHookFailure('PostStartHook failed')).toBeUndefined();
  });
});

describe('exec permission denied', () => {
  test.each([
    ['/bin/sh: /app/start.sh: Permission denied', '/app/start.sh'],
    ['sh: 1: /entrypoint.sh: Permission denied', '/entrypoint.sh'],
    ['bash: line 1: ./run: Permission denied', './run'],
  ])('%s', (line, exe) => {
    expect(parseStartFailure(line)).toMatchObject({ code: 'PermissionDenied', executable: exe });
  });
});

describe('image pull wording', () => {
  test('x509 is a certificate problem even inside a "failed to do request: Head" message', () => {
    expect(
      classifyPullError(
        'failed to do request: Head "https://r.local/v2/a/manifests/1": tls: failed to verify certificate: x509: certificate signed by unknown authority',
      ),
    ).toBe('untrusted-cert');
    expect(classifyPullError('dial tcp 10.0.0.1:443: i/o timeout')).toBe('unreachable');
  });
  test('the decisive clause of a runtime message', () => {
    expect(pullDetail('rpc error: code = NotFound desc = failed to resolve reference "x/y:1": x/y:1: not found')).toBe(
      'x/y:1: not found',
    );
    expect(pullDetail('')).toBeUndefined();
  });
  test('tags', () => {
    expect(tagOf('nginx')).toBe('latest');
    expect(tagOf('localhost:5000/app:2')).toBe('2');
    expect(tagOf('localhost:5000/app')).toBe('latest');
    expect(tagOf('a/b@sha256:00')).toBeUndefined();
  });
});

describe('namespace controller conditions', () => {
  test('remaining resources, the core group without its trailing dot', () => {
    expect(
      parseRemainingResources(
        'Some resources are remaining: kafkatopics.kafka.strimzi.io has 1 resource instances, pods. has 12 resource instances',
      ),
    ).toEqual([
      { name: 'kafkatopics.kafka.strimzi.io', count: 1 },
      { name: 'pods', count: 12 },
    ]);
  });
  test('remaining finalizers', () => {
    expect(
      parseRemainingFinalizers(
        'Some content in the namespace has finalizers remaining: foo.io/bar in 1 resource instances, kubernetes.io/pvc-protection in 3 resource instances',
      ),
    ).toEqual([
      { name: 'foo.io/bar', count: 1 },
      { name: 'kubernetes.io/pvc-protection', count: 3 },
    ]);
  });
  test('discovery failures name the APIService of each group version', () => {
    expect(
      parseDiscoveryFailure(
        'Discovery failed for some groups, 2 failing: unable to retrieve the complete list of server APIs: custom.metrics.k8s.io/v1beta2: stale GroupVersion discovery: custom.metrics.k8s.io/v1beta2, metrics.k8s.io/v1beta1: the server is currently unable to handle the request',
      ),
    ).toEqual([
      { groupVersion: 'custom.metrics.k8s.io/v1beta2', apiService: 'v1beta2.custom.metrics.k8s.io' },
      { groupVersion: 'metrics.k8s.io/v1beta1', apiService: 'v1beta1.metrics.k8s.io' },
    ]);
    expect(parseDiscoveryFailure('All resources successfully discovered')).toEqual([]);
  });
});

describe('load balancer failures', () => {
  test.each([
    [
      "Error syncing load balancer: failed to ensure load balancer: googleapi: Error 403: Quota 'FORWARDING_RULES' exceeded.  Limit: 15.0 globally.",
      { quota: 'FORWARDING_RULES', limit: '15' },
    ],
    [
      'Error syncing load balancer: failed to ensure load balancer: network.PublicIPAddressesClient#CreateOrUpdate: Failure sending request: StatusCode=400 -- Original Error: Code="PublicIPCountLimitReached" Message="Cannot create more than 10 public IP addresses for this subscription in this region."',
      { quota: 'PublicIPCountLimitReached' },
    ],
    [
      'Error syncing load balancer: failed to ensure load balancer: requested ip "10.0.0.50" is neither static nor assigned to the LB',
      { address: '10.0.0.50' },
    ],
    ['Failed to allocate IP for "a/b": no available IPs', { poolExhausted: true }],
  ])('%s', (message, want) => {
    expect(parseLoadBalancerFailure(message)).toMatchObject(want);
  });
  test('the controller prefixes are dropped from the detail', () => {
    expect(
      parseLoadBalancerFailure('Error syncing load balancer: failed to ensure load balancer: subnet not found').detail,
    ).toBe('subnet not found');
  });
});

describe('volume and sandbox failures', () => {
  test('a CIFS mount: source server and output', () => {
    expect(
      parseMountFailure(
        'MountVolume.SetUp failed for volume "share" : mount failed: exit status 32\nMounting command: mount\nMounting arguments: -t cifs -o rw //files.corp.local/share /var/lib/kubelet/pods/x/volumes/kubernetes.io~csi/share/mount\nOutput: mount error(13): Permission denied',
      ),
    ).toMatchObject({
      stage: 'mount',
      volume: 'share',
      fsType: 'cifs',
      source: '//files.corp.local/share',
      server: 'files.corp.local',
      error: 'mount error(13): Permission denied',
    });
  });
  test("a CSI MountDevice error keeps the driver's words", () => {
    expect(
      parseMountFailure(
        'MountVolume.MountDevice failed for volume "pvc-1" : rpc error: code = Internal desc = format of disk "/dev/xvdba" failed: type:("ext4") target:("/var/lib/kubelet/plugins/x") options:("defaults") errcode:(exit status 1)',
      ),
    ).toMatchObject({ stage: 'mount', volume: 'pvc-1', error: expect.stringContaining('format of disk') });
  });
  test('the generic timeout only lists the volumes', () => {
    expect(
      parseMountFailure(
        'Unable to attach or mount volumes: unmounted volumes=[data config], unattached volumes=[data config kube-api-access-1]: timed out waiting for the condition',
      ),
    ).toEqual({ stage: 'timeout', waiting: ['data', 'config'] });
  });
  test('a missing CNI binary', () => {
    expect(
      parseSandboxFailure(
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "ab": failed to find plugin "flannel" in path [/opt/cni/bin]',
      ),
    ).toMatchObject({ plugin: 'flannel', missingPlugin: true });
  });
  test('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (t) => {
        parseMountFailure(t);
        parseSandboxFailure(t);
        return true;
      }),
    );
  });
});

describe('hostile input', () => {
  const long = [
    'a'.repeat(200_000),
    `${'pods.'.repeat(40_000)}x`,
    `${'a.b'.repeat(60_000)}/`,
    `Mounting arguments: ${'a:'.repeat(80_000)}`,
    `requested ip ${'0:'.repeat(80_000)}`,
    `Exec lifecycle hook (${'['.repeat(50_000)}) for Container "x" failed - error: ${'x'.repeat(50_000)}`,
  ];
  test.each(long.map((t, i) => [i, t]))('input %d: every parser answers quickly', (_i, text) => {
    const started = Date.now();
    parseRemainingResources(text);
    parseRemainingFinalizers(text);
    parseDiscoveryFailure(text);
    parseLoadBalancerFailure(text);
    parseMountFailure(text);
    parseSandboxFailure(text);
    parseAdmissionReject('OutOfcpu', text);
    parseHookFailure(text);
    pullDetail(text);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
