/** Prometheus metrics for /metrics: one registry per bridge so tests can run several side by side. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface BridgeMetrics {
  registry: Registry;
  calls: Counter<'tool'>;
  errors: Counter<'tool'>;
  latency: Histogram<'tool'>;
  sessions: Gauge<'transport'>;
  /** closed to make room at the session cap */
  evicted: Counter<'transport'>;
  /** closed after sitting idle */
  reaped: Counter<'transport'>;
}

export function createMetrics(): BridgeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kube_aiops_bridge_' });
  return {
    registry,
    calls: new Counter({
      name: 'kube_aiops_tool_calls_total',
      help: 'MCP tool calls',
      labelNames: ['tool'],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'kube_aiops_tool_errors_total',
      help: 'MCP tool calls that returned an error',
      labelNames: ['tool'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'kube_aiops_tool_duration_seconds',
      help: 'MCP tool call latency',
      labelNames: ['tool'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    sessions: new Gauge({
      name: 'kube_aiops_open_sessions',
      help: 'open MCP sessions',
      labelNames: ['transport'],
      registers: [registry],
    }),
    evicted: new Counter({
      name: 'kube_aiops_sessions_evicted_total',
      help: 'MCP sessions closed, longest idle first, to make room at --max-sessions',
      labelNames: ['transport'],
      registers: [registry],
    }),
    reaped: new Counter({
      name: 'kube_aiops_sessions_reaped_total',
      help: 'MCP sessions closed after --session-idle-seconds without a request',
      labelNames: ['transport'],
      registers: [registry],
    }),
  };
}
