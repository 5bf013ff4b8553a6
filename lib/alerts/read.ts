/**
 * Defensive readers over untrusted JSON. Only own enumerable properties are read, so a payload cannot smuggle values
 * in through prototypes, and `__proto__` keys are dropped so the maps we build cannot change an object's prototype.
 */
import type { StringMap } from './types';

export type RawRecord = Record<string, unknown>;

export const TRUNCATION_MARKER = '…[truncated]';

export function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property, or undefined (never an inherited one). */
export function own(record: RawRecord, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export function cut(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const keep = Math.max(0, max - TRUNCATION_MARKER.length);
  return { text: text.slice(0, keep) + TRUNCATION_MARKER, cut: true };
}

/** A scalar as a string: numbers and booleans are stringified (PrometheusAlert's `level: 3`), anything else is absent. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

export interface ReadLimits {
  maxFieldLength: number;
  maxEntries: number;
}

/** A string field capped to the limit; `warn` collects what was cut. */
export function readText(
  record: RawRecord,
  key: string,
  limits: ReadLimits,
  warn: (m: string) => void,
): string | undefined {
  const text = scalarText(own(record, key));
  if (text === undefined) return undefined;
  const c = cut(text, limits.maxFieldLength);
  if (c.cut) warn(`${key} truncated from ${text.length} characters`);
  return c.text;
}

const FORBIDDEN_KEYS = new Set(['__proto__']);

/**
 * A label or annotation map: string values kept (capped), numbers/booleans stringified, everything else dropped with a
 * warning. Keys are sorted so output is stable whatever order the sender used.
 */
export function readStringMap(value: unknown, what: string, limits: ReadLimits, warn: (m: string) => void): StringMap {
  const out: StringMap = {};
  if (value === undefined || value === null) return out;
  if (!isRecord(value)) {
    warn(`${what} ignored: expected an object, got ${describeType(value)}`);
    return out;
  }
  const keys = Object.keys(value).sort();
  let kept = 0;
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) {
      warn(`${what} key "__proto__" dropped`);
      continue;
    }
    if (kept >= limits.maxEntries) {
      warn(`${what}: ${keys.length - limits.maxEntries} entries past the limit of ${limits.maxEntries} dropped`);
      break;
    }
    const text = scalarText(value[key]);
    const shownKey = cut(key, 200).text;
    if (text === undefined) {
      if (value[key] !== undefined && value[key] !== null)
        warn(`${what} "${shownKey}" dropped: ${describeType(value[key])} is not a string`);
      continue;
    }
    const c = cut(text, limits.maxFieldLength);
    if (c.cut) warn(`${what} "${shownKey}" truncated from ${text.length} characters`);
    const k = key.length > limits.maxFieldLength ? cut(key, limits.maxFieldLength).text : key;
    out[k] = c.text;
    kept += 1;
  }
  return out;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const t = typeof value;
  return t === 'object' ? 'an object' : `a ${t}`;
}

/** A finite number field, or undefined. */
export function readNumber(record: RawRecord, key: string): number | undefined {
  const v = own(record, key);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** An error's message for a report; a hostile object can throw from its own getters, so this cannot. */
export function errorText(error: unknown, fallback = 'unexpected value'): string {
  try {
    if (error instanceof Error && typeof error.message === 'string') return error.message.slice(0, 300);
  } catch {
    // fall through to the fixed text
  }
  return fallback;
}
