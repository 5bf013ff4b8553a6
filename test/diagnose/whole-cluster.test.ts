/**
 * Every analyzer at once (`analyzers: ['all']`, logs of every pod): the demo cluster gives exactly its three known
 * root causes at warning or above, and every healthy twin under sim/scenarios/diagnose gives nothing at warning or
 * above (info-level notes such as "runs as root" or "no default StorageClass" are allowed).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { collectSnapshot } from '../../lib/diagnose/collect';
import { runDiagnosis } from '../../lib/diagnose/engine';
import type { DiagnosisResult, Finding, Snapshot } from '../../lib/diagnose/types';
import { startTestSim } from '../helpers/sim';

const DEMO = join(__dirname, '../../sim/scenarios/demo');
const DIAG = join(__dirname, '../../sim/scenarios/diagnose');
const TWINS = readdirSync(DIAG).filter((c) => existsSync(join(DIAG, c, 'healthy.yaml')));

async function collect(fixtures: string[]): Promise<Snapshot> {
  const sim = await startTestSim({ fixtures });
  try {
    return await collectSnapshot(sim.kc, {}, { logs: 'all', maxRunningLogPods: 200 });
  } finally {
    await sim.close();
  }
}

async function diagnoseAll(fixtures: string[]): Promise<DiagnosisResult> {
  return runDiagnosis(await collect(fixtures), { analyzers: ['all'] });
}

const serious = (findings: Finding[]) => findings.filter((f) => f.severity !== 'info');
const label = (f: Finding) =>
  `${f.analyzer} ${f.reason} ${f.kind}/${f.namespace ?? ''}/${f.name}: ${f.rootCause?.fact ?? f.message}`;

test("the demo cluster: exactly the three root causes, the web frontend's upstream errors merged into the OOM", async () => {
  const r = await diagnoseAll([DEMO]);
  const found = serious(r.findings);
  expect(found.map((f) => `${f.rootCause?.object.kind}/${f.rootCause?.object.name}`).sort()).toEqual([
    'Deployment/app-xyz',
    'Deployment/nginx-test',
    'StorageClass/cbs',
  ]);
  expect(found.every((f) => f.severity === 'critical')).toBe(true);
  const oom = found.find((f) => f.rootCause?.object.name === 'app-xyz') as Finding;
  expect(oom.rootCause?.fact).toBe(
    'container app is OOMKilled: memory use exceeds its memory limit 256Mi (last seen 250Mi)',
  );
  // nginx in default/web logs "connect() failed (111: Connection refused) … upstream: http://10.96.88.41:80", the ClusterIP of shop/app-xyz.
  expect(oom.related).toEqual(
    expect.arrayContaining([
      { kind: 'Pod', namespace: 'default', name: 'web-6fbb8d9595-fzq7c' },
      { kind: 'Service', namespace: 'shop', name: 'app-xyz' },
    ]),
  );
  expect(found.find((f) => f.rootCause?.object.name === 'nginx-test')?.rootCause?.fact).toMatch(
    /^image "nginx:lastest" not found/,
  );
  expect(found.find((f) => f.rootCause?.object.name === 'cbs')?.rootCause?.fact).toBe(
    'StorageClass "cbs" does not exist',
  );
});

test('the demo cluster scoped to "default": the backend cause its web pods merged into is shown and costs its score', async () => {
  const r = runDiagnosis(await collect([DEMO]), { analyzers: ['all'], namespace: 'default' });
  const found = serious(r.findings);
  expect(found.map((f) => `${f.namespace}/${f.rootCause?.object.name}`).sort()).toEqual([
    'default/nginx-test',
    'shop/app-xyz',
  ]);
  expect(r.namespaces.default.critical).toBe(2);
  expect(Object.keys(r.namespaces)).toEqual(['default']);
});

test.each(TWINS)('%s: the healthy twin has nothing at warning or above with every analyzer on', async (c) => {
  const r = await diagnoseAll([join(DIAG, 'cluster-base'), join(DIAG, c, 'healthy.yaml')]);
  expect(serious(r.findings).map(label)).toEqual([]);
});
