/**
 * A write may not become a guess-checker for what reads hide: the answer to a patch that sets a label to the right
 * guess of a hidden value is the same as to a wrong guess, and a patch that uncovers a hidden value (renaming the
 * env var that decides the redaction) is refused whatever guesses ride along with it. Through the real MCP client.
 */
import fc from 'fast-check';
import { SECRET, SECRET_FORMS, type AttackStack, startAttackStack } from './attack-fixture';
import { callTool, everythingIn, textOf } from './helpers';

let s: AttackStack;
let lifted: AttackStack;

beforeAll(async () => {
  s = await startAttackStack();
  lifted = await startAttackStack({ allowKinds: ['Secret'] });
}, 90_000);

afterAll(async () => {
  // the random patches below never write the planted value themselves: it may not show anywhere
  const everything = [...lifted.logs, JSON.stringify(lifted.audit())].join('\n');
  for (const form of SECRET_FORMS) expect(everything).not.toContain(form);
  await s?.close();
  await lifted?.close();
});

const WRONG = 'Wr0ng-Guess-00000000';

async function patchDeployment(patch: unknown, type: 'merge' | 'json' | 'strategic') {
  const r = await callTool(s.client, 'patch_resource', {
    kind: 'Deployment',
    name: 'app',
    namespace: 'victim',
    type,
    patch: JSON.stringify(patch),
    dryRun: true,
  });
  return { isError: r.isError === true, text: textOf(r) };
}

/** the answer with the guess taken out, so a right and a wrong guess can be compared */
const shape = (a: { isError: boolean; text: string }, guess: string) => ({
  isError: a.isError,
  text: a.text
    .split(guess)
    .join('<guess>')
    .replace(/\d+ bytes/g, 'N bytes'),
});

describe('a write is no guess-checker', () => {
  it.each(['merge', 'strategic'] as const)(
    'a %s patch setting a label to a guess answers the same for a right and a wrong guess',
    async (type) => {
      const right = await patchDeployment({ metadata: { labels: { guess: SECRET } } }, type);
      const wrong = await patchDeployment({ metadata: { labels: { guess: WRONG } } }, type);
      expect(right.isError).toBe(false);
      expect(shape(right, SECRET)).toEqual(shape(wrong, WRONG));
    },
  );

  it('a json patch adding an annotation with a guess answers the same for a right and a wrong guess', async () => {
    const op = (v: string) => [{ op: 'add', path: '/metadata/annotations', value: { guess: v } }];
    const right = await patchDeployment(op(SECRET), 'json');
    const wrong = await patchDeployment(op(WRONG), 'json');
    expect(right.isError).toBe(false);
    expect(shape(right, SECRET)).toEqual(shape(wrong, WRONG));
  });

  it('renaming the env var that hides a value is refused, with or without the right guess riding along', async () => {
    const rename = (v: string) => [
      { op: 'add', path: '/metadata/annotations', value: { guess: v } },
      { op: 'replace', path: '/spec/template/spec/containers/0/env/0/name', value: 'HARMLESS' },
    ];
    for (const guess of [SECRET, WRONG]) {
      const r = await patchDeployment(rename(guess), 'json');
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/hidden value/);
    }
    // the guess appended to the same env list with `-`: where it lands is known exactly, so it excuses nothing
    const appended = (v: string) => [
      { op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'Z', value: v } },
      { op: 'replace', path: '/spec/template/spec/containers/0/env/0/name', value: 'HARMLESS' },
    ];
    for (const guess of [SECRET, WRONG]) {
      const r = await patchDeployment(appended(guess), 'json');
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/hidden value/);
    }
    const alone = await patchDeployment(
      [{ op: 'replace', path: '/spec/template/spec/containers/0/env/0/name', value: 'HARMLESS' }],
      'json',
    );
    expect(alone.text).toMatch(/hidden value/);
    expect(alone.text).not.toContain(SECRET);
  });
});

describe('random JSON patches over objects that hold hidden values', () => {
  const POINTERS = [
    '',
    '/metadata',
    '/metadata/name',
    '/metadata/labels/x',
    '/metadata/annotations',
    '/metadata/annotations/x',
    '/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration',
    '/data',
    '/data/password',
    '/stringData/x',
    '/spec',
    '/spec/containers/0',
    '/spec/containers/0/env',
    '/spec/containers/0/env/0',
    '/spec/containers/0/env/0/name',
    '/spec/containers/0/env/1/value',
    '/spec/template/spec/containers/0/env',
    '/spec/template/spec/containers/0/env/0',
    '/spec/template/spec/containers/0/env/0/name',
    '/spec/template/spec/containers/0/env/0/value',
    '/spec/template/metadata/labels/x',
  ];
  const op = fc.record({
    op: fc.constantFrom('add', 'remove', 'replace', 'copy', 'move', 'test'),
    path: fc.constantFrom(...POINTERS),
    from: fc.constantFrom(...POINTERS),
    value: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('HARMLESS', 'x', ''), fc.constant({ a: 'b' })),
  });
  const target = fc.constantFrom(['secrets', 'db'], ['pods', 'app-0'], ['deployments', 'app']);

  it('never show the planted value, never write for real, and each answer comes within a bound', async () => {
    await fc.assert(
      fc.asyncProperty(target, fc.array(op, { minLength: 1, maxLength: 4 }), async ([kind, name], ops) => {
        const before = lifted.proxy.writes().filter((r) => r.query.get('dryRun') !== 'All').length;
        const started = Date.now();
        const r = await callTool(lifted.client, 'patch_resource', {
          kind,
          name,
          namespace: 'victim',
          type: 'json',
          patch: JSON.stringify(ops),
          dryRun: true,
        });
        expect(Date.now() - started).toBeLessThan(5_000);
        const all = everythingIn(r);
        for (const form of SECRET_FORMS) expect(all).not.toContain(form);
        expect(lifted.proxy.writes().filter((w) => w.query.get('dryRun') !== 'All').length).toBe(before);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
