/**
 * A root cause's decisive fact is often at its end (the image reference, the registry host, the topology key): no
 * format may cut it. Text wraps it, the others keep it whole; only secondary lines are clipped.
 */
import { cause } from '../../lib/diagnose/cause';
import { renderReport, REPORT_FORMATS } from '../../lib/diagnose/report';
import { finding, result } from './report-support';

const HOST = 'registry.internal-mirror.eu-central-1.artifacts.platform-engineering.example-corporation.com:5443';
const IMAGE = `${HOST}/payments/team-checkout/checkout-api-service-with-a-rather-long-name:2026.11.24-build.48213-rc7`;
const DETAIL = 'dial tcp: lookup registry.internal-mirror.eu-central-1 on 10.96.0.10:53: no such host';

function longCause() {
  const pod = { kind: 'Pod', namespace: 'shop', name: 'checkout-7d9f8b6c5-x2k4q' };
  const proof = { source: 'event' as const, object: pod, text: `Failed: Failed to pull image "${IMAGE}": ${DETAIL}` };
  return finding({
    severity: 'critical',
    name: 'checkout',
    reason: 'ImagePullBackOff',
    message: `Deployment shop/checkout cannot pull its image ${'and keeps backing off. '.repeat(20)}`,
    rootCause: cause(pod, 'RegistryUnreachable', { image: IMAGE, container: 'api', detail: DETAIL }, proof),
    // The proof is deliberately not the first evidence: every format must still show it.
    evidence: [
      ...Array.from({ length: 6 }, (_, i) => ({ source: 'field' as const, object: pod, text: `other fact ${i}` })),
      proof,
    ],
  });
}

/** Whitespace removed, so a value wrapped at a space or inside a word reads as one again. */
function unwrapped(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('a long root cause is never cut', () => {
  const r = result([longCause(), finding({ severity: 'warning', name: 'other' })]);

  test.each(REPORT_FORMATS.filter((f) => f !== 'json'))('%s keeps the image, registry and pull error whole', (fmt) => {
    const out = renderReport(r, fmt, { width: 120 });
    const flat = fmt === 'text' ? unwrapped(out) : out;
    expect(flat).toContain(IMAGE);
    expect(flat).toContain(fmt === 'text' ? unwrapped(DETAIL) : DETAIL);
  });

  test('text shows the proof event whole under the root cause', () => {
    const out = renderReport(r, 'text', { width: 100 });
    expect(unwrapped(out)).toContain(unwrapped(`event: Failed: Failed to pull image "${IMAGE}"`));
  });

  test('text wraps within the width instead of clipping with an ellipsis', () => {
    const out = renderReport(r, 'text', { width: 100 });
    const lines = out.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    const rootLines = lines.slice(lines.findIndex((l) => l.includes('root cause:')));
    expect(rootLines[0]).not.toMatch(/…$/);
    expect(unwrapped(out)).toContain(IMAGE);
  });

  test('llm keeps the root cause and its proof whole even when the budget forces everything else out', () => {
    const tight = renderReport(r, 'llm', { budget: 900 });
    expect(tight).toContain(IMAGE);
    expect(tight).toContain(DETAIL);
    expect(tight.length).toBeLessThanOrEqual(900);
  });

  test('html and markdown show the proof event although it is not among the first evidence', () => {
    expect(renderReport(r, 'html')).toContain(`Failed to pull image &quot;${IMAGE}&quot;`);
    // Markdown shows the root cause and command only; the secondary message is the part that is clipped.
    const md = renderReport(r, 'markdown');
    expect(md).toContain(IMAGE);
    expect(md).not.toContain('backing off. '.repeat(20));
  });
});
