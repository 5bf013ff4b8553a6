/**
 * Alert timestamps: RFC 3339 strings (Alertmanager writes nanoseconds, Grafana writes offsets), Go's zero time for
 * "no end yet", and durations people can read.
 */

// Strict on purpose: Date.parse alone accepts "1" (as the year 2001) and local-time strings.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

/** Go's zero time.Time; Alertmanager sends it as endsAt while an alert fires. Anything before year 2 counts as zero. */
const ZERO_TIME_LIMIT = Date.parse('0002-01-01T00:00:00Z');
/** Past year 9999 toISOString() switches to a 6-digit year that RFC 3339 consumers reject. */
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');

export type ParsedTime =
  { kind: 'time'; ms: number } | { kind: 'zero' } | { kind: 'absent' } | { kind: 'invalid'; shown: string };

export function parseAlertTime(value: unknown): ParsedTime {
  if (value === undefined || value === null || value === '') return { kind: 'absent' };
  if (typeof value === 'number') return epochTime(value);
  if (typeof value !== 'string') return { kind: 'invalid', shown: typeof value };
  const text = value.trim();
  if (/^\d{9,13}$/.test(text)) return epochTime(Number(text));
  const m = RFC3339.exec(text);
  if (!m) return { kind: 'invalid', shown: JSON.stringify(text.slice(0, 40)) };
  const [, y, mo, d, h, mi, s = '00', frac = '', zone = 'Z'] = m;
  const ms = frac ? `.${frac.slice(0, 3).padEnd(3, '0')}` : '';
  const offset =
    zone === 'Z' || zone === 'z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const parsed = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${offset}`);
  if (!Number.isFinite(parsed) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59) {
    return { kind: 'invalid', shown: JSON.stringify(text.slice(0, 40)) };
  }
  if (parsed < ZERO_TIME_LIMIT) return { kind: 'zero' };
  return { kind: 'time', ms: parsed };
}

/** Epoch numbers: seconds below 1e11 (until year 5138), milliseconds above. */
function epochTime(n: number): ParsedTime {
  if (!Number.isFinite(n) || n < 0) return { kind: 'invalid', shown: String(n) };
  if (n === 0) return { kind: 'zero' };
  const ms = n < 1e11 ? n * 1000 : n;
  if (ms > MAX_TIME) return { kind: 'invalid', shown: String(n) };
  return { kind: 'time', ms: Math.trunc(ms) };
}

const UNITS: Array<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/** The two largest non-zero units, e.g. `3d 4h`, `2h 5m`, `45s`; under a second `0s`. */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 1000) return '0s';
  const parts: string[] = [];
  let rest = Math.floor(ms);
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push(`${n}${unit}`);
    if (parts.length === 2) break;
  }
  return parts.filter((p) => !p.startsWith('0')).join(' ') || '0s';
}
