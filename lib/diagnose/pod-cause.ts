/**
 * Why a pod does not serve: the deepest fact we can name, for findings on objects that depend on pods (Service,
 * Ingress, webhooks). Static causes win over symptoms: a missing Secret explains CreateContainerConfigError, a probe
 * on the wrong port explains "Readiness probe failed: connection refused".
 */
import type { V1Pod } from '@kubernetes/client-node';
import { explainPod } from './explain/pod';
import { holderOf } from './pod-specs';
import { probeProblems, probeProblemText } from './probe-check';
import { podSpecMissingRefs, refFact } from './ref-check';
import type { AnalyzerContext, Evidence, ObjectRef } from './types';
import { clip, ref } from './util';

export interface PodCause {
  object: ObjectRef;
  fact: string;
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
export function podStateFact(ctx: AnalyzerContext, pod: V1Pod): { fact: string; evidence: Evidence[] } {
  const podRef = ref('Pod', pod);
  const ns = pod.metadata?.namespace;
  const events = ctx.eventsFor('Pod', ns, pod.metadata?.name ?? '');
  const conds = pod.status?.conditions ?? [];
  const sched = conds.find((c) => c.type === 'PodScheduled');
  if (sched?.status === 'False') {
    const fact = `Pending: ${sched.reason ?? 'not scheduled'}${sched.message ? `: ${sched.message}` : ''}`;
    return { fact: clip(fact, 300), evidence: [{ source: 'condition', object: podRef, text: clip(fact, 300) }] };
  }
  for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const w = cs.state?.waiting;
    if (!w?.reason || w.reason === 'PodInitializing') continue;
    const last = cs.lastState?.terminated;
    const lastText = last ? ` (last exit: ${last.reason ?? 'Error'}, code ${last.exitCode})` : '';
    const fact = `container ${cs.name}: ${w.reason}${w.message ? `: ${w.message}` : ''}${lastText}`;
    const ev: Evidence[] = [{ source: 'field', object: podRef, text: clip(fact, 300) }];
    const e = events.find((x) => x.type === 'Warning');
    if (e?.message) ev.push({ source: 'event', object: podRef, text: clip(`${e.reason}: ${e.message}`, 300) });
    return { fact: clip(fact, 300), evidence: ev };
  }
  const unhealthy = events.find((e) => /^(Readiness|Startup) probe (failed|errored)/i.test(e.message ?? ''));
  if (unhealthy?.message) {
    return {
      fact: clip(unhealthy.message, 300),
      evidence: [
        {
          source: 'event',
          object: podRef,
          text: clip(`${unhealthy.reason ?? 'Unhealthy'}: ${unhealthy.message}`, 300),
        },
      ],
    };
  }
  const ready = conds.find((c) => c.type === 'Ready');
  if (pod.status?.phase === 'Pending') return { fact: 'Pending', evidence: [] };
  const text = ready?.message ?? ready?.reason ?? 'not ready';
  return {
    fact: clip(text, 300),
    evidence: [{ source: 'condition', object: podRef, text: clip(`Ready=False: ${text}`, 300) }],
  };
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
    if (missing.length) {
      const m = missing[0];
      return { object: m.target, fact: refFact(m), evidence: state.evidence };
    }
    const probes = probeProblems(ctx, h).filter((p) => p.why === 'unknown-name' || p.events.length > 0);
    if (probes.length) {
      const p = probes[0];
      const ev: Evidence[] = p.events
        .slice(0, 1)
        .map((t) => ({ source: 'event', object: ref('Pod', pod), text: clip(t, 300) }));
      return { object: h.ref, fact: probeProblemText(p), evidence: ev.length ? ev : state.evidence };
    }
  }
  // The Pod analyzer's own explanation, so a Service finding and the pod's finding share one root cause and merge.
  const problem = explainPod(ctx, pod).find((p) => p.severity !== 'info' && p.rootCause);
  if (problem?.rootCause)
    return {
      object: problem.rootCause.object,
      fact: problem.rootCause.fact,
      evidence: problem.evidence.length ? problem.evidence : state.evidence,
    };
  return { object: ref('Pod', pod), fact: state.fact, evidence: state.evidence };
}
