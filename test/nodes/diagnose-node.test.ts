/** Kubernetes Diagnose, run through n8n-core's WorkflowExecute against the simulator serving the demo scenario. */
import { join } from 'node:path';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { KubernetesDiagnose } from '../../nodes/KubernetesDiagnose/KubernetesDiagnose.node';
import { PrometheusAlert } from '../../nodes/PrometheusAlert/PrometheusAlert.node';
import { runNode, runWorkflow } from '../helpers/n8n-exec';
import { startTestSim } from '../helpers/sim';

let sim: Awaited<ReturnType<typeof startTestSim>>;
let credentials: { kubernetesApi: IDataObject };

beforeAll(async () => {
  sim = await startTestSim({ fixtures: [join(__dirname, '../../sim/scenarios/demo')] });
  credentials = { kubernetesApi: { connection: 'kubeconfig', kubeconfig: sim.kubeconfig } };
});

afterAll(async () => {
  await sim.close();
});

interface Finding {
  severity: string;
  kind: string;
  namespace?: string;
  name: string;
  message: string;
  rootCause?: { object: { kind: string; name: string }; fact: string };
  evidence: unknown[];
}

const run = (parameters: INodeParameters, items: INodeExecutionData[] = [{ json: {} }], continueOnFail = false) =>
  runNode(KubernetesDiagnose, { parameters, credentials: credentials as never, items, settings: { continueOnFail } });

async function one(parameters: INodeParameters, items?: INodeExecutionData[]): Promise<INodeExecutionData> {
  const r = await run(parameters, items);
  expect(r.error).toBeUndefined();
  expect(r.items).toHaveLength(1);
  expect(r.items[0].pairedItem).toEqual({ item: 0 });
  return r.items[0];
}

const findings = (item: INodeExecutionData) => item.json.findings as unknown as Finding[];
const facts = (item: INodeExecutionData) =>
  findings(item)
    .map((f) => `${f.rootCause?.object.kind}/${f.rootCause?.object.name}: ${f.rootCause?.fact}`)
    .join('\n');

function alertmanagerPayload(alerts: { alertname: string; labels: Record<string, string> }[]): IDataObject {
  return {
    receiver: 'kube-aiops',
    status: 'firing',
    groupLabels: { alertname: alerts[0].alertname },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    version: '4',
    groupKey: '{}:{alertname="x"}',
    truncatedAlerts: 0,
    alerts: alerts.map((a, i) => ({
      status: 'firing',
      labels: { alertname: a.alertname, severity: 'critical', ...a.labels },
      annotations: { summary: `${a.alertname} fired` },
      startsAt: '2026-11-24T05:50:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus:9090/graph',
      fingerprint: `f${i}`,
    })),
  };
}

describe('fail closed', () => {
  afterEach(async () => {
    await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
  });
  test('a list that keeps failing: complete false, the failed read listed, no score; markdown says so first', async () => {
    const res = await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/pods$', status: 500, method: 'GET' }),
    });
    expect(res.ok).toBe(true);
    const item = await one({ output: 'markdown' });
    expect(item.json).toMatchObject({
      complete: false,
      score: null,
      failedReads: [{ list: 'pods', kind: 'Pod', reason: 'failed' }],
    });
    expect(String(item.json.markdown).split('\n')[0]).toMatch(/Diagnosis INCOMPLETE: could not read pods/);
    expect(String(item.json.markdown)).not.toMatch(/No problems found|score \d+\/100/);
  });
});

