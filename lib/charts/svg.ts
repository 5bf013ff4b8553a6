/**
 * echarts drawn server-side into an SVG string (no DOM, no script, no network), so a report stays one self-contained
 * file. echarts escapes the text it draws, so untrusted names are safe in the result.
 */
import * as echarts from 'echarts';

export type ChartOption = echarts.EChartsCoreOption;

export function renderSVG(option: ChartOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    // Inline SVG inside HTML needs no namespace declarations; dropping them keeps the report free of any URL.
    return chart.renderToSVGString().replace(/\s+xmlns(:xlink)?="[^"]*"/g, '');
  } finally {
    chart.dispose();
  }
}

/** A time axis label for unix seconds: "05-01 10:00" (UTC, no year). */
export function timeLabel(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(5, 16).replace('T', ' ');
}
