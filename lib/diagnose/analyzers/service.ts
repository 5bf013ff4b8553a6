/**
 * Service: traffic that cannot arrive. Beyond "no endpoints" it names the label that differs from the nearest pods,
 * the targetPort the pods do not expose, and why the selected pods are not ready.
 */
import { loadBalancerCause } from '../families/load-balancer';
import type { Analyzer, Finding } from '../types';

export const serviceAnalyzer: Analyzer = {
  name: 'Service',
  default: true,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const svc of ctx.snapshot.services) {
      const ns = svc.metadata?.namespace;
      const name = svc.metadata?.name ?? '';
      // the load balancer is a separate path: in-cluster traffic flows while the external address is missing
      const lb = loadBalancerCause(svc, ctx.eventsFor('Service', ns, name));
      if (lb)
        out.push({
          severity: 'warning',
          analyzer: 'Service',
          kind: 'Service',
          namespace: ns,
          name,
          reason: 'LoadBalancerPending',
          message: `Service ${ns}/${name} of type LoadBalancer has no external address: ${lb.rootCause.fact}.`,
          evidence: lb.evidence,
          rootCause: lb.rootCause,
          suggestion: lb.suggestion,
          commands: lb.commands,
        });
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
