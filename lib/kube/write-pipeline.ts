/**
 * Every write goes through here: the policy is checked before any request, dry-run is forced when the policy
 * says so, the before/after are redacted and reduced to changed fields, and one audit record is emitted whether
 * the write was refused, failed or done.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  auditRecord,
  checkWrite,
  emitAudit,
  type AuditRecord,
  type AuditSink,
  type WritePolicy,
  type WriteRequest,
  type WriteVerb,
} from '../guard';
import { diffObjects, hasChanges, type FieldChanges } from './diff';
import { KubeError, toKubeError } from './errors';
import { redact } from './redact';
import { cleanObject } from './clean';
import { recordingWrites } from './http';
import { contextOf, type ResolvedRef } from './target';
import type { Supplied } from './leak-check';
import { checkResult } from './write-checks';

export interface WriteOptions {
  /** checked before any request; see lib/guard */
  policy: WritePolicy;
  /** validate on the server without saving (dryRun=All) */
  dryRun?: boolean;
  /** receives one audit record per write, refused or not */
  audit?: AuditSink;
  /** who asked: an n8n user, an MCP client, a CLI user */
  actor?: string;
}

export interface WriteResult {
  verb: WriteVerb;
  kind: string;
  apiVersion: string;
  namespace?: string;
  name: string;
  dryRun: boolean;
  /** false when the object already matched (nothing to change) */
  changed: boolean;
  /** changed fields before/after, redacted */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** the object after the write (as the server would have it, for a dry run), redacted; absent for deletions */
  object?: KubernetesObject;
  /** one sentence saying what happened */
  message: string;
  audit: AuditRecord;
  warnings: string[];
}

/** What an operation reports back to the pipeline. */
export interface Performed {
  before?: KubernetesObject;
  after?: KubernetesObject;
  /** the object is gone (or would be): before/after become the `(object)` entry */
  deleted?: boolean;
  /** sentence without the dry-run prefix: "scaled Deployment shop/web from 2 to 3 replicas" */
  message: string;
  warnings?: string[];
  /** what the request itself set (a manifest, a patch), so the caller's own values are not judged as leaks */
  supplied?: Supplied[];
}

export type Perform = (dryRun: boolean) => Promise<Performed>;

/** Checks the policy and returns the effective dry-run flag, or throws the refusal (after auditing it). */
export async function authorize(
  ref: ResolvedRef,
  verb: WriteVerb,
  opts: WriteOptions,
): Promise<{ dryRun: boolean; note?: string; allowedBy?: string[] }> {
  const decision = checkWrite(opts.policy, requestOf(ref, verb, opts));
  if (decision.allowed) return { dryRun: decision.dryRun, note: decision.note, allowedBy: decision.allowedBy };
  throw await refusal(ref, verb, opts, decision.dryRun, decision.reason);
}

export async function guardedWrite(
  ref: ResolvedRef,
  verb: WriteVerb,
  opts: WriteOptions,
  perform: Perform,
): Promise<WriteResult> {
  const { dryRun, note, allowedBy } = await authorize(ref, verb, opts);
  return performAuthorized(ref, verb, opts, dryRun, note, perform, allowedBy);
}

/**
 * Verbs whose result is free-form (a manifest, a patch, an old template): the server's dry-run answer is checked
 * for added escalations and leaked hidden values before the real write is sent.
 */
const CHECKED_ON_RESULT: readonly WriteVerb[] = ['create', 'apply', 'update', 'patch', 'rollback'];

