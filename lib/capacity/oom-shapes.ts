/**
 * The OOM chain inside a capacity report: for each container the kubelet last killed for memory, the memory curve
 * around that kill says whether the recommended limit would help. A spike needs the higher limit; a leak only
 * reaches any limit later, and the reason says so next to the number.
 */
import type { PrometheusEndpoint } from '../prometheus/endpoint';
import { memoryCurve } from './memory-curve';
import type { CapacityQueries } from './queries';
import type { WorkloadReport } from './types';

const MI = 2 ** 20;
/** curves per report: each is one range query */
const MAX_CURVES = 10;

export async function addOomShapes(
  ep: PrometheusEndpoint,
  workloads: WorkloadReport[],
  opts: { queries?: Partial<CapacityQueries> & { preset?: string }; timeoutMs: number },
  gaps: string[],
): Promise<void> {
  const killed = workloads
    .filter((w) => w.oomPod && w.recommendation.codes.includes('oom-killed'))
    .slice(0, MAX_CURVES);
  await Promise.all(
    killed.map(async (w) => {
      try {
        const c = await memoryCurve(
          ep,
          {
            namespace: w.namespace,
            pod: w.oomPod as string,
            container: w.container,
            ...(w.limitBytes !== undefined ? { limitBytes: w.limitBytes } : {}),
            ...(w.oomKilledAt ? { killedAt: w.oomKilledAt } : {}),
          },
          { queries: opts.queries, timeoutMs: opts.timeoutMs },
        );
        if (c.shape !== 'leak' && c.shape !== 'spike') return;
        const f = w.recommendation.facts;
        f.memoryShape = c.shape;
        if (c.slopeBytesPerHour !== undefined) f.memorySlopeMiPerHour = Math.round(c.slopeBytesPerHour / MI);
        if (c.timeToLimitSeconds !== undefined) f.hoursToLimit = Math.round((c.timeToLimitSeconds / 3600) * 10) / 10;
        w.recommendation.codes.push(c.shape === 'leak' ? 'memory-leak' : 'memory-spike');
      } catch (err) {
        gaps.push(
          `memory curve of ${w.namespace}/${w.oomPod}/${w.container}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }),
  );
}
