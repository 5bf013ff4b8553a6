/**
 * Every root-cause code and how it reads. One file per family; a new code goes into its family's table (or a new
 * family file listed here) with an English and a Chinese sentence built from the same facts.
 */
import { admissionCauses } from './admission';
import { containerCauses } from './container';
import { mechanismCauses } from './mechanisms';
import { networkCauses } from './network';
import { referenceCauses } from './references';
import { schedulingCauses } from './scheduling';
import type { CauseSpec } from './spec';
import { storageCauses } from './storage';
import { workloadCauses } from './workload';

export const CAUSES = {
  ...containerCauses,
  ...schedulingCauses,
  ...storageCauses,
  ...referenceCauses,
  ...networkCauses,
  ...admissionCauses,
  ...workloadCauses,
  ...mechanismCauses,
} satisfies Record<string, CauseSpec>;

export type CauseCode = keyof typeof CAUSES;

export function causeSpec(code: string): CauseSpec | undefined {
  return Object.prototype.hasOwnProperty.call(CAUSES, code) ? (CAUSES as Record<string, CauseSpec>)[code] : undefined;
}
