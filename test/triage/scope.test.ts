/**
 * Apiserver load of one alert's diagnosis: it lists only the alert's namespace (and the cluster-scoped kinds every
 * diagnosis needs), never every namespace; and concurrent enrichers of the same namespace — executions of one storm in
 * one n8n process — share their identical reads. Requests are counted where they reach the server.
 */
import { parseAlertPayload } from '../../lib/alerts';
import { connect } from '../../lib/kube';
import { AlertEnricher } from '../../lib/triage';
import { crashLoopPayload } from '../alerts/fixture';
import { startCountingProxy, type CountingProxy } from '../helpers/counting-proxy';
import { startTestSim } from '../helpers/sim';

let sim: Awaited<ReturnType<typeof startTestSim>>;
let proxy: CountingProxy;
beforeAll(async () => {
  sim = await startTestSim({ fixtures: ['sim/scenarios/demo'] });
  proxy = await startCountingProxy(sim.url);
});
afterAll(async () => {
  await proxy?.close();
  await sim?.close();
});

const payload = crashLoopPayload();
const kubeconfig = () => proxy.kubeconfig(sim.kubeconfig, sim.url);
const lists = () => proxy.seen.filter((r) => r.method === 'GET' && !/\/(api|apis)(\/[^/]+){0,2}$/.test(r.path));

it('one alert in shop lists namespaced kinds in shop only', async () => {
  proxy.seen.length = 0;
  const [alert] = parseAlertPayload(payload).alerts;
  const triaged = await new AlertEnricher(connect({ source: 'kubeconfig', kubeconfig: kubeconfig() })).enrich(alert);
  expect(triaged.enriched).toBe(true);
  const namespacedAll = lists().filter((r) =>
    /^\/api\/v1\/(pods|events|services|configmaps|secrets|endpoints|persistentvolumeclaims)$|^\/apis\/[^/]+\/[^/]+\/(deployments|replicasets|statefulsets|daemonsets|jobs|ingresses)$/.test(
      r.path,
    ),
  );
  expect(namespacedAll).toEqual([]);
  expect(lists().some((r) => r.path === '/api/v1/namespaces/shop/pods')).toBe(true);
});

it('8 concurrent enrichments of the same namespace cost about one', async () => {
  const [alert] = parseAlertPayload(payload).alerts;
  proxy.seen.length = 0;
  await new AlertEnricher(connect({ source: 'kubeconfig', kubeconfig: kubeconfig() })).enrich(alert);
  const one = lists().length;
  expect(one).toBeGreaterThan(5);
  proxy.seen.length = 0;
  // separate connections and enrichers, as separate executions would have, sharing the process
  await Promise.all(
    Array.from({ length: 8 }, () =>
      new AlertEnricher(connect({ source: 'kubeconfig', kubeconfig: kubeconfig(), cacheMs: 2000 })).enrich(alert),
    ),
  );
  expect(lists().length).toBeLessThanOrEqual(one + 2);
});
