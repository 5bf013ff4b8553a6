/**
 * A diagnosis (lib/diagnose DiagnosisResult, e.g. the JSON a Kubernetes Diagnose node puts on its item) → the
 * neutral notification message: score and counts as fields, the most severe findings with their root cause.
 */
import type { DiagnosisResult, Finding, Language } from '../diagnose';
import { renderCause } from '../diagnose/render/cause-text';
import { refText } from '../diagnose/util';
import type { MessageMentions, NotifyMessage, NotifySeverity } from '../notify';
import { findingLine, oneLine } from '../triage/render';
import { messageWords, type MessageWords } from './words';

export interface DiagnosisMessageOptions {
  title?: string;
  footer?: string;
  mentions?: MessageMentions;
  /** Findings listed (default 5). */
  maxFindings?: number;
  /** Language of our words (default en) */
  language?: Language;
}

function findingText(f: Finding, w: MessageWords, language: Language | undefined): string {
  const lines = [`- ${findingLine(f)}`];
  if (f.rootCause) {
    // the cause in the chosen language, as the reports write it (lib/diagnose/report/format.ts)
    const fact = language && language !== 'en' ? renderCause(f.rootCause, language) : f.rootCause.fact;
    lines.push(`  ${w.findingRootCause}: ${refText(f.rootCause.object)}: ${oneLine(fact, 200)}`);
  }
  if (f.suggestion) lines.push(`  ${w.findingFix}: ${oneLine(f.suggestion, 200)}`);
  return lines.join('\n');
}

/** True when `value` has the shape of a DiagnosisResult (score and findings). */
export function isDiagnosisResult(value: unknown): value is DiagnosisResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (typeof v.score === 'number' || (v.score === null && v.complete === false)) && Array.isArray(v.findings);
}

export function diagnosisToMessage(result: DiagnosisResult, opts: DiagnosisMessageOptions = {}): NotifyMessage {
  const w = messageWords(opts.language);
  const findings = result.findings ?? [];
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const critical = count('critical');
  const warning = count('warning');
  const incomplete = result.complete === false;
  // Nothing read is nothing resolved: an incomplete diagnosis never reads as healthy.
  const severity: NotifySeverity = critical
    ? 'critical'
    : warning || incomplete
      ? 'warning'
      : findings.length
        ? 'info'
        : 'resolved';
  const scope = result.scope?.resource
    ? refText(result.scope.resource)
    : result.scope?.namespace
      ? w.namespace(result.scope.namespace)
      : w.cluster;
  const shown = findings.slice(0, opts.maxFindings ?? 5);
  const body = shown.length
    ? [
        ...shown.map((f) => findingText(f, w, opts.language)),
        ...(findings.length > shown.length ? [w.moreFindings(findings.length - shown.length)] : []),
      ].join('\n')
    : incomplete
      ? w.noFindingsRead(scope)
      : w.noProblem(scope);
  const warnings = (result.warnings ?? []).slice(0, 3).map((w) => `_${oneLine(w, 200)}_`);
  const unread = (result.failedReads ?? []).map((r) => `${r.list} (${r.reason})`).join(', ');
  const head = incomplete ? [w.incomplete(unread)] : [];
  return {
    title:
      opts.title ??
      w.diagnosisTitle(
        scope,
        `${incomplete ? w.incompleteState : ''}${findings.length ? w.counts(critical, warning) : incomplete ? w.nothingReadState : w.healthy}`,
      ),
    severity,
    ...(severity === 'resolved' ? { status: 'resolved' as const } : {}),
    markdown: [...head, body, ...warnings].join('\n\n'),
    fields: [
      { label: w.fieldScope, value: scope },
      { label: w.fieldScore, value: result.score === null ? w.scoreNA : `${result.score}/100` },
      { label: w.fieldFindings, value: String(findings.length) },
    ],
    ...(opts.mentions ? { mentions: opts.mentions } : {}),
    footer: opts.footer ?? `kube-aiops diagnosis · ${result.generatedAt ?? ''}`.trim(),
  };
}
