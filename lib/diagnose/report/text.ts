/** A compact, aligned report for terminals: one row per finding, its root cause and one command underneath. */
import { words } from '../render/words';
import type { DiagnosisResult, Language, Severity } from '../types';
import {
  clipText,
  countText,
  counts,
  findingLabel,
  incompleteText,
  namespaceScores,
  nothingFoundText,
  oneLine,
  rootCauseText,
  topCommand,
  wrapText,
} from './format';

export interface TextOptions {
  /** ANSI colours (default false) */
  color?: boolean;
  /** line width the rows are clipped to (default 120) */
  width?: number;
  /** findings listed at most (default all) */
  top?: number;
  /** language of our words and of root causes (default en); names, quoted messages and commands stay as they are */
  language?: Language;
}

const TAG: Record<Severity, string> = { critical: 'CRIT', warning: 'WARN', info: 'INFO' };
const COLOR: Record<Severity, string> = { critical: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** Control characters from untrusted text would move the cursor or recolour the terminal. */
function clean(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f\x9b]/g, '');
}

export function renderText(result: DiagnosisResult, opts: TextOptions = {}): string {
  const width = opts.width ?? 120;
  const paint = (sev: Severity | 'dim', s: string): string =>
    opts.color ? `${sev === 'dim' ? DIM : COLOR[sev]}${s}${RESET}` : s;
  const c = counts(result.findings);
  const lines: string[] = [];
  const lang = opts.language;
  const w = words(lang);
  const incomplete = incompleteText(result, lang);
  if (incomplete) lines.push(clean(incomplete));
  const sev = w.severity;
  lines.push(
    lang && lang !== 'en'
      ? `${result.score === null ? w.noScore : w.score(result.score)}   ${sev.critical} ${c.critical}   ${sev.warning} ${c.warning}   ${sev.info} ${c.info}   ${result.generatedAt}`
      : `${result.score === null ? 'score n/a' : `score ${result.score}/100`}   critical ${c.critical}   warning ${c.warning}   info ${c.info}   ${result.generatedAt}`,
  );
  const ns = namespaceScores(result);
  if (ns.length) lines.push(clipText(`namespaces: ${ns.map(([n, s]) => `${clean(n)} ${s}`).join('  ')}`, width));
  for (const w of result.warnings ?? []) lines.push(paint('dim', clipText(`note: ${clean(w)}`, width)));
  const findings = result.findings.slice(0, opts.top ?? result.findings.length);
  if (findings.length === 0) {
    lines.push('', nothingFoundText(result, lang));
    return lines.join('\n');
  }
  const labels = findings.map((f) => clean(`${findingLabel(f)}${countText(f)}`));
  const col = Math.min(Math.max(...labels.map((l) => l.length)), Math.floor(width / 2));
  lines.push('');
  findings.forEach((f, i) => {
    const label = labels[i].length > col ? `${labels[i].slice(0, col - 1)}…` : labels[i].padEnd(col);
    lines.push(
      `${paint(f.severity, TAG[f.severity])}  ${label}  ${clipText(clean(f.reason), Math.max(10, width - col - 8))}`,
    );
    const indent = ' '.repeat(6);
    const root = rootCauseText(f, { language: lang });
    const rootLabel = lang && lang !== 'en' ? `${w.rootCause}：` : 'root cause: ';
    // The root cause carries the decisive fact (an image reference, a topology key): wrapped, never clipped.
    if (root)
      wrapText(clean(`${rootLabel}${root}`), width - 8).forEach((l, j) =>
        lines.push(`${j ? `${indent}  ` : indent}${l}`),
      );
    else lines.push(`${indent}${clipText(clean(f.message), width - 6)}`);
    // the one line that proves it, also whole; left out when the root cause already quotes it
    const proof = f.rootCause?.evidence;
    const proofText = proof ? clean(oneLine(proof.text)) : '';
    if (proofText && !oneLine(clean(root ?? '')).includes(proofText.replace(/^[A-Za-z]+: /, '')))
      wrapText(`${proof?.source}: ${proofText}`, width - 8).forEach((l, j) =>
        lines.push(paint('dim', `${j ? `${indent}  ` : indent}${l}`)),
      );
    const cmd = topCommand(f);
    if (cmd) lines.push(paint('dim', `${indent}$ ${clipText(clean(cmd), width - 8)}`));
  });
  const left = result.findings.length - findings.length;
  if (left > 0) lines.push('', `…and ${left} more`);
  return lines.join('\n');
}
