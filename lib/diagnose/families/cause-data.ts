/**
 * What a family check returns: the root cause as data (object, code, facts, the one piece of evidence) and the
 * words around it. The explainers turn it into their Explanation.
 */
import type { Evidence, ObjectRef } from '../types';

export type FamilyFacts = Record<string, string | number | boolean | string[]>;

export interface FamilyCause {
  object: ObjectRef;
  code: string;
  facts: FamilyFacts;
  evidence: Evidence[];
  /** the English sentence of the cause, quoting the values in facts */
  fact: string;
  suggestion: string;
  commands: string[];
}

export function list(xs: string[], max = 6): string {
  return xs.length > max ? `${xs.slice(0, max).join(', ')} and ${xs.length - max} more` : xs.join(', ');
}
