/** How long a preStop hook sleeps and how the spec writes it, read from the shapes real manifests use. */
import { hookSleepSeconds, hookText } from '../../../lib/diagnose/families/prestop-hook';

describe('preStop hook as the spec writes it', () => {
  test('sleep action, exec sleeps with units, chained steps summed, sleep infinity', () => {
    expect(hookSleepSeconds({ sleep: { seconds: 45 } })).toBe(45);
    expect(hookSleepSeconds({ exec: { command: ['sleep', '30'] } })).toBe(30);
    expect(hookSleepSeconds({ exec: { command: ['/bin/sh', '-c', 'nginx -s quit; sleep 5m'] } })).toBe(300);
    expect(hookSleepSeconds({ exec: { command: ['sh', '-c', 'sleep 10 && /drain && sleep 20'] } })).toBe(30);
    expect(hookSleepSeconds({ exec: { command: ['sh', '-c', 'sleep infinity'] } })).toBe(Infinity);
    // not a sleep: a flag or a word that only contains it
    expect(hookSleepSeconds({ exec: { command: ['/app', '--sleep-between=30', 'nosleep 40'] } })).toBeUndefined();
    expect(hookSleepSeconds({ httpGet: { path: '/drain', port: 8080 } })).toBeUndefined();
  });

  test('an HTTP hook reads as the URL the kubelet calls', () => {
    expect(hookText({ httpGet: { path: 'drain', port: 8081 } }, '10.0.0.5')).toBe('http://10.0.0.5:8081/drain');
    expect(hookText({ httpGet: { host: 'svc.local', scheme: 'HTTPS', port: 'admin', path: '/q' } })).toBe(
      'https://svc.local:admin/q',
    );
    expect(hookText({ exec: { command: ['/bin/sh', '-c', 'x'] } })).toBe('/bin/sh -c x');
  });

  test('a hostile command line is read in linear time and its quoted text is bounded', () => {
    const cmd = `${'sleep '.repeat(50_000)}x`;
    const t = Date.now();
    hookSleepSeconds({ exec: { command: ['sh', '-c', cmd] } });
    expect(Date.now() - t).toBeLessThan(500);
    expect(hookText({ exec: { command: ['sh', '-c', cmd] } })!.length).toBeLessThanOrEqual(200);
  });
});
