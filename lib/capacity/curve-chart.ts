/**
 * The memory curve behind an OOM kill as a chart, for an HTML diagnosis: the working set over the window with the
 * limit as a line, and a short section to put into the report. Inline SVG (lib/charts), no script, names escaped.
 */
import { renderSVG, timeLabel } from '../charts/svg';
import { escapeHtml } from '../diagnose/report/html';
import type { MemoryCurve } from './memory-curve';

const MI = 2 ** 20;

export function memoryCurveChartSVG(c: MemoryCurve, width = 640, height = 260): string | undefined {
  if (!c.points.length) return undefined;
  const limit = c.limitBytes === undefined ? undefined : Math.round(c.limitBytes / MI);
  return renderSVG(
    {
      title: {
        text: `Memory of ${c.namespace}/${c.pod}/${c.container} (${c.shape})`,
        left: 'center',
        textStyle: { fontSize: 13 },
      },
      legend: { bottom: 0, data: ['working set', ...(limit !== undefined ? ['limit'] : [])] },
      grid: { left: 56, right: 24, top: 40, bottom: 56 },
      xAxis: {
        type: 'category',
        data: c.points.map((p) => timeLabel(p[0])),
        axisLabel: { interval: Math.ceil(c.points.length / 6) },
      },
      yAxis: { type: 'value', name: 'MiB' },
      series: [
        {
          name: 'working set',
          type: 'line',
          showSymbol: false,
          itemStyle: { color: '#2f7d5b' },
          data: c.points.map((p) => Math.round(p[1] / MI)),
        },
        ...(limit !== undefined
          ? [
              {
                name: 'limit',
                type: 'line',
                showSymbol: false,
                lineStyle: { type: 'dashed' },
                itemStyle: { color: '#d64545' },
                data: c.points.map(() => limit),
              },
            ]
          : []),
      ],
    },
    width,
    height,
  );
}

/** One section for the curves of a diagnosis, to go before the report's `</body>`; empty without curves. */
export function renderCurveSection(curves: MemoryCurve[]): string {
  const parts = curves
    .map((c) => {
      const svg = memoryCurveChartSVG(c);
      return svg ? `<figure>${svg}<figcaption>${escapeHtml(`${c.container}: ${c.summary}`)}</figcaption></figure>` : '';
    })
    .filter(Boolean);
  if (!parts.length) return '';
  return `<section class="memory-curves"><h2>Memory before the OOM kill</h2><div class="charts">${parts.join('')}</div></section>`;
}

/** An HTML report (lib/diagnose/report's page) with the curves' section before its `</body>`; as it was without curves. */
export function withCurveSection(page: string, curves: MemoryCurve[]): string {
  const section = renderCurveSection(curves);
  if (!section) return page;
  const end = page.lastIndexOf('</body>');
  return end < 0 ? page + section : page.slice(0, end) + section + page.slice(end);
}
