/**
 * Which versions of n8n's own node types each supported n8n release knows, read from the installed n8n's
 * `dist/types/nodes.json` (what the editor loads). `tsx scripts/workflows/node-versions.ts` rewrites
 * node-versions.json from the cached installs; tests read the JSON, so they need no n8n.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { CACHE_DIR, N8N_VERSIONS, type N8nVersion } from '../toolchain';

export const NODE_VERSIONS_FILE = join(__dirname, 'node-versions.json');

/** n8n version → node type → the typeVersions it accepts */
export type NodeVersionTable = Record<N8nVersion, Record<string, number[]>>;

/** The node types the table records: every n8n type our workflows and e2e workflows use. */
export const RECORDED_TYPES = [
  '@n8n/n8n-nodes-langchain.agent',
  '@n8n/n8n-nodes-langchain.chainLlm',
  '@n8n/n8n-nodes-langchain.chatTrigger',
  '@n8n/n8n-nodes-langchain.lmChatOpenAi',
  '@n8n/n8n-nodes-langchain.mcpClientTool',
  '@n8n/n8n-nodes-langchain.memoryBufferWindow',
  'n8n-nodes-base.code',
  'n8n-nodes-base.convertToFile',
  'n8n-nodes-base.emailSend',
  'n8n-nodes-base.if',
  'n8n-nodes-base.manualTrigger',
  'n8n-nodes-base.markdown',
  'n8n-nodes-base.respondToWebhook',
  'n8n-nodes-base.scheduleTrigger',
  'n8n-nodes-base.set',
  'n8n-nodes-base.stickyNote',
  'n8n-nodes-base.switch',
  'n8n-nodes-base.wait',
  'n8n-nodes-base.webhook',
];

export function loadNodeVersions(): NodeVersionTable {
  return JSON.parse(readFileSync(NODE_VERSIONS_FILE, 'utf8')) as NodeVersionTable;
}

/** Reads one installed n8n's node descriptions. */
export function readInstalledNodeVersions(n8nDir: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [pkg, prefix] of [
    ['n8n-nodes-base', 'n8n-nodes-base.'],
    ['@n8n/n8n-nodes-langchain', '@n8n/n8n-nodes-langchain.'],
  ]) {
    const file = join(n8nDir, 'node_modules', pkg, 'dist', 'types', 'nodes.json');
    const descriptions = JSON.parse(readFileSync(file, 'utf8')) as Array<{ name: string; version: number | number[] }>;
    for (const d of descriptions) {
      const type = `${prefix}${d.name}`;
      if (!RECORDED_TYPES.includes(type)) continue;
      const versions = new Set([...(out[type] ?? []), ...(Array.isArray(d.version) ? d.version : [d.version])]);
      out[type] = [...versions].sort((a, b) => a - b);
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

async function main(): Promise<void> {
  const table: Partial<NodeVersionTable> = {};
  for (const v of N8N_VERSIONS) {
    const dir = join(CACHE_DIR, `n8n-${v}`);
    if (!existsSync(join(dir, 'node_modules', 'n8n'))) throw new Error(`n8n ${v} is not installed in ${dir}`);
    table[v] = readInstalledNodeVersions(dir);
  }
  const options = { ...((await resolveConfig(NODE_VERSIONS_FILE)) ?? {}), parser: 'json' };
  writeFileSync(NODE_VERSIONS_FILE, await format(JSON.stringify(table), options));
  console.log(`wrote ${NODE_VERSIONS_FILE}`);
}

if (require.main === module) void main();
