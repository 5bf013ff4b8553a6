/**
 * An HPA without metrics blames APIService v1beta1.metrics.k8s.io; behind it, in most clusters, are the
 * metrics-server pods (the APIService's default backend kube-system/metrics-server). When those pods fail, their
 * own root cause is the HPA's (a scrape that fails on the kubelets' certificates, an image that cannot be pulled);
 * when there are none, metrics-server is not installed.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { dominantPodCause } from './workload';
import type { AnalyzerContext, Evidence, ObjectRef, RootCause } from '../types';

function isMetricsServer(p: V1Pod): boolean {
  const l = p.metadata?.labels ?? {};
  return (
    l['app.kubernetes.io/name'] === 'metrics-server' ||
    l['k8s-app'] === 'metrics-server' ||
    l.app === 'metrics-server' ||
    /^metrics-server-/.test(p.metadata?.name ?? '')
  );
}

export interface MetricsBackend {
  /** the failing pods' root cause, when they fail */
  rootCause?: RootCause;
  via?: string;
  evidence: Evidence[];
  suggestion?: string;
  /** "not found" | "ready" | "failing" */
  state: 'not found' | 'ready' | 'failing';
  pods: string[];
  /** the workload that runs the failing pod (Deployment kube-system/metrics-server) */
  owner?: ObjectRef;
}

export function metricsServerBackend(ctx: AnalyzerContext): MetricsBackend {
  const pods = ctx.snapshot.pods.filter(isMetricsServer);
  const names = pods.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
  if (!pods.length) return { state: 'not found', pods: [], evidence: [] };
  const c = dominantPodCause(ctx, pods);
  if (!c) return { state: 'ready', pods: names, evidence: [] };
  return {
    state: 'failing',
    pods: names,
    rootCause: c.problem.rootCause,
    via: `metrics-server pod ${c.pod.metadata?.namespace}/${c.pod.metadata?.name}`,
    evidence: c.problem.evidence.slice(0, 3),
    suggestion: c.problem.suggestion,
    owner: ctx.topOwner(c.pod),
  };
}
