import type { V1Pod } from '@kubernetes/client-node';
import { podStatus, summarize } from '../../lib/kube';

function pod(status: V1Pod['status'], extra: Partial<V1Pod> = {}): V1Pod {
  return {
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'shop', creationTimestamp: new Date(Date.now() - 3_600_000) },
    spec: {
      containers: [
        { name: 'app', image: 'nginx:1' },
        { name: 'side', image: 'envoy:1' },
      ],
      nodeName: 'n1',
    },
    status,
    ...extra,
  };
}

describe('podStatus (kubectl STATUS column)', () => {
  it('reports CrashLoopBackOff from a waiting container and sums restarts', () => {
    const s = podStatus(
      pod({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 7,
            image: '',
            imageID: '',
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: new Date(Date.now() - 60_000) } },
          },
          { name: 'side', ready: true, restartCount: 1, image: '', imageID: '', state: { running: {} } },
        ],
      }),
    );
    expect(s).toMatchObject({ status: 'CrashLoopBackOff', ready: '1/2', restarts: 8 });
  });

  it('reports ImagePullBackOff, Pending, Completed and Terminating', () => {
    expect(
      podStatus(
        pod({
          phase: 'Pending',
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 0,
              image: '',
              imageID: '',
              state: { waiting: { reason: 'ImagePullBackOff' } },
            },
          ],
        }),
      ).status,
    ).toBe('ImagePullBackOff');
    expect(podStatus(pod({ phase: 'Pending' })).status).toBe('Pending');
    expect(
      podStatus(
        pod({
          phase: 'Succeeded',
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 0,
              image: '',
              imageID: '',
              state: { terminated: { exitCode: 0, reason: 'Completed' } },
            },
            {
              name: 'side',
              ready: false,
              restartCount: 0,
              image: '',
              imageID: '',
              state: { terminated: { exitCode: 0, reason: 'Completed' } },
            },
          ],
        }),
      ).status,
    ).toBe('Completed');
    expect(
      podStatus(pod({ phase: 'Running' }, { metadata: { name: 'p', deletionTimestamp: new Date() } })).status,
    ).toBe('Terminating');
  });

  it('reports init container progress and failures', () => {
    const base = pod(
      {
        phase: 'Pending',
        initContainerStatuses: [
          {
            name: 'init',
            ready: false,
            restartCount: 2,
            image: '',
            imageID: '',
            state: { waiting: { reason: 'CrashLoopBackOff' } },
          },
        ],
      },
      {},
    );
    base.spec!.initContainers = [{ name: 'init', image: 'busybox' }];
    expect(podStatus(base).status).toBe('Init:CrashLoopBackOff');
    base.status!.initContainerStatuses = [
      { name: 'init', ready: false, restartCount: 0, image: '', imageID: '', state: { running: {} } },
    ];
    expect(podStatus(base).status).toBe('Init:0/1');
    base.status!.initContainerStatuses = [
      { name: 'init', ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: 3 } } },
    ];
    expect(podStatus(base).status).toBe('Init:ExitCode:3');
  });

  it('reports OOMKilled and exit codes of terminated containers', () => {
    expect(
      podStatus(
        pod({
          phase: 'Running',
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 1,
              image: '',
              imageID: '',
              state: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
            },
          ],
        }),
      ).status,
    ).toBe('OOMKilled');
    expect(
      podStatus(
        pod({
          phase: 'Running',
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 1,
              image: '',
              imageID: '',
              state: { terminated: { exitCode: 2 } },
            },
          ],
        }),
      ).status,
    ).toBe('ExitCode:2');
  });

  it('summarizes a pod as the kubectl row, with string dates as the API sends them', () => {
    const p = pod({
      phase: 'Running',
      podIP: '10.0.0.5',
      containerStatuses: [
        { name: 'app', ready: true, restartCount: 0, image: '', imageID: '', state: { running: {} } },
      ],
    });
    (p.metadata as { creationTimestamp: unknown }).creationTimestamp = new Date(
      Date.now() - 2 * 86_400_000 - 3 * 3_600_000,
    ).toISOString();
    expect(summarize(p)).toEqual({
      name: 'p',
      namespace: 'shop',
      status: 'Running',
      ready: '1/2',
      restarts: '0',
      age: '2d3h',
      node: 'n1',
      ip: '10.0.0.5',
      image: 'nginx:1,envoy:1',
    });
  });
});
