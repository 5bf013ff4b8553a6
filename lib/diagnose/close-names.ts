/** Names close to one that does not exist, for "did you mean" hints. Bounded: short names, a capped candidate list. */

const MAX_NAME = 63;
const MAX_CANDIDATES = 2000;

function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    let rowMin = prev[0];
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
      rowMin = Math.min(rowMin, prev[j]);
    }
    if (rowMin > cap) return cap + 1;
  }
  return prev[b.length];
}

/** Up to `max` candidates within a typo's distance of `name` (or one dash-word longer or shorter), closest first. */
export function closeMatches(name: string, candidates: string[], max = 3): string[] {
  if (!name || name.length > MAX_NAME) return [];
  const lower = name.toLowerCase();
  const cap = Math.max(2, Math.floor(name.length / 4));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates.slice(0, MAX_CANDIDATES)) {
    if (c === name || c.length > MAX_NAME) continue;
    const l = c.toLowerCase();
    const affix = l.startsWith(`${lower}-`) || lower.startsWith(`${l}-`) || l.endsWith(`-${lower}`);
    const d = affix ? cap : distance(lower, l, cap);
    if (d <= cap) scored.push({ c, d });
  }
  return scored
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map((x) => x.c);
}

/** '; did you mean "a" or "b"?' or '' */
export function didYouMean(matches: string[]): string {
  if (!matches.length) return '';
  const q = matches.map((m) => `"${m}"`);
  return `; did you mean ${q.length === 1 ? q[0] : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`}?`;
}
