/** The alert filters the Prometheus Alert node (Parse, Enrich) and the Alertmanager Trigger share. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { HEARTBEAT_ALERTNAMES, type AlertSeverity, type NormalizedAlert } from '../../lib/alerts';
import { selectAlerts } from '../../lib/triage';

/** Heartbeat alerts that should never start a workflow unless the user says otherwise. */
export const DEFAULT_EXCLUDED_ALERTNAMES = HEARTBEAT_ALERTNAMES.join(', ');

export const MIN_SEVERITY_OPTIONS = [
  { name: 'All', value: 'none', description: 'Keep every alert, including ones without a severity label' },
  { name: 'Critical', value: 'critical' },
  { name: 'Info', value: 'info', description: 'Info, warning and critical' },
  { name: 'Warning', value: 'warning', description: 'Warning and critical' },
];

export const filterProperties = (operations: string[]): INodeProperties[] => [
  {
    displayName: 'Include Resolved Alerts',
    name: 'includeResolved',
    type: 'boolean',
    displayOptions: { show: { operation: operations } },
    default: true,
    description: 'Whether to keep alerts whose status is resolved',
  },
  {
    displayName: 'Minimum Severity',
    name: 'minSeverity',
    type: 'options',
    displayOptions: { show: { operation: operations } },
    options: MIN_SEVERITY_OPTIONS,
    default: 'none',
    description: 'Severity comes from the severity label (or level / priority; PrometheusAlert levels 0-4 are mapped)',
  },
  {
    displayName: 'Remove Duplicates',
    name: 'dedupe',
    type: 'boolean',
    displayOptions: { show: { operation: operations } },
    default: true,
    description: 'Whether to drop repeated alerts (same fingerprint, status and start) within one payload',
  },
];

export function alertnameList(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

/** The alerts item `i`'s filter parameters keep, selected the way `triageAlerts` selects them. */
export function keptAlerts(
  ctx: IExecuteFunctions,
  i: number,
  alerts: NormalizedAlert[],
  excludeAlertnames: unknown,
): NormalizedAlert[] {
  return selectAlerts(alerts, {
    includeResolved: ctx.getNodeParameter('includeResolved', i, true) as boolean,
    minSeverity: ctx.getNodeParameter('minSeverity', i, 'none') as AlertSeverity,
    dedupe: ctx.getNodeParameter('dedupe', i, true) as boolean,
    // an option never added means the default list; one set empty keeps every alert
    excludeAlertnames: alertnameList(excludeAlertnames ?? DEFAULT_EXCLUDED_ALERTNAMES),
  });
}
