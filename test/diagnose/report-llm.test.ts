import { renderForLLM } from '../../lib/diagnose/report';
import { bigResult, finding, result } from './report-support';

describe('LLM rendering', () => {
  test.each([150, 300, 600, 1200, 3000, 8000, 20000])(
    'stays within budget=%i and ends with the omission note',
    (budget) => {
      const text = renderForLLM(bigResult(60), { budget });
      expect(text.length).toBeLessThanOrEqual(budget);
      expect(text.split('\n').pop()).toMatch(/^Omitted/);
    },
  );

  test('a roomy budget keeps everything and says nothing was left out', () => {
    const r = result([finding({ severity: 'critical', name: 'web' }), finding({ severity: 'info', name: 'cfg' })]);
    const text = renderForLLM(r, { budget: 10000 });
    expect(text).toContain('C Deployment shop/web CrashLoopBackOff | root: Secret shop/web-db: does not exist');
    expect(text).toContain('event: Back-off restarting failed container');
    expect(text).toContain('fix: kubectl -n shop create secret generic web-db');
    expect(text.endsWith('Omitted: nothing.')).toBe(true);
  });

  test('info goes first, then evidence, before any critical or warning finding is dropped', () => {
    const r = bigResult(30);
    const full = renderForLLM(r, { budget: 100000 });
    const noInfo = full
      .split('\n')
      .filter((l) => !l.startsWith('I '))
      .join('\n');
    const text = renderForLLM(r, { budget: noInfo.length - 200 });
    expect(text).not.toMatch(/^I /m);
    expect(text.split('\n').filter((l) => /^[CW] /.test(l))).toHaveLength(20);
    expect(text).toMatch(/Omitted: findings 10 info; evidence of \d+/);
  });

  test('root causes survive the tightest budget that fits them', () => {
    const r = result([
      finding({ severity: 'critical', name: 'checkout', message: 'x'.repeat(500) }),
      finding({ severity: 'critical', name: 'payments', message: 'y'.repeat(500) }),
      finding({ severity: 'warning', name: 'search', message: 'z'.repeat(500) }),
      ...Array.from({ length: 10 }, (_, i) => finding({ severity: 'info', name: `cm-${i}` })),
    ]);
    const text = renderForLLM(r, { budget: 420 });
    expect(text.length).toBeLessThanOrEqual(420);
    for (const n of ['checkout', 'payments', 'search'])
      expect(text).toContain(`Deployment shop/${n}: Secret shop/${n}-db: does not exist`);
    expect(text).not.toContain('xxxxx');
    expect(text).toMatch(/Omitted: findings 10 info; evidence of 3; messages of 3; commands of 3/);
  });

  test('findings are dropped from the bottom, critical ones last, and counted', () => {
    const text = renderForLLM(bigResult(60), { budget: 900 });
    const kept = text.split('\n').filter((l) => /^[CWI] /.test(l));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((l) => l.startsWith('C '))).toBe(true);
    expect(text).toMatch(/Omitted: findings \d+ critical, 20 warning, 20 info/);
  });
});
