/**
 * A horizontal bar chart with one row per object (a pod's container, a workload) and a few series side by side — the
 * shape of "usage against request and limit". Object names are long (`p-xyz-5969b7fffc-7ndjr/sidecar`) and a
 * truncated one is useless for finding the object, so labels are never cut: each name is broken at its `/` and, when
 * a part is still too long, every `LINE_CHARS` characters, and the grid's left margin is sized to the longest line.
 */
import { renderSVG, type ChartOption } from './svg';

export interface BarSeries {
  name: string;
  color: string;
  /** one value per category; null draws no bar */
  data: (number | null)[];
}

export interface BarChart {
  title: string;
  /** the value axis' name, e.g. "millicores" */
  unit: string;
  categories: string[];
  series: BarSeries[];
  width?: number;
  /** at least this; grows with the rows and their wrapped lines */
  minHeight?: number;
}

/** characters per label line; with LABEL_FONT px text this keeps the margin under a third of a 640 px chart */
export const LINE_CHARS = 28;
const LABEL_FONT = 11;
/** echarts' SSR text measure for the default sans-serif at 11 px is close to this per character */
const CHAR_PX = 6.2;
const LINE_PX = LABEL_FONT + 3;

/**
 * The name on lines of at most LINE_CHARS characters, broken after a `/` first, then after a `-`, else anywhere;
 * joining the lines gives the name back.
 */
export function wrapLabel(name: string, lineChars = LINE_CHARS): string[] {
  const parts = name.match(/[^/]*\/|[^/]+$/g) ?? [name];
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.length ? lines[lines.length - 1] : undefined;
    if (last !== undefined && last.length + part.length <= lineChars) {
      lines[lines.length - 1] = last + part;
      continue;
    }
    let rest = part;
    while (rest.length > lineChars) {
      // after a '-' in the second half of the line when there is one, so generated suffixes stay whole
      const dash = rest.lastIndexOf('-', lineChars - 1);
      const cut = dash >= lineChars / 2 ? dash + 1 : lineChars;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    if (rest) lines.push(rest);
  }
  return lines.length ? lines : [''];
}

export function barChartOption(c: BarChart): { option: ChartOption; width: number; height: number } {
  const width = c.width ?? 640;
  const labels = c.categories.map((n) => wrapLabel(n));
  const longest = Math.max(1, ...labels.flat().map((l) => l.length));
  const lines = labels.reduce((s, l) => s + Math.max(l.length, 1), 0);
  const rowsPx = Math.max(lines * LINE_PX + c.categories.length * 10, c.categories.length * 28);
  const height = Math.max(c.minHeight ?? 300, 104 + rowsPx);
  const option: ChartOption = {
    title: { text: c.title, left: 'center', textStyle: { fontSize: 13 } },
    legend: { bottom: 0, data: c.series.map((s) => s.name) },
    grid: { left: Math.ceil(longest * CHAR_PX) + 16, right: 24, top: 40, bottom: 64 },
    // the unit under the axis, centred: at the axis' end it runs past the right edge
    xAxis: { type: 'value', name: c.unit, nameLocation: 'middle', nameGap: 26 },
    yAxis: {
      type: 'category',
      data: labels.map((l) => l.join('\n')),
      inverse: true,
      axisLabel: { interval: 0, fontSize: LABEL_FONT, lineHeight: LINE_PX, overflow: 'none' },
    },
    series: c.series.map((s) => ({
      name: s.name,
      type: 'bar',
      itemStyle: { color: s.color },
      data: s.data.map((v) => (v === null ? null : Math.round(v * 10) / 10)),
    })),
  };
  return { option, width, height };
}

export function barChartSVG(c: BarChart): string {
  const { option, width, height } = barChartOption(c);
  return renderSVG(option, width, height);
}

export interface TopRowsChart<R> extends Omit<BarChart, 'categories' | 'series'> {
  rows: readonly R[];
  /** at most this many rows, the highest `score` first */
  max: number;
  score: (row: R) => number;
  label: (row: R) => string;
  /** one series per entry; `values` gives each row's value in the same order (undefined draws no bar) */
  series: { name: string; color: string }[];
  values: (row: R) => readonly (number | undefined)[];
}

/**
 * The `max` rows that score highest as one bar chart, a row per object and a bar per series — "usage against request
 * (and limit)" for containers. Undefined when there are no rows.
 */
export function topRowsChartSVG<R>(c: TopRowsChart<R>): string | undefined {
  const { rows, max, score, label, series, values, ...chart } = c;
  const top = [...rows].sort((a, b) => score(b) - score(a)).slice(0, max);
  if (!top.length) return undefined;
  const picked = top.map(values);
  return barChartSVG({
    ...chart,
    categories: top.map(label),
    series: series.map((s, i) => ({ ...s, data: picked.map((v) => v[i] ?? null) })),
  });
}
