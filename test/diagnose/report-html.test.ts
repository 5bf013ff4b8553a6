import { renderHTML } from '../../lib/diagnose/report';
import { diagnoseScenario } from './net-support';
import { finding, result } from './report-support';

const EVIL = '<script>alert(1)</script>';

function malicious() {
  return result(
    [
      finding({
        severity: 'critical',
        name: EVIL,
        namespace: `ns-${EVIL}`,
        message: `image "x" failed: <img src=x onerror=alert(2)> & "quotes" 'single'`,
        evidence: [{ source: 'log', text: `</td></tr><script>alert(3)</script>` }],
        rootCause: {
          object: { kind: 'Secret', namespace: 'shop', name: '"><svg onload=alert(4)>' },
          code: 'MissingSecret',
          facts: { kind: 'Secret', name: '"><svg onload=alert(4)>' },
          fact: 'does not exist',
        },
        commands: [`kubectl get pods -n '<b>'`],
      }),
    ],
    {
      usage: [
        {
          namespace: `ns-${EVIL}`,
          pod: EVIL,
          container: 'c',
          cpuMillicores: 420,
          memoryBytes: 400 * 2 ** 20,
          cpuRequest: 200,
          cpuLimit: 500,
          memoryRequest: 256 * 2 ** 20,
          memoryLimit: 512 * 2 ** 20,
        },
      ],
    },
  );
}

describe('HTML report', () => {
  test('is self-contained: no script, no external resource, no URL at all', () => {
    const html = renderHTML(malicious());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<[^>]*\s(src|href|xlink:href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\//);
  });

  test('escapes every untrusted string, including inside the charts', () => {
    const html = renderHTML(malicious());
    expect(html).not.toContain(EVIL);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<svg onload');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;/td&gt;&lt;/tr&gt;');
    expect(html).toContain('&quot;quotes&quot; &#39;single&#39;');
  });

  test('header with score and namespace scores, findings table with root cause, evidence and commands, charts as inline SVG', async () => {
    const r = await diagnoseScenario('ingress-backend', 'broken');
    const html = renderHTML(r, { title: 'Storefront' });
    expect(html).toContain('<title>Storefront</title>');
    expect(html).toContain(`<span class="score bad">${r.score}</span>`);
    expect(html).toMatch(/storefront <b class="(bad|mid|ok)">\d+<\/b>/);
    expect(html).toContain('Service storefront/api-svc: Service api-svc does not exist');
    expect(html).toContain('<code>kubectl -n storefront edit ingress storefront</code>');
    expect((html.match(/<svg/g) ?? []).length).toBe(1);
    expect(html).toContain('Findings by namespace');
  });

  test('usage rows add CPU and memory charts against request and limit', () => {
    const html = renderHTML(malicious());
    expect((html.match(/<svg/g) ?? []).length).toBe(3);
    expect(html).toContain('CPU: usage vs request and limit');
    expect(html).toContain('Memory: usage vs request and limit');
  });
});
