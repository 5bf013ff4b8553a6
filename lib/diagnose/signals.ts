/**
 * The signals of trouble a cluster shows: Warning events, containers' waiting and terminated reasons, False
 * conditions of pods, workloads, nodes, PVCs, HPAs and Jobs. lib/diagnose/coverage.ts checks each is explained.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import type { ObjectRef, Snapshot } from './types';

export type SignalSource = 'event' | 'waiting' | 'terminated' | 'condition';

export interface Signal {
  source: SignalSource;
  object: ObjectRef;
  /** the event reason, the container state reason, the condition type */
  reason: string;
  /** the condition's reason, the event or state message */
  detail?: string;
  container?: string;
  exitCode?: number;
  /** a terminated state read from lastState: the run before the current one */
  previous?: boolean;
}

interface Conditioned extends KubernetesObject {
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}

function conditionSignals(kind: string, objs: Conditioned[]): Signal[] {
  return objs.flatMap((o) =>
    (o.status?.conditions ?? [])
      .filter((c) => c.status === 'False')
      .map((c) => ({
        source: 'condition' as const,
        object: { kind, namespace: o.metadata?.namespace, name: o.metadata?.name ?? '' },
        reason: c.type,
        detail: [c.reason, c.message].filter(Boolean).join(': ') || undefined,
      })),
  );
}

/** Every signal in the snapshot, limited to `namespaces` (cluster-scoped objects always count). */
export function signals(s: Snapshot, namespaces?: string[]): Signal[] {
  const out: Signal[] = [];
  for (const e of s.events) {
    if (e.type !== 'Warning') continue;
    const io = e.involvedObject;
    out.push({
      source: 'event',
      object: { kind: io?.kind ?? '', namespace: io?.namespace, name: io?.name ?? '' },
      reason: e.reason ?? '',
      detail: e.message,
    });
  }
  for (const p of s.pods) {
    const object: ObjectRef = { kind: 'Pod', namespace: p.metadata?.namespace, name: p.metadata?.name ?? '' };
    for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) {
      const w = cs.state?.waiting;
      if (w?.reason) out.push({ source: 'waiting', object, reason: w.reason, detail: w.message, container: cs.name });
      for (const [t, last] of [
        [cs.state?.terminated, false],
        [cs.lastState?.terminated, true],
      ] as const)
        if (t?.reason)
          out.push({
            source: 'terminated',
            object,
            reason: t.reason,
            detail: t.message,
            container: cs.name,
            exitCode: t.exitCode,
            ...(last ? { previous: true } : {}),
          });
    }
  }
  out.push(
    ...conditionSignals('Pod', s.pods),
    ...conditionSignals('Deployment', s.deployments),
    ...conditionSignals('ReplicaSet', s.replicaSets),
    ...conditionSignals('StatefulSet', s.statefulSets as Conditioned[]),
    ...conditionSignals('DaemonSet', s.daemonSets as Conditioned[]),
    ...conditionSignals('Job', s.jobs),
    ...conditionSignals('Node', s.nodes),
    ...conditionSignals('PersistentVolumeClaim', s.pvcs as Conditioned[]),
    ...conditionSignals('HorizontalPodAutoscaler', s.hpas as Conditioned[]),
    ...conditionSignals('APIService', s.apiServices as Conditioned[]),
  );
  if (!namespaces) return out;
  return out.filter((x) => x.object.namespace === undefined || namespaces.includes(x.object.namespace));
}
