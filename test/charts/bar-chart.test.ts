import { barChartOption, barChartSVG, wrapLabel, LINE_CHARS } from '../../lib/charts/bar-chart';
import { usageChartSVGs } from '../../lib/diagnose/report/charts';
import type { DiagnosisResult } from '../../lib/diagnose/types';

const LONG = 'payments/p-xyz-5969b7fffc-7ndjr/istio-proxy-sidecar-with-a-long-name';
const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('horizontal bar chart labels', () => {
  test('a long object name is wrapped, never cut: its lines join back to the whole name', () => {
    const lines = wrapLabel(LONG);
    expect(lines.join('')).toBe(LONG);
    expect(lines.every((l) => l.length <= LINE_CHARS)).toBe(true);
    expect(lines[1]).toBe('p-xyz-5969b7fffc-7ndjr/');
    expect(wrapLabel('shop/web/app')).toEqual(['shop/web/app']);
    // a long part breaks after a dash, so the pod-template hash and the suffix stay whole
    expect(wrapLabel('payments/checkout-api-7d9f8b6c5d-x2k4q/istio-proxy')).toEqual([
      'payments/',
      'checkout-api-7d9f8b6c5d-',
      'x2k4q/istio-proxy',
    ]);
    expect(wrapLabel('x'.repeat(60)).join('')).toBe('x'.repeat(60));
  });

  test('the option carries the whole name, no truncation, and a left margin wide enough for its longest line', () => {
    const { option } = barChartOption({
      title: 'Memory',
      unit: 'MiB',
      categories: [LONG, 'shop/a/b'],
      series: [{ name: 'usage', color: '#2f7d5b', data: [1, 2] }],
    });
    const o = option as {
      yAxis: { data: string[]; axisLabel: { overflow?: string; width?: number } };
      grid: { left: number };
    };
    expect(o.yAxis.data[0].replace(/\n/g, '')).toBe(LONG);
    expect(o.yAxis.axisLabel.overflow).not.toMatch(/truncate/);
    expect(o.yAxis.axisLabel.width).toBeUndefined();
    const longest = Math.max(...o.yAxis.data.flatMap((d) => d.split('\n')).map((l) => l.length));
    expect(o.grid.left).toBeGreaterThanOrEqual(longest * 6);
  });

  test('the drawn SVG holds every part of the name and no ellipsis', () => {
    const svg = barChartSVG({
      title: 'Memory',
      unit: 'MiB',
      categories: [LONG],
      series: [{ name: 'usage', color: '#2f7d5b', data: [1] }],
    });
    const t = texts(svg);
    expect(t.filter((x) => wrapLabel(LONG).includes(x)).join('')).toBe(LONG);
    expect(t.join('')).not.toMatch(/…|\.\.\./);
  });

  test("the diagnosis report's usage chart shows a long pod name whole", () => {
    const pod = 'p-xyz-5969b7fffc-7ndjr';
    const result = {
      usage: [{ namespace: 'shop', pod, container: 'application-server', cpuMillicores: 120, memoryBytes: 2 ** 28 }],
    } as unknown as DiagnosisResult;
    const { memory } = usageChartSVGs(result);
    expect(texts(memory ?? '').join('')).toContain(`${pod}/application-server`);
  });
});
