/** Turns an explanation about one object into a Finding, so every analyzer fills the same fields the same way. */
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Explanation } from './explain/explanation';
import type { AnalyzerContext, Finding } from './types';

export function findingFor(
  ctx: AnalyzerContext,
  analyzer: string,
  kind: string,
  obj: KubernetesObject,
  e: Explanation,
): Finding {
  const f: Finding = {
    severity: e.severity,
    analyzer,
    kind,
    namespace: obj.metadata?.namespace,
    name: obj.metadata?.name ?? '',
    reason: e.reason,
    message: e.message,
    evidence: e.evidence,
    rootCause: e.rootCause,
    suggestion: e.suggestion,
    commands: [...new Set(e.commands)],
  };
  const owner = ctx.topOwner(obj);
  if (owner) f.owner = owner;
  if (f.namespace === undefined) delete f.namespace;
  return f;
}
