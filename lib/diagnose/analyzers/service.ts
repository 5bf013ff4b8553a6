/**
 * Service: traffic that cannot arrive. Beyond "no endpoints" it names the label that differs from the nearest pods,
 * the targetPort the pods do not expose, and why the selected pods are not ready.
 */
import type { Analyzer, Finding } from '../types';

export const serviceAnalyzer: Analyzer = {
  name: 'Service',
  default: true,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const svc of ctx.snapshot.services) {
      for (const p of ctx.ask.serviceProblems(svc)) {
        out.push({
          severity: p.severity,
          analyzer: 'Service',
          kind: 'Service',
          namespace: svc.metadata?.namespace,
          name: svc.metadata?.name ?? '',
          reason: p.reason,
          message: p.message,
          evidence: p.evidence,
          rootCause: p.rootCause,
          suggestion: p.suggestion,
          commands: p.commands,
        });
      }
    }
    return out;
  },
};
