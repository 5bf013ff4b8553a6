/**
 * The collector indexes each page as it arrives, lists interleaved. Whatever the interleaving, the indexes must be
 * those one pass over the finished snapshot builds, including which object a uid shared by two lists points at;
 * and indexes handed over with a snapshot that was changed afterwards must not be used.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import fc from 'fast-check';
import { emptySnapshot, IndexBuilder, indexes, primeIndexes, type Indexes } from '../../lib/diagnose/context';
import type { ListKey } from '../../lib/diagnose/snapshot-lists';
import type { Snapshot } from '../../lib/diagnose/types';

const LISTS: ListKey[] = ['pods', 'replicaSets', 'deployments', 'events', 'nodes', 'jobs'];
const uid = fc.constantFrom('u1', 'u2', 'u3', undefined);
const name = fc.constantFrom('a', 'b', 'c');
const obj = fc.record({
  metadata: fc.record({
    name,
    namespace: fc.constantFrom('ns', undefined),
    uid,
    ownerReferences: fc.array(
      fc.record({
        apiVersion: fc.constant('apps/v1'),
        kind: fc.constantFrom('ReplicaSet', 'Deployment', 'Job'),
        name,
        uid: fc.constantFrom('u1', 'u2', 'u3'),
        controller: fc.boolean(),
      }),
      { maxLength: 2 },
    ),
  }),
  involvedObject: fc.record({
    kind: fc.constantFrom('Pod', 'ReplicaSet'),
    name,
    namespace: fc.constantFrom('ns', undefined),
  }),
});

/** The indexes with objects named by their place in the snapshot, maps as sorted entries. */
function shape(ix: Indexes, s: Snapshot): unknown {
  const ids = new Map<unknown, string>();
  for (const l of LISTS) (s[l] as unknown[]).forEach((o, i) => ids.set(o, `${l}[${i}]`));
  const id = (o: unknown) => ids.get(o) ?? 'unknown';
  const map = <V>(m: Map<string, V>, f: (v: V) => unknown) => [...m].map(([k, v]) => [k, f(v)]).sort();
  return {
    byUid: map(ix.byUid, (v) => [v.kind, id(v.obj)]),
    byKey: map(ix.byKey, id),
    children: map(ix.childrenByOwnerUid, (v) => v.map((c) => [c.kind, id(c.obj)])),
    events: map(ix.eventsByKey, (v) => v.map(id)),
    pods: map(ix.podsByNamespace, (v) => v.map(id)),
    // in the order each controller's first pod came, which is the order one pass sees them
    podsByController: ix.podFacts.byController.map((v) => v.map(id)),
    // pods are keyed by name when first asked for
    podByName: (s.pods as KubernetesObject[]).map((p) =>
      id(ix.objectAt('Pod', p.metadata?.namespace, p.metadata?.name ?? '')),
    ),
    requestsByNode: map(ix.podFacts.requestsByNode, (v) => v),
  };
}

test('pages fed in any interleaving give the indexes of one pass over the snapshot', () => {
  fc.assert(
    fc.property(
      fc.tuple(...LISTS.map(() => fc.array(fc.array(obj, { maxLength: 3 }), { maxLength: 3 }))),
      fc.array(fc.nat(LISTS.length - 1), { maxLength: 40 }),
      (pagesByList, picks) => {
        const s = emptySnapshot();
        LISTS.forEach((l, i) => ((s[l] as KubernetesObject[]) = pagesByList[i].flat() as KubernetesObject[]));
        const next = LISTS.map(() => 0);
        const b = new IndexBuilder();
        const feed = (i: number) => b.add(LISTS[i], pagesByList[i][next[i]++]);
        for (const i of picks) if (next[i] < pagesByList[i].length) feed(i);
        LISTS.forEach((_, i) => {
          while (next[i] < pagesByList[i].length) feed(i);
        });
        const fresh: Snapshot = { ...s };
        expect(shape(b.finish(s), s)).toEqual(shape(indexes(fresh), s));
      },
    ),
    { numRuns: 300 },
  );
});

test('indexes handed over are used as they are, and dropped when a list changed meanwhile', () => {
  const pod = { metadata: { name: 'p', namespace: 'ns', uid: 'p1' } };
  const s = emptySnapshot();
  s.pods = [pod];
  const b = new IndexBuilder();
  b.add('pods', s.pods);
  const ix = b.finish(s);
  primeIndexes(s, ix);
  expect(indexes(s)).toBe(ix);

  const t = emptySnapshot();
  t.pods = [pod];
  const b2 = new IndexBuilder();
  b2.add('pods', t.pods);
  primeIndexes(t, b2.finish(t));
  t.pods.push({ metadata: { name: 'q', namespace: 'ns', uid: 'q1' } });
  expect(indexes(t).objectAt('Pod', 'ns', 'q')?.metadata?.name).toBe('q');
});
