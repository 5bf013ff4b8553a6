/** How a cause code is written down: one sentence per language from the same facts. */
import type { FactValue, Facts } from '../../types';

export interface CauseSpec {
  en: (f: Facts) => string;
  zh: (f: Facts) => string;
  /**
   * Facts that tell two causes with the same code on the same object apart (two missing keys of one ConfigMap,
   * the probes of two containers). Folding and merging key on object, code and these facts.
   */
  identity?: readonly string[];
}

/** Keeps the literal code names, so `cause()` accepts only codes that have text in every language. */
export function defineCauses<T extends Record<string, CauseSpec>>(table: T): T {
  return table;
}

/** A fact as text: lists joined with ", ", absent values as "". */
export function v(x: FactValue | undefined): string {
  if (x === undefined) return '';
  return Array.isArray(x) ? x.join(', ') : String(x);
}

/** " (text)" when the fact is present, "" otherwise. */
export function opt(x: FactValue | undefined, wrap: (s: string) => string): string {
  const s = v(x);
  return s ? wrap(s) : '';
}
