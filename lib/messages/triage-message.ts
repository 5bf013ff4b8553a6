/**
 * A triaged alert (lib/triage) → the neutral notification message: the alert's own message with the diagnosis
 * appended (root cause, top findings, suggestion), so an IM card says what fired and why in one place.
 */
import type { NormalizedAlert } from '../alerts';
import type { NotifyMessage } from '../notify';
import type { TriagedAlert } from '../triage/types';
import { alertToMessage, type AlertMessageOptions } from './alert-message';

export interface TriageMessageOptions extends AlertMessageOptions {
  /** Findings listed under the root cause (default 3). */
  maxFindings?: number;
}

const MARK: Record<string, string> = { critical: '🔴', warning: '🟠', info: '🔵' };

function flat(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The diagnosis part of the message body: empty when the alert was not diagnosed and carries no error. */
export function diagnosisSection(t: Pick<TriagedAlert, 'enriched' | 'error' | 'skipped' | 'rootCause' | 'findings' | 'suggestion' | 'events' | 'logs'>, maxFindings = 3): string {
  const out: string[] = [];
  if (t.error) out.push(`⚠️ Diagnosis failed: ${flat(t.error, 300)}`);
  if (t.rootCause) out.push(`**Root cause:** ${flat(t.rootCause, 400)}`);
  const findings = (t.findings ?? []).slice(0, maxFindings);
  if (findings.length) {
    out.push(findings.map((f) => `- ${MARK[f.severity] ?? ''} **${f.reason}** ${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name}: ${flat(f.message, 240)}`).join('\n'));
  } else if (t.enriched && !t.error) {
    out.push('Diagnosis: no problem found on the object, its owners and its pods.');
  }
  if (t.suggestion) out.push(`**Suggestion:** ${flat(t.suggestion, 300)}`);
  const logs = (t.logs ?? []).filter((l) => l.kind === 'errors');
  if (logs.length) {
    const lines = logs.flatMap((l) => l.lines.slice(-2)).slice(-3).map((l) => flat(l, 160));
    out.push(['**Log errors**', '```', ...lines, '```'].join('\n'));
  }
  return out.join('\n\n');
}

export function triagedAlertToMessage(alert: NormalizedAlert, triage: TriagedAlert, opts: TriageMessageOptions = {}): NotifyMessage {
  const base = alertToMessage(alert, opts);
  const extra = diagnosisSection(triage, opts.maxFindings);
  return extra ? { ...base, markdown: base.markdown ? `${base.markdown}\n\n${extra}` : extra } : base;
}
