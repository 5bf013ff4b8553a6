/** The trigger's repeat window: alerts already handled through another notification do not start the workflow. */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import type { AlertParseResult, NormalizedAlert } from '../../../lib/alerts';
import { dropRepeats as drop, repeatStoreFor, type RepeatState } from '../../../lib/alerts/repeat-store';

export async function dropRepeats(
  ctx: IWebhookFunctions,
  options: IDataObject,
  result: AlertParseResult,
  alerts: NormalizedAlert[],
): Promise<NormalizedAlert[]> {
  const minutes = typeof options.repeatWindowMinutes === 'number' ? options.repeatWindowMinutes : 0;
  if (!(minutes > 0) || alerts.length === 0) return alerts;
  const store = repeatStoreFor(
    typeof options.redisUrl === 'string' ? options.redisUrl : '',
    // the braces keep one workflow's keys in one Redis Cluster slot, which the multi-key claim needs
    `kube-aiops:repeat:{${ctx.getWorkflow().id ?? ''}:${ctx.getNode().name}}:`,
    () => repeatState(ctx.getWorkflowStaticData('node')),
  );
  return drop(store, result, alerts, minutes * 60_000);
}

function repeatState(data: IDataObject): RepeatState {
  if (typeof data.repeats !== 'object' || data.repeats === null || Array.isArray(data.repeats)) data.repeats = {};
  return data.repeats as unknown as RepeatState;
}
