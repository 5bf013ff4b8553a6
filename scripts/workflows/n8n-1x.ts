/**
 * The n8n 1.x variants of the example workflows (workflows/n8n-1.x/<same file>.json), generated from workflows/*.json,
 * the single source. The files use n8n 2.x's current AI nodes; n8n 1.94–1.123 know older versions of five of them.
 * Each rule below maps a node to the newest version every supported 1.x release knows and converts the parameters
 * that differ; a node the rules do not cover must already be known to every 1.x release, or generation fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { WorkflowJson, WorkflowNode } from '../n8n/types';
import { N8N_VERSIONS, workflowLine } from '../toolchain';
import { loadNodeVersions } from './node-versions';

export const SOURCE_DIR = join(__dirname, '..', '..', 'workflows');
export const N8N_1X_DIR = join(SOURCE_DIR, 'n8n-1.x');

interface Rule {
  /** the version the 1.x variant uses */
  to: number;
  /** converts the parameters (in place); throws when the source uses something 1.x cannot do */
  convert?(node: WorkflowNode): void;
}

function fail(node: WorkflowNode, why: string): never {
  throw new Error(`node "${node.name}" (${node.type} ${node.typeVersion}) has no n8n 1.x equivalent: ${why}`);
}

const RULES: Record<string, Rule> = {
  // 1.1 has every option 1.4 adds to the hosted chat that we use (title, subtitle, placeholder, response mode)
  '@n8n/n8n-nodes-langchain.chatTrigger': { to: 1.1 },
  // Agent 2 is the tools agent with the same prompt and options; 3.x runs the tools through the engine instead
  '@n8n/n8n-nodes-langchain.agent': { to: 2 },
  // 1.2 speaks Chat Completions only; 1.3 added the Responses API switch
  '@n8n/n8n-nodes-langchain.lmChatOpenAi': {
    to: 1.2,
    convert(node) {
      if (node.parameters.responsesApiEnabled === true) fail(node, 'the Responses API needs OpenAI Chat Model 1.3');
      delete node.parameters.responsesApiEnabled;
    },
  },
  // 1.8+ only change how an output parser is chained; the variants use none
  '@n8n/n8n-nodes-langchain.chainLlm': {
    to: 1.7,
    convert(node) {
      if (node.parameters.hasOutputParser === true) fail(node, 'output parsers behave differently before 1.9');
    },
  },
  // n8n 1.94's MCP Client Tool is version 1: SSE only, endpoint in `sseEndpoint`, Bearer/Header auth, no options
  '@n8n/n8n-nodes-langchain.mcpClientTool': {
    to: 1,
    convert(node) {
      const p = node.parameters;
      if ((p.serverTransport ?? 'httpStreamable') !== 'sse') fail(node, 'MCP Client Tool 1 speaks SSE only');
      if (!['bearerAuth', 'headerAuth', 'none', undefined].includes(p.authentication as string | undefined))
        fail(node, `authentication "${String(p.authentication)}" needs MCP Client Tool 1.2`);
      const converted: Record<string, unknown> = { sseEndpoint: p.endpointUrl };
      for (const [k, v] of Object.entries(p)) {
        if (['endpointUrl', 'serverTransport', 'options'].includes(k)) continue;
        converted[k] = v;
      }
      node.parameters = converted;
    },
  },
};

/** The 1.x releases the variants must import into. */
const ONE_X = N8N_VERSIONS.filter((v) => workflowLine(v) === '1.x');

/** A copy of a 2.x workflow that every supported n8n 1.x imports. */
export function toN8n1x(source: WorkflowJson): WorkflowJson {
  const wf = JSON.parse(JSON.stringify(source)) as WorkflowJson;
  const table = loadNodeVersions();
  for (const node of wf.nodes) {
    const rule = RULES[node.type];
    if (rule && node.typeVersion > rule.to) {
      rule.convert?.(node);
      node.typeVersion = rule.to;
    }
    if (node.type.startsWith('n8n-nodes-kube-aiops.')) continue;
    for (const v of ONE_X) {
      const known = table[v][node.type];
      if (!known?.includes(node.typeVersion))
        throw new Error(
          `node "${node.name}": n8n ${v} does not know ${node.type} ${node.typeVersion} (knows ${known?.join(', ') ?? 'nothing'}); add a rule in scripts/workflows/n8n-1x.ts`,
        );
    }
  }
  return wf;
}

/** The source files of workflows/ (not the variants). */
export function sourceFiles(): string[] {
  return readdirSync(SOURCE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** file name → the variant's text exactly as it must be on disk (prettier-formatted like the rest of the tree). */
export async function renderN8n1xVariants(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const options = { ...((await resolveConfig(join(N8N_1X_DIR, 'x.json'))) ?? {}), parser: 'json' };
  for (const file of sourceFiles()) {
    const source = JSON.parse(readFileSync(join(SOURCE_DIR, file), 'utf8')) as WorkflowJson;
    out.set(file, await format(JSON.stringify(toN8n1x(source), null, 2), options));
  }
  return out;
}
