/**
 * Validates a CronJob schedule the way the controller's parser accepts it: five fields (minute hour day-of-month
 * month day-of-week) with lists, ranges, steps, names (JAN, MON), `?` and `*`, the @hourly…@yearly and
 * `@every <duration>` shorthands, and an optional `TZ=`/`CRON_TZ=` prefix. Returns the error, or undefined when valid.
 */

const FIELDS: { name: string; min: number; max: number; names?: string[] }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

function value(token: string, f: (typeof FIELDS)[number]): number | string {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n < f.min || n > f.max ? `${f.name} value ${n} is outside ${f.min}-${f.max}` : n;
  }
  const i = f.names?.indexOf(token.toUpperCase()) ?? -1;
  if (i >= 0) return i + (f.min === 1 ? 1 : 0);
  return `"${token}" is not a valid ${f.name}`;
}

function checkField(text: string, f: (typeof FIELDS)[number]): string | undefined {
  for (const part of text.split(',')) {
    if (part === '') return `empty item in ${f.name} "${text}"`;
    const [range, step, extra] = part.split('/');
    if (extra !== undefined) return `too many "/" in ${f.name} "${part}"`;
    if (step !== undefined && !/^\d+$/.test(step)) return `step "${step}" in ${f.name} is not a number`;
    if (step !== undefined && Number(step) === 0) return `step 0 in ${f.name}`;
    if (range === '*' || range === '?') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `bad range "${range}" in ${f.name}`;
    const nums: number[] = [];
    for (const b of bounds) {
      const v = value(b, f);
      if (typeof v === 'string') return v;
      nums.push(v);
    }
    if (nums.length === 2 && nums[0] > nums[1]) return `range ${range} in ${f.name} runs backwards`;
  }
  return undefined;
}

export function cronError(schedule: string | undefined): string | undefined {
  let s = (schedule ?? '').trim();
  if (!s) return 'empty schedule';
  const tz = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/.exec(s);
  if (tz) {
    const tzErr = timeZoneError(tz[1]);
    if (tzErr) return tzErr;
    s = tz[2].trim();
  }
  if (s.startsWith('@')) {
    if (MACROS.has(s.toLowerCase())) return undefined;
    const every = /^@every\s+((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/.exec(s);
    return every ? undefined : `unknown descriptor "${s}"`;
  }
  const parts = s.split(/\s+/);
  if (parts.length !== 5) return `expected exactly 5 fields, found ${parts.length}: "${s}"`;
  for (let i = 0; i < 5; i++) {
    const err = checkField(parts[i], FIELDS[i]);
    if (err) return err;
  }
  return undefined;
}

export function timeZoneError(tz: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return undefined;
  } catch {
    return `unknown time zone "${tz}"`;
  }
}
