/**
 * Pod (k8sgpt core parity, plus the chain): waiting reasons, terminations with exit codes and log lines, OOMKilled
 * with the memory limit and usage, Pending with the scheduler message followed to PVC/StorageClass/node facts,
 * readiness probe failures, evictions. One finding per failing container or pod-level problem.
 *
 * Severity follows impact: a failing pod whose workload still has all its desired replicas ready (a stuck rollout's
 * new pod, a surge pod) is a warning, not critical.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { lookup } from '../context';
import { explainPod, podsToExplain } from '../explain/pod';
import { findingFor } from '../finding';
import type { Analyzer, AnalyzerContext, Finding, ObjectRef } from '../types';

interface ReplicaStatus {
  spec?: { replicas?: number };
  status?: { readyReplicas?: number; numberReady?: number; desiredNumberScheduled?: number };
}

/** The owner still serves every replica it wants. */
export function ownerFullyReady(ctx: AnalyzerContext, owner: ObjectRef | undefined): boolean {
  if (!owner || !['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet'].includes(owner.kind)) return false;
  const o = lookup<KubernetesObject & ReplicaStatus>(ctx.snapshot, owner.kind, owner.namespace, owner.name);
  if (!o) return false;
  if (owner.kind === 'DaemonSet') return (o.status?.numberReady ?? 0) >= (o.status?.desiredNumberScheduled ?? 0);
  return (o.status?.readyReplicas ?? 0) >= (o.spec?.replicas ?? 1);
}

export const podAnalyzer: Analyzer = {
  name: 'Pod',
  default: true,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const pod of podsToExplain(ctx)) {
      const problems = explainPod(ctx, pod);
      if (problems.length === 0) continue;
      const soften = ownerFullyReady(ctx, ctx.topOwner(pod));
      for (const p of problems)
        out.push(
          findingFor(ctx, 'Pod', 'Pod', pod, soften && p.severity === 'critical' ? { ...p, severity: 'warning' } : p),
        );
    }
    return out;
  },
};
