/**
 * A diagnosis (lib/diagnose DiagnosisResult, e.g. the JSON a Kubernetes Diagnose node puts on its item) → the
 * neutral notification message: score and counts as fields, the most severe findings with their root cause.
 */
import type { DiagnosisResult, Finding } from '../diagnose';
import type { MessageMentions, NotifyMessage, NotifySeverity } from '../notify';

export interface DiagnosisMessageOptions {
  title?: string;
  footer?: string;
  mentions?: MessageMentions;
  /** Findings listed (default 5). */
  maxFindings?: number;
}

const MARK: Record<string, string> = { critical: '🔴', warning: '🟠', info: '🔵' };

function flat(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function where(f: { kind: string; namespace?: string; name: string }): string {
  return `${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name}`;
}

function findingText(f: Finding): string {
  const lines = [`${MARK[f.severity] ?? ''} **${f.reason}** ${where(f)}${f.count && f.count > 1 ? ` (×${f.count})` : ''}: ${flat(f.message, 300)}`];
  if (f.rootCause) lines.push(`  root cause: ${where(f.rootCause.object)}: ${flat(f.rootCause.fact, 200)}`);
  if (f.suggestion) lines.push(`  fix: ${flat(f.suggestion, 200)}`);
  return lines.map((l, i) => (i === 0 ? `- ${l}` : `  ${l.trim()}`)).join('\n');
}

/** True when `value` has the shape of a DiagnosisResult (score and findings). */
export function isDiagnosisResult(value: unknown): value is DiagnosisResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.score === 'number' && Array.isArray(v.findings);
}

export function diagnosisToMessage(result: DiagnosisResult, opts: DiagnosisMessageOptions = {}): NotifyMessage {
  const findings = result.findings ?? [];
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const critical = count('critical');
  const warning = count('warning');
  const severity: NotifySeverity = critical ? 'critical' : warning ? 'warning' : findings.length ? 'info' : 'resolved';
  const scope = result.scope?.resource ? where(result.scope.resource) : result.scope?.namespace ? `namespace ${result.scope.namespace}` : 'cluster';
  const shown = findings.slice(0, opts.maxFindings ?? 5);
  const body = shown.length
    ? [...shown.map(findingText), ...(findings.length > shown.length ? [`…+${findings.length - shown.length} more finding(s)`] : [])].join('\n')
    : `No problem found in ${scope}.`;
  const warnings = (result.warnings ?? []).slice(0, 3).map((w) => `_${flat(w, 200)}_`);
  return {
    title: opts.title ?? `Kubernetes diagnosis of ${scope}: ${findings.length ? `${critical} critical, ${warning} warning` : 'healthy'}`,
    severity,
    ...(severity === 'resolved' ? { status: 'resolved' as const } : {}),
    markdown: [body, ...warnings].join('\n\n'),
    fields: [
      { label: 'scope', value: scope },
      { label: 'health score', value: `${result.score}/100` },
      { label: 'findings', value: String(findings.length) },
    ],
    ...(opts.mentions ? { mentions: opts.mentions } : {}),
    footer: opts.footer ?? `kube-aiops diagnosis · ${result.generatedAt ?? ''}`.trim(),
  };
}
