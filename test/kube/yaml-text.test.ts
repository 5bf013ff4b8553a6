/**
 * toYaml's trimmed schema writes what js-yaml's default schema writes for any tree JSON can hold: the same quoting of
 * strings a YAML 1.1 reader (kubectl) would take for timestamps, merge keys, booleans, nulls or numbers.
 */
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { toYaml } from '../../lib/kube/yaml-text';

const byDefaultSchema = (value: unknown) => dump(value, { noRefs: true, lineWidth: -1, skipInvalid: true });

const tricky = fc.constantFrom(
  '2026-11-20T10:00:00Z',
  '2026-11-20',
  '2026-11-20 10:00:00.5 +08:00',
  '<<',
  'yes',
  'No',
  'on',
  'OFF',
  '~',
  'null',
  '',
  '0777',
  '0x1F',
  '1e3',
  '.inf',
  '12:30:45',
  '- item',
  'key: value',
  '#comment',
  'line one\nline two',
  ' padded ',
  'registry.example.com/shop/api:2.1.0@sha256:abc',
);
const scalar = fc.oneof(
  tricky,
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const tree = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(tricky, fc.string({ maxLength: 10 })), tie('node'), { maxKeys: 4 }),
  ),
})).node;

describe('toYaml', () => {
  it('writes what the default schema writes, for every JSON tree', () => {
    fc.assert(
      fc.property(tree, (value) => {
        expect(toYaml(value)).toBe(byDefaultSchema(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('quotes the strings a reader would take for another type, so they read back as strings', () => {
    const labels = { created: '2026-11-20', merge: '<<', flag: 'yes', mode: '0777', empty: '' };
    const text = toYaml({ metadata: { labels } });
    expect(text).toContain(`created: '2026-11-20'`);
    expect(text).toContain(`flag: 'yes'`);
    expect(load(text)).toEqual({ metadata: { labels } });
  });
});
