/**
 * Charts for the HTML report, drawn server-side by echarts into SVG strings (lib/charts), so the report stays one
 * self-contained file. echarts escapes the text it draws; the namespace and pod names are untrusted.
 */
import { topRowsChartSVG } from '../../charts/bar-chart';
import { renderSVG } from '../../charts/svg';
import type { DiagnosisResult } from '../types';
import { SEVERITIES } from './format';

const COLORS = { critical: '#d64545', warning: '#e8a33d', info: '#4a90d9' };

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
  return renderSVG(
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
  const chart = (
    title: string,
    unit: string,
    pick: (r: UsageRow) => [number, number | undefined, number | undefined],
  ): string | undefined =>
    topRowsChartSVG({
      title,
      unit,
      rows,
      max,
      score: (r) => {
        const [u, req, lim] = pick(r);
        return u / (lim || req || Infinity);
      },
      label: (r) => `${r.pod}/${r.container}`,
      series: [
        { name: 'usage', color: '#2f7d5b' },
        { name: 'request', color: '#9bbfe0' },
        { name: 'limit', color: '#d64545' },
      ],
      values: pick,
      width,
      minHeight: height,
    });
  return {
    cpu: chart('CPU: usage vs request and limit', 'millicores', (r) => [r.cpuMillicores, r.cpuRequest, r.cpuLimit]),
    memory: chart('Memory: usage vs request and limit', 'MiB', (r) => [
      r.memoryBytes / 2 ** 20,
      r.memoryRequest === undefined ? undefined : r.memoryRequest / 2 ** 20,
      r.memoryLimit === undefined ? undefined : r.memoryLimit / 2 ** 20,
    ]),
  };
}
