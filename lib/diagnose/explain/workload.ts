/**
 * Links a workload that is short of ready replicas to why its pods fail: the pod problem shared by most of its
 * unready pods (critical first), so a Deployment's finding carries the same root cause as its pods' finding.
 */
import type { KubernetesObject, V1Pod } from '@kubernetes/client-node';
import type { AnalyzerContext, Evidence } from '../types';
import { refKey } from '../util';
import { explainCreateFailure } from './create-failure';
import { explainPod, type PodProblem } from './pod';
import type { Explanation } from './explanation';

/** Pods examined per workload; the dominant problem shows up among the first few. */
const MAX_PODS = 20;

export interface PodCause {
  problem: PodProblem;
  pod: V1Pod;
  /** how many of the examined pods share this root cause */
  pods: number;
}

function isReady(p: V1Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function dominantPodCause(ctx: AnalyzerContext, pods: V1Pod[]): PodCause | undefined {
  const groups = new Map<string, PodCause>();
  let seen = 0;
  for (const pod of pods) {
    if (seen >= MAX_PODS) break;
    if (pod.status?.phase === 'Succeeded' || isReady(pod)) continue;
    seen++;
    for (const problem of explainPod(ctx, pod)) {
      if (problem.severity === 'info' || !problem.rootCause) continue;
      const k = `${refKey(problem.rootCause.object)}|${problem.reason}`;
      const g = groups.get(k);
      if (g) g.pods++;
      else groups.set(k, { problem, pod, pods: 1 });
    }
  }
  const rank = (c: PodCause) => (c.problem.severity === 'critical' ? 1000 : 0) + c.pods;
  return [...groups.values()].sort((a, b) => rank(b) - rank(a))[0];
}

/**
 * The cause behind missing replicas: the controller cannot create pods (checked on each controller given, e.g.
 * the Deployment's newest ReplicaSet), else the dominant pod problem. Evidence names the failing pod.
 */
export function workloadCause(
  ctx: AnalyzerContext,
  creators: { kind: string; obj: KubernetesObject }[],
  pods: V1Pod[],
): (Explanation & { via: string; evidence: Evidence[] }) | undefined {
  for (const c of creators) {
    const e = explainCreateFailure(ctx, c.kind, c.obj);
    if (e) return { ...e, via: `${c.kind} ${c.obj.metadata?.name}${e.via ? ` → ${e.via}` : ''}` };
  }
  const cause = dominantPodCause(ctx, pods);
  if (!cause) return undefined;
  const podName = cause.pod.metadata?.name ?? '';
  return {
    ...cause.problem,
    via: `${cause.pods} pod(s), e.g. ${podName}${cause.problem.via ? ` → ${cause.problem.via}` : ''}`,
    evidence: cause.problem.evidence,
  };
}
