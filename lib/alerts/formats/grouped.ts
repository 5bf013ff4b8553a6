/**
 * Grouped notifications: Alertmanager webhook v4, Grafana unified alerting ("1") and PrometheusAlert-style payloads
 * (Alertmanager v4 with `level` labels) share one shape — group fields plus an `alerts` array.
 */
import { isRecord, own, readNumber, readStringMap, readText, type RawRecord } from '../read';
import { redactAlertMap, redactAlertText } from '../redact';
import type { AlertGroupInfo, AlertSource } from '../types';
import { normalizeList, type FormatReader, type ListOutcome } from './list';

function groupStatus(value: unknown): AlertGroupInfo['status'] {
  return value === 'firing' || value === 'resolved' ? value : undefined;
}

function readGroupInfo(
  payload: RawRecord,
  limits: { maxFieldLength: number; maxEntries: number },
  warn: (m: string) => void,
): AlertGroupInfo {
  const group: AlertGroupInfo = {
    groupLabels: redactAlertMap(readStringMap(own(payload, 'groupLabels'), 'groupLabel', limits, warn)),
    commonLabels: redactAlertMap(readStringMap(own(payload, 'commonLabels'), 'commonLabel', limits, warn)),
    commonAnnotations: redactAlertMap(
      readStringMap(own(payload, 'commonAnnotations'), 'commonAnnotation', limits, warn),
    ),
    truncatedAlerts: Math.max(0, Math.trunc(readNumber(payload, 'truncatedAlerts') ?? 0)),
  };
  // Grafana's title and message quote the alerts' annotations; the groupKey quotes group label values
  const text = (key: string): string | undefined => redactAlertText(readText(payload, key, limits, warn));
  const groupKey = text('groupKey');
  if (groupKey !== undefined) group.groupKey = groupKey;
  const receiver = text('receiver');
  if (receiver !== undefined) group.receiver = receiver;
  const status = groupStatus(own(payload, 'status'));
  if (status) group.status = status;
  const externalURL = text('externalURL');
  if (externalURL) group.externalURL = externalURL;
  const version = text('version');
  if (version !== undefined) group.version = version;
  const title = text('title');
  if (title !== undefined) group.title = title;
  const message = text('message');
  if (message !== undefined) group.message = message;
  const orgId = readNumber(payload, 'orgId');
  if (orgId !== undefined) group.orgId = orgId;
  return group;
}

export function groupedReader(source: AlertSource): FormatReader {
  return (input, ctx): ListOutcome => {
    if (!isRecord(input)) return { fatal: `expected a JSON object with an "alerts" array for format ${source}` };
    const alerts = own(input, 'alerts');
    if (!Array.isArray(alerts)) return { fatal: `"alerts" is missing or not an array; not a ${source} payload` };
    // group-level cuts are visible in the alerts themselves; nothing to report per alert
    const group = readGroupInfo(input, ctx.limits, () => undefined);
    const out = normalizeList(alerts, { ...ctx, source, group, externalURL: group.externalURL });
    return { ...out, group };
  };
}
