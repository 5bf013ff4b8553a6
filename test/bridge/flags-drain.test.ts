/** --drain-seconds: the default, a value, and a value that is no integer (refused, as every numeric flag is). */
import { configFromFlags } from '../../bridge/flags';

test('drain time from --drain-seconds, 30 s by default, 0 allowed', () => {
  expect(configFromFlags({}, {}).drainMs).toBe(30_000);
  expect(configFromFlags({ drainSeconds: '5' }, {}).drainMs).toBe(5_000);
  expect(configFromFlags({ drainSeconds: '0' }, {}).drainMs).toBe(0);
  expect(() => configFromFlags({ drainSeconds: '1.5s' }, {})).toThrow(/--drain-seconds must be an integer/);
});
