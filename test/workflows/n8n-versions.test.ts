/**
 * The workflows per n8n line: every n8n node in workflows/*.json is a version n8n 2.40.7 knows, every node of the
 * generated workflows/n8n-1.x/ variants one that 1.94.1 and 1.123.81 know (versions read from those installs into
 * scripts/workflows/node-versions.json), and the variants on disk are exactly what the generator makes of the
 * sources today — so editing a source without `npm run workflows` fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkflow, WORKFLOWS, workflowDir, type WorkflowKey } from '../../scripts/demo/workflows';
import type { WorkflowJson } from '../../scripts/n8n';
import { N8N_VERSIONS, workflowLine } from '../../scripts/toolchain';
import { loadNodeVersions } from '../../scripts/workflows/node-versions';
import { N8N_1X_DIR, renderN8n1xVariants, sourceFiles, toN8n1x } from '../../scripts/workflows/n8n-1x';

const KEYS = Object.keys(WORKFLOWS) as WorkflowKey[];
const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  n8n: { n8nVersions: string; testedN8nVersions: string[] };
};
const table = loadNodeVersions();

test('package.json states the supported range and the versions the harness tests', () => {
  expect(pkg.n8n.testedN8nVersions).toEqual([...N8N_VERSIONS]);
  expect(pkg.n8n.n8nVersions).toBe(`>=${N8N_VERSIONS[0].replace(/\.\d+$/, '.0')} <3.0.0`);
  expect(Object.keys(table).sort()).toEqual([...N8N_VERSIONS].sort());
});

describe('workflows/n8n-1.x is generated from workflows/', () => {
  test('every source file has its variant, identical to what the generator makes now', async () => {
    const rendered = await renderN8n1xVariants();
    expect([...rendered.keys()].sort()).toEqual(sourceFiles());
    expect(
      readdirSync(N8N_1X_DIR)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(sourceFiles());
    for (const [file, text] of rendered) {
      expect({ file, upToDate: readFileSync(join(N8N_1X_DIR, file), 'utf8') === text }).toEqual({
        file,
        upToDate: true,
      });
    }
  });

  test.each(KEYS)('%s: the variant differs from the source only in node versions and MCP endpoint fields', (key) => {
    const source = loadWorkflow(key, '2.x');
    const variant = loadWorkflow(key, '1.x');
    expect(variant.name).toBe(source.name);
    expect(variant.connections).toEqual(source.connections);
    expect(variant.settings).toEqual(source.settings);
    expect(variant.nodes.map((n) => [n.name, n.type, n.credentials, n.webhookId, n.position])).toEqual(
      source.nodes.map((n) => [n.name, n.type, n.credentials, n.webhookId, n.position]),
    );
    for (const [i, node] of variant.nodes.entries()) {
      const from = source.nodes[i];
      expect(node.typeVersion).toBeLessThanOrEqual(from.typeVersion);
      if (node.type === '@n8n/n8n-nodes-langchain.mcpClientTool') {
        // MCP Client Tool 1 (n8n 1.94): SSE at `sseEndpoint`, the same Bearer credential and tool selection
        expect(node.typeVersion).toBe(1);
        expect(node.parameters.sseEndpoint).toBe(from.parameters.endpointUrl);
        expect(node.parameters.authentication).toBe('bearerAuth');
        expect(node.parameters.include ?? 'all').toBe(from.parameters.include ?? 'all');
        expect(node.parameters.includeTools).toEqual(from.parameters.includeTools);
      } else if (node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi') {
        const { responsesApiEnabled, ...rest } = from.parameters;
        expect(responsesApiEnabled).toBe(false);
        expect(node.parameters).toEqual(rest);
      } else {
        expect(node.parameters).toEqual(from.parameters);
      }
    }
  });
});

describe.each(N8N_VERSIONS)('on n8n %s', (version) => {
  const line = workflowLine(version);
  test.each(KEYS)(`%s (workflows/${line === '1.x' ? 'n8n-1.x/' : ''}) uses only node versions it knows`, (key) => {
    const wf: WorkflowJson = loadWorkflow(key, line);
    const unknown = wf.nodes
      .filter((n) => !n.type.startsWith('n8n-nodes-kube-aiops.'))
      .filter((n) => !table[version][n.type]?.includes(n.typeVersion))
      .map((n) => `${n.name}: ${n.type} ${n.typeVersion}`);
    expect(unknown).toEqual([]);
  });
});

describe('the generator refuses what n8n 1.x cannot do', () => {
  const base = (): WorkflowJson => JSON.parse(JSON.stringify(loadWorkflow('chat'))) as WorkflowJson;
  const node = (wf: WorkflowJson, type: string) => wf.nodes.find((n) => n.type === type)!;

  test('an MCP Client Tool on Streamable HTTP', () => {
    const wf = base();
    node(wf, '@n8n/n8n-nodes-langchain.mcpClientTool').parameters.serverTransport = 'httpStreamable';
    expect(() => toN8n1x(wf)).toThrow(/SSE only/);
  });

  test('an OpenAI Chat Model on the Responses API', () => {
    const wf = base();
    node(wf, '@n8n/n8n-nodes-langchain.lmChatOpenAi').parameters.responsesApiEnabled = true;
    expect(() => toN8n1x(wf)).toThrow(/Responses API/);
  });

  test('a node type version no 1.x release knows and no rule covers', () => {
    const wf = base();
    wf.nodes.push({ name: 'New IF', type: 'n8n-nodes-base.if', typeVersion: 2.3, position: [0, 0], parameters: {} });
    expect(() => toN8n1x(wf)).toThrow(/n8n 1\.94\.1 does not know n8n-nodes-base\.if 2\.3/);
  });

  test('the folder users of each line import', () => {
    expect(workflowDir('1.x')).toBe(N8N_1X_DIR);
    expect(workflowDir('2.x')).toBe(join(N8N_1X_DIR, '..'));
  });
});
