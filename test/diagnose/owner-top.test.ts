/**
 * ctx.topOwner keeps the walk above a pod's first owner per owner object (the pods of one ReplicaSet share it).
 * It must answer what walking the whole chain answers, for every object, also where the chain is odd: placeholder
 * uids shared across namespaces, owners found only by name, owners that were not listed, a cycle, a chain longer
 * than the walk's bound.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { ownerChain } from '../../lib/diagnose/context';
import { snapshotFromObjects } from '../../lib/diagnose/offline';
import { buildContext } from '../../lib/diagnose/run-context';

type Owner = { kind: string; name: string; uid?: string };

function obj(kind: string, namespace: string | undefined, name: string, uid?: string, owner?: Owner): KubernetesObject {
  return {
    apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
    kind,
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      ...(uid ? { uid } : {}),
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', controller: true, ...owner }] } : {}),
    },
  } as KubernetesObject;
}

function cluster(): KubernetesObject[] {
  const out: KubernetesObject[] = [];
  // an ordinary Deployment → ReplicaSet → pods, in two namespaces with the same names and the same placeholder uids
  for (const ns of ['a', 'b']) {
    out.push(obj('Deployment', ns, 'web', 'uid-d'));
    out.push(obj('ReplicaSet', ns, 'web-1', 'uid-rs', { kind: 'Deployment', name: 'web', uid: 'uid-d' }));
    for (let i = 0; i < 3; i++)
      out.push(obj('Pod', ns, `web-1-${i}`, `uid-p-${ns}-${i}`, { kind: 'ReplicaSet', name: 'web-1', uid: 'uid-rs' }));
  }
  // an owner reference without a uid (found by name), one to an owner that was not listed (a Rollout)
  out.push(obj('ReplicaSet', 'a', 'api-1', 'uid-api', { kind: 'Rollout', name: 'api' }));
  out.push(obj('Pod', 'a', 'api-1-x', 'uid-api-x', { kind: 'ReplicaSet', name: 'api-1' }));
  // a ReplicaSet whose owner is a ReplicaSet that owns it back
  out.push(obj('ReplicaSet', 'a', 'loop-1', 'uid-l1', { kind: 'ReplicaSet', name: 'loop-2', uid: 'uid-l2' }));
  out.push(obj('ReplicaSet', 'a', 'loop-2', 'uid-l2', { kind: 'ReplicaSet', name: 'loop-1', uid: 'uid-l1' }));
  out.push(obj('Pod', 'a', 'loop-pod', 'uid-lp', { kind: 'ReplicaSet', name: 'loop-1', uid: 'uid-l1' }));
  out.push(obj('Pod', 'a', 'loop-pod-2', 'uid-lp2', { kind: 'ReplicaSet', name: 'loop-2', uid: 'uid-l2' }));
  // a chain longer than the bound: rs-0 ← rs-1 ← … ← rs-11 ← pod
  for (let i = 0; i < 12; i++)
    out.push(
      obj('ReplicaSet', 'c', `rs-${i}`, `uid-c-${i}`, i > 0 ? { kind: 'ReplicaSet', name: `rs-${i - 1}` } : undefined),
    );
  out.push(obj('Pod', 'c', 'deep', 'uid-deep', { kind: 'ReplicaSet', name: 'rs-11', uid: 'uid-c-11' }));
  // a pod whose owner's uid belongs to an object of another kind, and a pod with no owner
  out.push(obj('Pod', 'a', 'odd', 'uid-odd', { kind: 'ReplicaSet', name: 'web-1', uid: 'uid-d' }));
  out.push(obj('Pod', 'a', 'bare', 'uid-bare'));
  return out;
}

describe('topOwner', () => {
  test('is the last link of the owner chain for every object, asked in any order', () => {
    const s = snapshotFromObjects(cluster());
    const all = [...s.pods, ...s.replicaSets, ...s.deployments] as KubernetesObject[];
    for (const order of [all, [...all].reverse()]) {
      const ctx = buildContext(s);
      for (const o of order)
        expect([o.metadata?.name, ctx.topOwner(o)]).toEqual([o.metadata?.name, ownerChain(s, o).at(-1)]);
    }
    const ctx = buildContext(s);
    const top = (name: string, ns = 'a') =>
      ctx.topOwner(s.pods.find((p) => p.metadata?.name === name && p.metadata?.namespace === ns)!);
    expect(top('web-1-0', 'b')).toEqual({ kind: 'Deployment', namespace: 'b', name: 'web' });
    expect(top('api-1-x')).toEqual({ kind: 'Rollout', namespace: 'a', name: 'api' });
    expect(top('bare')).toBeUndefined();
    // pods of one owner get equal refs, not one shared object
    expect(top('web-1-0')).not.toBe(top('web-1-1'));
  });
});