/** Runs an already authorized write (multi-document apply authorizes every document first). */
export async function performAuthorized(
  ref: ResolvedRef,
  verb: WriteVerb,
  opts: WriteOptions,
  dryRun: boolean,
  note: string | undefined,
  perform: Perform,
  allowedBy: string[] = [],
): Promise<WriteResult> {
  const sent: string[] = [];
  const attempt = async (asDryRun: boolean): Promise<Performed> => {
    const run = await recordingWrites(() => perform(asDryRun));
    sent.push(...run.sent);
    if (run.error === undefined && run.value !== undefined) return run.value;
    const error = toKubeError(run.error, { ...contextOf(ref, verb), write: true });
    if (error.reason === 'PolicyDenied') throw await refusal(ref, verb, opts, dryRun, error.message, sent);
    const record = auditRecord({
      ...auditBase(ref, verb, opts, asDryRun),
      allowed: true,
      reason: note,
      requests: sent.length > 0 ? [...sent] : undefined,
      error: error.message,
    });
    await emitAudit(opts.audit, record);
    error.audit = record;
    throw error;
  };

  let done: Performed;
  const grants = [...allowedBy];
  if (CHECKED_ON_RESULT.includes(verb)) {
    const probe = await attempt(true);
    const check = checkResult(opts.policy, requestOf(ref, verb, opts), probe.before, probe.after, probe.supplied);
    if (check.refused) throw await refusal(ref, verb, opts, dryRun, check.refused, sent);
    grants.push(...check.allowedBy);
    done = dryRun ? probe : await attempt(false);
  } else {
    done = await attempt(dryRun);
  }
  const changes = changesOf(done);
  const record = auditRecord({
    ...auditBase(ref, verb, opts, dryRun),
    allowed: true,
    reason: note,
    allowedBy: grants.length > 0 ? grants : undefined,
    requests: sent.length > 0 ? sent : undefined,
    before: changes.before,
    after: changes.after,
  });
  const sinkWarning = await emitAudit(opts.audit, record);
  const warnings = [...(done.warnings ?? []), ...(note ? [note] : []), ...(sinkWarning ? [sinkWarning] : [])];
  return {
    verb,
    kind: ref.type.kind,
    apiVersion: ref.type.apiVersion,
    namespace: ref.namespace,
    name: ref.name,
    dryRun,
    changed: hasChanges(changes),
    before: changes.before,
    after: changes.after,
    object: done.after && !done.deleted ? cleanObject(redact(done.after)) : undefined,
    message: dryRun ? `dry run: ${done.message} — validated by the API server, nothing was saved` : done.message,
    audit: record,
    warnings,
  };
}

function requestOf(ref: ResolvedRef, verb: WriteVerb, opts: WriteOptions): WriteRequest {
  return { verb, kind: ref.type.kind, namespace: ref.namespace, name: ref.name, dryRun: opts.dryRun };
}

/** Audits a refusal and returns the error to throw. */
async function refusal(
  ref: ResolvedRef,
  verb: WriteVerb,
  opts: WriteOptions,
  dryRun: boolean,
  reason: string,
  sent: string[] = [],
): Promise<KubeError> {
  const record = auditRecord({
    ...auditBase(ref, verb, opts, dryRun),
    allowed: false,
    reason,
    requests: sent.length > 0 ? [...sent] : undefined,
  });
  await emitAudit(opts.audit, record);
  return new KubeError(reason, {
    reason: 'PolicyDenied',
    audit: record,
    context: { verb, kind: ref.type.kind, namespace: ref.namespace, name: ref.name },
  });
}

function changesOf(done: Performed): FieldChanges {
  if (done.deleted) return { before: { '(object)': done.before ? objectLabel(done.before) : 'existed' }, after: {} };
  return diffObjects(redact(done.before), redact(done.after));
}

function objectLabel(obj: KubernetesObject): string {
  const ns = obj.metadata?.namespace ? `${obj.metadata.namespace}/` : '';
  return `${obj.kind ?? 'object'} ${ns}${obj.metadata?.name ?? ''}`;
}

function auditBase(ref: ResolvedRef, verb: WriteVerb, opts: WriteOptions, dryRun: boolean) {
  return { actor: opts.actor, verb, kind: ref.type.kind, namespace: ref.namespace, name: ref.name, dryRun };
}

/** `?dryRun=All` when dry-running */
export function dryRunQuery(dryRun: boolean): { dryRun?: string } {
  return dryRun ? { dryRun: 'All' } : {};
}
