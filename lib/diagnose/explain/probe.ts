/**
 * A failing probe followed one step further: when the probe is aimed at a port the container does not declare
 * (probe-check.ts), that is the cause, not the kubelet's "connection refused". The fact is the Probe analyzer's own
 * text on the same object, so the pod's, the workload's and the Probe finding merge into one.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { holderOf } from '../pod-specs';
import { probePortRootCause, probeProblems, type ProbeKind, type ProbePortProblem } from '../probe-check';
import type { AnalyzerContext, Evidence, RootCause } from '../types';

export interface ProbePortCause {
  rootCause: RootCause;
  evidence: Evidence;
  suggestion: string;
  problem: ProbePortProblem;
}

export function probePortCause(
  ctx: AnalyzerContext,
  pod: V1Pod,
  container: string,
  probe: ProbeKind,
): ProbePortCause | undefined {
  const h = holderOf(ctx, pod);
  if (!h) return undefined;
  const p = probeProblems(ctx, h).find((x) => x.container === container && x.probe === probe);
  if (!p) return undefined;
  // Same text as the Probe analyzer's evidence, so a merged finding lists it once.
  const evidence: Evidence = {
    source: 'field',
    object: h.ref,
    text: `${p.probe}Probe port: ${p.port}; container ports: ${p.declared}`,
  };
  return {
    rootCause: probePortRootCause(h.ref, p, evidence),
    evidence,
    suggestion: `Point the ${p.probe} probe at the port the application listens on (${p.declared}).`,
    problem: p,
  };
}
