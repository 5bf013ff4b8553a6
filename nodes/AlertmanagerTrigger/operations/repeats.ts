/** The trigger's repeat window: alerts already handled through another notification do not start the workflow. */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import type { AlertParseResult, NormalizedAlert } from '../../../lib/alerts';
import {
  localRepeatStore,
  notificationId,
  redisRepeatStore,
  redisUrlFrom,
  type RepeatState,
} from '../../../lib/alerts/repeat-store';

export async function dropRepeats(
  ctx: IWebhookFunctions,
  options: IDataObject,
  result: AlertParseResult,
  alerts: NormalizedAlert[],
): Promise<NormalizedAlert[]> {
  const minutes = typeof options.repeatWindowMinutes === 'number' ? options.repeatWindowMinutes : 0;
  if (!(minutes > 0) || alerts.length === 0) return alerts;
  const url = redisUrlFrom(typeof options.redisUrl === 'string' ? options.redisUrl : '');
  // the braces keep one workflow's keys in one Redis Cluster slot, which the multi-key claim needs
  const store = url
    ? redisRepeatStore(url, `kube-aiops:repeat:{${ctx.getWorkflow().id ?? ''}:${ctx.getNode().name}}:`)
    : localRepeatStore(repeatState(ctx.getWorkflowStaticData('node')));
  const notification = notificationId(
    result.group?.groupKey,
    result.alerts.map((a) => a.dedupeKey),
  );
  const seen = await store.claim(
    alerts.map((a) => a.dedupeKey),
    notification,
    minutes * 60_000,
  );
  return alerts.filter((_, i) => seen[i] !== 'repeat');
}

function repeatState(data: IDataObject): RepeatState {
  if (typeof data.repeats !== 'object' || data.repeats === null || Array.isArray(data.repeats)) data.repeats = {};
  return data.repeats as unknown as RepeatState;
}
