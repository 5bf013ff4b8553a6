/**
 * Picks the log lines worth showing: the ones that say why a process died. Bounded so that a chatty pod cannot blow
 * up the report or the LLM budget.
 */

const ERROR_LINE =
  /\b(error|err|exception|fatal|panic|oom|out of memory|killed|traceback|segmentation fault|failed|failure|cannot|could not|unable to|refused|denied|timed? ?out)\b|panic:|Exception|Error:/i;
/** Warning-level lines (structured JSON, logfmt, klog, bracketed levels): used when no line reports an error. */
const WARN_LINE = /"level":\s*"warn(ing)?"|\blevel=warn(ing)?\b|^W\d{4} |\[warn(ing)?\]|\bWARN(ING)?\b/i;
/** Lines that match the pattern but carry no signal. */
const NOISE = /\b(0 errors?|no errors?|error_count=0|errors=0)\b/i;

export interface LogPick {
  lines: string[];
  /** the picked lines are warnings, not errors */
  warnings?: boolean;
  /** the last line of the log when no line matched: what the process said before it stopped */
  lastLine?: string;
}

/**
 * Error lines of one log, newest last, at most `max` lines of at most `width` characters each.
 * Consecutive duplicates are dropped (a retry loop repeats the same error).
 */
export function errorLines(log: string | undefined, max = 5, width = 300): LogPick {
  if (!log) return { lines: [] };
  const all = log
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim().length > 0);
  const short = (l: string) => (l.length > width ? `${l.slice(0, width - 1)}…` : l);
  const errors = pick(all.filter((l) => ERROR_LINE.test(l) && !NOISE.test(l) && !WARN_LINE.test(l)).map(short), max);
  if (errors.length) return { lines: errors };
  const warnings = pick(all.filter((l) => WARN_LINE.test(l)).map(short), max);
  if (warnings.length) return { lines: warnings, warnings: true };
  const last = all[all.length - 1];
  return { lines: [], ...(last ? { lastLine: short(last) } : {}) };
}

/** The first lines (often the cause) and the last ones (the end state), without consecutive repeats. */
function pick(lines: string[], max: number): string[] {
  const dedup = lines.filter((l, i) => i === 0 || l !== lines[i - 1]);
  if (dedup.length <= max) return dedup;
  const head = Math.ceil(max / 2) - 1 || 1;
  return [...dedup.slice(0, head), ...dedup.slice(dedup.length - (max - head))];
}

/** The single most telling error line: the first fatal/panic/exception line, else the last error line. */
export function keyLine(lines: string[]): string | undefined {
  return (
    lines.find((l) => /\b(fatal|panic|exception|traceback|out of memory|oom)\b|panic:/i.test(l)) ??
    lines[lines.length - 1]
  );
}
