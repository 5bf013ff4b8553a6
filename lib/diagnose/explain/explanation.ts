/** What every explainer returns about one object: the finding's fields without the object's identity. */
import type { Evidence, ObjectRef, Severity } from '../types';

export interface Explanation {
  severity: Severity;
  reason: string;
  message: string;
  evidence: Evidence[];
  rootCause: { object: ObjectRef; fact: string };
  suggestion: string;
  commands: string[];
  /** the objects between this one and the root cause, for messages that name the chain ("admission webhook x") */
  via?: string;
}
