/**
 * What a family check returns: the root cause as data (lib/diagnose/cause.ts, rendered from its code and facts) and
 * the evidence, suggestion and commands around it. The explainers turn it into their Explanation.
 */
import { cause, type CauseCode } from '../cause';
import type { Evidence, FactValue, ObjectRef, RootCause } from '../types';

export interface FamilyDraft {
  object: ObjectRef;
  code: CauseCode;
  facts: Record<string, FactValue | undefined>;
  evidence: Evidence[];
  suggestion: string;
  commands: string[];
}

export interface FamilyCause {
  rootCause: RootCause;
  evidence: Evidence[];
  suggestion: string;
  commands: string[];
}

export function family(d: FamilyDraft): FamilyCause {
  return {
    rootCause: cause(d.object, d.code, d.facts, d.evidence[0]),
    evidence: d.evidence,
    suggestion: d.suggestion,
    commands: d.commands,
  };
}

export function list(xs: string[], max = 6): string {
  return xs.length > max ? `${xs.slice(0, max).join(', ')} and ${xs.length - max} more` : xs.join(', ');
}
