/**
 * The coverage invariant: every signal of trouble the cluster shows — a Warning event, a container's waiting or
 * terminated reason, a False condition of a pod, workload, node, PVC, HPA or Job — is either explained by a finding
 * (the finding is about that object, folds it in, or cites it as evidence or cause) or classified benign by a
 * named rule in lib/diagnose/benign.ts. `unexplainedSignals` lists the ones that are neither.
 */
import { benignRuleFor } from './benign';
import { type Signal, signals } from './signals';
import type { Finding, Snapshot } from './types';
import { refKey } from './util';

export type { Signal } from './signals';

/** Every object a finding speaks for: itself, its owner, what it folded in, the objects its evidence and cause cite. */
function explainedObjects(findings: Finding[]): Set<string> {
  const seen = new Set<string>();
  for (const f of findings) {
    seen.add(refKey({ kind: f.kind, namespace: f.namespace, name: f.name }));
    if (f.owner) seen.add(refKey(f.owner));
    for (const r of f.related ?? []) seen.add(refKey(r));
    for (const e of f.evidence) if (e.object) seen.add(refKey(e.object));
    if (f.rootCause) seen.add(refKey(f.rootCause.object));
  }
  return seen;
}

/** Signals no finding explains and no benign rule classifies. */
export function unexplainedSignals(s: Snapshot, findings: Finding[], namespaces?: string[]): Signal[] {
  const seen = explainedObjects(findings);
  return signals(s, namespaces).filter((x) => !seen.has(refKey(x.object)) && !benignRuleFor(x, s));
}
