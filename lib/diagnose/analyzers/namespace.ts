/**
 * Namespace: a namespace stuck Terminating, with the reason its deletion controller gives (an APIService that
 * discovery cannot list, finalizers left on its objects, content it fails to delete).
 */
import { namespaceTerminatingCause } from '../families/terminating';
import type { Analyzer, Finding } from '../types';

export const namespaceAnalyzer: Analyzer = {
  name: 'Namespace',
  default: true,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const ns of ctx.snapshot.namespaces) {
      const c = namespaceTerminatingCause(ctx.snapshot, ns);
      if (!c) continue;
      const name = ns.metadata?.name ?? '';
      out.push({
        severity: 'warning',
        analyzer: 'Namespace',
        kind: 'Namespace',
        // the namespace's own name, so `-n NAME` shows why NAME does not go away
        namespace: name,
        name,
        reason: 'NamespaceStuckTerminating',
        message: `Namespace ${name} is stuck Terminating: ${c.rootCause.fact}.`,
        evidence: c.evidence,
        rootCause: c.rootCause,
        suggestion: c.suggestion,
        commands: c.commands,
      });
    }
    return out;
  },
};
