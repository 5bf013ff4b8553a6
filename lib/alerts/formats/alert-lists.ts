/**
 * Lists of alerts without a webhook envelope: a single alert object, an array of them (the body of Alertmanager's
 * POST /api/v2/alerts), GET /api/v2/alerts output, and GET /api/v2/alerts/groups output (groups with their alerts).
 */
import { isRecord, own, readStringMap, readText } from '../read';
import { redactAlertMap } from '../redact';
import type { AlertGroupInfo, AlertParseError, AlertSource, NormalizedAlert } from '../types';
import { normalizeList, type FormatReader, type ReaderContext } from './list';

export function alertListReader(source: Extract<AlertSource, 'single' | 'alertmanager-api'>): FormatReader {
  return (input, ctx) => {
    if (isRecord(input) && !Array.isArray(own(input, 'alerts'))) return normalizeList([input], { ...ctx, source });
    if (!Array.isArray(input)) return { fatal: `expected an alert object or an array of alerts for format ${source}` };
    if (input.some(isAlertGroup)) return readGroups(input, ctx, source);
    return normalizeList(input, { ...ctx, source });
  };
}

function isAlertGroup(value: unknown): boolean {
  try {
    return isRecord(value) && Array.isArray(own(value, 'alerts'));
  } catch {
    return false; // a throwing getter: treat it as an alert, whose own reader reports the error
  }
}

/** GET /api/v2/alerts/groups: [{labels, receiver: {name}, alerts: [...]}]; error indexes count alerts across groups. */
function readGroups(
  groups: unknown[],
  ctx: ReaderContext,
  source: AlertSource,
): { alerts: NormalizedAlert[]; errors: AlertParseError[] } {
  const alerts: NormalizedAlert[] = [];
  const errors: AlertParseError[] = [];
  let offset = 0;
  for (const [g, raw] of groups.entries()) {
    if (!isRecord(raw) || !Array.isArray(own(raw, 'alerts'))) {
      errors.push({ message: `group ${g}: expected an object with an "alerts" array` });
      continue;
    }
    const list = own(raw, 'alerts') as unknown[];
    const receiver = own(raw, 'receiver');
    const group: AlertGroupInfo = {
      groupLabels: redactAlertMap(readStringMap(own(raw, 'labels'), 'groupLabel', ctx.limits, () => undefined)),
      commonLabels: {},
      commonAnnotations: {},
      truncatedAlerts: 0,
    };
    const name = isRecord(receiver) ? readText(receiver, 'name', ctx.limits, () => undefined) : undefined;
    if (name) group.receiver = name;
    const out = normalizeList(list, { ...ctx, source, group, maxAlerts: Math.max(0, ctx.maxAlerts - alerts.length) });
    alerts.push(...out.alerts);
    errors.push(...out.errors.map((e) => ({ index: (e.index ?? 0) + offset, message: `group ${g}, ${e.message}` })));
    offset += list.length;
  }
  return { alerts, errors };
}
