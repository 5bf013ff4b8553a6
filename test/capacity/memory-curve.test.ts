/** analyzeCurve on its own: the shapes it tells apart, on synthetic working-set series. */
import { analyzeCurve } from '../../lib/capacity/memory-curve';

const MI = 2 ** 20;
const series = (n: number, f: (i: number) => number, step = 300): [number, number][] =>
  Array.from({ length: n }, (_, i) => [1_700_000_000 + i * step, f(i) * MI]);

test('a sawtooth that climbs to the limit and restarts is a leak, judged on the run that ended in the kill', () => {
  // 100 → 500Mi over 80 points, killed, restarts at 100Mi and climbs again for 20 points
  const points = series(100, (i) => (i < 80 ? 100 + i * 5 : 100 + (i - 80) * 5));
  const a = analyzeCurve(points, 512 * MI);
  expect(a.shape).toBe('leak');
  expect(a.resets).toHaveLength(1);
  expect(a.startBytes).toBe(100 * MI);
  expect(a.peakBytes).toBe(495 * MI);
  expect(a.slopeBytesPerHour).toBe(Math.round(((5 * MI) / 300) * 3600));
  // (512 - 100) Mi at 60Mi/h
  expect(Math.round((a.timeToLimitSeconds ?? 0) / 360) / 10).toBeCloseTo(6.9, 1);
});

test('a window that starts mid-climb still times the leak from the restart value, not from its own edge', () => {
  // the window opens at 300Mi, 40 points up to 495Mi, killed, restarts at 100Mi
  const points = series(60, (i) => (i < 40 ? 300 + i * 5 : 100 + (i - 40) * 5));
  const a = analyzeCurve(points, 512 * MI);
  expect(a.shape).toBe('leak');
  expect(a.startBytes).toBe(300 * MI);
  // (512 - 100) Mi at 60Mi/h, as for a whole run
  expect(Math.round((a.timeToLimitSeconds ?? 0) / 360) / 10).toBeCloseTo(6.9, 1);
});

test('flat, then a jump to the limit, is a spike', () => {
  const points = series(60, (i) => (i < 58 ? 200 + (i % 3) : 510));
  const a = analyzeCurve(points, 512 * MI);
  expect(a.shape).toBe('spike');
  expect(a.largestStepShare).toBeGreaterThan(0.9);
});

test('a big burst halfway up a noisy climb is a spike, not a leak', () => {
  const points = series(40, (i) => (i < 20 ? 100 + i : 400 + i));
  expect(analyzeCurve(points, 512 * MI).shape).toBe('spike');
});

test('flat far below the limit is steady; too few points is unknown', () => {
  expect(
    analyzeCurve(
      series(50, (i) => 300 + (i % 5)),
      1024 * MI,
    ).shape,
  ).toBe('steady');
  expect(
    analyzeCurve(
      series(4, (i) => 100 + i * 50),
      512 * MI,
    ),
  ).toEqual({ shape: 'unknown', resets: [] });
});
