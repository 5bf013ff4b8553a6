/**
 * A write may not become a guess-checker for what reads hide: the answer to a patch that sets a label to the right
 * guess of a hidden value is the same as to a wrong guess, and a patch that uncovers a hidden value (renaming the
 * env var that decides the redaction) is refused whatever guesses ride along with it. Through the real MCP client.
 */
import { SECRET, type AttackStack, startAttackStack } from './attack-fixture';
import { callTool, textOf } from './helpers';

let s: AttackStack;

beforeAll(async () => {
  s = await startAttackStack();
}, 90_000);

afterAll(async () => {
  await s?.close();
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
    const alone = await patchDeployment(
      [{ op: 'replace', path: '/spec/template/spec/containers/0/env/0/name', value: 'HARMLESS' }],
      'json',
    );
    expect(alone.text).toMatch(/hidden value/);
    expect(alone.text).not.toContain(SECRET);
  });
});
