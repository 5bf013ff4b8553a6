/**
 * Failure kinds a benchmark author would pick that the first families missed: a container the kubelet cannot set
 * up (runAsNonRoot against a root image, a subPath naming a ConfigMap key that is not there, a subPath the kubelet
 * cannot prepare), a pod evicted for its own ephemeral-storage limit on a healthy node, a RuntimeClass that does not
 * exist, a claim refused by a requests.storage quota, a Forbid CronJob stopped by a hung run, a pod stuck in Init
 * waiting for a Service without endpoints. Broken fixtures against healthy twins, through the simulator.
 */
import { collectSnapshot } from '../../lib/diagnose/collect';
import { runDiagnosis } from '../../lib/diagnose/engine';
import { parseContainerSetup } from '../../lib/diagnose/messages/container-setup';
import { parseStorageLimitEviction } from '../../lib/diagnose/messages/eviction';
import { renderCause } from '../../lib/diagnose/render/cause-text';
import { renderReport } from '../../lib/diagnose/report/index';
import type { DiagnosisResult, Finding } from '../../lib/diagnose/types';
import { startScenarioSim } from '../helpers/sim';

const CASES = [
  'container-setup-kinds',
  'pod-eviction-limit',
  'admit-runtimeclass',
  'pvc-quota-storage',
  'cronjob-forbid-stuck',
  'init-wait-service',
];

let sim: Awaited<ReturnType<typeof startScenarioSim>>;
let r: DiagnosisResult;

beforeAll(async () => {
  sim = await startScenarioSim(CASES);
  r = runDiagnosis(await collectSnapshot(sim.kc, {}, {}), {});
}, 120_000);
afterAll(() => sim?.close());

function one(ns: string, kind: string, name: string): Finding {
  const hits = r.findings.filter((f) => f.namespace === ns && f.kind === kind && f.name === name);
  if (hits.length !== 1) throw new Error(`expected one finding for ${ns}/${kind}/${name}, got ${hits.length}`);
  return hits[0];
}

test.each(CASES)('%s-ok: the healthy twin has nothing at warning or above', (c) => {
  expect(r.findings.filter((f) => f.namespace === `${c}-ok` && f.severity !== 'info')).toEqual([]);
});

describe('containers the kubelet cannot set up', () => {
  const ns = 'container-setup-kinds';
  test('runAsNonRoot against an image that runs as root names the container and the image', () => {
    expect(one(ns, 'Pod', 'web-0').rootCause).toMatchObject({
      code: 'RunAsNonRootViolation',
      facts: { container: 'web', image: 'registry.example.com/shop/web:2.1', why: 'root' },
    });
  });
  test("runc's directory-onto-a-file refusal is the subPath key missing from the ConfigMap", () => {
    const f = one(ns, 'Pod', 'proxy-0');
    expect(f.rootCause).toMatchObject({
      code: 'MissingConfigMapKey',
      object: { kind: 'ConfigMap', name: 'nginx-conf' },
      facts: { key: 'nginx.conf' },
    });
    expect(f.evidence.map((e) => e.text).join('\n')).toContain('has keys [default.conf]');
  });
  test('a subPath the kubelet cannot prepare names the volume, the subPath and the hostPath', () => {
    expect(one(ns, 'Pod', 'logs-0').rootCause).toMatchObject({
      code: 'SubPathPrepareFailed',
      facts: { container: 'shipper', volume: 'varlog', subPath: 'app', hostPath: '/var/log' },
    });
  });
  test('a container name the runtime still reserves blames the slow runtime on the node', () => {
    expect(one(ns, 'Pod', 'api-1').rootCause).toMatchObject({
      code: 'RuntimeNameReserved',
      object: { kind: 'Node', name: 'wl-node-2' },
      facts: { container: 'api', reservedFor: '3b5e0c1d9f2a' },
    });
  });
  test('the LLM report quotes the decisive values', () => {
    const llm = renderReport({ ...r, findings: r.findings.filter((f) => f.namespace === ns) }, 'llm', {});
    expect(llm).toContain('nginx.conf');
    expect(llm).toContain('registry.example.com/shop/web:2.1');
    expect(llm).toContain('varlog');
  });
});

