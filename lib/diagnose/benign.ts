/**
 * Signals that look like trouble but are not: each rule has a name (quoted when a test or a user asks why a signal
 * went unreported) and says why. lib/diagnose/coverage.ts consults them after the findings. A rule looks at the
 * object's state now, so a signal from a problem that is still there is never classified benign.
 */
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import type { Signal } from './signals';
import type { Snapshot } from './types';

export interface BenignRule {
  name: string;
  why: string;
  matches(signal: Signal, s: Snapshot): boolean;
}

function podOf(x: Signal, s: Snapshot): V1Pod | undefined {
  if (x.object.kind !== 'Pod') return undefined;
  return s.pods.find((p) => p.metadata?.namespace === x.object.namespace && p.metadata?.name === x.object.name);
}

function podReady(p: V1Pod | undefined): boolean {
  return !!p?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

function ownerJob(p: V1Pod | undefined, s: Snapshot): V1Job | undefined {
  const o = p?.metadata?.ownerReferences?.find((r) => r.kind === 'Job' && r.controller);
  return o
    ? s.jobs.find((j) => j.metadata?.namespace === p?.metadata?.namespace && j.metadata?.name === o.name)
    : undefined;
}

export const BENIGN_RULES: BenignRule[] = [
  {
    name: 'node-problem-condition-false',
    why: 'every node condition but Ready names a problem (MemoryPressure, DiskPressure, KernelDeadlock…): False means the node is free of it',
    matches: (x) => x.source === 'condition' && x.object.kind === 'Node' && x.reason !== 'Ready',
  },
  {
    name: 'container-completed',
    why: 'a container that terminated with exit code 0 (reason Completed) finished its work',
    matches: (x) => x.source === 'terminated' && x.reason === 'Completed' && (x.exitCode ?? 0) === 0,
  },
  {
    name: 'container-starting',
    why: 'ContainerCreating and PodInitializing are the normal start of a container',
    matches: (x) => x.source === 'waiting' && (x.reason === 'ContainerCreating' || x.reason === 'PodInitializing'),
  },
  {
    name: 'pod-succeeded',
    why: 'a pod that ran to completion reports its readiness conditions False; that is its end state',
    matches: (x, s) =>
      x.source === 'condition' && (/PodCompleted/.test(x.detail ?? '') || podOf(x, s)?.status?.phase === 'Succeeded'),
  },
  {
    name: 'previous-run-recovered',
    why: "a container's earlier run ended in an error, and it is running and ready now",
    matches: (x, s) => {
      if (x.source !== 'terminated' || !x.previous) return false;
      const p = podOf(x, s);
      const cs = p?.status?.containerStatuses?.find((c) => c.name === x.container);
      return !!cs?.state?.running && !!cs.ready && podReady(p);
    },
  },
  {
    name: 'job-retry-succeeded',
    why: "a failed attempt of a Job that completed later: the Job's backoff retried it and the work got done",
    matches: (x, s) => {
      if (x.object.kind !== 'Pod') return false;
      const job = ownerJob(podOf(x, s), s);
      return !!job?.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True');
    },
  },
  {
    name: 'readiness-failed-while-starting',
    why: 'a readiness probe that failed while the pod started, on a pod that is ready now',
    matches: (x, s) =>
      x.source === 'event' &&
      x.reason === 'Unhealthy' &&
      /^(Readiness|Startup) probe/i.test(x.detail ?? '') &&
      podReady(podOf(x, s)),
  },
  {
    name: 'hpa-within-range',
    why: 'ScalingLimited=False (DesiredWithinRange) means the HPA is free to scale',
    matches: (x) =>
      x.source === 'condition' && x.object.kind === 'HorizontalPodAutoscaler' && x.reason === 'ScalingLimited',
  },
];

export function benignRuleFor(signal: Signal, s: Snapshot): BenignRule | undefined {
  return BENIGN_RULES.find((r) => r.matches(signal, s));
}
