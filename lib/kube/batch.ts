/**
 * Multi-document writes (apply, create) are all-or-nothing up to the last moment: every document is resolved
 * and checked against the policy, then every one is dry-run on the server, and only when all pass is any of
 * them written. One bad document applies nothing.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { auditRecord, checkWrite, emitAudit, type WriteVerb } from '../guard';
import { KubeError, toKubeError, type KubeErrorContext } from './errors';
import { parseManifests, type ManifestInput } from './manifest';
import { quote, validateGenerateName, validateName, validateNamespace } from './names';
import { secretValuesOf } from './redact';
import { scrubbingErrors } from './scrub';
import { resolveKind } from './resolve';
import { contextOf, refText, type ResolvedRef } from './target';
import { checkResult } from './write-checks';
import { performAuthorized, type Perform, type WriteOptions, type WriteResult } from './write-pipeline';
import type { KubeConnection } from './connect';

export interface BatchResult {
  dryRun: boolean;
  results: WriteResult[];
  /** one sentence per document */
  message: string;
}

/** Thrown when a real write fails after earlier documents were written: `results` holds those. */
export class PartialWriteError extends KubeError {
  results: WriteResult[] = [];
}

/** Where the documents of a batch go. */
export interface BatchNamespace {
  /** namespace for documents that name none (default: the connection's) */
  namespace?: string;
  /**
   * `namespace` is the namespace of the call, as kubectl's `-n` is: a document naming another one is refused instead
   * of written there (a model told to work in one namespace is not steered into another by the text it pastes)
   */
  onlyNamespace?: boolean;
}

export interface PreparedDoc {
  doc: KubernetesObject;
  ref: ResolvedRef;
}

export async function runBatch(
  conn: KubeConnection,
  input: ManifestInput,
  verb: WriteVerb,
  opts: WriteOptions & BatchNamespace,
  performFor: (prepared: PreparedDoc) => Perform,
): Promise<BatchResult> {
  const prepared = await prepare(conn, parseManifests(input), opts);
  const label = (i: number): string => `document ${i + 1} (${refText(prepared[i].ref)})`;

  const decisions = prepared.map((p) =>
    checkWrite(opts.policy, {
      verb,
      kind: p.ref.type.kind,
      namespace: p.ref.namespace,
      name: p.ref.name,
      dryRun: opts.dryRun,
    }),
  );
  const refusals = decisions.flatMap((d, i) => (d.allowed ? [] : [{ i, reason: d.reason }]));
  if (refusals.length > 0) {
    const records = prepared.map((p, i) => {
      const refusal = refusals.find((r) => r.i === i);
      const reason = refusal
        ? refusal.reason
        : `not applied: ${refusals.map((r) => label(r.i)).join(', ')} refused by the write policy`;
      return auditRecord({ ...auditBase(p.ref, verb, opts), allowed: false, reason });
    });
    for (const record of records) await emitAudit(opts.audit, record);
    const what = refusals.map((r) => (prepared.length > 1 ? `${label(r.i)}: ${r.reason}` : r.reason)).join('; ');
    throw new KubeError(prepared.length > 1 ? `nothing was applied — ${what}` : what, {
      reason: 'PolicyDenied',
      audit: records[refusals[0].i],
    });
  }

  const dryRun = decisions.every((d) => d.dryRun);
  const grants = decisions.map((d) => (d.allowed ? (d.allowedBy ?? []) : []));
  const note = decisions.find((d) => d.allowed && d.note);
  const noteText = note && note.allowed ? note.note : undefined;
  const performs = prepared.map((p) => scrubbing(p, verb, performFor(p)));

  // a single document is atomic on its own; several are validated on the server before the first real write
  if (!dryRun && prepared.length > 1) {
    for (const [i, perform] of performs.entries()) {
      try {
        const probe = await perform(true);
        const check = checkResult(
          opts.policy,
          { verb, kind: prepared[i].ref.type.kind, namespace: prepared[i].ref.namespace, name: prepared[i].ref.name },
          probe.before,
          probe.after,
          probe.supplied,
        );
        if (check.refused) throw new KubeError(check.refused, { reason: 'PolicyDenied' });
      } catch (err) {
        const error = toKubeError(err, writeContext(prepared[i].ref, verb));
        for (const [j, p] of prepared.entries()) {
          const why = j === i ? error.message : `not applied: ${label(i)} failed the dry run`;
          await emitAudit(
            opts.audit,
            auditRecord({
              ...auditBase(p.ref, verb, opts),
              dryRun: true,
              allowed: error.reason !== 'PolicyDenied',
              error: why,
            }),
          );
        }
        const prefix = prepared.length > 1 ? `nothing was applied — ${label(i)} failed the server dry run: ` : '';
        throw new KubeError(`${prefix}${error.message}`, { ...error, context: error.context });
      }
    }
  }

  const results: WriteResult[] = [];
  for (const [i, perform] of performs.entries()) {
    try {
      results.push(await performAuthorized(prepared[i].ref, verb, opts, dryRun, noteText, perform, grants[i]));
    } catch (err) {
      const error = toKubeError(err, writeContext(prepared[i].ref, verb));
      if (results.length === 0) throw error;
      const rest = prepared.length - i - 1;
      const partial = new PartialWriteError(
        `${verb} stopped: ${results.length} of ${prepared.length} documents were written, then ${label(i)} failed: ${error.message}${rest ? `; the remaining ${rest} were not sent` : ''}`,
        { ...error, context: error.context },
      );
      partial.results = results;
      throw partial;
    }
  }
  return { dryRun, results, message: results.map((r) => r.message).join('\n') };
}

