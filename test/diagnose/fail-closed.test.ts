/**
 * Fail closed: when a list the analyzers need keeps failing (simulator fault 500 after the retries) or is refused
 * (403), every format says the diagnosis is incomplete and what could not be read, first, and none gives a health
 * score or "No problems found". Checked for each list the collector reads, through the simulator's fault injection.
 */
import { join } from 'node:path';
import { diagnose } from '../../lib/diagnose/engine';
import { renderForLLM } from '../../lib/diagnose/report/llm';
import { renderHTML } from '../../lib/diagnose/report/html';
import { reportSchema, toReportJSON } from '../../lib/diagnose/report/json';
import { renderMarkdown } from '../../lib/diagnose/report/markdown';
import { renderText } from '../../lib/diagnose/report/text';
import { ALL_LISTS, LISTS } from '../../lib/diagnose/snapshot-lists';
import { diagnosisToMessage } from '../../lib/messages/diagnosis-message';
import { connect, type KubeConnection } from '../../lib/kube/connect';
import { startTestSim } from '../helpers/sim';
import { SCENARIOS } from './net-support';

let sim: Awaited<ReturnType<typeof startTestSim>>;
let conn: KubeConnection;

async function faults(method: 'POST' | 'DELETE', body?: unknown): Promise<void> {
  const res = await fetch(`${sim.url}/_sim/faults`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.ok).toBe(true);
}

beforeAll(async () => {
  sim = await startTestSim({ fixtures: [join(SCENARIOS, 'pod-crashloop', 'healthy.yaml')] });
  conn = connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig, backoffMs: 5 });
});
afterAll(() => sim.close());
afterEach(() => faults('DELETE'));

function expectIncomplete(text: string, list: string): void {
  expect(text.split('\n')[0]).toMatch(/Diagnosis INCOMPLETE: could not read/);
  expect(text.split('\n')[0]).toContain(list);
  expect(text).not.toMatch(/No problems found/);
  expect(text).not.toMatch(/score \d+\/100/);
}

test('a healthy namespace read in full is complete and scored', async () => {
  const r = await diagnose(conn, { collect: { metrics: false } });
  expect(r.complete).toBe(true);
  expect(r.score).toBe(100);
  expect(renderText(r)).toContain('No problems found.');
});

test.each(ALL_LISTS)('list %s fails after its retries: every format says incomplete first', async (list) => {
  const spec = LISTS[list];
  // cluster-wide list paths end with the plural; namespaced ones too (…/namespaces/<ns>/<plural>)
  await faults('POST', { path: `/${spec.plural}$`, status: 500, method: 'GET' });
  const r = await diagnose(conn, { collect: { metrics: false } });
  expect(r.complete).toBe(false);
  expect(r.failedReads).toContainEqual({ list, kind: spec.kind, reason: 'failed' });
  expect(r.score).toBeNull();

  const json = toReportJSON(r);
  expect(() => reportSchema.parse(json)).not.toThrow();
  expect(json).toMatchObject({ complete: false, score: null });
  for (const ns of Object.values(json.namespaces)) expect(ns.score).toBeNull();

  expectIncomplete(renderText(r), list);
  expectIncomplete(renderForLLM(r), list);
  const md = renderMarkdown(r);
  expect(md.split('\n')[0]).toMatch(/^⚠️ \*\*Diagnosis INCOMPLETE/);
  expect(md.split('\n')[0]).toContain(list);
  expect(md).not.toMatch(/No problems found|score \d+\/100/);
  const html = renderHTML(r);
  expect(html).toContain('<div class="incomplete">Diagnosis INCOMPLETE: could not read');
  expect(html).not.toMatch(/No problems found|class="score/);
  const msg = diagnosisToMessage(r);
  expect(msg.severity).not.toBe('resolved');
  expect(msg.title).toContain('INCOMPLETE');
  expect(msg.markdown).not.toMatch(/No problem found/);
});

test('a refused list (403) is incomplete too; an API the cluster does not serve (404) is not', async () => {
  await faults('POST', { path: '/secrets$', status: 403, method: 'GET' });
  const refused = await diagnose(conn, { collect: { metrics: false } });
  expect(refused.failedReads).toEqual([{ list: 'secrets', kind: 'Secret', reason: 'forbidden' }]);
  await faults('DELETE');
  await faults('POST', { path: '/poddisruptionbudgets$', status: 404, method: 'GET' });
  const absent = await diagnose(conn, { collect: { metrics: false } });
  expect(absent.complete).toBe(true);
  expect(absent.score).toBe(100);
});
