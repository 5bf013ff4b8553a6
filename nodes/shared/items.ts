/**
 * The per-item loop every action node runs. An item's failure either fails the execution with an n8n error naming
 * the item, or, under "On Error: Continue", becomes an error item paired with the input it came from; every output
 * item is paired with its input so `$('Node').item` works downstream. Written once here: the local lint rule
 * `kube-aiops/execute-runs-items` checks that each node's execute() goes through it.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { redactStrings, redactText } from '../../lib/kube/redact';

/** Error text may quote cluster text (a log line, an API message): credentials in it are redacted. */
function redactError(error: Error): Error {
  error.message = redactText(error.message);
  const withDescription = error as Error & { description?: unknown };
  if (typeof withDescription.description === 'string')
    withDescription.description = redactText(withDescription.description);
  return error;
}

export interface ItemErrors {
  /** The JSON of the error item that "On Error: Continue" emits in place of the item's output. */
  json(error: unknown): IDataObject;
  /** The error that fails the execution (a NodeApiError or NodeOperationError naming the item). */
  fail(error: unknown, itemIndex: number): Error;
}

/** Output items of one input item; those without a pairedItem are paired with it. */
export type ItemOutput = INodeExecutionData[];

/**
 * Runs `fn` for one piece of work whose output is paired with `paired` (one input item, or several for a digest).
 * `itemIndex` is the item an error names.
 */
export async function attempt(
  ctx: IExecuteFunctions,
  itemIndex: number,
  paired: IPairedItemData | IPairedItemData[],
  fn: () => Promise<ItemOutput> | ItemOutput,
  errors: ItemErrors,
): Promise<INodeExecutionData[]> {
  try {
    return (await fn()).map((item) => ({
      ...item,
      json: redactStrings(item.json),
      pairedItem: item.pairedItem === undefined ? paired : item.pairedItem,
    }));
  } catch (error) {
    if (!ctx.continueOnFail()) throw redactError(errors.fail(error, itemIndex));
    return [{ json: redactStrings(errors.json(error)), pairedItem: paired }];
  }
}

/** Runs `fn` for every input item in order and returns the node's single output. */
export async function runItems(
  ctx: IExecuteFunctions,
  fn: (itemIndex: number, item: INodeExecutionData) => Promise<ItemOutput> | ItemOutput,
  errors: ItemErrors,
): Promise<INodeExecutionData[][]> {
  const items = ctx.getInputData();
  const out: INodeExecutionData[] = [];
  for (let i = 0; i < items.length; i++) {
    out.push(...(await attempt(ctx, i, { item: i }, () => fn(i, items[i]), errors)));
  }
  return [out];
}

/** JSON objects as output items (runItems pairs them). */
export function jsonItems(jsons: IDataObject[]): ItemOutput {
  return jsons.map((json) => ({ json }));
}
