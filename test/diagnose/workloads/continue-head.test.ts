/**
 * The next page of a list is asked for from the head of this page's text, before the page is parsed. The head read
 * must agree with the parsed page whenever it answers, and step aside (null) whenever the text has another shape.
 */
import fc from 'fast-check';
import { continueOfHead } from '../../../lib/diagnose/collect';

const page = (meta: object, items: unknown[] = [{ metadata: { name: 'a' } }]) =>
  JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: meta, items });

test('reads the token of an API server list head, and undefined on the last page', () => {
  expect(continueOfHead(page({ resourceVersion: '12', continue: 'eyJydiI6MTJ9' }))).toBe('eyJydiI6MTJ9');
  expect(continueOfHead(page({ resourceVersion: '12' }))).toBeUndefined();
  expect(continueOfHead(page({ resourceVersion: '12', continue: '' }))).toBeUndefined();
  expect(continueOfHead(page({ resourceVersion: '12', continue: 'x', remainingItemCount: 40 }))).toBe('x');
});

test('steps aside when the head is not the flat ListMeta before items', () => {
  // items first, pretty-printed, a nested value, a brace inside a string, no metadata, not JSON
  expect(continueOfHead(JSON.stringify({ items: [], metadata: { continue: 'x' } }))).toBeNull();
  expect(continueOfHead(JSON.stringify({ metadata: { continue: 'x' }, items: [] }, null, 2))).toBeNull();
  expect(continueOfHead(page({ nested: { continue: 'y' }, continue: 'x' }))).toBeNull();
  expect(continueOfHead(page({ continue: 'a}b' }))).toBeNull();
  expect(continueOfHead(JSON.stringify({ kind: 'PodList', items: [] }))).toBeNull();
  expect(continueOfHead('<html>502 Bad Gateway</html>')).toBeNull();
  expect(continueOfHead(page({ continue: 7 }))).toBeNull();
});

test('whenever it answers, it answers what the parsed page says', () => {
  const meta = fc.record(
    {
      resourceVersion: fc.string({ maxLength: 8 }),
      continue: fc.string({ maxLength: 40 }),
      remainingItemCount: fc.nat(),
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(
      meta,
      fc.array(fc.record({ metadata: fc.record({ name: fc.string() }) }), { maxLength: 3 }),
      (m, items) => {
        const text = page(m, items);
        const head = continueOfHead(text);
        if (head !== null)
          expect(head).toBe((JSON.parse(text) as { metadata: { continue?: string } }).metadata.continue || undefined);
      },
    ),
  );
});
