/**
 * Severity as ops teams actually write it, reduced to critical | warning | info | none.
 * Prometheus rules use `severity`; PrometheusAlert users label `level` 0–4 (0 信息, 1 警告, 2 一般严重, 3 严重, 4 灾难);
 * paging tools use P0–P5 and SEV0–SEV4; Chinese teams write 严重/警告/提示.
 */
import { ALERT_SEVERITY_RANK, type AlertSeverity, type StringMap } from './types';

// Maps, not object literals: a label value such as "constructor" must not find Object.prototype members.
const WORDS = new Map<string, AlertSeverity>();
function words(severity: AlertSeverity, list: string[]): void {
  for (const w of list) WORDS.set(w, severity);
}
words('critical', [
  'critical',
  'crit',
  'fatal',
  'emergency',
  'emerg',
  'alert',
  'page',
  'paging',
  'high',
  'error',
  'err',
  'severe',
  'major',
  'urgent',
  'disaster',
  'blocker',
  'p0',
  'p1',
  'sev0',
  'sev1',
  'sev-0',
  'sev-1',
  '严重',
  '灾难',
  '紧急',
  '致命',
  '高',
  '重要',
]);
words('warning', [
  'warning',
  'warn',
  'medium',
  'moderate',
  'minor',
  'average',
  'degraded',
  'p2',
  'p3',
  'sev2',
  'sev3',
  'sev-2',
  'sev-3',
  '警告',
  '一般',
  '一般严重',
  '中',
  '次要',
]);
words('info', [
  'info',
  'information',
  'informational',
  'notice',
  'low',
  'debug',
  'trace',
  'ok',
  'p4',
  'p5',
  'sev4',
  'sev-4',
  '信息',
  '提示',
  '通知',
  '低',
]);
words('none', ['none', 'unknown', 'not classified', 'not_classified']);

/**
 * PrometheusAlert `level`: 0 info, 1 warning, 2 "一般严重" (moderately severe — still below 严重, so warning),
 * 3 严重 and 4 灾难 critical.
 */
const LEVELS = new Map<string, AlertSeverity>([
  ['0', 'info'],
  ['1', 'warning'],
  ['2', 'warning'],
  ['3', 'critical'],
  ['4', 'critical'],
]);

/** One free-form value; undefined when it is not a severity we recognise. */
export function normalizeSeverity(value: string): AlertSeverity | undefined {
  const key = value.trim().toLowerCase();
  if (key === '') return undefined;
  return WORDS.get(key) ?? WORDS.get(key.replace(/[\s_]+/g, ''));
}

/** Labels checked in this order; the first one holding a recognisable value wins. */
const SEVERITY_LABELS = ['severity', 'level', 'priority', 'alert_level', 'alertlevel', 'urgency'];

/** The alert's severity from its labels (then annotations), with the field it came from. */
export function severityOf(
  labels: StringMap,
  annotations: StringMap,
): { severity: AlertSeverity; source?: { label: string; value: string } } {
  for (const map of [labels, annotations]) {
    for (const label of SEVERITY_LABELS) {
      if (!Object.prototype.hasOwnProperty.call(map, label)) continue;
      const value = map[label];
      const s = (label === 'level' ? LEVELS.get(value.trim()) : undefined) ?? normalizeSeverity(value);
      if (s) return { severity: s, source: { label, value } };
    }
  }
  const raw = labels.severity ?? labels.level;
  return raw === undefined
    ? { severity: 'none' }
    : { severity: 'none', source: { label: labels.severity !== undefined ? 'severity' : 'level', value: raw } };
}

export function severityAtLeast(severity: AlertSeverity, min: AlertSeverity): boolean {
  return ALERT_SEVERITY_RANK[severity] >= ALERT_SEVERITY_RANK[min];
}

/** True for PrometheusAlert's numeric `level` values 0–4. */
export function isPrometheusAlertLevel(value: string): boolean {
  return LEVELS.has(value.trim());
}
