/** A family cause as the explainers' Explanation: the cause's sentence leads the message, its evidence first. */
import type { Explanation } from '../explain/explanation';
import type { Evidence, Severity } from '../types';
import type { FamilyCause } from './cause-data';

export function familyExplanation(
  base: { severity: Severity; reason: string; commands?: string[]; evidence?: Evidence[] },
  head: string,
  c: FamilyCause,
): Explanation {
  return {
    severity: base.severity,
    reason: base.reason,
    message: `${head}: ${c.fact}.`,
    evidence: [...c.evidence, ...(base.evidence ?? [])],
    rootCause: { object: c.object, fact: c.fact, code: c.code, facts: c.facts } as Explanation['rootCause'],
    suggestion: c.suggestion,
    commands: [...(base.commands ?? []), ...c.commands],
  };
}
