import fc from 'fast-check';
import { classifySchedulingReason, parseSchedulingMessage } from '../../../lib/diagnose/messages';

describe('FailedScheduling', () => {
  test('counts, taint and resource, preemption apart', () => {
    const m = parseSchedulingMessage(
      '0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient memory. preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    );
    expect(m.available).toBe(0);
    expect(m.totalNodes).toBe(5);
    expect(m.reasons).toEqual([
      {
        count: 2,
        code: 'UntoleratedTaint',
        text: 'node(s) had untolerated taint {dedicated: gpu}',
        taint: { key: 'dedicated', value: 'gpu' },
      },
      { count: 3, code: 'InsufficientResource', text: 'Insufficient memory', resource: 'memory' },
    ]);
    expect(m.preemption).toEqual([
      { count: 2, text: 'Preemption is not helpful for scheduling' },
      { count: 3, text: 'No preemption victims found for incoming pod' },
    ]);
  });

  test.each([
    ["node(s) didn't match Pod's node affinity/selector", 'NodeAffinityMismatch'],
    ["node(s) didn't match pod anti-affinity rules", 'PodAntiAffinityMismatch'],
    ["node(s) didn't match pod affinity rules", 'PodAffinityMismatch'],
    ["node(s) didn't satisfy existing pods anti-affinity rules", 'ExistingPodAntiAffinity'],
    ["node(s) didn't match pod topology spread constraints", 'TopologySpreadMismatch'],
    ['node(s) had volume node affinity conflict', 'VolumeNodeAffinityConflict'],
    ['node(s) had no available volume zone', 'VolumeZoneConflict'],
    ["node(s) didn't find available persistent volumes to bind", 'NoPersistentVolumeToBind'],
    ['node(s) did not have enough free storage', 'NotEnoughFreeStorage'],
    ['pod has unbound immediate PersistentVolumeClaims', 'UnboundImmediatePVC'],
    ['node(s) exceed max volume count', 'VolumeLimitExceeded'],
    ['Too many pods', 'TooManyPods'],
    ['node(s) were unschedulable', 'NodeUnschedulable'],
    ["node(s) didn't have free ports for the requested pod ports", 'NoFreePorts'],
    ["node(s) didn't match the requested node name", 'NodeNameMismatch'],
    ['node(s) had untolerated taint(s)', 'UntoleratedTaint'],
    ['something a future plugin says', 'Other'],
  ])('%s → %s', (text, code) => {
    expect(classifySchedulingReason(text).code).toBe(code);
  });

  test('the pre-1.24 taint wording and an empty taint value', () => {
    const m = parseSchedulingMessage(
      "0/3 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 2 node(s) had volume node affinity conflict.",
    );
    expect(m.reasons.map((r) => [r.count, r.code, r.taint])).toEqual([
      [1, 'UntoleratedTaint', { key: 'node-role.kubernetes.io/master', value: '' }],
      [2, 'VolumeNodeAffinityConflict', undefined],
    ]);
  });

  test('topology spread with missing label, extended resource, claim not found', () => {
    expect(
      parseSchedulingMessage(
        "0/4 nodes are available: 4 node(s) didn't match pod topology spread constraints (missing required label).",
      ).reasons[0],
    ).toMatchObject({ code: 'TopologySpreadMismatch', missingLabel: true, count: 4 });
    expect(parseSchedulingMessage('0/2 nodes are available: 2 Insufficient nvidia.com/gpu.').reasons[0]).toMatchObject({
      resource: 'nvidia.com/gpu',
    });
    expect(parseSchedulingMessage('persistentvolumeclaim "data-kafka-0" not found.').reasons).toEqual([
      { code: 'PVCNotFound', text: 'persistentvolumeclaim "data-kafka-0" not found', claim: 'data-kafka-0' },
    ]);
  });

  test('no nodes at all', () => {
    expect(parseSchedulingMessage('0/0 nodes are available.').reasons[0].code).toBe('NoNodes');
    expect(parseSchedulingMessage('no nodes available to schedule pods').reasons[0].code).toBe('NoNodes');
  });

  const REASONS = [
    'node(s) had untolerated taint {a: b}',
    'node(s) had untolerated taint {k, x: y, z}',
    "node(s) didn't match Pod's node affinity/selector",
    'Insufficient cpu',
    'Insufficient ephemeral-storage',
    "node(s) didn't match pod anti-affinity rules",
    'node(s) had volume node affinity conflict',
    'node(s) were unschedulable',
  ];
  test('property: any combination of counted reasons parses back to the same counts, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 500 }), fc.constantFrom(...REASONS)), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.boolean(),
        (parts, withPreemption) => {
          const total = parts.reduce((a, [n]) => a + n, 0);
          const msg = `0/${total} nodes are available: ${parts.map(([n, r]) => `${n} ${r}`).join(', ')}.${
            withPreemption
              ? ` preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`
              : ''
          }`;
          const m = parseSchedulingMessage(msg);
          expect(m.totalNodes).toBe(total);
          expect(m.reasons.map((r) => [r.count, r.text])).toEqual(parts);
          expect(m.reasons.every((r) => r.code !== 'Other')).toBe(true);
          expect(m.preemption !== undefined).toBe(withPreemption);
        },
      ),
    );
  });

  test('property: never throws, and unknown text is kept as written', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const m = parseSchedulingMessage(s);
        for (const r of m.reasons) expect(typeof r.text).toBe('string');
      }),
    );
  });
});
