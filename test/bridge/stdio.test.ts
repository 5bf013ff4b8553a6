/**
 * The CLI as an MCP client launches it: `kube-aiops bridge --transport stdio --kubeconfig <file>` in a child process,
 * driven by the SDK's StdioClientTransport. Every tool is listed and called; stdout carries only MCP, and the server log
 * (stderr) and audit log never carry the planted Secret value.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { everyToolCall } from './calls';
import { startFakePrometheus } from './fake-prometheus';
import { DEMO, PLANTED_FORMS, ROOT, type Sim, callTool, everythingIn, textOf } from './helpers';
import { startTestSim } from '../helpers/sim';

let sim: Sim;
let prom: Awaited<ReturnType<typeof startFakePrometheus>>;
let dir: string;
let client: Client;
let transport: StdioClientTransport;
const stderr: string[] = [];
const seen: string[] = [];

beforeAll(async () => {
  sim = await startTestSim({ fixtures: [DEMO] });
  prom = await startFakePrometheus();
  dir = mkdtempSync(join(tmpdir(), 'kube-aiops-stdio-'));
  writeFileSync(join(dir, 'kubeconfig'), sim.kubeconfig, { mode: 0o600 });
  transport = new StdioClientTransport({
    // node with tsx's loader: the same code path as `npx tsx cli/index.ts`, without npx's start-up cost
    command: process.execPath,
    args: [
      '--import',
      'tsx',
      'cli/index.ts',
      'bridge',
      '--transport',
      'stdio',
      '--kubeconfig',
      join(dir, 'kubeconfig'),
      '--enable-create',
      '--enable-update',
      '--enable-delete',
      '--prometheus-url',
      prom.url,
      '--audit-log',
      join(dir, 'audit.log'),
      '--log-level',
      'debug',
    ],
    cwd: ROOT,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  client = new Client({ name: 'kube-aiops-test', version: '1.0.0' });
  await client.connect(transport);
}, 90_000);

afterAll(async () => {
  await client?.close();
  await prom?.close();
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('lists every tool', async () => {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual([...new Set(everyToolCall().map((c) => c.tool))].sort());
});

it.each(everyToolCall().map((c) => [`${c.tool} ${JSON.stringify(c.args).slice(0, 60)}`, c] as const))(
  'calls %s',
  async (_label, call) => {
    const result = await callTool(client, call.tool, call.args);
    seen.push(everythingIn(result));
    const text = textOf(result);
    expect({ isError: result.isError ?? false, text: text.slice(0, 300) }).toEqual({
      isError: false,
      text: text.slice(0, 300),
    });
    for (const re of call.expect) expect(text).toMatch(re);
    for (const re of call.reject ?? []) expect(text).not.toMatch(re);
  },
);

it('logs JSON lines on stderr and never the planted Secret value anywhere', () => {
  const log = stderr.join('');
  expect(log).toContain('"msg":"bridge serving MCP on stdio"');
  const audit = readFileSync(join(dir, 'audit.log'), 'utf8');
  expect(audit).toContain('"dryRun":true');
  for (const form of PLANTED_FORMS) {
    expect(seen.filter((s) => s.includes(form))).toEqual([]);
    expect(log).not.toContain(form);
    expect(audit).not.toContain(form);
  }
});
