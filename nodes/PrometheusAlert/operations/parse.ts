/** Parse: any alert webhook payload → one item per alert (or per group), filtered and deduplicated. */
import {
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeProperties,
} from 'n8n-workflow';
import { ALERT_SOURCES, parseAlertPayload } from '../../../lib/alerts';
import { alertToItem, groupToItem } from '../../../lib/triage';
import { DEFAULT_EXCLUDED_ALERTNAMES, filterProperties, keptAlerts } from '../../shared/alertFilters';
import { inputProperties, readPayload } from './input';

const show = { operation: ['parse'] };

export const parseProperties: INodeProperties[] = [
  ...inputProperties(['parse']),
  {
    displayName: 'Output',
    name: 'output',
    type: 'options',
    displayOptions: { show },
    options: [
      {
        name: 'One Item per Alert',
        value: 'alert',
        description: 'Each alert becomes an item (status, severity, resource, links…)',
      },
      {
        name: 'One Item per Group',
        value: 'group',
        description: 'Each payload becomes one item with its alerts in an array',
      },
    ],
    default: 'alert',
  },
  ...filterProperties(['parse']),
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add option',
    displayOptions: { show },
    default: {},
    options: [
      {
        displayName: 'Exclude Alert Names',
        name: 'excludeAlertnames',
        type: 'string',
        default: DEFAULT_EXCLUDED_ALERTNAMES,
        description:
          'Comma-separated alertnames to drop. Without this option the kube-prometheus heartbeats Watchdog and InfoInhibitor are dropped; set it empty to keep every alert.',
      },
      {
        displayName: 'Payload Format',
        name: 'format',
        type: 'options',
        options: [
          { name: 'Alertmanager API (GET /api/v2/alerts)', value: 'alertmanager-api' },
          { name: 'Alertmanager Webhook', value: 'alertmanager' },
          { name: 'Auto-Detect', value: 'auto' },
          { name: 'Grafana (Legacy, ≤ 7)', value: 'grafana-legacy' },
          { name: 'Grafana Unified Alerting', value: 'grafana' },
          { name: 'PrometheusAlert', value: 'prometheusalert' },
          { name: 'Single Alert or List', value: 'single' },
        ],
        default: 'auto',
        description: 'Which sender produced the payload; Auto-Detect recognises all of them',
      },
    ],
  },
];

/** Items for input item `i`; throws NodeOperationError when the payload holds no readable alert. */
export function parseItem(ctx: IExecuteFunctions, i: number, json: IDataObject): INodeExecutionData[] {
  const payload = readPayload(ctx, i, json);
  const options = ctx.getNodeParameter('options', i, {});
  const format = ALERT_SOURCES.find((f) => f === options.format);
  const result = parseAlertPayload(payload, format ? { format } : {});
  if (result.alerts.length === 0 && result.errors.length > 0) {
    const first = result.errors[0].message;
    throw new NodeOperationError(
      ctx.getNode(),
      result.format === 'unknown' ? first : `no alert could be read: ${first}`,
      {
        itemIndex: i,
        description:
          'Expected an Alertmanager webhook (version 4), a Grafana alert webhook, a PrometheusAlert-style payload or an Alertmanager API alert list. Check the Input setting: for a Webhook node item the body is used automatically.',
      },
    );
  }
  const alerts = keptAlerts(ctx, i, result.alerts, options.excludeAlertnames);
  const payloadErrors = result.errors.map((e) =>
    e.index !== undefined ? `alert #${e.index}: ${e.message}` : e.message,
  );
  const extra = payloadErrors.length ? { payloadErrors } : {};
  if (ctx.getNodeParameter('output', i, 'alert') === 'group') {
    if (alerts.length === 0) return [];
    return [{ json: { ...groupToItem(result, alerts), ...extra }, pairedItem: { item: i } }];
  }
  return alerts.map((a) => ({
    json: { ...alertToItem(a), ...extra },
    pairedItem: { item: i },
  }));
}
