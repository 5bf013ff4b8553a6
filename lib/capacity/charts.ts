/**
 * Capacity charts, drawn server-side by echarts into SVG strings like the diagnosis report's: utilisation over the
 * window, and requests against usage for the containers with the largest gap. Names are untrusted; echarts escapes
 * what it draws.
 */
import { topRowsChartSVG } from '../charts/bar-chart';
import { renderSVG, timeLabel } from '../charts/svg';
import type { CapacityReport, WorkloadReport } from './types';

const MI = 2 ** 20;

/** CPU and memory in use over the window, as a share of the pools' allocatable when known. */
export function utilisationChartSVG(r: CapacityReport, width = 640, height = 280): string | undefined {
  const u = r.utilisation;
  if (!u?.points.length) return undefined;
  const share = Boolean(u.allocatable);
  const pct = (v: number | null, total: number | undefined) =>
    v === null ? null : share && total ? Math.round((v / total) * 1000) / 10 : v;
  return renderSVG(
    {
      title: { text: `Utilisation over ${r.window}`, left: 'center', textStyle: { fontSize: 13 } },
      legend: { bottom: 0, data: ['CPU', 'memory'] },
      grid: { left: 56, right: 56, top: 40, bottom: 56 },
      xAxis: {
        type: 'category',
        data: u.points.map((p) => timeLabel(p[0])),
        axisLabel: { interval: Math.ceil(u.points.length / 7) },
      },
      yAxis: share
        ? { type: 'value', name: '% of allocatable', max: 100 }
        : [
            { type: 'value', name: 'millicores' },
            { type: 'value', name: 'MiB' },
          ],
      series: [
        {
          name: 'CPU',
          type: 'line',
          showSymbol: false,
          itemStyle: { color: '#4a90d9' },
          data: u.points.map((p) => pct(p[1], u.allocatable?.cpuMillicores)),
        },
        {
          name: 'memory',
          type: 'line',
          showSymbol: false,
          ...(share ? {} : { yAxisIndex: 1 }),
          itemStyle: { color: '#2f7d5b' },
          data: u.points.map((p) =>
            share ? pct(p[2], u.allocatable?.memoryBytes) : p[2] === null ? null : Math.round(p[2] / MI),
          ),
        },
      ],
    },
    width,
    height,
  );
}

/** Request against p95 (CPU) and p99 (memory) for the containers whose request is furthest from their usage. */
export function requestsVsUsageSVGs(
  r: CapacityReport,
  max = 12,
  width = 640,
  height = 300,
): { cpu?: string; memory?: string } {
  const rows = r.workloads.filter((w) => w.recommendation.verdict !== 'no-data');
  if (!rows.length) return {};
  const chart = (title: string, unit: string, pick: (w: WorkloadReport) => [number | undefined, number | undefined]) =>
    topRowsChartSVG({
      title,
      unit,
      rows: rows.filter((w) => pick(w)[1] !== undefined),
      max,
      score: (w) => {
        const [req, used] = pick(w);
        return Math.abs((req ?? 0) - (used ?? 0));
      },
      label: (w) => `${w.namespace}/${w.name}/${w.container}`,
      series: [
        { name: 'request', color: '#9bbfe0' },
        { name: 'usage', color: '#2f7d5b' },
      ],
      values: pick,
      width,
      minHeight: height,
    });
  return {
    cpu: chart('CPU: request vs p95 usage', 'millicores', (w) => [
      w.requestMillicores,
      w.recommendation.cpu.p95Millicores,
    ]),
    memory: chart('Memory: request vs p99 working set', 'MiB', (w) => [
      w.requestBytes === undefined ? undefined : w.requestBytes / MI,
      w.recommendation.memory.p99Bytes === undefined ? undefined : w.recommendation.memory.p99Bytes / MI,
    ]),
  };
}
