/**
 * Markdown short enough for an IM message (Feishu, WeCom, DingTalk, Slack): the score, counts per severity, then
 * the top findings each with its root cause and the one command that fixes or confirms it. Never exceeds maxChars;
 * what does not fit is summarised in a last line.
 */
import { words } from '../render/words';
import type { DiagnosisResult, Finding, Language, Severity } from '../types';
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
} from './format';

export interface MarkdownOptions {
  /** hard cap on the output length (default 3800: under WeCom's 4096-byte markdown limit for ASCII) */
  maxChars?: number;
  /** findings shown at most (default 5) */
  top?: number;
  title?: string;
  /** leave out info findings (default true) */
  skipInfo?: boolean;
  /** language of our words and of root causes (default en); names, quoted messages and commands stay as they are */
  language?: Language;
}

const ICON: Record<Severity, string> = { critical: '🔴', warning: '🟠', info: '🔵' };

/** Escapes what CommonMark would read as markup in untrusted text (messages, log lines). */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|~])/g, '\\$1');
}

/** Inline code that survives a backtick inside the command. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function block(f: Finding, i: number, lang?: Language): string {
  const lines = [
    `**${i}. ${ICON[f.severity]} ${escapeMarkdown(findingLabel(f))}** · ${escapeMarkdown(f.reason)}${countText(f)}`,
  ];
  const root = rootCauseText(f, { language: lang });
  const label = lang && lang !== 'en' ? `${words(lang).rootCause}：` : 'Root cause: ';
  // The root cause is whole (its decisive fact may be at the end); only the message is secondary and clipped.
  lines.push(root ? `${label}${escapeMarkdown(oneLine(root))}` : escapeMarkdown(clipText(f.message, 220)));
  const cmd = topCommand(f);
  if (cmd) lines.push(code(clipText(cmd, 300)));
  return lines.join('\n');
}

export function renderMarkdown(result: DiagnosisResult, opts: MarkdownOptions = {}): string {
  const maxChars = opts.maxChars ?? 3800;
  const top = opts.top ?? 5;
  const c = counts(result.findings);
  const ns = namespaceScores(result)
    .slice(0, 6)
    .map(([n, s]) => `${escapeMarkdown(n)} ${s}`)
    .join(' · ');
  const lang = opts.language;
  const w = words(lang);
  const incomplete = incompleteText(result, lang);
  const head = [
    ...(incomplete ? [`⚠️ **${escapeMarkdown(incomplete)}**`] : []),
    `**${escapeMarkdown(opts.title ?? w.title)}${result.score === null ? '' : ` — ${w.score(result.score)}`}**${ns ? ` (${ns})` : ''}`,
    `${ICON.critical} ${c.critical} ${w.severity.critical} · ${ICON.warning} ${c.warning} ${w.severity.warning} · ${ICON.info} ${c.info} ${w.severity.info}`,
  ].join('\n');
  const shown = result.findings.filter((f) => !(opts.skipInfo ?? true) || f.severity !== 'info');
  const parts = [head];
  let used = head.length;
  let listed = 0;
  const listedSet = new Set<Finding>();
  const footer = (extra?: Finding): string => {
    const left = result.findings.filter((f) => !listedSet.has(f) && f !== extra);
    if (!left.length) return '';
    const lc = counts(left);
    const by = (['critical', 'warning', 'info'] as Severity[])
      .filter((s) => lc[s])
      .map((s) => `${lc[s]} ${w.severity[s]}`)
      .join(', ');
    return w.more(left.length, by);
  };
  for (const f of shown) {
    if (listed >= top) break;
    const b = block(f, listed + 1, lang);
    const after = footer(f);
    // Room for this block, the separators and the "…and N more" line that would follow it.
    if (used + 2 + b.length + (after ? after.length + 2 : 0) > maxChars) break;
    parts.push(b);
    listedSet.add(f);
    used += 2 + b.length;
    listed++;
  }
  if (result.findings.length === 0) parts.push(nothingFoundText(result, lang));
  const rest = footer();
  if (rest) parts.push(rest);
  const out = parts.join('\n\n');
  // The header alone can exceed a tiny cap; cut it rather than break the promise.
  return out.length <= maxChars ? out : `${out.slice(0, Math.max(0, maxChars - 1))}…`;
}
