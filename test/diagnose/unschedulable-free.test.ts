/**
 * What an unschedulable pod is told about the node with the most room: the requests of the pods already there,
 * summed per container (a limit standing in for a request a container does not set), the largest init container
 * counted when it asks for more, finished pods not counted.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { runDiagnosis } from '../../lib/diagnose/engine';
import { snapshotFromObjects } from '../../lib/diagnose/offline';

type Res = Record<string, string>;
const container = (name: string, requests?: Res, limits?: Res) => ({
  name,
  image: 'app:1',
  resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) },
});

function pod(name: string, spec: object, status: object): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'a', uid: `uid-${name}` },
    spec,
    status,
  } as KubernetesObject;
}

const running = { phase: 'Running' };

function pending(name: string, requests: Res, resource: string): KubernetesObject {
  return pod(
    name,
    { containers: [container('main', requests)] },
    {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: `0/1 nodes are available: 1 Insufficient ${resource}. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.`,
        },
      ],
    },
  );
}

test('the free room of a node is its allocatable less what its pods request', () => {
  const objects: KubernetesObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1' },
      status: {
        allocatable: { cpu: '4', memory: '4Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    } as KubernetesObject,
    // 500m + 1 CPU (its limit, no request); 512Mi + 1Gi (a limit again)
    pod(
      'two',
      {
        nodeName: 'n1',
        containers: [
          container('a', { cpu: '500m', memory: '512Mi' }),
          container('b', undefined, { cpu: '1', memory: '1Gi' }),
        ],
      },
      running,
    ),
    // the init container asks for more CPU (2) than the containers (250m), the containers for more memory
    pod(
      'init',
      {
        nodeName: 'n1',
        initContainers: [container('setup', { cpu: '2', memory: '256Mi' })],
        containers: [container('main', { cpu: '250m', memory: '1Gi' })],
      },
      running,
    ),
    // finished: holds nothing
    pod('done', { nodeName: 'n1', containers: [container('x', { cpu: '3', memory: '3Gi' })] }, { phase: 'Succeeded' }),
    pending('wants-cpu', { cpu: '1' }, 'cpu'),
    pending('wants-memory', { memory: '2Gi' }, 'memory'),
  ];
  const r = runDiagnosis(snapshotFromObjects(objects));
  const facts = (name: string) => r.findings.find((f) => f.name === name)?.rootCause?.facts;
  // 4 CPU - (1.5 + 2) = 500m; 4Gi - (1.5Gi + 1Gi) = 1.5Gi
  expect(facts('wants-cpu')).toMatchObject({ resource: 'cpu', bestNode: 'n1', bestFree: '500m CPU' });
  expect(facts('wants-memory')).toMatchObject({ resource: 'memory', bestNode: 'n1' });
  expect(String(facts('wants-memory')?.bestFree)).toMatch(/^1\.5 ?Gi/);
});
