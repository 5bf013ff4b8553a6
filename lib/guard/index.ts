export { WRITE_VERBS, DEFAULT_PROTECTED_NAMESPACES, DEFAULT_DENIED_KINDS, checkWrite, parsePolicy } from './policy';
export type { PolicyMode, WriteVerb, WritePolicy, WriteRequest, WriteDecision, PolicySettings } from './policy';
export { auditRecord, emitAudit, jsonLinesSink, memorySink } from './audit';
export type { AuditRecord, AuditSink } from './audit';
