/**
 * The example workflows (workflows/*.json) without n8n: well-formed JSON, our node types and parameters as our node
 * descriptions define them today (so a renamed parameter fails here, not in a user's n8n), credentials named as
 * scripts/demo/workflows.ts binds them, and the self-heal proposal rule run on a real diagnosis of the demo cluster.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { INodeProperties, INodeType } from 'n8n-workflow';
import { connect } from '../../lib/kube';
import { diagnose } from '../../lib/diagnose';
import { toReportJSON } from '../../lib/diagnose/report';
import {
  CREDENTIALS,
  loadWorkflow,
  prepareWorkflow,
  WORKFLOW_DIR,
  WORKFLOWS,
  type CredentialIds,
  type WorkflowKey,
} from '../../scripts/demo/workflows';
import type { WorkflowJson, WorkflowNode } from '../../scripts/n8n';
import { startTestSim } from '../helpers/sim';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[] } };
const KEYS = Object.keys(WORKFLOWS) as WorkflowKey[];

/** Our node classes by type name, loaded from the sources package.json lists (dist/… → …ts). */
function ourNodes(): Map<string, INodeType> {
  const out = new Map<string, INodeType>();
  for (const path of pkg.n8n.nodes) {
    const source = join(ROOT, path.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
    const className = basename(source, '.node.ts');
    const mod = require(source) as Record<string, new () => INodeType>;
    const node = new mod[className]();
    out.set(`${pkg.name}.${node.description.name}`, node);
  }
  return out;
}

const NODES = ourNodes();
/** n8n's own node types the files use, at the versions checked against n8n 2.40.7 in the e2e suite */
const BUILT_IN: Record<string, number[]> = {
  '@n8n/n8n-nodes-langchain.chatTrigger': [1.4],
  '@n8n/n8n-nodes-langchain.agent': [3.1],
  '@n8n/n8n-nodes-langchain.lmChatOpenAi': [1.3],
  '@n8n/n8n-nodes-langchain.memoryBufferWindow': [1.3],
  '@n8n/n8n-nodes-langchain.mcpClientTool': [1.4],
  '@n8n/n8n-nodes-langchain.chainLlm': [1.9],
  'n8n-nodes-base.scheduleTrigger': [1.2],
  'n8n-nodes-base.if': [2.2],
  'n8n-nodes-base.switch': [3.2],
  'n8n-nodes-base.set': [3.4],
  'n8n-nodes-base.code': [2],
  'n8n-nodes-base.wait': [1.1],
  'n8n-nodes-base.respondToWebhook': [1.1],
  'n8n-nodes-base.convertToFile': [1.1],
  'n8n-nodes-base.emailSend': [2.1],
  'n8n-nodes-base.markdown': [1],
  'n8n-nodes-base.stickyNote': [1],
};

function ourNode(type: string): INodeType | undefined {
  return NODES.get(type) ?? (type.endsWith('Tool') ? NODES.get(type.slice(0, -4)) : undefined);
}

function propertiesByName(node: INodeType): Map<string, INodeProperties[]> {
  const map = new Map<string, INodeProperties[]>();
  for (const p of node.description.properties) map.set(p.name, [...(map.get(p.name) ?? []), p]);
  return map;
}

describe.each(KEYS)('workflows/%s', (key) => {
  const wf: WorkflowJson = loadWorkflow(key);

  test('is the file the demo and the e2e suite import', () => {
    expect(readdirSync(WORKFLOW_DIR)).toContain(WORKFLOWS[key]);
    expect(wf.name).toMatch(/^kube-aiops · /);
    expect(wf.settings).toMatchObject({ executionOrder: 'v1' });
  });

  test('nodes have unique names and ids, known types and versions; connections join existing nodes', () => {
    const names = wf.nodes.map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(wf.nodes.map((n) => n.id)).size).toBe(wf.nodes.length);
    for (const n of wf.nodes) {
      if (n.type.startsWith(`${pkg.name}.`)) {
        expect({ node: n.name, known: ourNode(n.type) !== undefined }).toEqual({ node: n.name, known: true });
        expect(n.typeVersion).toBe(1);
      } else {
        expect({ node: n.name, type: n.type, version: BUILT_IN[n.type]?.includes(n.typeVersion) ?? false }).toEqual({
          node: n.name,
          type: n.type,
          version: true,
        });
      }
    }
    for (const [source, byType] of Object.entries(wf.connections)) {
      expect(names).toContain(source);
      for (const outputs of Object.values(byType))
        for (const targets of outputs) for (const t of targets) expect(names).toContain(t.node);
    }
    // every node but the triggers and notes is reached
    const reached = new Set(
      Object.values(wf.connections).flatMap((byType) =>
        Object.values(byType)
          .flat(2)
          .map((t) => t.node),
      ),
    );
    const sources = new Set(Object.keys(wf.connections));
    for (const n of wf.nodes.filter((x) => x.type !== 'n8n-nodes-base.stickyNote')) {
      expect({ node: n.name, connected: reached.has(n.name) || sources.has(n.name) }).toEqual({
        node: n.name,
        connected: true,
      });
    }
  });

  test('our nodes use only parameters and option values their descriptions define', () => {
    for (const n of wf.nodes.filter((x) => x.type.startsWith(`${pkg.name}.`))) {
      const props = propertiesByName(ourNode(n.type) as INodeType);
      for (const [param, value] of Object.entries(n.parameters)) {
        if (n.type.endsWith('Tool') && (param === 'descriptionType' || param === 'toolDescription')) continue;
        expect({ node: n.name, param, defined: props.has(param) }).toEqual({ node: n.name, param, defined: true });
        const options = (props.get(param) ?? []).flatMap((p) =>
          p.type === 'options' ? (p.options ?? []).map((o) => ('value' in o ? o.value : undefined)) : [],
        );
        if (options.length && typeof value === 'string' && !value.startsWith('=')) {
          expect({ node: n.name, param, value, valid: options.includes(value) }).toEqual({
            node: n.name,
            param,
            value,
            valid: true,
          });
        }
      }
    }
  });

  test('credentials are the named ones the demo and the README bind; webhook nodes carry a webhookId', () => {
    const known = new Set(Object.values(CREDENTIALS).map((c) => `${c.type}/${c.name}`));
    for (const n of wf.nodes) {
      for (const [type, ref] of Object.entries(n.credentials ?? {})) expect(known).toContain(`${type}/${ref.name}`);
      if (/alertmanagerTrigger|chatTrigger|\.wait$/.test(n.type) && n.parameters.resume !== 'timeInterval')
        expect(n.webhookId).toEqual(expect.any(String));
    }
    const ids = Object.fromEntries(
      Object.keys(CREDENTIALS).map((k) => [k, { id: `id-${k}`, name: `bound ${k}` }]),
    ) as CredentialIds;
    const bound = prepareWorkflow(wf, ids, { model: 'qwen-plus', mcpUrl: 'http://bridge:9000/sse', suffix: 't' });
    for (const n of bound.nodes) for (const ref of Object.values(n.credentials ?? {})) expect(ref.id).toMatch(/^id-/);
    for (const n of bound.nodes.filter((x: WorkflowNode) => x.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi')) {
      expect(n.parameters).toMatchObject({ model: { value: 'qwen-plus' }, responsesApiEnabled: false });
    }
    for (const n of bound.nodes.filter((x: WorkflowNode) => x.type === '@n8n/n8n-nodes-langchain.mcpClientTool')) {
      expect(n.parameters).toMatchObject({
        endpointUrl: 'http://bridge:9000/sse',
        serverTransport: 'sse',
        authentication: 'bearerAuth',
      });
    }
    // the file itself points at the documented bridge address
    for (const n of wf.nodes.filter((x) => x.type === '@n8n/n8n-nodes-langchain.mcpClientTool'))
      expect(n.parameters.endpointUrl).toBe('http://127.0.0.1:8080/sse');
  });
});

describe('the AI steps fail safe', () => {
  test('triage: the agent has an error output that still delivers the enriched alert, on output 0 of its IF', () => {
    const wf = loadWorkflow('triage');
    const agent = wf.nodes.find((n) => n.name === 'AI root cause');
    expect(agent?.onError).toBe('continueErrorOutput');
    expect(wf.connections['AI root cause'].main[1]).toEqual([{ node: 'Message without AI', type: 'main', index: 0 }]);
    expect(wf.connections['Firing?'].main[0]).toEqual([{ node: 'Model configured?', type: 'main', index: 0 }]);
    // Settings' aiAnalysis decides: off sends the alert on without a model call, and the message says so
    expect(wf.connections['Model configured?'].main).toEqual([
      [{ node: 'AI root cause', type: 'main', index: 0 }],
      [{ node: 'Message without AI', type: 'main', index: 0 }],
    ]);
    const settings = wf.nodes.find((n) => n.name === 'Settings');
    expect(JSON.stringify(settings?.parameters)).toContain('"name":"aiAnalysis","value":true');
    expect(JSON.stringify(wf.nodes.find((n) => n.name === 'Message without AI')?.parameters)).toContain(
      'AI analysis skipped: no model is configured',
    );
    expect(wf.connections['Firing?'].main[1].map((t) => t.node).sort()).toEqual([
      'Resolved notice (Feishu)',
      'Resolved notice (WeCom)',
    ]);
  });

  test('daily: the capacity step continues on error, and the report says when it was skipped', () => {
    const wf = loadWorkflow('daily');
    const cap = wf.nodes.find((n) => n.name === 'Capacity');
    expect(cap?.onError).toBe('continueRegularOutput');
    expect(cap?.parameters.operation).toBe('capacity');
    expect(Object.keys(cap?.credentials ?? {}).sort()).toEqual(['kubernetesApi', 'prometheusApi']);
    const compose = JSON.stringify(wf.nodes.find((n) => n.name === 'Compose report')?.parameters);
    expect(compose).toContain("$('Capacity').first().json.digest");
    expect(compose).toContain('htmlSection');
  });

  test('daily: the summary continues on error and can be switched off', () => {
    const wf = loadWorkflow('daily');
    expect(wf.nodes.find((n) => n.name === 'AI summary')?.onError).toBe('continueRegularOutput');
    expect(wf.connections['AI summary on?'].main[1]).toEqual([{ node: 'Compose report', type: 'main', index: 0 }]);
  });

  test('self-heal: only the approved branch reaches the write, through the write credential', () => {
    const wf = loadWorkflow('selfHeal');
    const writers = wf.nodes.filter((n) => n.type === `${pkg.name}.kubernetesAction`);
    expect(writers.map((n) => n.name)).toEqual(['Set memory limit']);
    expect(writers[0].credentials?.kubernetesApi.name).toBe(CREDENTIALS.kubeSelfHeal.name);
    expect(wf.connections.Decision.main[0]).toEqual([{ node: 'Answer: approved', type: 'main', index: 0 }]);
    expect(wf.connections['Answer: approved'].main[0]).toEqual([{ node: 'Set memory limit', type: 'main', index: 0 }]);
    for (const n of wf.nodes.filter((x) => x.name !== 'Set memory limit'))
      expect(n.credentials?.kubernetesApi?.name ?? CREDENTIALS.kubeReadOnly.name).toBe(CREDENTIALS.kubeReadOnly.name);
  });
});

describe('the self-heal proposal rule (the Code node, run on a real diagnosis)', () => {
  const code = String(loadWorkflow('selfHeal').nodes.find((n) => n.name === 'Propose memory limit')?.parameters.jsCode);
  const RESUME = 'http://n8n.example/webhook-waiting/42?signature=abc';
  const propose = (json: unknown): Record<string, unknown> =>
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the workflow's own Code node source, under test
    (new Function('$json', '$execution', code)(json, { resumeUrl: RESUME }) as { json: Record<string, unknown> }).json;

  let demoDiagnosis: Record<string, unknown>;
  beforeAll(async () => {
    const sim = await startTestSim({ fixtures: [join(ROOT, 'sim/scenarios/demo')] });
    try {
      const conn = connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig });
      demoDiagnosis = toReportJSON(
        await diagnose(conn, { resource: { kind: 'Deployment', namespace: 'shop', name: 'app-xyz' } }),
      );
    } finally {
      await sim.close();
    }
  });

  test('limit 256Mi, usage 250Mi → max(384, 500) rounded up to 64Mi = 512Mi, with approve/reject links', () => {
    expect(propose(demoDiagnosis)).toMatchObject({
      proposal: true,
      kind: 'Deployment',
      namespace: 'shop',
      name: 'app-xyz',
      container: 'app',
      currentLimit: '256Mi',
      usage: '250Mi',
      proposedLimit: '512Mi',
      approveUrl: `${RESUME}&decision=approve`,
      rejectUrl: `${RESUME}&decision=reject`,
    });
  });

  test('limit × 1.5 wins when usage is low; the cap holds; Gi limits are read', () => {
    const withFact = (fact: string): unknown => {
      const d = JSON.parse(JSON.stringify(demoDiagnosis)) as {
        findings: Array<{ rootCause: { fact: string }; evidence: unknown[] }>;
      };
      d.findings[0].rootCause.fact = fact;
      d.findings[0].evidence = [];
      return d;
    };
    expect(
      propose(withFact('container app is OOMKilled: memory use exceeds its memory limit 1Gi (last seen 300Mi)')),
    ).toMatchObject({ proposedLimit: '1536Mi' });
    expect(
      propose(withFact('container app is OOMKilled: memory use exceeds its memory limit 3Gi (last seen 3Gi)')),
    ).toMatchObject({ proposedLimit: '4096Mi' });
    expect(
      propose(withFact('container app is OOMKilled: memory use exceeds its memory limit 4Gi (last seen 4000Mi)')),
    ).toMatchObject({ proposal: false, reason: expect.stringMatching(/already at the cap/) });
    expect(propose(withFact('container app is OOMKilled: memory use exceeds its memory limit 100M'))).toMatchObject({
      proposedLimit: '192Mi',
    });
  });

  test('with Prometheus facts: the observed peak sets the limit; a leak gets no proposal', () => {
    const withFacts = (facts: Record<string, unknown>): unknown => {
      const d = JSON.parse(JSON.stringify(demoDiagnosis)) as {
        findings: Array<{ rootCause: { code: string; facts: Record<string, unknown> } }>;
      };
      const oom = d.findings.find((f) => f.rootCause?.code === 'OOMKilled');
      if (!oom) throw new Error('the demo diagnosis has no OOMKilled root cause');
      Object.assign(oom.rootCause.facts, facts);
      return d;
    };
    // limit 256Mi, peak 300Mi (a spike): max(300 × 1.5, 256 × 1.25) = 450 → 512Mi; the last sample (250Mi) is not used
    expect(propose(withFacts({ memoryShape: 'spike', memoryPeak: '300Mi' }))).toMatchObject({
      proposal: true,
      proposedLimit: '512Mi',
      usage: 'peak 300Mi (a spike)',
      rule: expect.stringMatching(/^max\(observed peak 300Mi × 1\.5, limit 256Mi × 1\.25\) = 450Mi/),
    });
    // peak at the limit: limit × 1.5 = 384 → 384Mi, not usage × 2
    expect(propose(withFacts({ memoryShape: 'steady', memoryPeak: '256Mi' }))).toMatchObject({
      proposedLimit: '384Mi',
    });
    expect(
      propose(withFacts({ memoryShape: 'leak', memoryPeak: '256Mi', memorySlopePerHour: '10Mi', hoursToLimit: 36 })),
    ).toMatchObject({
      proposal: false,
      reason: expect.stringMatching(/climbs about 10Mi\/h, reaching the limit 36 h after each start \(a leak\)/),
    });
  });

  test('no proposal when the root cause is not an OOM', () => {
    expect(propose({ score: 100, findings: [], markdown: 'No problems found.' })).toMatchObject({
      proposal: false,
      reason: expect.stringMatching(/does not show an OOMKilled/),
    });
  });
});
