import { z } from 'zod';
import { MAX_PROMQL_LENGTH, queryPrometheus, renderPromResult } from '../../lib/prometheus/query';
import { READ_ONLY, defineTool } from './types';

export const queryPrometheusTool = defineTool({
  name: 'query_prometheus',
  title: 'PromQL query',
  description:
    'Run a PromQL query against the configured Prometheus. Instant by default; give start (and end, step) for a range. Aggregate (sum by, topk) to keep the answer small.',
  input: {
    query: z
      .string()
      .min(1)
      .max(MAX_PROMQL_LENGTH)
      .describe('PromQL, e.g. sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="shop"}[5m]))'),
    start: z.string().max(64).optional().describe('range start: RFC 3339 or unix seconds'),
    end: z.string().max(64).optional(),
    step: z.string().max(32).optional().describe('e.g. 60 or 5m'),
  },
  annotations: { ...READ_ONLY, openWorldHint: true },
  available: (cfg) => Boolean(cfg.prometheusUrl),
  async run(a, { config }) {
    const result = await queryPrometheus(config.prometheusUrl as string, {
      query: a.query,
      start: a.start,
      end: a.end,
      step: a.step,
    });
    return { text: renderPromResult(result), data: { ...result } };
  },
});
