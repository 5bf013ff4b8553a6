/** Ages and durations the way kubectl prints them (5d3h, 12m, 45s), and "since" inputs parsed to dates. */
import { KubeError } from './errors';
import { quote } from './names';

export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'string' && value) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

/** kubectl's HumanDuration: coarser as the duration grows. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8)
    return days % 365 === 0 ? `${Math.floor(days / 365)}y` : `${Math.floor(days / 365)}y${days % 365}d`;
  return `${Math.floor(days / 365)}y`;
}

export function age(timestamp: unknown, now: Date = new Date()): string {
  const d = toDate(timestamp);
  return d ? humanDuration(now.getTime() - d.getTime()) : '<unknown>';
}

/** "30s", "15m", "2h", "1d", "1h30m", a number of seconds, an ISO time or a Date → the moment it means. */
export function parseSince(since: string | number | Date, now: Date = new Date()): Date {
  const d = sinceDate(since, now);
  // "99999999999999999999h" parses, but to no moment a clock can hold: refused here, not sent as NaN
  if (Number.isNaN(d.getTime()))
    throw new KubeError(`${quote(String(since))} is too far back to be a time`, { reason: 'BadInput' });
  return d;
}

function sinceDate(since: string | number | Date, now: Date): Date {
  if (since instanceof Date) return since;
  if (typeof since === 'number') return new Date(now.getTime() - since * 1000);
  const text = since.trim();
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)([smhd])/g)];
  if (parts.length > 0 && parts.map((p) => p[0]).join('') === text) {
    const seconds = parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]], 0);
    return new Date(now.getTime() - seconds * 1000);
  }
  if (/^\d+$/.test(text)) return new Date(now.getTime() - Number(text) * 1000);
  const d = toDate(text);
  if (!d)
    throw new KubeError(`${quote(since)} is not a duration (30s, 15m, 2h, 1d) or a time (2024-05-01T10:00:00Z)`, {
      reason: 'BadInput',
    });
  return d;
}
