/**
 * Mode "Digest": every item's message in one, paired with all the items it stands for. An item that cannot be
 * turned into a message fails alone (or becomes an error item); the digest is sent once for the rest.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { digestMessages } from '../../../lib/messages/item-message';
import { attempt, runItems, type ItemErrors } from '../../shared/items';
import { list } from '../../shared/imCredentials';
import { deliver, prepare, type Notifier, type Prepared } from './message';

export async function sendDigest(
  ctx: IExecuteFunctions,
  notifier: Notifier,
  errors: ItemErrors,
): Promise<INodeExecutionData[][]> {
  const prepared: Prepared[] = [];
  const paired: Array<{ item: number }> = [];
  const [failed] = await runItems(
    ctx,
    (i, item) => {
      prepared.push(prepare(ctx, notifier, i, item.json));
      paired.push({ item: i });
      return [];
    },
    errors,
  );
  if (prepared.length === 0) return [failed];
  const message = digestMessages(
    prepared.map((p) => p.message),
    prepared.every((p) => p.alerts.length === 1) ? prepared.map((p) => p.alerts[0]) : [],
    { channel: notifier.channel, format: notifier.format(0), keywords: list(notifier.data.keywords) },
  );
  const sent = await attempt(
    ctx,
    0,
    paired,
    async () => [{ json: await deliver(ctx, notifier, message, 0, prepared.length) }],
    errors,
  );
  return [[...failed, ...sent]];
}
