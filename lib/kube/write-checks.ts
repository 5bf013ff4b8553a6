/**
 * Checks on what a write would produce, made on the server's dry-run answer before anything is saved: a change may
 * not add a pod-spec escalation the policy does not allow, nor carry a value reads hide (a Secret's data, a
 * credential env value) into a field reads show.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { addedEscalations, checkEscalations, checkWrite, type WritePolicy, type WriteRequest } from '../guard';
import { leakedValues, pointerTokens, type Supplied } from './leak-check';
import { redact } from './redact';

export interface ResultCheck {
  refused?: string;
  allowedBy: string[];
}

export function checkResult(
  policy: WritePolicy,
  req: WriteRequest,
  before: KubernetesObject | undefined,
  after: KubernetesObject | undefined,
  supplied?: Supplied[],
): ResultCheck {
  if (!after) return { allowedBy: [] };
  const leaked = leakedValues(before, after, supplied);
  if (leaked > 0) {
    return {
      refused: `refused: ${req.verb} ${req.kind} ${req.namespace ? `${req.namespace}/` : ''}${req.name ?? ''} — the change would copy ${leaked} hidden value${leaked === 1 ? '' : 's'} (Secret data or a credential) into a field that reads show`,
      allowedBy: [],
    };
  }
  const handed = handedToCollector(policy, req, before, after);
  if (handed) return { refused: handed, allowedBy: [] };
  return checkEscalations(policy, req, addedEscalations(before, after));
}

/**
 * An owner reference added to an existing object hands it to the garbage collector, which deletes it once that
 * owner is gone — at once for an owner that never existed. So such a write is a deletion, allowed only where the
 * policy would allow deleting the object itself (a bridge without --enable-delete must not delete by patch).
 */
function handedToCollector(
  policy: WritePolicy,
  req: WriteRequest,
  before: KubernetesObject | undefined,
  after: KubernetesObject,
): string | undefined {
  if (!before || req.verb === 'delete') return undefined;
  const owners = (o: KubernetesObject) => (o.metadata?.ownerReferences ?? []).map((r) => r.uid);
  const had = new Set(owners(before));
  const added = owners(after).filter((uid) => !had.has(uid));
  if (added.length === 0) return undefined;
  const asDelete = checkWrite(policy, { ...req, verb: 'delete' });
  if (asDelete.allowed) return undefined;
  return `refused: ${req.verb} ${req.kind} ${req.namespace ? `${req.namespace}/` : ''}${req.name ?? ''} — it adds an owner reference, and the garbage collector deletes an object whose owner is gone; ${asDelete.reason.replace(/^refused: /, 'deleting it is refused: ')}`;
}

/**
 * JSON patch operations that read: `copy` and `move` take a value from `from`, and `test` answers whether a value is
 * there — a guess-checker. None may name a field that reads hide, as source or as target.
 */
export function checkJsonPatch(before: KubernetesObject, ops: unknown[]): string | undefined {
  const shown = redact(before);
  for (const [i, op] of ops.entries()) {
    if (!op || typeof op !== 'object') return `operation ${i + 1} of the json patch is not an object`;
    const { op: kind, path, from } = op as { op?: unknown; path?: unknown; from?: unknown };
    if (typeof path !== 'string') return `operation ${i + 1} of the json patch has no path`;
    if (from !== undefined && typeof from !== 'string') return `operation ${i + 1} of the json patch has a bad "from"`;
    const reads = kind === 'copy' || kind === 'move' ? [from as string, path] : kind === 'test' ? [path] : [];
    for (const pointer of reads) {
      if (hides(before, shown, pointer))
        return `refused: json patch operation ${i + 1} (${String(kind)}) names ${pointer}, a field whose value reads hide (Secret data or a credential); copy, move and test may not touch it`;
    }
  }
  return undefined;
}

/** Whether the value at a JSON pointer differs between the object and its redacted copy (or holds something that does). */
function hides(original: unknown, shown: unknown, pointer: string): boolean {
  if (pointer === '') return JSON.stringify(original) !== JSON.stringify(shown);
  const tokens = pointerTokens(pointer);
  let a: unknown = original;
  let b: unknown = shown;
  for (const t of tokens) {
    if (a === null || typeof a !== 'object') return false;
    a = (a as Record<string, unknown>)[t];
    b = b !== null && typeof b === 'object' ? (b as Record<string, unknown>)[t] : undefined;
    // a pointer into a string that was redacted as a whole (a last-applied annotation) is already at a hidden leaf
    if (typeof a === 'string' && a !== b) return true;
  }
  return JSON.stringify(a) !== JSON.stringify(b);
}
