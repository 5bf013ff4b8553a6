/**
 * The fast paths a big diagnosis relies on change nothing: redacting a freshly parsed object in place gives what the
 * copying redact gives (and returns that same object), and the API-time reader agrees with Date.parse.
 */
import fc from 'fast-check';
import { millis } from '../../lib/diagnose/util';
import { redact, redactInPlace } from '../../lib/kube/redact';

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    'postgres://app:Zq8xk2LmP0@db:5432/app',
    'password=Zq8xk2LmP0',
    'Authorization: Bearer Zq8xk2LmP0aaaa',
    '{"token":"Zq8xk2LmP0"}',
    '2026-11-24T05:59:00Z',
    'registry.example.com/shop/api:2.1.0',
    'app.kubernetes.io/name',
  ),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom('name', 'data', 'env', 'annotations', 'items', 'value', 'message', 'kind', 'stringData'),
      tie('node'),
      { maxKeys: 4 },
    ),
  ),
})).node;
const objects = fc.oneof(
  value,
  fc.record({ kind: fc.constantFrom('Secret', 'ConfigMap', 'Pod', 'SecretList'), data: value, items: value }),
  fc.record({
    env: fc.array(
      fc.record({ name: fc.constantFrom('DB_PASSWORD', 'HOST', 'API_TOKEN', 'x password=Zq8xk2LmP0'), value: text }),
    ),
  }),
);

test('redactInPlace equals redact and returns the object it was given', () => {
  fc.assert(
    fc.property(objects, (obj) => {
      const json = JSON.stringify(obj);
      const expected = redact(JSON.parse(json) as unknown);
      const mine = JSON.parse(json) as unknown;
      const out = redactInPlace(mine);
      if (typeof mine === 'object' && mine !== null) expect(out).toBe(mine);
      expect(out).toEqual(expected);
    }),
    { numRuns: 400 },
  );
});

test('millis reads API timestamps as Date.parse does, and anything else through Date.parse', () => {
  const parse = (t: string) => (Number.isFinite(Date.parse(t)) ? Date.parse(t) : 0);
  fc.assert(
    fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), (d) => {
      const iso = d.toISOString(); // 2026-11-24T05:59:00.123Z
      for (const t of [iso, iso.replace(/\.\d+Z$/, 'Z'), iso.replace(/Z$/, '456Z'), iso.replace(/(\.\d)\d+Z$/, '$1Z')])
        expect([t, millis(t)]).toEqual([t, parse(t)]);
    }),
  );
  for (const t of ['2026-11-24T05:59:00+02:00', '2026-11-24T05:59:00.Z', '2026-13-01T00:00:00Z', 'garbage', ''])
    expect([t, millis(t)]).toEqual([t, parse(t)]);
});
