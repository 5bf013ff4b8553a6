/**
 * A triaged alert (lib/triage) → the neutral notification message: the alert's own message with the diagnosis
 * appended (root cause, top findings, suggestion), so an IM card says what fired and why in one place.
 */
import type { NormalizedAlert } from '../alerts';
import { refText } from '../diagnose/util';
import type { NotifyMessage } from '../notify';
import { oneLine, SEVERITY_MARK } from '../triage/render';
import type { TriagedAlert } from '../triage/types';
import { alertToMessage, type AlertMessageOptions } from './alert-message';
import { messageWords, type MessageWords } from './words';

export interface TriageMessageOptions extends AlertMessageOptions {
  /** Findings listed under the root cause (default 3). */
  maxFindings?: number;
}

type TriageParts = Pick<
  TriagedAlert,
  'enriched' | 'error' | 'skipped' | 'rootCause' | 'findings' | 'suggestion' | 'events' | 'logs'
>;

/** The line that goes first: the root cause, or why there is none. Digests show only the first lines of each message. */
function diagnosisHead(t: TriageParts, w: MessageWords): string {
  if (t.error) return `⚠️ ${w.diagnosisFailed}: ${oneLine(t.error, 300)}`;
  if (t.rootCause) return `**${w.rootCause}:** ${oneLine(t.rootCause, 400)}`;
  return '';
}

/** The rest of the diagnosis: findings, suggestion, log errors. */
function diagnosisSection(t: TriageParts, w: MessageWords, maxFindings = 3): string {
  const out: string[] = [];
  const findings = (t.findings ?? []).slice(0, maxFindings);
  if (findings.length) {
    out.push(
      findings
        .map((f) => `- ${SEVERITY_MARK[f.severity] ?? ''} **${f.reason}** ${refText(f)}: ${oneLine(f.message, 240)}`)
        .join('\n'),
    );
  } else if (t.enriched && !t.error) {
    out.push(w.nothingFound);
  }
  if (t.suggestion) out.push(`**${w.suggestion}:** ${oneLine(t.suggestion, 300)}`);
  const logs = (t.logs ?? []).filter((l) => l.kind === 'errors');
  if (logs.length) {
    const lines = logs
      .flatMap((l) => l.lines.slice(-2))
      .slice(-3)
      .map((l) => oneLine(l, 160));
    out.push([`**${w.logErrors}**`, '```', ...lines, '```'].join('\n'));
  }
  return out.join('\n\n');
}

export function triagedAlertToMessage(
  alert: NormalizedAlert,
  triage: TriagedAlert,
  opts: TriageMessageOptions = {},
): NotifyMessage {
  const w = messageWords(opts.language);
  const base = alertToMessage(alert, opts);
  const markdown = [diagnosisHead(triage, w), base.markdown, diagnosisSection(triage, w, opts.maxFindings)]
    .filter(Boolean)
    .join('\n\n');
  return { ...base, markdown };
}
