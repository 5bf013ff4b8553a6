export {
  WRITE_VERBS,
  DEFAULT_PROTECTED_NAMESPACES,
  DEFAULT_DENIED_KINDS,
  ESCALATIONS,
  checkWrite,
  checkEscalations,
  describePolicy,
  parsePolicy,
} from './policy';
export type {
  Escalation,
  PolicyMode,
  WriteVerb,
  WritePolicy,
  WriteRequest,
  WriteDecision,
  PolicySettings,
} from './policy';
export { addedEscalations, findEscalations } from './escalation';
export type { FoundEscalation } from './escalation';
export { auditRecord, emitAudit, jsonLinesSink, memorySink } from './audit';
export type { AuditRecord, AuditSink } from './audit';
