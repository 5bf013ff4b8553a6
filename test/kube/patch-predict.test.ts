/** The local prediction of JSON and merge patches follows RFC 6902 / RFC 7386, so leak checks know where values land. */
import { predictJsonPatch, predictMergePatch } from '../../lib/kube/patch-predict';

const doc = { a: { b: [1, 2], c: 'x' } };

test('RFC 6902 operations, in order, on a copy', () => {
  expect(
    predictJsonPatch(doc, [
      { op: 'add', path: '/a/b/-', value: 3 },
      { op: 'add', path: '/a/b/0', value: 0 },
      { op: 'copy', from: '/a/c', path: '/a/d' },
      { op: 'move', from: '/a/c', path: '/e' },
      { op: 'replace', path: '/a/b/1', value: 9 },
      { op: 'remove', path: '/a/b/2' },
      { op: 'test', path: '/e', value: 'x' },
    ]),
  ).toEqual({ a: { b: [0, 9, 3], d: 'x' }, e: 'x' });
  expect(doc).toEqual({ a: { b: [1, 2], c: 'x' } });
});

test('a patch that does not apply predicts nothing', () => {
  expect(predictJsonPatch(doc, [{ op: 'test', path: '/a/c', value: 'y' }])).toBeUndefined();
  expect(predictJsonPatch(doc, [{ op: 'remove', path: '/a/z' }])).toBeUndefined();
  expect(predictJsonPatch(doc, [{ op: 'replace', path: '/a/b/5', value: 1 }])).toBeUndefined();
  expect(predictJsonPatch(doc, [{ op: 'add', path: '/x/y', value: 1 }])).toBeUndefined();
  expect(predictJsonPatch(doc, [{ op: 'frobnicate', path: '/a' }])).toBeUndefined();
});

test('RFC 7386: objects merge, null removes, anything else replaces', () => {
  expect(predictMergePatch(doc, { a: { c: null, b: [7] }, f: { g: 1 } })).toEqual({ a: { b: [7] }, f: { g: 1 } });
});

test('hostile or root-changing JSON patches predict nothing rather than a non-object', () => {
  expect(predictJsonPatch(doc, [{ op: 'remove', path: '' }])).toBeUndefined();
  expect(predictJsonPatch(doc, [{ op: 'replace', path: '', value: 'text' }])).toBeUndefined();
  expect(predictJsonPatch(doc, [{ op: 'add', path: '/__proto__/polluted', value: 1 }])).toBeUndefined();
  expect(predictJsonPatch(doc, [null])).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
