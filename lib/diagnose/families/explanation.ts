/** A family cause as the explainers' Explanation: the cause's sentence leads the message, its evidence first. */
import type { Explanation } from '../explain/explanation';
import type { Evidence, RootCause, Severity } from '../types';
import type { FamilyCause } from './cause-data';

export function familyExplanation(
  base: { severity: Severity; reason: string; commands?: string[]; evidence?: Evidence[] },
  head: string,
  c: FamilyCause,
): Explanation {
  return {
    severity: base.severity,
    reason: base.reason,
    message: `${head}: ${c.rootCause.fact}.`,
    evidence: [...c.evidence, ...(base.evidence ?? [])],
    rootCause: c.rootCause,
    suggestion: c.suggestion,
    commands: [...(base.commands ?? []), ...c.commands],
  };
}

/** The root cause a finding carries, from a family cause (undefined stays undefined). */
export function familyRootCause(c: FamilyCause | undefined): RootCause | undefined {
  return c?.rootCause;
}
