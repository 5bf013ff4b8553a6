import { z } from 'zod';
import { capacityReport, parsePriceTable, renderCapacityText, toCapacityJson } from '../../lib/capacity';
import { budgetArg, record, textBudget } from './shared';
import { READ_ONLY, defineTool } from './types';

const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export const capacityReportTool = defineTool({
  name: 'capacity_report',
  title: 'Capacity and cost (rightsizing)',
  description:
    'Call for "are we over-provisioned", "can we shrink the node pool", "what should the requests/limits be": reads CPU and memory usage history from Prometheus (default 7 days), recommends per-container requests (CPU p95, memory p99) and a memory limit (peak × 1.15) with a verdict (over-provisioned, under-provisioned, oom-risk, ok, no-data) and the numbers behind it, and sizes node pools by bin-packing today’s requests (with the monthly savings when given prices). Returns the top moves first.',
  input: {
    namespace: z
      .string()
      .max(63)
      .regex(NAMESPACE, 'a namespace name')
      .optional()
      .describe('only this namespace (node pools are sized only over all namespaces)'),
    window: z
      .string()
      .max(12)
      .regex(/^\d{1,4}[mhdw]$/, 'a duration such as 7d, 36h or 2w')
      .optional()
      .describe('history to read: 1h to 90d (default 7d)'),
    poolLabel: z
      .string()
      .max(253)
      .optional()
      .describe('node label the pools are grouped by (default node.kubernetes.io/instance-type)'),
    headroom: z.number().min(0).max(0.9).optional().describe('share of each node kept free when sizing (default 0.1)'),
    prices: z
      .object({
        currency: z.string().max(8),
        instanceTypes: record(100, z.object({ hourly: z.number().min(0).max(1e6) }), 1000),
      })
      .optional()
      .describe(
        'price per node and hour by instance type, e.g. {"currency":"CNY","instanceTypes":{"ecs.g7.large":{"hourly":0.62}}}',
      ),
    top: z.number().int().min(1).max(50).optional().describe('rightsizing moves listed (default 10)'),
    budget: budgetArg,
  },
  annotations: { ...READ_ONLY, openWorldHint: true },
  available: (cfg) => Boolean(cfg.prometheusUrl),
  async run(a, { kube, config }) {
    if (a.prices && Object.keys(a.prices.instanceTypes).length > 500)
      throw new Error('argument prices: at most 500 instance types');
    const allowed = config.namespaces;
    if (allowed.length && (!a.namespace || !allowed.includes(a.namespace)))
      throw new Error(`argument namespace: this bridge serves only ${allowed.join(', ')}; name one of them`);
    const report = await capacityReport(kube, config.prometheusUrl as string, {
      window: a.window,
      namespaces: a.namespace ? [a.namespace] : undefined,
      poolLabel: a.poolLabel,
      headroom: a.headroom,
      prices: a.prices ? parsePriceTable(a.prices) : undefined,
    });
    const budget = textBudget(a.budget, config.maxOutputChars);
    let text = renderCapacityText(report, { top: a.top ?? 10 });
    if (text.length > budget)
      text = `${text.slice(0, budget - 40)}\n… cut at ${budget} characters; narrow with namespace`;
    const json = toCapacityJson(report);
    return {
      text,
      data: {
        ...json,
        // the structured model stays small: verdicts and recommendations, not every fact
        workloads: json.workloads.slice(0, 200),
        ...(json.workloads.length > 200 ? { workloadsLeftOut: json.workloads.length - 200 } : {}),
        ...(report.gaps.length ? { gaps: report.gaps } : {}),
      },
    };
  },
});
