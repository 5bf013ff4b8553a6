/** The one place a root cause becomes a sentence, in either language, and the key findings fold and merge on. */
import type { Facts, Language, RootCause } from '../types';
import { refKey } from '../util';
import { causeSpec } from './causes';
import { v } from './causes/spec';

/** A code no table knows (data from an older version) still reads as its code and facts. */
function fallback(code: string, facts: Facts): string {
  const parts = Object.entries(facts).map(([k, x]) => `${k}=${v(x)}`);
  return parts.length ? `${code}: ${parts.join(', ')}` : code;
}

export function causeText(code: string, facts: Facts, lang: Language = 'en'): string {
  const spec = causeSpec(code);
  return spec ? spec[lang](facts) : fallback(code, facts);
}

/** A cause from elsewhere (an older report, a hand-built one) whose code no table knows keeps its English text. */
export function renderCause(rc: Pick<RootCause, 'code' | 'facts'> & { fact?: string }, lang: Language = 'en'): string {
  if (!causeSpec(rc.code) && rc.fact) return rc.fact;
  return causeText(rc.code, rc.facts, lang);
}

/** Object, code and the facts that tell two causes of one code on one object apart. */
export function causeKey(rc: Pick<RootCause, 'object' | 'code' | 'facts'>): string {
  const identity = causeSpec(rc.code)?.identity ?? [];
  return [refKey(rc.object), rc.code, ...identity.map((k) => v(rc.facts[k]))].join('|');
}
