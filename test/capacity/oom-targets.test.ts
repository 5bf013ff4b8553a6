/** Which containers the OOM chain reads a memory curve for: a kill for memory in either termination the kubelet keeps. */
import type { V1Pod } from '@kubernetes/client-node';
import { oomTargets } from '../../lib/capacity/oom-chain';

const pod = (state: object, lastState: object): V1Pod =>
  ({
    metadata: { namespace: 'shop', name: 'api-1' },
    spec: { containers: [{ name: 'app', resources: { limits: { memory: '256Mi' } } }] },
    status: { containerStatuses: [{ name: 'app', state, lastState, restartCount: 2 }] },
  }) as unknown as V1Pod;
const term = (reason: string, finishedAt: string) => ({ terminated: { reason, exitCode: 137, finishedAt } });

describe('oomTargets', () => {
  it('finds the kill in the last state behind a current termination for another reason', () => {
    const t = oomTargets([pod(term('Error', '2024-05-01T10:05:00Z'), term('OOMKilled', '2024-05-01T10:00:00Z'))]);
    expect(t).toEqual([
      {
        namespace: 'shop',
        pod: 'api-1',
        container: 'app',
        limitBytes: 256 * 2 ** 20,
        killedAt: '2024-05-01T10:00:00.000Z',
      },
    ]);
  });

  it('finds a current OOM kill when the last state was another termination', () => {
    const t = oomTargets([pod(term('OOMKilled', '2024-05-01T10:05:00Z'), term('Error', '2024-05-01T10:00:00Z'))]);
    expect(t.map((x) => x.killedAt)).toEqual(['2024-05-01T10:05:00.000Z']);
  });

  it('none without a kill for memory', () => {
    expect(oomTargets([pod({ running: {} }, term('Error', '2024-05-01T10:00:00Z'))])).toEqual([]);
  });
});
