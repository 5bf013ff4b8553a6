/**
 * APIService (aggregated APIs: metrics.k8s.io behind metrics-server, custom/external metrics adapters, any
 * extension API server). The aggregator's Available=False condition says why it cannot reach the backend: the
 * Service is missing (ServiceNotFound), has no endpoints (MissingEndpoints), or does not answer discovery
 * (FailedDiscoveryCheck). While it is down `kubectl top`, HPAs on its metrics and the deletion of every namespace
 * fail. The finding quotes the condition's reason and message; local APIServices (no spec.service) are built in.
 */
import type { V1APIService } from '@kubernetes/client-node';
import { cause } from '../cause';
import type { Analyzer, AnalyzerContext, Evidence, Finding, ObjectRef } from '../types';
import { clip, refText } from '../util';

function analyzeOne(ctx: AnalyzerContext, api: V1APIService): Finding | undefined {
  const name = api.metadata?.name ?? '';
  const cond = api.status?.conditions?.find((c) => c.type === 'Available');
  if (!cond || cond.status !== 'False') return undefined;
  const me: ObjectRef = { kind: 'APIService', name };
  const svc = api.spec?.service;
  const service = svc?.name ? `${svc.namespace ?? 'default'}/${svc.name}` : undefined;
  const group = api.spec?.group ? `${api.spec.group}/${api.spec.version ?? ''}`.replace(/\/$/, '') : undefined;
  const message = clip((cond.message ?? '').replace(/\s+/g, ' ').trim(), 300);
  const evidence: Evidence = {
    source: 'condition',
    object: me,
    text: `Available=False reason=${cond.reason ?? ''}: ${message}`,
  };
  // behind MissingEndpoints or a failed discovery there is usually a Service whose pods fail: their cause is quoted
  const backing = svc?.name
    ? ctx.snapshot.services.find(
        (x) => x.metadata?.namespace === (svc.namespace ?? 'default') && x.metadata?.name === svc.name,
      )
    : undefined;
  const problems = backing ? ctx.ask.serviceProblems(backing) : [];
  const blocking = problems.find((p) => p.blocking && p.severity !== 'info') ?? problems.find((p) => p.blocking);
  const rootCause = cause(
    me,
    'APIServiceUnavailable',
    {
      apiService: name,
      reason: cond.reason,
      message,
      service,
      group,
      // whole: its decisive part (the x509 error, the missing key) is often at the end
      ...(blocking ? { backend: clip(`${refText(blocking.rootCause.object)}: ${blocking.rootCause.fact}`, 800) } : {}),
    },
    evidence,
  );
  const fix =
    cond.reason === 'ServiceNotFound'
      ? `create Service ${service} (reinstall the add-on that serves ${group ?? name}) or delete the APIService if the add-on is gone`
      : cond.reason === 'MissingEndpoints' || cond.reason === 'EndpointsNotFound'
        ? `make the pods behind Service ${service} ready (their own findings say why)`
        : `make the backend behind ${service ?? 'the APIService'} answer discovery (its pods, its serving certificate, a NetworkPolicy between the API server and it)`;
  return {
    severity: 'warning',
    analyzer: 'APIService',
    kind: 'APIService',
    name,
    reason: cond.reason || 'APIServiceUnavailable',
    message: `APIService ${name} is not Available: ${rootCause.fact}.`,
    evidence: [evidence, ...(blocking?.evidence.slice(0, 3) ?? [])],
    rootCause,
    suggestion: `To bring ${group ?? name} back, ${fix}.`,
    commands: [
      `kubectl get apiservice ${name} -o yaml`,
      ...(svc?.name ? [`kubectl -n ${svc.namespace ?? 'default'} get endpoints ${svc.name} -o wide`] : []),
    ],
  };
}

export const apiServiceAnalyzer: Analyzer = {
  name: 'APIService',
  default: true,
  analyze(ctx) {
    return ctx.snapshot.apiServices.flatMap((a) => analyzeOne(ctx, a) ?? []);
  },
};
