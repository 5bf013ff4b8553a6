/** The memory-curve section of an HTML diagnosis: before the page's end, escaped, and nothing without curves. */
import { withCurveSection } from '../../lib/capacity/curve-chart';
import type { MemoryCurve } from '../../lib/capacity/memory-curve';

const MI = 2 ** 20;
const curve: MemoryCurve = {
  namespace: 'shop',
  pod: 'api-7d9f8b6c5-x2k4q',
  container: '<img src=x>',
  limitBytes: 512 * MI,
  window: { start: 0, end: 600, stepSeconds: 60 },
  points: Array.from({ length: 10 }, (_, i): [number, number] => [i * 60, (100 + i * 40) * MI]),
  shape: 'leak',
  resets: [],
  summary: 'climbs & reaches the limit',
};
const page = '<html><body><p>report</p></body></html>';

describe('withCurveSection', () => {
  it('puts the section before </body>, escaping the caption', () => {
    const html = withCurveSection(page, [curve]);
    expect(html.startsWith('<html><body><p>report</p><section class="memory-curves">')).toBe(true);
    expect(html.endsWith('</section></body></html>')).toBe(true);
    expect(html).toContain('&lt;img src=x&gt;: climbs &amp; reaches the limit');
    expect(html).not.toContain('<img');
  });

  it('leaves the page as it was without curves or points', () => {
    expect(withCurveSection(page, [])).toBe(page);
    expect(withCurveSection(page, [{ ...curve, points: [] }])).toBe(page);
  });
});
