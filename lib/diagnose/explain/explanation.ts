/** What every explainer returns about one object: the finding's fields without the object's identity. */
import type { Evidence, RootCause, Severity } from '../types';

export interface Explanation {
  severity: Severity;
  reason: string;
  message: string;
  evidence: Evidence[];
  rootCause: RootCause;
  suggestion: string;
  commands: string[];
  /** the objects between this one and the root cause, for messages that name the chain ("admission webhook x") */
  via?: string;
}
