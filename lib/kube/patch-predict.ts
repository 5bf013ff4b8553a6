/**
 * What a JSON patch (RFC 6902) or a JSON merge patch (RFC 7386) makes of the object as reads show it (hidden values
 * already replaced by placeholders). Compared with the server's dry-run answer, it tells a value the caller wrote
 * from a value the server carried over from a hidden field — at the exact place it lands, `-` appends included.
 * Undefined when the patch does not apply (the server refuses it too).
 */
import { pointerTokens } from './leak-check';

type Json = unknown;

export function predictMergePatch(target: Json, patch: Json): Json {
  if (!isRecord(patch)) return patch;
  const out: Record<string, Json> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = predictMergePatch(out[k], v);
  }
  return out;
}

export function predictJsonPatch(doc: Json, ops: unknown[]): Json {
  let root: Json = structuredClone(doc);
  for (const raw of ops) {
    if (!isRecord(raw) || typeof raw.path !== 'string') return undefined;
    const path = pointerTokens(raw.path);
    const from = typeof raw.from === 'string' ? pointerTokens(raw.from) : undefined;
    switch (raw.op) {
      case 'add':
        root = put(root, path, structuredClone(raw.value), true);
        break;
      case 'replace':
        if (!has(root, path)) return undefined;
        root = put(root, path, structuredClone(raw.value), false);
        break;
      case 'remove':
        if (!has(root, path)) return undefined;
        root = drop(root, path);
        break;
      case 'copy':
      case 'move': {
        if (!from || !has(root, from)) return undefined;
        const value = structuredClone(at(root, from));
        if (raw.op === 'move') root = drop(root, from);
        root = put(root, path, value, true);
        break;
      }
      case 'test':
        if (!has(root, path) || JSON.stringify(at(root, path)) !== JSON.stringify(raw.value)) return undefined;
        break;
      default:
        return undefined;
    }
    if (root === INVALID) return undefined;
  }
  return root;
}

const INVALID = Symbol('invalid');

function at(root: Json, path: string[]): Json {
  let node = root;
  for (const t of path) node = child(node, t);
  return node;
}

function has(root: Json, path: string[]): boolean {
  let node = root;
  for (const t of path) {
    if (Array.isArray(node) ? !/^\d+$/.test(t) || Number(t) >= node.length : !isRecord(node) || !(t in node))
      return false;
    node = child(node, t);
  }
  return true;
}

/** Sets (or, for arrays with `insert`, inserts) `value` at `path`; INVALID when the parent is missing. */
function put(root: Json, path: string[], value: Json, insert: boolean): Json {
  if (path.length === 0) return value;
  const parent = at(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : /^\d+$/.test(last) ? Number(last) : NaN;
    if (!(i >= 0 && i <= parent.length) || (!insert && i >= parent.length)) return INVALID;
    if (insert) parent.splice(i, 0, value);
    else parent[i] = value;
  } else if (isRecord(parent)) parent[last] = value;
  else return INVALID;
  return root;
}

function drop(root: Json, path: string[]): Json {
  if (path.length === 0) return INVALID;
  const parent = at(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isRecord(parent)) delete parent[last];
  return root;
}

function child(node: Json, token: string): Json {
  if (Array.isArray(node)) return /^\d+$/.test(token) ? (node[Number(token)] as Json) : undefined;
  return isRecord(node) ? node[token] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
