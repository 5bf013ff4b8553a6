/**
 * Charts for the HTML report, drawn server-side by echarts into SVG strings (no DOM, no script, no network), so the
 * report stays one self-contained file. echarts escapes the text it draws; the namespace names are untrusted.
 */
import * as echarts from 'echarts';
import type { DiagnosisResult } from '../types';
import { SEVERITIES } from './format';

const COLORS = { critical: '#d64545', warning: '#e8a33d', info: '#4a90d9' };

function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    // Inline SVG inside HTML needs no namespace declarations; dropping them keeps the report free of any URL.
    return chart.renderToSVGString().replace(/\s+xmlns(:xlink)?="[^"]*"/g, '');
  } finally {
    chart.dispose();
  }
}

/** Findings per namespace, stacked by severity. Cluster-scoped findings count under "(cluster)". */
export function severityChartSVG(result: DiagnosisResult, width = 640, height = 280): string {
  const byNs = new Map<string, Record<string, number>>();
  for (const f of result.findings) {
    const ns = f.namespace ?? '(cluster)';
    const row = byNs.get(ns) ?? { critical: 0, warning: 0, info: 0 };
    row[f.severity]++;
    byNs.set(ns, row);
  }
  const namespaces = [...byNs.keys()]
    .sort((a, b) => {
      const ra = byNs.get(a) as Record<string, number>;
      const rb = byNs.get(b) as Record<string, number>;
      return rb.critical - ra.critical || rb.warning - ra.warning || a.localeCompare(b);
    })
    .slice(0, 20);
  return render(
    {
      title: { text: 'Findings by namespace', left: 'center', textStyle: { fontSize: 13 } },
      tooltip: {},
      legend: { bottom: 0, data: SEVERITIES },
      grid: { left: 48, right: 16, top: 40, bottom: 64 },
      xAxis: { type: 'category', data: namespaces, axisLabel: { interval: 0, rotate: namespaces.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: SEVERITIES.map((s) => ({
        name: s,
        type: 'bar',
        stack: 'findings',
        itemStyle: { color: COLORS[s] },
        data: namespaces.map((n) => (byNs.get(n) as Record<string, number>)[s]),
      })),
    },
    width,
    height,
  );
}

type UsageRow = NonNullable<DiagnosisResult['usage']>[number];

/** Usage against request and limit for the containers closest to their limits, one chart per resource. */
export function usageChartSVGs(
  result: DiagnosisResult,
  max = 12,
  width = 640,
  height = 300,
): { cpu?: string; memory?: string } {
  const rows = result.usage ?? [];
  if (!rows.length) return {};
  const label = (r: UsageRow): string => `${r.pod}/${r.container}`;
  const chart = (
    title: string,
    unit: string,
    pick: (r: UsageRow) => [number, number | undefined, number | undefined],
  ): string => {
    const ratio = (r: UsageRow): number => {
      const [u, req, lim] = pick(r);
      return u / (lim || req || Infinity);
    };
    const top = [...rows].sort((a, b) => ratio(b) - ratio(a)).slice(0, max);
    const series = (name: string, i: 0 | 1 | 2, color: string) => ({
      name,
      type: 'bar',
      itemStyle: { color },
      data: top.map((r) => {
        const v = pick(r)[i];
        return v === undefined ? null : Math.round(v * 10) / 10;
      }),
    });
    return render(
      {
        title: { text: title, left: 'center', textStyle: { fontSize: 13 } },
        legend: { bottom: 0, data: ['usage', 'request', 'limit'] },
        grid: { left: 160, right: 24, top: 40, bottom: 48 },
        xAxis: { type: 'value', name: unit },
        yAxis: {
          type: 'category',
          data: top.map(label),
          inverse: true,
          axisLabel: { width: 150, overflow: 'truncate' },
        },
        series: [series('usage', 0, '#2f7d5b'), series('request', 1, '#9bbfe0'), series('limit', 2, '#d64545')],
      },
      width,
      Math.max(height, 60 + top.length * 28),
    );
  };
  return {
    cpu: chart('CPU: usage vs request and limit', 'millicores', (r) => [r.cpuMillicores, r.cpuRequest, r.cpuLimit]),
    memory: chart('Memory: usage vs request and limit', 'MiB', (r) => [
      r.memoryBytes / 2 ** 20,
      r.memoryRequest === undefined ? undefined : r.memoryRequest / 2 ** 20,
      r.memoryLimit === undefined ? undefined : r.memoryLimit / 2 ** 20,
    ]),
  };
}
