/**
 * One item in, one capacity report out: lib/capacity's JSON (`window, complete, workloads, pools, savings`) plus
 * `digest` (savings line and top moves, for IM), `markdown`, `text` or `html` + `htmlSection` (and capacity.html as
 * binary data), and `gaps` when something could not be read.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import {
  capacityReport,
  parsePriceTable,
  renderCapacityMarkdown,
  renderCapacityText,
  toCapacityJson,
  validateCapacityOptions,
  type CapacityOptions,
} from '../../../lib/capacity';
import { renderCapacityHtml, renderCapacitySection } from '../../../lib/capacity/html';
import { renderCapacityDigest } from '../../../lib/capacity/render';
import type { KubeConnection } from '../../../lib/kube/connect';
import type { PrometheusEndpoint } from '../../../lib/prometheus/endpoint';

/** A JSON option: an object as typed in the editor, or its text; empty means not given. */
function jsonOption(ctx: IExecuteFunctions, name: string, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new NodeOperationError(ctx.getNode(), `Option "${name}" is not valid JSON`);
  }
}

function options(ctx: IExecuteFunctions, i: number): CapacityOptions {
  const o = ctx.getNodeParameter('capacityOptions', i, {}) as IDataObject;
  const namespace = (ctx.getNodeParameter('capacityNamespace', i, '') as string).trim();
  const opts: CapacityOptions = {
    window: (ctx.getNodeParameter('window', i, '7d') as string).trim() || '7d',
    ...(namespace ? { namespaces: [namespace] } : {}),
    ...(typeof o.poolLabel === 'string' && o.poolLabel.trim() ? { poolLabel: o.poolLabel.trim() } : {}),
    ...(typeof o.headroom === 'number' ? { headroom: o.headroom } : {}),
  };
  try {
    const prices = jsonOption(ctx, 'Price Table', o.prices);
    if (prices !== undefined) opts.prices = parsePriceTable(prices);
    opts.queries = jsonOption(ctx, 'Query Overrides', o.queries) as CapacityOptions['queries'];
    opts.strategy = jsonOption(ctx, 'Strategy', o.strategy) as CapacityOptions['strategy'];
    validateCapacityOptions(opts);
  } catch (err) {
    throw new NodeOperationError(ctx.getNode(), err instanceof Error ? err.message : String(err), { itemIndex: i });
  }
  return opts;
}

export async function capacityItem(
  ctx: IExecuteFunctions,
  conn: KubeConnection,
  prometheus: PrometheusEndpoint,
  i: number,
): Promise<INodeExecutionData> {
  const opts = options(ctx, i);
  const top = (ctx.getNodeParameter('capacityOptions', i, {}) as IDataObject).top;
  const topN = typeof top === 'number' ? top : 10;
  const report = await capacityReport(conn, prometheus, opts);
  const out = toCapacityJson(report) as unknown as IDataObject;
  if (report.gaps.length) out.gaps = report.gaps;
  // for digests that carry a diagnosis too (the daily inspection): the savings line and the top moves
  out.digest = renderCapacityDigest(report, Math.min(topN, 5));
  const item: INodeExecutionData = { json: out, pairedItem: { item: i } };
  const output = ctx.getNodeParameter('capacityOutput', i, 'json') as string;
  if (output === 'markdown') out.markdown = renderCapacityMarkdown(report, { top: topN });
  if (output === 'text') out.text = renderCapacityText(report, { top: topN });
  if (output === 'html') {
    const html = renderCapacityHtml(report);
    out.html = html;
    out.htmlSection = renderCapacitySection(report, { top: topN });
    const field = (ctx.getNodeParameter('capacityBinaryPropertyName', i, 'data') as string).trim() || 'data';
    item.binary = {
      [field]: await ctx.helpers.prepareBinaryData(Buffer.from(html, 'utf8'), 'capacity.html', 'text/html'),
    };
  }
  return item;
}
