/**
 * The SDK's own MCP client over SSE and Streamable HTTP, against the real bridge against the simulator with the demo
 * scenarios: every tool is listed and called, and nothing any of them returns, logs or audits carries the planted
 * Secret value.
 */
import { readFileSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { everyToolCall } from './calls';
import { startFakePrometheus } from './fake-prometheus';
import {
  type HttpTransport,
  PLANTED_FORMS,
  type Stack,
  callTool,
  connectClient,
  everythingIn,
  startStack,
  textOf,
} from './helpers';

let stack: Stack;
let prom: Awaited<ReturnType<typeof startFakePrometheus>>;
const seen: string[] = [];

beforeAll(async () => {
  prom = await startFakePrometheus();
  stack = await startStack({
    config: { enable: { create: true, update: true, delete: true }, prometheusUrl: prom.url },
  });
});

afterAll(async () => {
  await stack?.close();
  await prom?.close();
});

describe.each<HttpTransport>(['sse', 'http'])('over %s', (transport) => {
  let client: Client;
  beforeAll(async () => {
    client = await connectClient(stack.bridge.url as string, transport);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('lists every tool, each with a description, annotations and an object input schema', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name).sort();
    expect(names).toEqual([...new Set(everyToolCall().map((c) => c.tool))].sort());
    expect(names).toEqual([...stack.bridge.tools].sort());
    for (const t of tools) {
      expect(t.description?.length).toBeGreaterThan(20);
      expect(typeof t.annotations?.readOnlyHint).toBe('boolean');
      expect(t.inputSchema.type).toBe('object');
    }
  });

  it('lists the three prompts', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['alert-triage', 'daily-inspection', 'troubleshoot-workload']);
    const p = await client.getPrompt({
      name: 'troubleshoot-workload',
      arguments: { kind: 'Deployment', name: 'app-xyz', namespace: 'shop' },
    });
    expect(JSON.stringify(p.messages)).toContain('diagnose');
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
      expect(result.structuredContent).toBeDefined();
    },
  );

  it('answers a bad argument with an error result that names the argument', async () => {
    const wrongType = await callTool(client, 'list_resources', { kind: 42 });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toMatch(/\bkind\b/);
    const missing = await callTool(client, 'get_resource', { kind: 'Pod' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/\bname\b/);
    const badEnum = await callTool(client, 'top', { target: 'containers' });
    expect(badEnum.isError).toBe(true);
    expect(textOf(badEnum)).toMatch(/\btarget\b/);
    const notAnAlert = await callTool(client, 'triage_alert', { alert: 'not json at all' });
    expect(notAnAlert.isError).toBe(true);
    expect(textOf(notAnAlert)).toMatch(/\balert\b/);
    const badAnalyzer = await callTool(client, 'diagnose', { analyzers: ['Podz'] });
    expect(badAnalyzer.isError).toBe(true);
    expect(textOf(badAnalyzer)).toMatch(/\banalyzers\b.*Podz/);
    seen.push(everythingIn([wrongType, missing, badEnum, notAnAlert, badAnalyzer]));
  });
});

it('never puts the planted Secret value in a result, a log line or an audit line', () => {
  expect(seen.length).toBeGreaterThan(everyToolCall().length);
  const audit = readFileSync(stack.auditPath, 'utf8');
  // the dry-run writes were audited, so the audit log is not trivially empty
  expect(audit.trim().split('\n').length).toBeGreaterThanOrEqual(9);
  const logs = stack.logs.join('');
  expect(logs).toContain('bridge listening');
  for (const form of PLANTED_FORMS) {
    expect(seen.filter((s) => s.includes(form))).toEqual([]);
    expect(logs).not.toContain(form);
    expect(audit).not.toContain(form);
  }
  // query_prometheus once per transport, passed through as given (capacity_report's own queries are built in lib)
  expect(prom.queries.filter((q) => q.startsWith('sum by (pod) (container_memory_working_set_bytes')).length).toBe(2);
});
