/** Small pieces every report format shares: counts, object labels, the one command worth showing. */
import { renderCause } from '../render/cause-text';
import { words } from '../render/words';
import type { DiagnosisResult, Finding, Language, Severity } from '../types';
import { refText } from '../util';

export const SEVERITIES: Severity[] = ['critical', 'warning', 'info'];

export type Counts = Record<Severity, number>;

export function counts(findings: Finding[]): Counts {
  const c: Counts = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** "Kind ns/name", the same label the analyzers write. */
export const refLabel = refText;

export function findingLabel(f: Finding): string {
  return refLabel({ kind: f.kind, namespace: f.namespace, name: f.name });
}

/** "Secret shop/db — does not exist"; the fact usually repeats the object, so it is not said twice. */
export function rootCauseText(f: Finding, opts: { short?: boolean; language?: Language } = {}): string | undefined {
  if (!f.rootCause) return undefined;
  const o = f.rootCause.object;
  const text = opts.language && opts.language !== 'en' ? renderCause(f.rootCause, opts.language) : f.rootCause.fact;
  const self = o.kind === f.kind && o.name === f.name && (o.namespace ?? '') === (f.namespace ?? '');
  // A finding about the cause itself need not name it again.
  if (opts.short && self) return text;
  const obj = refLabel(o);
  const bare = `${f.rootCause.object.kind} ${f.rootCause.object.name}`;
  const fact = text.startsWith(bare) ? text.slice(bare.length).trim() : text;
  return `${obj}: ${fact}`;
}

/** The command to show when there is room for one: a fix beats a look. */
export function topCommand(f: Finding): string | undefined {
  const cmds = f.commands ?? [];
  return cmds.find((c) => /\b(patch|create|scale|set|apply|edit|delete|rollout (undo|restart))\b/.test(c)) ?? cmds[0];
}

export function countText(f: Finding): string {
  return f.count && f.count > 1 ? ` ×${f.count}` : '';
}

/**
 * The line every text format begins with when a list the analyzers need could not be read: what is missing, and
 * that there is no verdict. Undefined for a complete diagnosis.
 */
export function incompleteText(result: DiagnosisResult, language?: Language): string | undefined {
  if (result.complete !== false) return undefined;
  const w = words(language);
  const reads = (result.failedReads ?? []).map((r) => `${r.list} (${w.readReason[r.reason]})`).join(', ');
  return w.incomplete(reads);
}

/** "No problems found." only when everything was read. */
export function nothingFoundText(result: DiagnosisResult, language?: Language): string {
  const w = words(language);
  return result.complete === false ? w.nothingInPartial : w.noProblems;
}

/** Namespaces with findings, worst first (a clean namespace's 100 is noise in a short report); none when incomplete. */
export function namespaceScores(result: DiagnosisResult): [string, number][] {
  return Object.entries(result.namespaces)
    .filter(
      (e): e is [string, { score: number; critical: number; warning: number; info: number }] => e[1].score !== null,
    )
    .filter(([, v]) => v.critical + v.warning + v.info > 0)
    .map(([ns, v]) => [ns, v.score] as [string, number])
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
}

export function clipText(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * Lines of at most `width` characters holding the whole text: breaks at spaces, and inside a word only when the word
 * alone is wider (a long image reference or URL). For what must never be cut: a root cause and its proof.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(10, width);
  const out: string[] = [];
  let cur = '';
  for (let word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (cur && cur.length + 1 + word.length <= w) {
      cur += ` ${word}`;
      continue;
    }
    if (cur) out.push(cur);
    while (word.length > w) {
      out.push(word.slice(0, w));
      word = word.slice(w);
    }
    cur = word;
  }
  if (cur || !out.length) out.push(cur);
  return out;
}

/** Whitespace folded to one line, nothing cut (the root cause and its proof are already bounded where they are made). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
