/**
 * What a manifest or a patch may hold once parsed: the values JSON can carry, nested no deeper than any real object.
 * YAML can say more — `!!binary` becomes a Buffer, `!!set` a Set, YAML 1.1 `!!omap` a Map and dates Dates, a custom
 * `!tag` is dropped with a warning — and each of those serialises to something other than what was written (a Map
 * to `{}`), so the object checked would not be the object sent. Depth is capped because every later step (the
 * parser, redaction, the checks, JSON.stringify) recurses: a 100 000-level `[[[…]]]` is refused here in linear time
 * rather than overflowing the stack somewhere deeper.
 */
import { KubeError } from './errors';

/** Kubernetes objects nest about 15 levels; a Grafana dashboard inside a ConfigMap is still a string. */
export const MAX_NESTING = 100;

const bad = (message: string): KubeError => new KubeError(message, { reason: 'BadInput' });

/**
 * Refuses text whose brackets nest deeper than MAX_NESTING before a parser sees it (flow YAML and JSON nest by
 * brackets; block YAML needs a wider indent per level, so the size cap bounds it). Brackets inside quotes count too:
 * only a string of over a hundred unclosed `[` or `{` is refused by mistake.
 */
export function checkTextNesting(text: string, what: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      depth += 1;
      if (depth > MAX_NESTING) throw bad(`${what} nests deeper than ${MAX_NESTING} levels; no Kubernetes object does`);
    } else if ((c === 93 || c === 125) && depth > 0) depth -= 1;
  }
}

/**
 * Throws unless `value` is plain JSON data (string, finite number, boolean, null, array, plain object), not too deep,
 * and, about as JSON, within `maxBytes`: YAML aliases may repeat a 400 KB string a hundred times, and the 40 MB that
 * expands to would otherwise be redacted, diffed and sent to the API server.
 */
export function checkPlainJson(value: unknown, what: string, maxBytes = Infinity): void {
  let size = 0;
  const grow = (bytes: number): void => {
    size += bytes;
    if (size > maxBytes)
      throw bad(`${what} expands to over ${maxBytes} bytes (YAML aliases repeating a large value?); send it in parts`);
  };
  const walk = (v: unknown, path: string, depth: number): void => {
    if (depth > MAX_NESTING) throw bad(`${what} nests deeper than ${MAX_NESTING} levels; no Kubernetes object does`);
    grow(typeof v === 'string' ? v.length + 2 : 6);
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw bad(`${what} holds ${String(v)} at ${where(path)}, which JSON cannot carry`);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1));
      return;
    }
    const proto = typeof v === 'object' ? (Object.getPrototypeOf(v) as unknown) : undefined;
    if (typeof v !== 'object' || (proto !== Object.prototype && proto !== null)) {
      const shape = typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v;
      throw bad(
        `${what} holds a ${shape} at ${where(path)} (a YAML tag such as !!binary, !!set or a date?); write plain strings, numbers, lists and maps`,
      );
    }
    for (const [k, child] of Object.entries(v)) {
      grow(k.length + 3);
      walk(child, path ? `${path}.${k}` : k, depth + 1);
    }
  };
  walk(value, '', 0);
}

/** A field path for an error sentence, cut short: keys come from the caller and may be long. */
const where = (path: string): string => (path === '' ? 'its top' : path.length > 120 ? `${path.slice(0, 100)}…` : path);