test('an eviction for the pod’s own ephemeral-storage limit is not blamed on the node', () => {
  const f = one('pod-eviction-limit', 'Pod', 'agent-0');
  expect(f.rootCause).toMatchObject({ code: 'EphemeralStorageLimitExceeded', facts: { scope: 'pod', limit: '1Gi' } });
  expect(renderCause(f.rootCause!, 'en')).toContain('1Gi');
  expect(one('pod-eviction-limit', 'Pod', 'cache-0').rootCause).toMatchObject({
    code: 'EphemeralStorageLimitExceeded',
    facts: { scope: 'emptyDir', volume: 'cache', limit: '2Gi' },
  });
});

test('a RuntimeClass that does not exist is the missing object, not a generic refusal', () => {
  expect(one('admit-runtimeclass', 'Deployment', 'sandbox').rootCause).toMatchObject({
    code: 'MissingObject',
    object: { kind: 'RuntimeClass', name: 'gvisor' },
  });
  expect(one('admit-runtimeclass', 'Pod', 'kata-0').rootCause?.facts.error).toContain('kata-qemu');
  expect(one('admit-runtimeclass', 'ReplicaSet', 'api-6c8d7f9b5').rootCause).toMatchObject({
    code: 'MissingPriorityClass',
    object: { kind: 'PriorityClass', name: 'business-critical' },
  });
});

test('a claim refused by the requests.storage quota quotes requested, used and limited', () => {
  expect(one('pvc-quota-storage', 'StatefulSet', 'db').rootCause).toMatchObject({
    code: 'QuotaExceeded',
    object: { kind: 'ResourceQuota', name: 'storage' },
    facts: { requested: 'requests.storage=50Gi', used: 'requests.storage=80Gi', limited: 'requests.storage=100Gi' },
  });
});

describe('message parsers', () => {
  test.each([
    [
      'Container log-agent exceeded its local ephemeral storage limit "500Mi". ',
      { scope: 'container', container: 'log-agent', limit: '500Mi' },
    ],
    [
      'Usage of EmptyDir volume "cache" exceeds the limit "2Gi". ',
      { scope: 'emptyDir', volume: 'cache', limit: '2Gi' },
    ],
    [
      'Pod ephemeral local storage usage exceeds the total limit of containers 1536Mi. ',
      { scope: 'pod', limit: '1536Mi' },
    ],
  ])('%s', (msg, want) => expect(parseStorageLimitEviction(msg)).toEqual(want));
  test('node pressure is not a limit eviction', () => {
    expect(parseStorageLimitEviction('The node was low on resource: ephemeral-storage. ')).toBeUndefined();
  });
  test('runAsNonRoot with a named USER, and a subPath the kubelet refuses', () => {
    expect(
      parseContainerSetup(
        'container has runAsNonRoot and image has non-numeric user (nginx), cannot verify user is non-root (pod: "p_ns(u)", container: web)',
      ),
    ).toEqual({ code: 'RunAsNonRoot', why: 'non-numeric', user: 'nginx' });
    expect(parseContainerSetup('failed to prepare subPath for volumeMount "data" of container "db"')).toEqual({
      code: 'SubPathPrepare',
      volume: 'data',
      container: 'db',
    });
    expect(parseContainerSetup('exec: "x": executable file not found in $PATH')).toBeUndefined();
  });
});

test('a Forbid CronJob whose run never ends names that Job and how many runs it skipped', () => {
  expect(one('cronjob-forbid-stuck', 'CronJob', 'etl').rootCause).toMatchObject({
    code: 'RunsBlockedByActiveJob',
    object: { kind: 'Job', name: 'etl-29390040' },
    facts: { job: 'etl-29390040', skipped: 31, policy: 'Forbid', startedAt: '2026-11-24T00:40:02Z' },
  });
});

test('a pod stuck in Init waiting for a Service is folded into that Service’s selector mismatch', () => {
  const f = one('init-wait-service', 'Service', 'postgres');
  // the database pod is the near miss, not the client that waits for it
  expect(f.rootCause).toMatchObject({
    code: 'SelectorLabelMismatch',
    facts: { diff: 'app=postgresql (pods have app=postgres)' },
  });
  expect(f.related).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'Pod', name: 'orders-0' })]));
  expect(f.commands?.join('\n')).toContain('"app":"postgres"');
});