describe('scope', () => {
  test('cluster (default): score, namespaces and the three root causes', async () => {
    const item = await one({});
    const j = item.json;
    expect(typeof j.score).toBe('number');
    expect(Object.keys(j.namespaces as IDataObject)).toEqual(expect.arrayContaining(['default', 'aiops', 'shop']));
    const crit = findings(item).filter((f) => f.severity === 'critical');
    expect(crit.map((f) => `${f.namespace}/${f.name}`).sort()).toEqual([
      'aiops/test-data',
      'default/nginx-test',
      'shop/app-xyz',
    ]);
    expect(facts(item)).toMatch(/nginx:lastest/);
    expect(facts(item)).toMatch(/StorageClass\/cbs/);
    expect(facts(item)).toMatch(/OOMKilled/);
    // default minimum severity is warning
    expect(findings(item).every((f) => f.severity !== 'info')).toBe(true);
    expect(j.markdown).toBeUndefined();
    expect(item.binary).toBeUndefined();
  });

  test('namespace', async () => {
    const item = await one({ scope: 'namespace', namespace: 'aiops' });
    expect(Object.keys(item.json.namespaces as IDataObject)).toEqual(['aiops']);
    expect(findings(item).every((f) => f.namespace === 'aiops' || f.namespace === undefined)).toBe(true);
    expect(facts(item)).toMatch(/StorageClass\/cbs/);
  });

  test('one resource, by short kind name', async () => {
    const item = await one({ scope: 'resource', kind: 'deploy', name: 'app-xyz', namespace: 'shop' });
    expect(item.json.scope).toEqual({
      namespace: 'shop',
      resource: { kind: 'Deployment', namespace: 'shop', name: 'app-xyz' },
    });
    expect(findings(item).map((f) => f.name)).toEqual(['app-xyz']);
    expect(facts(item)).toMatch(/OOMKilled/);
  });

  test('resource taken from a Prometheus Alert item (Parse → Diagnose)', async () => {
    const payload = alertmanagerPayload([
      {
        alertname: 'KubePodCrashLooping',
        labels: { namespace: 'shop', pod: 'app-xyz-5969b7fffc-7ndjr', container: 'app' },
      },
      {
        alertname: 'KubePersistentVolumeClaimPending',
        labels: { namespace: 'aiops', persistentvolumeclaim: 'test-data' },
      },
    ]);
    const r = await runWorkflow(
      [
        { node: PrometheusAlert, parameters: { operation: 'parse' } },
        { node: KubernetesDiagnose, parameters: { scope: 'alert' }, credentials: credentials as never },
      ],
      [{ json: payload }],
    );
    expect(r.error).toBeUndefined();
    expect(r.items).toHaveLength(2);
    expect(r.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
    const [pod, pvc] = r.items;
    expect((pod.json.scope as IDataObject).resource).toEqual({
      kind: 'Pod',
      namespace: 'shop',
      name: 'app-xyz-5969b7fffc-7ndjr',
    });
    expect(facts(pod)).toMatch(/OOMKilled/);
    expect(findings(pod).every((f) => f.namespace === 'shop')).toBe(true);
    expect((pvc.json.scope as IDataObject).resource).toEqual({
      kind: 'PersistentVolumeClaim',
      namespace: 'aiops',
      name: 'test-data',
    });
    expect(facts(pvc)).toMatch(/StorageClass\/cbs/);
  });

  test('an alert item for a pod that is gone falls back to a related object, with a note', async () => {
    const item = await one({ scope: 'alert' }, [
      {
        json: {
          alertname: 'KubePodNotReady',
          labels: { alertname: 'KubePodNotReady', namespace: 'default' },
          resource: {
            kind: 'Pod',
            namespace: 'default',
            name: 'nginx-test-6d8d947585-gone1',
            related: [{ kind: 'Deployment', namespace: 'default', name: 'nginx-test' }],
          },
        },
      },
    ]);
    expect((item.json.scope as IDataObject).resource).toEqual({
      kind: 'Deployment',
      namespace: 'default',
      name: 'nginx-test',
    });
    expect(String(item.json.notes)).toMatch(/was not found; diagnosed Deployment default\/nginx-test instead/);
    expect(facts(item)).toMatch(/nginx:lastest/);
  });

  test('any item with resource: { kind, namespace, name }', async () => {
    const item = await one({ scope: 'alert' }, [
      { json: { resource: { kind: 'Deployment', namespace: 'default', name: 'nginx-test' } } },
    ]);
    expect(findings(item).map((f) => f.name)).toEqual(['nginx-test']);
  });

  test('an alert that names only a namespace diagnoses that namespace', async () => {
    const item = await one({ scope: 'alert' }, [
      {
        json: { alertname: 'TooManyErrors', labels: { alertname: 'TooManyErrors', namespace: 'shop' }, resource: null },
      },
    ]);
    expect(Object.keys(item.json.namespaces as IDataObject)).toEqual(['shop']);
    expect(String(item.json.notes)).toMatch(/names no Kubernetes object; diagnosed its namespace shop/);
  });

  test('a typo in the resource name fails the item with the name and its close match', async () => {
    const r = await run({ scope: 'resource', kind: 'Deployment', name: 'app-xyzz', namespace: 'shop' });
    expect(r.error?.message).toContain('Deployment "app-xyzz" not found in namespace shop; did you mean "app-xyz"?');
    // bad input, not an API failure (n8n records the error's class by name)
    expect(r.error?.name).toBe('NodeOperationError');
    const kept = await run(
      { scope: 'resource', kind: 'Deployment', name: 'app-xyzz', namespace: 'shop' },
      undefined,
      true,
    );
    expect(kept.error).toBeUndefined();
    expect(JSON.stringify(kept.items[0].json)).toContain('app-xyzz');
  });

  test('an item that names nothing fails with a clear message', async () => {
    const r = await run({ scope: 'alert' }, [{ json: { hello: 'world' } }]);
    expect(r.error?.message).toBe('The input item names no Kubernetes object');
  });
});

describe('output formats', () => {
  test('markdown within its max characters', async () => {
    const item = await one({ output: 'markdown', markdownMaxChars: 600 });
    const md = String(item.json.markdown);
    expect(md).toMatch(/^\*\*Kubernetes diagnosis — score \d+\/100\*\*/);
    expect(md.length).toBeLessThanOrEqual(600);
    expect(item.json.findings).toBeDefined();
  });

  test('LLM context within its budget; findings can be left out', async () => {
    const item = await one({ output: 'llm', llmBudget: 1000, options: { includeFindings: false } });
    const llm = String(item.json.llm);
    expect(llm.length).toBeLessThanOrEqual(1000);
    expect(llm).toContain('nginx:lastest');
    expect(item.json.findings).toBeUndefined();
    expect(typeof item.json.score).toBe('number');
  });

  test('HTML in the item and as binary report.html', async () => {
    const item = await one({ output: 'html' });
    expect(String(item.json.html)).toMatch(/^<!doctype html>/i);
    const bin = item.binary?.data;
    expect(bin).toBeDefined();
    expect(bin?.fileName).toBe('report.html');
    expect(bin?.mimeType).toBe('text/html');
    expect(Buffer.from(String(bin?.data), 'base64').toString('utf8')).toBe(item.json.html);
  });

  test('analyzer filter and min severity', async () => {
    const item = await one({ minSeverity: 'critical', options: { analyzers: ['PersistentVolumeClaim'] } });
    expect(findings(item).map((f) => `${f.kind}/${f.name}`)).toEqual(['PersistentVolumeClaim/test-data']);
    expect((item.json.scope as IDataObject).analyzers).toEqual(['PersistentVolumeClaim']);
  });
});

describe('anonymize', () => {
  test('no real namespace or name outside the mapping, which a later step can use to unmask', async () => {
    const item = await one({ output: 'markdown', anonymize: true, minSeverity: 'info' });
    const { mapping, ...rest } = item.json;
    const text = JSON.stringify(rest);
    for (const real of ['nginx-test', 'app-xyz', 'test-data', 'aiops', 'shop']) expect(text).not.toContain(real);
    expect(item.json.anonymized).toBe(true);
    expect(mapping).toBeDefined();
    const back = JSON.stringify(mapping);
    for (const real of ['nginx-test', 'app-xyz', 'test-data', 'shop']) expect(back).toContain(real);
  });
});

describe('anonymize as an AI tool', () => {
  test('the mapping stays out of what the model sees', async () => {
    // n8n runs a usableAsTool node under the type name <name>Tool
    const tool = new KubernetesDiagnose();
    tool.description = { ...tool.description, name: 'kubernetesDiagnoseTool' };
    const r = await runNode(tool, {
      parameters: { output: 'llm', anonymize: true },
      credentials: credentials as never,
    });
    expect(r.error).toBeUndefined();
    expect(r.items[0].json.anonymized).toBe(true);
    expect(r.items[0].json.mapping).toBeUndefined();
    expect(JSON.stringify(r.items[0].json)).not.toContain('app-xyz');
  });
});

describe('errors', () => {
  const dead = () => ({
    kubernetesApi: { connection: 'kubeconfig', kubeconfig: sim.kubeconfig.split(sim.url).join('http://127.0.0.1:1') },
  });

  test('continueOnFail: an unreachable cluster gives an error item per input item', async () => {
    const r = await runNode(KubernetesDiagnose, {
      parameters: {},
      credentials: dead(),
      items: [{ json: {} }, { json: {} }],
      settings: { continueOnFail: true },
    });
    expect(r.error).toBeUndefined();
    expect(r.items).toHaveLength(2);
    expect(r.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
    for (const i of r.items)
      expect(String(i.json.error)).toMatch(/cannot reach the Kubernetes API at http:\/\/127\.0\.0\.1:1/);
  });

  test('without continueOnFail the run stops with the cluster error', async () => {
    const r = await runNode(KubernetesDiagnose, { parameters: {}, credentials: dead() });
    expect(r.items).toHaveLength(0);
    expect(r.error?.message).toMatch(/cannot reach the Kubernetes API/);
  });

  test('a namespace that does not exist keeps its sentence', async () => {
    const r = await run({ scope: 'namespace', namespace: 'no-such-ns' });
    expect(r.error?.message).toBe('namespace "no-such-ns" does not exist');
  });

  test('a kind the cluster does not serve', async () => {
    const r = await run({ scope: 'resource', kind: 'Gizmo', name: 'x' });
    expect(r.error?.message).toMatch(/unknown resource kind "Gizmo"/);
  });
});

describe('description', () => {
  const d = new KubernetesDiagnose().description;
  test('usable as a tool, asked first for "why is X broken"', () => {
    expect(d.name).toBe('kubernetesDiagnose');
    expect(d.usableAsTool).toBe(true);
    expect(d.description).toMatch(/^Call this FIRST/);
    expect(d.credentials?.[0].name).toBe('kubernetesApi');
  });
  test('the analyzer filter lists every registered analyzer', () => {
    const options = d.properties.find((p) => p.name === 'options')?.options as {
      name: string;
      options?: { value: string }[];
    }[];
    const values = options.find((o) => o.name === 'analyzers')?.options?.map((o) => o.value) ?? [];
    expect(values).toEqual(expect.arrayContaining(['all', 'Pod', 'Deployment', 'PersistentVolumeClaim', 'Service']));
  });
});
