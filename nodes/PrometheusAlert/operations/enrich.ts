/**
 * Enrich: each alert gets a diagnosis of the Kubernetes object it names (lib/triage over lib/diagnose): findings,
 * root cause, evidence, events, recent log errors, owner chain, a Markdown summary and a budgeted LLM context.
 */
import {
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeProperties,
} from 'n8n-workflow';
import { AlertEnricher, alertsFromJson } from '../../../lib/triage';
import { clusterAccess, KUBERNETES_CREDENTIAL } from '../../shared/credentials';
import { DEFAULT_EXCLUDED_ALERTNAMES, alertnameList, filterProperties, keptAlerts } from '../../shared/alertFilters';
import { languageOf, languageOption } from '../../shared/language';
import { inputProperties, readPayload } from './input';

const show = { operation: ['enrich'] };

export const enrichProperties: INodeProperties[] = [
  {
    displayName:
      'Reads the cluster only. Each alert is matched to the object its labels name (pod, deployment, node, PVC…) and that object, its owners, pods and references are diagnosed.',
    name: 'enrichNotice',
    type: 'notice',
    displayOptions: { show },
    default: '',
  },
  ...inputProperties(['enrich']),
  ...filterProperties(['enrich']),
  {
    displayName: 'Diagnose Resolved Alerts',
    name: 'enrichResolved',
    type: 'boolean',
    displayOptions: { show },
    default: false,
    description: 'Whether to diagnose resolved alerts too; when off they pass through with "skipped" set',
  },
  {
    displayName: 'Fail on Cluster Error',
    name: 'failOnClusterError',
    type: 'boolean',
    displayOptions: { show },
    default: false,
    description:
      'Whether an alert whose diagnosis failed (cluster unreachable, namespace gone, no permission) fails its item. When off the alert passes on with "error" set, so it still reaches the IM channel.',
  },
  {
    displayName: 'Options',
    name: 'enrichOptions',
    type: 'collection',
    placeholder: 'Add option',
    displayOptions: { show },
    default: {},
    options: [
      {
        displayName: 'Analyzers',
        name: 'analyzers',
        type: 'string',
        default: '',
        placeholder: 'Pod, Deployment, Service, Logs',
        description: 'Comma-separated analyzer names; empty runs the default set, "all" runs every analyzer',
      },
      {
        displayName: 'Exclude Alert Names',
        name: 'excludeAlertnames',
        type: 'string',
        default: DEFAULT_EXCLUDED_ALERTNAMES,
        description:
          'Comma-separated alertnames to drop before diagnosing. Without this option Watchdog and InfoInhibitor are dropped; set it empty to keep every alert.',
      },
      languageOption('the Markdown summary'),
      {
        displayName: 'LLM Context Budget (Characters)',
        name: 'llmBudget',
        type: 'number',
        typeOptions: { minValue: 500 },
        default: 6000,
        description: 'Maximum length of llmContext; logs and events are cut first, the alert and root cause last',
      },
      {
        displayName: 'Max Events',
        name: 'maxEvents',
        type: 'number',
        typeOptions: { minValue: 0 },
        default: 10,
      },
      {
        displayName: 'Max Findings',
        name: 'maxFindings',
        type: 'number',
        typeOptions: { minValue: 1 },
        default: 5,
      },
      {
        displayName: 'Max Log Lines',
        name: 'maxLogLines',
        type: 'number',
        typeOptions: { minValue: 0 },
        default: 12,
        description: 'Error lines kept from the logs of failing pods (previous container first)',
      },
    ],
  },
];

/**
 * Concurrent executions of a storm diagnose the same namespaces within seconds: their identical reads share one
 * answer for this long (writes elsewhere clear it; see lib/kube/read-share).
 */
const STORM_CACHE_MS = 2000;

/** One enricher per execution, so alerts of one namespace share one cluster snapshot. */
export async function createEnricher(ctx: IExecuteFunctions): Promise<AlertEnricher> {
  const data = await ctx.getCredentials(KUBERNETES_CREDENTIAL);
  const options = ctx.getNodeParameter('enrichOptions', 0, {}) as IDataObject;
  const analyzers = alertnameList(options.analyzers ?? '');
  const num = (key: string): number | undefined => (typeof options[key] === 'number' ? options[key] : undefined);
  let conn;
  try {
    conn = clusterAccess(data, { cacheMs: STORM_CACHE_MS }).conn;
  } catch (err) {
    throw new NodeOperationError(ctx.getNode(), err as Error, { description: 'Check the Kubernetes API credential' });
  }
  return new AlertEnricher(conn, {
    ...(analyzers.length ? { analyzers } : {}),
    enrichResolved: ctx.getNodeParameter('enrichResolved', 0, false) as boolean,
    ...(num('maxFindings') !== undefined ? { maxFindings: num('maxFindings') } : {}),
    ...(num('maxEvents') !== undefined ? { maxEvents: num('maxEvents') } : {}),
    ...(num('maxLogLines') !== undefined ? { maxLogLines: num('maxLogLines') } : {}),
    ...(num('llmBudget') !== undefined ? { llmBudget: num('llmBudget') } : {}),
    language: languageOf(options.language),
  });
}

export async function enrichItem(
  ctx: IExecuteFunctions,
  enricher: AlertEnricher,
  i: number,
  json: IDataObject,
): Promise<INodeExecutionData[]> {
  const payload = readPayload(ctx, i, json);
  const read = alertsFromJson(payload);
  if (read.alerts.length === 0 && read.errors.length > 0) {
    throw new NodeOperationError(ctx.getNode(), read.errors[0], {
      itemIndex: i,
      description:
        'Enrich takes the alerts of Parse, or an alert webhook payload (Alertmanager, Grafana, PrometheusAlert) directly',
    });
  }
  // only the option read per item: resolving the whole collection again would evaluate its other expressions
  // (the language) once more per item, and each evaluation costs n8n an expression sandbox round trip
  const exclude = ctx.getNodeParameter('enrichOptions.excludeAlertnames', i, null) as unknown;
  const triaged = await enricher.enrichAll(keptAlerts(ctx, i, read.alerts, exclude));
  const failOnClusterError = ctx.getNodeParameter('failOnClusterError', i, false) as boolean;
  const failed = triaged.find((t) => t.error);
  if (failOnClusterError && failed) {
    throw new NodeOperationError(ctx.getNode(), `diagnosis of ${failed.alertname} failed: ${failed.error}`, {
      itemIndex: i,
    });
  }
  return triaged.map((t) => ({ json: t as unknown as IDataObject, pairedItem: { item: i } }));
}
