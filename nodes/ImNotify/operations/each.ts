/** Mode "One Message per Item": each item is sent on its own. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jsonItems, type ItemOutput } from '../../shared/items';
import { deliver, prepare, type Notifier } from './message';

export async function sendOne(
  ctx: IExecuteFunctions,
  notifier: Notifier,
  i: number,
  json: IDataObject,
): Promise<ItemOutput> {
  return jsonItems([await deliver(ctx, notifier, prepare(ctx, notifier, i, json).message, i, 1)]);
}
