/**
 * Capacity charts, drawn server-side by echarts into SVG strings like the diagnosis report's: utilisation over the
 * window, and requests against usage for the containers with the largest gap. Names are untrusted; echarts escapes
 * what it draws.
 */
import * as echarts from 'echarts';
import type { CapacityReport, WorkloadReport } from './types';

const MI = 2 ** 20;

function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString().replace(/\s+xmlns(:xlink)?="[^"]*"/g, '');
  } finally {
    chart.dispose();
  }
}

/** CPU and memory in use over the window, as a share of the pools' allocatable when known. */
export function utilisationChartSVG(r: CapacityReport, width = 640, height = 280): string | undefined {
  const u = r.utilisation;
  if (!u?.points.length) return undefined;
  const share = Boolean(u.allocatable);
  const pct = (v: number | null, total: number | undefined) =>
    v === null ? null : share && total ? Math.round((v / total) * 1000) / 10 : v;
  const time = (t: number) => new Date(t * 1000).toISOString().slice(5, 16).replace('T', ' ');
  return render(
    {
      title: { text: `Utilisation over ${r.window}`, left: 'center', textStyle: { fontSize: 13 } },
      legend: { bottom: 0, data: ['CPU', 'memory'] },
      grid: { left: 56, right: 56, top: 40, bottom: 56 },
      xAxis: {
        type: 'category',
        data: u.points.map((p) => time(p[0])),
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
  const label = (w: WorkloadReport) => `${w.namespace}/${w.name}/${w.container}`;
  const chart = (
    title: string,
    unit: string,
    pick: (w: WorkloadReport) => [number | undefined, number | undefined],
  ) => {
    const gap = (w: WorkloadReport) => {
      const [req, used] = pick(w);
      return Math.abs((req ?? 0) - (used ?? 0));
    };
    const top = rows
      .filter((w) => pick(w)[1] !== undefined)
      .sort((a, b) => gap(b) - gap(a))
      .slice(0, max);
    if (!top.length) return undefined;
    const series = (name: string, i: 0 | 1, color: string) => ({
      name,
      type: 'bar',
      itemStyle: { color },
      data: top.map((w) => {
        const v = pick(w)[i];
        return v === undefined ? null : Math.round(v * 10) / 10;
      }),
    });
    return render(
      {
        title: { text: title, left: 'center', textStyle: { fontSize: 13 } },
        legend: { bottom: 0, data: ['request', 'usage'] },
        grid: { left: 180, right: 24, top: 40, bottom: 48 },
        xAxis: { type: 'value', name: unit },
        yAxis: {
          type: 'category',
          data: top.map(label),
          inverse: true,
          axisLabel: { width: 170, overflow: 'truncate' },
        },
        series: [series('request', 0, '#9bbfe0'), series('usage', 1, '#2f7d5b')],
      },
      width,
      Math.max(height, 60 + top.length * 28),
    );
  };
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
