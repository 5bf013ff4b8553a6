/** Findings as structured content: the facts a client can act on, without the evidence bulk the text already carries. */
import type { Finding, ObjectRef } from '../../lib/diagnose';
import { refText } from '../../lib/diagnose/util';

export interface CompactFinding {
  severity: Finding['severity'];
  reason: string;
  object: ObjectRef;
  message: string;
  rootCause?: { object: ObjectRef; fact: string };
  suggestion?: string;
  count?: number;
  evidence: string[];
}

const refOf = (f: Finding): ObjectRef =>
  f.namespace ? { kind: f.kind, namespace: f.namespace, name: f.name } : { kind: f.kind, name: f.name };

export function compactFinding(f: Finding, evidence = 3): CompactFinding {
  const out: CompactFinding = {
    severity: f.severity,
    reason: f.reason,
    object: refOf(f),
    message: f.message,
    evidence: f.evidence.slice(0, evidence).map((e) => e.text),
  };
  if (f.rootCause) out.rootCause = f.rootCause;
  if (f.suggestion) out.suggestion = f.suggestion;
  if (f.count && f.count > 1) out.count = f.count;
  return out;
}

/** Distinct root causes in finding order (most severe, most impact first), as "Kind ns/name: fact". */
export function rootCauses(findings: Finding[]): string[] {
  return [
    ...new Set(findings.flatMap((f) => (f.rootCause ? [`${refText(f.rootCause.object)}: ${f.rootCause.fact}`] : []))),
  ];
}
