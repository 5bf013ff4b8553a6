/**
 * What IndexBuilder works out of each page of pods as it arrives: per-node requests (what the unschedulable
 * explanation compares with a node's allocatable) and the pods whose status alone is healthy.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { PodFacts } from '../../lib/diagnose/pod-facts';

function pod(name: string, over: Partial<V1Pod> & { node?: string } = {}): V1Pod {
  return {
    metadata: { name, namespace: 'ns', ...over.metadata },
    spec: { nodeName: over.node, containers: [{ name: 'main' }], ...over.spec },
    status: { phase: 'Running', ...over.status },
  };
}

test('requests per node: containers summed (limit when no request), a larger init container wins, finished and unbound pods hold nothing', () => {
  const facts = new PodFacts();
  facts.add([
    pod('two-containers', {
      node: 'n1',
      spec: {
        containers: [
          { name: 'a', resources: { requests: { cpu: '100m', memory: '1Gi' } } },
          { name: 'b', resources: { limits: { cpu: '200m' } } },
        ],
      },
    }),
    pod('big-init', {
      node: 'n1',
      spec: {
        containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }],
        initContainers: [{ name: 'i', resources: { requests: { cpu: '1', memory: '512Mi' } } }],
      },
    }),
  ]);
  facts.add([
    pod('done', {
      node: 'n1',
      status: { phase: 'Succeeded' },
      spec: { containers: [{ name: 'a', resources: { requests: { cpu: '8' } } }] },
    }),
    pod('pending', { spec: { containers: [{ name: 'a', resources: { requests: { cpu: '8' } } }] } }),
    pod('other-node', {
      node: 'n2',
      spec: { containers: [{ name: 'a', resources: { requests: { memory: '64Mi' } } }] },
    }),
  ]);
  expect(facts.requestsByNode.get('n1')).toEqual({ pods: 2, cpu: 300 + 1000, memory: 2 ** 30 + 512 * 2 ** 20 });
  expect(facts.requestsByNode.get('n2')).toEqual({ pods: 1, cpu: 0, memory: 64 * 2 ** 20 });
  expect(facts.requestsByNode.has('')).toBe(false);
});

test('status-healthy pods: running and ready, no OOM kill behind, init containers done; nothing else', () => {
  const running = { ready: true, restartCount: 0, image: 'x', imageID: '', state: { running: {} } };
  const healthy = pod('ok', {
    node: 'n1',
    status: { phase: 'Running', containerStatuses: [{ name: 'main', ...running }] },
  });
  const oomBefore = pod('oom', {
    node: 'n1',
    status: {
      phase: 'Running',
      containerStatuses: [
        { name: 'main', ...running, lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } } },
      ],
    },
  });
  const notReady = pod('not-ready', {
    node: 'n1',
    status: { phase: 'Running', containerStatuses: [{ name: 'main', ...running, ready: false }] },
  });
  const initFailed = pod('init', {
    node: 'n1',
    status: {
      phase: 'Running',
      containerStatuses: [{ name: 'main', ...running }],
      initContainerStatuses: [{ name: 'i', ...running, ready: false, state: { terminated: { exitCode: 1 } } }],
    },
  });
  const deleting = pod('deleting', {
    node: 'n1',
    metadata: { name: 'deleting', namespace: 'ns', deletionTimestamp: new Date() },
    status: { phase: 'Running', containerStatuses: [{ name: 'main', ...running }] },
  });
  const unbound = pod('unbound', { status: { phase: 'Running', containerStatuses: [{ name: 'main', ...running }] } });
  const facts = new PodFacts();
  facts.add([healthy, oomBefore, notReady, initFailed, deleting, unbound]);
  expect([healthy, oomBefore, notReady, initFailed, deleting, unbound].map((p) => facts.statusHealthy.has(p))).toEqual([
    true,
    false,
    false,
    false,
    false,
    false,
  ]);
  // the others, in the order they came: what the Pod check walks while every node is Ready
  expect(facts.statusUnhealthy.map((p) => p.metadata?.name)).toEqual([
    'oom',
    'not-ready',
    'init',
    'deleting',
    'unbound',
  ]);
});

test('pods are grouped by their controller, a placeholder uid shared by two owners does not merge them', () => {
  const owned = (name: string, owner: string, uid = 'u1'): V1Pod =>
    pod(name, {
      metadata: {
        name,
        namespace: 'ns',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid, controller: true }],
      },
    });
  const facts = new PodFacts();
  const [a1, b1, a2, bare] = [owned('a-1', 'a'), owned('b-1', 'b'), owned('a-2', 'a'), pod('bare')];
  facts.add([a1, b1]);
  facts.add([a2, bare]);
  expect(facts.byController).toEqual([[a1, a2], [b1], [bare]]);
});

test("a sidecar's request counts for the whole run, an init container after it needs both, pod overhead comes on top", () => {
  const facts = new PodFacts();
  facts.add([
    pod('with-sidecar', {
      node: 'n1',
      spec: {
        containers: [{ name: 'app', resources: { requests: { cpu: '100m' } } }],
        initContainers: [
          { name: 'proxy', restartPolicy: 'Always', resources: { requests: { cpu: '200m' } } },
          { name: 'migrate', resources: { requests: { cpu: '500m' } } },
        ],
        overhead: { cpu: '50m' },
      },
    }),
  ]);
  // containers + sidecar = 300m; migrate runs beside the sidecar: 700m; the larger, plus the overhead
  expect(facts.requestsByNode.get('n1')?.cpu).toBe(750);
});
