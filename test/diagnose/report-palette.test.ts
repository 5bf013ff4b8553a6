/**
 * The HTML report's badges are readable: each severity's text/background pair has a WCAG 2 contrast ratio of at least
 * 4.5:1, the report paints the badges with exactly those pairs (inline, so a mail client without <style> shows them
 * too, and no later rule greys them out), and it prints on A4 with table rows that do not split across pages.
 */
import { renderHTML } from '../../lib/diagnose/report';
import { PAGE, SCORE_COLOR, SEVERITY_BADGE } from '../../lib/diagnose/report/palette';
import { finding, result } from './report-support';

/** WCAG 2.x relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('the contrast helper matches known WCAG figures', () => {
  expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
  expect(contrast('#ffffff', '#767676')).toBeCloseTo(4.54, 2);
  // the old warning badge: white on amber
  expect(contrast('#ffffff', '#e8a33d')).toBeLessThan(4.5);
});

test.each(Object.entries(SEVERITY_BADGE))('the %s badge has a contrast of at least 4.5:1', (_s, { fg, bg }) => {
  expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
});

test('score colours and muted text are readable on the page', () => {
  for (const c of [...Object.values(SCORE_COLOR), PAGE.muted, PAGE.fg])
    expect(contrast(c, PAGE.bg)).toBeGreaterThanOrEqual(4.5);
});

const html = renderHTML(
  result([
    finding({ severity: 'critical', name: 'app-xyz-5969b7fffc-7ndjr', namespace: 'shop' }),
    finding({ severity: 'warning', name: 'test-deployment', namespace: 'aiops' }),
    finding({ severity: 'info', name: 'nginx-test-6d8d947585-7zghn', namespace: 'default' }),
  ]),
);

test('each badge is painted with its pair inline and in the stylesheet, above the grey pill rule', () => {
  for (const [s, { fg, bg }] of Object.entries(SEVERITY_BADGE)) {
    expect(html).toContain(`<span class="sev ${s}" style="background:${bg};color:${fg}">`);
    expect(html).toContain(`.badges span.${s}{background:${bg};color:${fg}}`);
  }
});

test('the report prints on A4: page size, repeated table header, rows kept whole, fixed columns that wrap', () => {
  expect(html).toMatch(/@page\{size:A4;/);
  expect(html).toMatch(/@media print\{[^]*thead\{display:table-header-group\}/);
  expect(html).toMatch(/tr\{break-inside:avoid;page-break-inside:avoid\}/);
  expect(html).toMatch(/table\{[^}]*table-layout:fixed/);
  expect(html).toMatch(/overflow-wrap:anywhere/);
  // full object names, never cut
  expect(html).toContain('app-xyz-5969b7fffc-7ndjr');
  expect(html).toContain('nginx-test-6d8d947585-7zghn');
});
