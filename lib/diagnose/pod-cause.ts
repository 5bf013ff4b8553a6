/**
 * Why a pod does not serve: the deepest fact we can name, for findings on objects that depend on pods (Service,
 * Ingress, webhooks). Static causes win over symptoms: a missing Secret explains CreateContainerConfigError, a probe
 * on the wrong port explains "Readiness probe failed: connection refused".
 */
import type { V1Pod } from '@kubernetes/client-node';
import { explainPod } from './explain/pod';
import { holderOf } from './pod-specs';
import { probePortRootCause, probeProblems } from './probe-check';
import { podSpecMissingRefs, refCause } from './ref-check';
import { cause } from './cause';
import type { AnalyzerContext, Evidence, RootCause } from './types';
import { clip, ref } from './util';

export interface PodCause {
  rootCause: RootCause;
  evidence: Evidence[];
}

export function isReady(pod: V1Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Pods that can become endpoints: not finished, not being deleted. */
export function isServing(pod: V1Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

/** What the pod itself reports: scheduling, waiting containers, failing probes, the Ready condition. */
export function podStateFact(ctx: AnalyzerContext, pod: V1Pod): PodCause {
  const podRef = ref('Pod', pod);
  const ns = pod.metadata?.namespace;
  const events = ctx.eventsFor('Pod', ns, pod.metadata?.name ?? '');
  const conds = pod.status?.conditions ?? [];
  const sched = conds.find((c) => c.type === 'PodScheduled');
  if (sched?.status === 'False') {
    const rc = cause(podRef, 'PodNotScheduled', {
      reason: sched.reason,
      message: sched.message && clip(sched.message, 280),
    });
    const ev: Evidence = { source: 'condition', object: podRef, text: clip(rc.fact, 300) };
    return { rootCause: { ...rc, evidence: ev }, evidence: [ev] };
  }
  for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const w = cs.state?.waiting;
    if (!w?.reason || w.reason === 'PodInitializing') continue;
    const last = cs.lastState?.terminated;
    const rc = cause(podRef, 'ContainerWaiting', {
      container: cs.name,
      reason: w.reason,
      message: w.message && clip(w.message, 240),
      lastReason: last?.reason,
      lastExitCode: last?.exitCode,
    });
    const ev: Evidence[] = [{ source: 'field', object: podRef, text: clip(rc.fact, 300) }];
    const e = events.find((x) => x.type === 'Warning');
    if (e?.message) ev.push({ source: 'event', object: podRef, text: clip(`${e.reason}: ${e.message}`, 300) });
    return { rootCause: { ...rc, evidence: ev[ev.length - 1] }, evidence: ev };
  }
  const unhealthy = events.find((e) => /^(Readiness|Startup) probe (failed|errored)/i.test(e.message ?? ''));
  if (unhealthy?.message) {
    const ev: Evidence = {
      source: 'event',
      object: podRef,
      text: clip(`${unhealthy.reason ?? 'Unhealthy'}: ${unhealthy.message}`, 300),
    };
    return {
      rootCause: cause(podRef, 'PodProbeFailing', { message: clip(unhealthy.message, 300) }, ev),
      evidence: [ev],
    };
  }
  const ready = conds.find((c) => c.type === 'Ready');
  if (pod.status?.phase === 'Pending') return { rootCause: cause(podRef, 'PodPending'), evidence: [] };
  const text = ready?.message ?? ready?.reason ?? 'not ready';
  const ev: Evidence = { source: 'condition', object: podRef, text: clip(`Ready=False: ${text}`, 300) };
  return { rootCause: cause(podRef, 'PodNotReady', { message: clip(text, 300) }, ev), evidence: [ev] };
}

/**
 * The root cause for a pod that does not serve. Missing references and probe-port mistakes in its template come
 * first, with the pod's own state as evidence; otherwise the pod's state is the fact.
 */
export function podCause(ctx: AnalyzerContext, pod: V1Pod): PodCause {
  const state = podStateFact(ctx, pod);
  const h = holderOf(ctx, pod);
  if (h) {
    const missing = podSpecMissingRefs(ctx, h).filter((m) => m.severity === 'critical');
    if (missing.length) return { rootCause: refCause(missing[0], state.evidence[0]), evidence: state.evidence };
    const probes = probeProblems(ctx, h).filter((p) => p.why === 'unknown-name' || p.events.length > 0);
    if (probes.length) {
      const p = probes[0];
      const ev: Evidence[] = p.events
        .slice(0, 1)
        .map((t) => ({ source: 'event', object: ref('Pod', pod), text: clip(t, 300) }));
      const evidence = ev.length ? ev : state.evidence;
      return { rootCause: probePortRootCause(h.ref, p, evidence[0]), evidence };
    }
  }
  // The Pod analyzer's own explanation, so a Service finding and the pod's finding share one root cause and merge.
  const problem = explainPod(ctx, pod).find((p) => p.severity !== 'info' && p.rootCause);
  if (problem?.rootCause)
    return { rootCause: problem.rootCause, evidence: problem.evidence.length ? problem.evidence : state.evidence };
  return state;
}
