import {
  renderJSON,
  renderMarkdown,
  renderReport,
  renderText,
  reportSchema,
  REPORT_FORMATS,
} from '../../lib/diagnose/report';
import type { DiagnosisResult } from '../../lib/diagnose/types';
import { diagnoseScenario } from './net-support';
import { bigResult, finding, result } from './report-support';

let ingress: DiagnosisResult;
beforeAll(async () => {
  ingress = await diagnoseScenario('ingress-backend', 'broken');
});

describe('JSON report', () => {
  test('validates against the published schema and keeps the canonical fields', () => {
    const parsed = JSON.parse(renderJSON(ingress));
    const check = reportSchema.safeParse(parsed);
    expect(check.success).toBe(true);
    expect(parsed.summary.critical).toBe(ingress.findings.filter((f) => f.severity === 'critical').length);
    expect(parsed.summary.findings).toBe(ingress.findings.length);
    const missing = parsed.findings.find((f: { reason: string }) => f.reason === 'IngressBackendServiceMissing');
    expect(Object.keys(missing)).toEqual(
      expect.arrayContaining([
        'severity',
        'kind',
        'namespace',
        'name',
        'message',
        'rootCause',
        'evidence',
        'suggestion',
        'commands',
      ]),
    );
    expect(missing.rootCause.fact).toBe('Service api-svc does not exist');
  });

  test('a malformed report fails the schema', () => {
    const parsed = JSON.parse(renderJSON(ingress));
    parsed.findings[0].severity = 'fatal';
    expect(reportSchema.safeParse(parsed).success).toBe(false);
  });
});

describe('Markdown report', () => {
  test('score line, per-severity counts, top finding with root cause and its command', () => {
    const md = renderMarkdown(ingress);
    expect(md.split('\n')[0]).toMatch(/score \d+\/100/);
    expect(md).toMatch(/🔴 \d+ critical · 🟠 \d+ warning · 🔵 \d+ info/);
    expect(md).toContain('Root cause: Service storefront/api-svc: does not exist');
    expect(md).toContain('`kubectl -n storefront edit ingress storefront`');
  });

  test.each([200, 500, 1000, 2000, 4000])('never exceeds maxChars=%i and says what was left out', (maxChars) => {
    const md = renderMarkdown(bigResult(60), { maxChars, top: 50 });
    expect(md.length).toBeLessThanOrEqual(maxChars);
    if (maxChars >= 500) expect(md).toMatch(/…and \d+ more \(/);
  });

  test('untrusted text cannot inject markup', () => {
    const md = renderMarkdown(
      result([
        finding({
          severity: 'critical',
          name: 'web',
          rootCause: {
            object: { kind: 'Pod', namespace: 'shop', name: 'web' },
            code: 'LogError',
            facts: { container: 'web', line: 'log says **[click](http://evil)** `rm -rf`' },
            fact: 'log says **[click](http://evil)** `rm -rf`',
          },
        }),
      ]),
    );
    expect(md).toContain('\\*\\*\\[click\\](http://evil)\\*\\* \\`rm -rf\\`');
  });

  test('an empty result says so', () => {
    expect(renderMarkdown(result([]))).toContain('No problems found.');
  });
});

describe('text report', () => {
  test('aligned rows with root cause and command, no colour by default, control characters removed', () => {
    const r = result([
      finding({ severity: 'critical', name: 'checkout' }),
      finding({ severity: 'warning', name: 'a', message: 'evil \x1b[2J\x07 text', rootCause: undefined }),
    ]);
    const text = renderText(r);
    const rows = text.split('\n').filter((l) => /^(CRIT|WARN|INFO) /.test(l));
    expect(rows).toHaveLength(2);
    expect(rows[0].indexOf('CrashLoopBackOff')).toBe(rows[1].indexOf('CrashLoopBackOff'));
    expect(text).toContain('root cause: Secret shop/checkout-db: does not exist');
    expect(text).toContain('$ kubectl -n shop create secret generic checkout-db');
    expect(text).not.toContain('\x1b');
    expect(text).not.toContain('\x07');
    expect(renderText(r, { color: true })).toContain('\x1b[31mCRIT');
  });
});

describe('renderReport', () => {
  test('renders every format', () => {
    for (const f of REPORT_FORMATS) expect(renderReport(ingress, f).length).toBeGreaterThan(50);
  });
});
