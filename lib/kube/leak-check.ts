/**
 * Whether a write would show a value that reads hide (Secret data, a credential env value, a credential inside text)
 * in a field that reads show. Judged on the server's dry-run answer, place by place: a visible string counts as a
 * leak unless the request itself put that string there. Values the caller supplied are what the caller already knew;
 * judging them by value would make the refusal an oracle ("refused exactly when the label I set equals the hidden
 * password"), so the answer to a right guess and to a wrong one must be the same.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { hiddenValues, redact } from './redact';

/** What a request sets: `value` placed at the JSON-pointer tokens `at` (`[]` for a whole manifest or merge patch). */
export interface Supplied {
  at: string[];
  value: unknown;
}

export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** How many distinct hidden values would show in `after` at a place the request did not set them. */
export function leakedValues(
  before: KubernetesObject | undefined,
  after: KubernetesObject,
  supplied: Supplied[] = [],
): number {
  const hidden = new Set([...hiddenValues(before), ...hiddenValues(after)]);
  if (hidden.size === 0) return 0;
  // a value reads already showed before the write is no secret this write could reveal
  const shownBefore = before ? JSON.stringify(redact(before)) : '';
  const candidates = [...hidden].filter((v) => !shownBefore.includes(JSON.stringify(v).slice(1, -1)));
  if (candidates.length === 0) return 0;
  const leaked = new Set<string>();
  const look = (text: string, path: string[], isKey: boolean): void => {
    const hits = candidates.filter((v) => text.includes(v));
    if (hits.length === 0) return;
    const set = suppliedAt(supplied, path, after);
    const own = isKey ? (set !== undefined ? text : '') : typeof set === 'string' ? set : '';
    for (const v of hits) if (!own.includes(v)) leaked.add(v);
  };
  visit(redact(after), [], look);
  return leaked.size;
}

function visit(node: unknown, path: string[], look: (text: string, path: string[], isKey: boolean) => void): void {
  if (typeof node === 'string') {
    look(node, path, false);
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((v, i) => visit(v, [...path, String(i)], look));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    const at = [...path, k];
    look(k, at, true);
    visit(v, at, look);
  }
}

/** The value the request set at `path` of the result, if any (list items of a strategic patch match by `name`). */
function suppliedAt(supplied: Supplied[], path: string[], after: unknown): unknown {
  for (const s of supplied) {
    if (s.at.length > path.length) continue;
    let resultNode: unknown = after;
    let ok = true;
    for (const [i, t] of s.at.entries()) {
      if (t !== path[i]) {
        ok = false;
        break;
      }
      resultNode = child(resultNode, path[i]);
    }
    if (!ok) continue;
    let node = s.value;
    for (const t of path.slice(s.at.length)) {
      const item = child(resultNode, t);
      node = Array.isArray(node) ? matchItem(node, item, t) : child(node, t);
      resultNode = item;
      if (node === undefined) break;
    }
    if (node !== undefined) return node;
  }
  return undefined;
}

function matchItem(list: unknown[], resultItem: unknown, index: string): unknown {
  const name = isRecord(resultItem) ? resultItem.name : undefined;
  if (typeof name === 'string') {
    const byName = list.find((x) => isRecord(x) && x.name === name);
    if (byName !== undefined) return byName;
  }
  return list[Number(index)];
}

function child(node: unknown, token: string): unknown {
  if (Array.isArray(node)) return /^\d+$/.test(token) ? (node[Number(token)] as unknown) : undefined;
  return isRecord(node) ? node[token] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
