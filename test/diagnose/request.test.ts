/**
 * The request contract every face shares: a name that does not exist is an error naming it with close matches,
 * never an empty, healthy-looking diagnosis. Against the simulator serving the demo scenario.
 */
import { join } from 'node:path';
import { checkAnalyzers, RequestError, resolveScope } from '../../lib/diagnose/request';
import { closeMatches } from '../../lib/diagnose/close-names';
import { connect, type KubeConnection } from '../../lib/kube/connect';
import { diagnoseTarget } from '../../lib/triage';
import { startTestSim } from '../helpers/sim';

let sim: Awaited<ReturnType<typeof startTestSim>>;
let conn: KubeConnection;

beforeAll(async () => {
  sim = await startTestSim({ fixtures: [join(__dirname, '../../sim/scenarios/demo')] });
  conn = connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig });
});
afterAll(() => sim.close());

async function rejected(p: Promise<unknown>): Promise<RequestError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RequestError);
  return err as RequestError;
}

test('an existing object resolves to its canonical kind and namespace', async () => {
  await expect(resolveScope(conn, { kind: 'deploy', name: 'app-xyz', namespace: 'shop' })).resolves.toEqual({
    namespace: 'shop',
    resource: { kind: 'Deployment', namespace: 'shop', name: 'app-xyz' },
  });
});

test('a one-letter typo in the name: an error naming it, with the close match', async () => {
  const err = await rejected(resolveScope(conn, { kind: 'Deployment', name: 'app-xyzz', namespace: 'shop' }));
  expect(err.message).toBe('Deployment "app-xyzz" not found in namespace shop; did you mean "app-xyz"?');
  expect(err).toMatchObject({ field: 'name', suggestions: ['app-xyz'] });
});

test('a typo in the namespace names the namespace', async () => {
  const err = await rejected(resolveScope(conn, { namespace: 'shopp' }));
  expect(err.message).toBe('namespace "shopp" does not exist; did you mean "shop"?');
  const viaObject = await rejected(resolveScope(conn, { kind: 'Deployment', name: 'app-xyz', namespace: 'shopp' }));
  expect(viaObject.field).toBe('namespace');
});

test('analyzer names are checked with close matches; kind without name is refused', async () => {
  expect(() => checkAnalyzers(['Pod', 'Servce'])).toThrow(/unknown analyzer "Servce"; did you mean "Service"\?/);
  expect(checkAnalyzers(['all'])).toEqual(['all']);
  expect((await rejected(resolveScope(conn, { kind: 'Deployment' }))).field).toBe('name');
});

test('lib/triage diagnoseTarget (the node path) goes through the same check', async () => {
  const err = await rejected(
    diagnoseTarget(conn, { scope: 'resource', kind: 'Deployment', name: 'app-xyzz', namespace: 'shop' }),
  );
  expect(err.suggestions).toEqual(['app-xyz']);
});

test('close matches are bounded: long inputs get none, at most three are offered', () => {
  expect(closeMatches('a'.repeat(200), ['a'.repeat(199)])).toEqual([]);
  expect(closeMatches('web', ['web1', 'web2', 'web3', 'web4', 'api'])).toHaveLength(3);
  expect(closeMatches('web', ['database'])).toEqual([]);
});