async function prepare(
  conn: KubeConnection,
  docs: KubernetesObject[],
  { namespace, onlyNamespace }: BatchNamespace,
): Promise<PreparedDoc[]> {
  const out: PreparedDoc[] = [];
  for (const [i, doc] of docs.entries()) {
    let type;
    try {
      type = await resolveKind(conn, { apiVersion: doc.apiVersion, kind: doc.kind as string });
    } catch (err) {
      if (err instanceof KubeError && docs.length > 1)
        throw new KubeError(`nothing was applied — document ${i + 1}: ${err.message}`, { reason: err.reason });
      throw err;
    }
    const metadata = { ...doc.metadata };
    const where = docs.length > 1 ? `document ${i + 1}: ` : '';
    try {
      const asked = typeof namespace === 'string' ? namespace.trim() : '';
      if (onlyNamespace && type.namespaced && asked && metadata.namespace && metadata.namespace !== asked)
        throw new KubeError(
          `the manifest names namespace ${quote(String(metadata.namespace))} but the call asked for namespace ${quote(asked)}; make them match or leave one out`,
          { reason: 'BadInput' },
        );
      if (type.namespaced) metadata.namespace = validateNamespace(metadata.namespace || asked || conn.namespace);
      else delete metadata.namespace;
      if (metadata.name !== undefined) validateName(String(metadata.name), type.kind);
      else validateGenerateName(String(metadata.generateName ?? ''), type.kind);
    } catch (err) {
      if (err instanceof KubeError && where)
        throw new KubeError(`nothing was applied — ${where}${err.message}`, { reason: err.reason });
      throw err;
    }
    const name = metadata.name ?? `${metadata.generateName ?? ''}*`;
    out.push({ doc: { ...doc, metadata }, ref: { type, name, namespace: metadata.namespace } });
  }
  return out;
}

/** A Secret's values may come back inside a validation message; they must not leave through the error. */
function scrubbing(p: PreparedDoc, verb: WriteVerb, perform: Perform): Perform {
  return scrubbingErrors(perform, secretValuesOf(p.doc), writeContext(p.ref, verb));
}

function auditBase(ref: ResolvedRef, verb: WriteVerb, opts: WriteOptions) {
  return {
    actor: opts.actor,
    verb,
    kind: ref.type.kind,
    namespace: ref.namespace,
    name: ref.name,
    dryRun: opts.dryRun === true,
  };
}

function writeContext(ref: ResolvedRef, verb: string): KubeErrorContext {
  return { ...contextOf(ref, verb), write: true };
}
