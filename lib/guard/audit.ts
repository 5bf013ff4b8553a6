/**
 * The audit record of one write (or refused write) and the sink it is handed to.
 * The bridge writes records as JSON lines; the n8n nodes return them in the output item.
 * Callers redact before/after before building a record: this module holds no knowledge of Kubernetes objects.
 */

export interface AuditRecord {
  /** ISO 8601 */
  time: string;
  actor?: string;
  verb: string;
  kind: string;
  namespace?: string;
  name?: string;
  dryRun: boolean;
  allowed: boolean;
  /** why the policy refused, or the note it attached (e.g. forced dry run) */
  reason?: string;
  /** changed fields only, keyed by path (`spec.replicas`), values already redacted */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** the changing requests actually sent, as `METHOD /path[?dryRun=All]`; absent when none was */
  requests?: string[];
  /** what the policy's allow list lifted for this write (e.g. "kind Secret"), so an audit reader sees it */
  allowedBy?: string[];
  /** set when the write was allowed but the API request failed */
  error?: string;
}

export type AuditSink = (record: AuditRecord) => void | Promise<void>;

export function auditRecord(fields: Omit<AuditRecord, 'time'> & { time?: string }): AuditRecord {
  const record: AuditRecord = { time: fields.time ?? new Date().toISOString(), ...fields };
  for (const key of Object.keys(record) as (keyof AuditRecord)[]) {
    if (record[key] === undefined) delete record[key];
  }
  return record;
}

/**
 * Hands a record to the sink. A failing sink must not turn a write that happened into a reported failure,
 * so its error is returned as text for the caller to surface as a warning.
 */
export async function emitAudit(sink: AuditSink | undefined, record: AuditRecord): Promise<string | undefined> {
  if (!sink) return undefined;
  try {
    await sink(record);
    return undefined;
  } catch (err) {
    return `audit sink failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** A sink that serialises each record to one JSON line. */
export function jsonLinesSink(writeLine: (line: string) => void | Promise<void>): AuditSink {
  return (record) => writeLine(`${JSON.stringify(record)}\n`);
}

/** A sink that keeps records in memory (n8n nodes return them with the item). */
export function memorySink(): AuditSink & { records: AuditRecord[] } {
  const records: AuditRecord[] = [];
  const sink = (record: AuditRecord): void => {
    records.push(record);
  };
  return Object.assign(sink, { records });
}
