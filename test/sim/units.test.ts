/** The simulator's pure parts: strategic merge directives, selectors and ages. */
import fc from 'fast-check';
import { patchSchemaFor } from '../../sim/patch/schema';
import { strategicMerge } from '../../sim/patch/strategic';
import { serverSideApply } from '../../sim/patch/apply';
import { labelSelector, parseLabelSelector } from '../../sim/select/labels';
import { humanDuration } from '../../sim/table/age';
import type { JsonObject } from '../../sim/model';

const deploySchema = patchSchemaFor('apps/deployments');
const podSchema = patchSchemaFor('/pods');

const podSpec = (containers: JsonObject[], extra: JsonObject = {}): JsonObject => ({ spec: { containers, ...extra } });

describe('strategic merge patch', () => {
  const base = podSpec([
    { name: 'a', image: 'a:1', env: [{ name: 'X', value: '1' }], ports: [{ containerPort: 80 }] },
    { name: 'b', image: 'b:1' },
  ]);

  it('merges containers by name and env by name, keeping unmentioned items', () => {
    const out = strategicMerge(
      base,
      { spec: { containers: [{ name: 'a', env: [{ name: 'Y', value: '2' }] }] } },
      podSchema,
    ) as JsonObject;
    expect(out).toEqual(
      podSpec([
        {
          name: 'a',
          image: 'a:1',
          env: [
            { name: 'X', value: '1' },
            { name: 'Y', value: '2' },
          ],
          ports: [{ containerPort: 80 }],
        },
        { name: 'b', image: 'b:1' },
      ]),
    );
  });

  it('deletes list items with $patch: delete and map keys with null', () => {
    const out = strategicMerge(
      base,
      {
        spec: {
          containers: [
            { name: 'b', $patch: 'delete' },
            { name: 'a', image: null },
          ],
        },
      },
      podSchema,
    );
    expect(out).toEqual(podSpec([{ name: 'a', env: [{ name: 'X', value: '1' }], ports: [{ containerPort: 80 }] }]));
  });

  it('replaces a list with $patch: replace and a map with $patch: replace', () => {
    const list = strategicMerge(
      base,
      { spec: { containers: [{ $patch: 'replace' }, { name: 'c', image: 'c:1' }] } },
      podSchema,
    );
    expect(list).toEqual(podSpec([{ name: 'c', image: 'c:1' }]));
    const map = strategicMerge(
      { metadata: { labels: { a: '1', b: '2' } } },
      { metadata: { labels: { $patch: 'replace', c: '3' } } },
      podSchema,
    );
    expect(map).toEqual({ metadata: { labels: { c: '3' } } });
  });

  it('reorders with $setElementOrder and removes primitives with $deleteFromPrimitiveList', () => {
    const ordered = strategicMerge(
      base,
      { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } },
      podSchema,
    ) as { spec: { containers: { name: string }[] } };
    expect(ordered.spec.containers.map((c) => c.name)).toEqual(['b', 'a']);
    const fin = strategicMerge(
      { metadata: { finalizers: ['x', 'y'] } },
      { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } },
      podSchema,
    );
    expect(fin).toEqual({ metadata: { finalizers: ['y'] } });
    const union = strategicMerge(
      { metadata: { finalizers: ['x'] } },
      { metadata: { finalizers: ['y', 'x'] } },
      podSchema,
    );
    expect(union).toEqual({ metadata: { finalizers: ['x', 'y'] } });
  });

  it('clears the other members of a union with $retainKeys (deployment strategy)', () => {
    const cur = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } } };
    const out = strategicMerge(cur, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, deploySchema);
    expect(out).toEqual({ spec: { strategy: { type: 'Recreate' } } });
  });

  it('replaces lists without a merge key (tolerations, args)', () => {
    const out = strategicMerge(
      { spec: { tolerations: [{ key: 'a' }] } },
      { spec: { tolerations: [{ key: 'b' }] } },
      podSchema,
    );
    expect(out).toEqual({ spec: { tolerations: [{ key: 'b' }] } });
  });
});

describe('server-side apply (simplified)', () => {
  it('removes fields the manager applied before and no longer sends, and keeps fields of others', () => {
    const live: JsonObject = { data: { a: '1', b: '2', other: 'x' } };
    const out = serverSideApply(live, { data: { a: '1' } }, { data: { a: '1', b: '2' } }, undefined);
    expect(out).toEqual({ data: { a: '1', other: 'x' } });
  });
});

describe('label selectors', () => {
  const labelsArb = fc.dictionary(fc.constantFrom('app', 'tier', 'env'), fc.constantFrom('a', 'b', 'c'));

  it('equality and inequality are complements, as are exists and !exists', () => {
    fc.assert(
      fc.property(labelsArb, fc.constantFrom('app', 'tier'), fc.constantFrom('a', 'b'), (labels, key, value) => {
        const eq = labelSelector(`${key}=${value}`)!;
        const neq = labelSelector(`${key}!=${value}`)!;
        const exists = labelSelector(key)!;
        const missing = labelSelector(`!${key}`)!;
        return eq(labels) !== neq(labels) && exists(labels) !== missing(labels);
      }),
    );
  });

  it('in (x) matches like =x, and a comma list is a conjunction', () => {
    fc.assert(
      fc.property(labelsArb, (labels) => {
        const inSel = labelSelector('app in (a)')!;
        const eq = labelSelector('app=a')!;
        const both = labelSelector('app=a,tier notin (b)')!;
        return inSel(labels) === eq(labels) && both(labels) === (eq(labels) && labels.tier !== 'b');
      }),
    );
  });

  it('parses set-based requirements with spaces and rejects garbage', () => {
    expect(parseLabelSelector('env in (prod, staging),!canary')).toEqual([
      { key: 'env', op: 'in', values: ['prod', 'staging'] },
      { key: 'canary', op: 'notexists' },
    ]);
    expect(() => parseLabelSelector('a b c')).toThrow();
  });
});

describe('ages', () => {
  it.each<[number, string]>([
    [5_000, '5s'],
    [119_000, '119s'],
    [125_000, '2m5s'],
    [600_000, '10m'],
    [3 * 3600_000 + 5 * 60_000, '3h5m'],
    [10 * 3600_000, '10h'],
    [50 * 3600_000, '2d2h'],
    [20 * 86400_000, '20d'],
    [800 * 86400_000, '2y70d'],
  ])('%d ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
