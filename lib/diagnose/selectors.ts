/**
 * Label selectors as the API server evaluates them, plus the "near miss" comparison that lets a finding name the
 * label that differs instead of only saying "no pods match".
 */
import type { V1LabelSelector, V1Pod } from '@kubernetes/client-node';

export type Labels = Record<string, string> | undefined;

/** A Service-style selector (plain map): every pair must be present. An empty map matches nothing for Services. */
export function matchesMap(labels: Labels, selector: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector)) if (l[k] !== v) return false;
  return true;
}

/** A metav1.LabelSelector: matchLabels AND every matchExpression. An empty selector matches everything. */
export function matchesSelector(labels: Labels, selector: V1LabelSelector | undefined): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(l[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(l[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        // An operator we do not know cannot be evaluated; treating it as a mismatch keeps us from claiming coverage.
        return false;
    }
  }
  return true;
}

export function selectorText(selector: Record<string, string> | undefined): string {
  return Object.entries(selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function labelSelectorText(selector: V1LabelSelector | undefined): string {
  if (!selector) return '';
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`);
  }
  return parts.join(',');
}

/** One selector pair a set of labels fails. `actual` undefined means the label is absent. */
export interface LabelMismatch {
  key: string;
  expected: string;
  actual?: string;
}

export function mismatches(labels: Labels, selector: Record<string, string>): LabelMismatch[] {
  const l = labels ?? {};
  const out: LabelMismatch[] = [];
  for (const [key, expected] of Object.entries(selector)) {
    if (l[key] !== expected) out.push(l[key] === undefined ? { key, expected } : { key, expected, actual: l[key] });
  }
  return out;
}

export interface NearMiss {
  pods: V1Pod[];
  diff: LabelMismatch[];
}

/**
 * Pods that almost match a selector: those failing the fewest pairs, provided they share at least one label key
 * with it (an unrelated pod fails every pair and says nothing). Pods are grouped by the exact difference so the
 * finding can say "pods labelled app=web-v2" once for all replicas.
 */
export function nearMisses(pods: V1Pod[], selector: Record<string, string>): NearMiss[] {
  const keys = Object.keys(selector);
  if (keys.length === 0) return [];
  let best = Infinity;
  const scored: { pod: V1Pod; diff: LabelMismatch[] }[] = [];
  for (const pod of pods) {
    const labels = pod.metadata?.labels ?? {};
    const diff = mismatches(labels, selector);
    if (diff.length === 0) continue;
    const sharesKey = keys.some((k) => k in labels);
    if (!sharesKey) continue;
    // A pod that carries every key but with other values is closer than one missing keys altogether.
    const score = diff.length * 2 + diff.filter((d) => d.actual === undefined).length;
    if (score < best) best = score;
    scored.push({ pod, diff });
  }
  const groups = new Map<string, NearMiss>();
  for (const s of scored) {
    const score = s.diff.length * 2 + s.diff.filter((d) => d.actual === undefined).length;
    if (score !== best) continue;
    const k = s.diff.map((d) => `${d.key}=${d.actual ?? ''}`).join(',');
    const g = groups.get(k);
    if (g) g.pods.push(s.pod);
    else groups.set(k, { pods: [s.pod], diff: s.diff });
  }
  // A value that shares its start with the selector's (postgres for postgresql, web-v2 for web) is the typo or
  // rename; a pod group with an unrelated value (a client's app=orders) is not the one to point the selector at.
  return [...groups.values()].sort((a, b) => closeness(b.diff) - closeness(a.diff) || b.pods.length - a.pods.length);
}

function closeness(diff: LabelMismatch[]): number {
  let n = 0;
  for (const d of diff) {
    const a = d.actual ?? '';
    let i = 0;
    while (i < a.length && i < d.expected.length && a[i] === d.expected[i]) i++;
    n += i;
  }
  return n;
}

/** "app=web (pods have app=web-v2)" / "tier=frontend (pods have no tier label)" */
export function mismatchText(diff: LabelMismatch[]): string {
  return diff
    .map((d) =>
      d.actual === undefined
        ? `${d.key}=${d.expected} (pods have no ${d.key} label)`
        : `${d.key}=${d.expected} (pods have ${d.key}=${d.actual})`,
    )
    .join(', ');
}
