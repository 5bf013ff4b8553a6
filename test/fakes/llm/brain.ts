/**
 * A scripted SRE "model": it calls the tools a plan names (the Kubernetes object it needs is read from the
 * conversation), then answers from what the tools returned — root cause first, then the fix. Deterministic, so
 * tests can assert on the answer; tests may pass their own Brain instead.
 */
import type { Brain, ModelReply, ModelTurn, ToolSpec } from './types';

export interface ObjectRefGuess {
  kind?: string;
  namespace?: string;
  name?: string;
}

const WORKLOAD =
  /\b(Deployment|StatefulSet|DaemonSet|Job|CronJob|ReplicaSet|Pod|PersistentVolumeClaim|Service)\s+([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9.-]*)/;
const NS_NAME = /\b([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9.-]*)\b/;

/** The object a piece of text is about: "Deployment shop/app-xyz" first, then a bare "shop/app-xyz". */
export function guessObject(text: string): ObjectRefGuess {
  // owners written as "… → Deployment shop/app-xyz" name the workload to fix: prefer the controller kinds
  for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job']) {
    const m = new RegExp(`\\b${kind}\\s+([a-z0-9][a-z0-9-]*)\\/([a-z0-9][a-z0-9.-]*)`).exec(text);
    if (m) return { kind, namespace: m[1], name: m[2] };
  }
  const any = WORKLOAD.exec(text);
  if (any) return { kind: any[1], namespace: any[2], name: any[3] };
  const bare = NS_NAME.exec(text);
  if (bare && !bare[0].includes('.')) return { kind: 'Deployment', namespace: bare[1], name: bare[2] };
  return {};
}

/** Arguments for a tool from its schema: kind / name / namespace (however the schema spells them) get the guess. */
export function argumentsFor(tool: ToolSpec, ref: ObjectRefGuess): Record<string, unknown> {
  const props = (tool.parameters.properties ?? {}) as Record<string, { type?: string }>;
  const args: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(props)) {
    const k = key.toLowerCase();
    const value = k.includes('namespace')
      ? ref.namespace
      : k === 'kind' || k.endsWith('kind')
        ? ref.kind
        : k === 'name' || k.endsWith('name')
          ? ref.name
          : undefined;
    if (value !== undefined && (schema.type === undefined || schema.type === 'string')) args[key] = value;
  }
  // triage_alert takes the object as `resource`
  if ('resource' in props && ref.kind && ref.name)
    args.resource = { kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) };
  return args;
}

/** The root cause line out of tool output or prompt text (lib/diagnose LLM text, triage context, Markdown, JSON). */
export function extractRootCause(text: string): string | undefined {
  // lib/diagnose's LLM text; its legend line ("… | root: cause | … | fix: command.") is not a finding
  for (const m of text.matchAll(/^(?:[CWI] (\S+ \S+?)(?: ×\d+)? \S+ )?.*?\| root: ([^|\n]+?)\s*(\||$)/gm)) {
    if (m[2].trim() !== 'cause') return m[1] ? `${m[1]}: ${m[2].trim()}` : m[2].trim();
  }
  const section = /## ROOT CAUSE\s*\n([^\n]+)/.exec(text);
  if (section) return section[1].trim();
  const md = /\*\*Root cause:\*\*\s*([^\n]+)/i.exec(text);
  if (md) return md[1].trim();
  const json = /"rootCause"\s*:\s*"([^"]+)"/.exec(text);
  if (json) return json[1];
  const fact = /"fact"\s*:\s*"([^"]+)"/.exec(text);
  if (fact) return fact[1];
  return undefined;
}

function extractFix(text: string): string | undefined {
  const suggestion =
    /suggestion: ([^|\n]+)/i.exec(text) ??
    /\*\*Suggestion:\*\*\s*([^\n]+)/.exec(text) ??
    /"suggestion"\s*:\s*"([^"]+)"/.exec(text);
  if (suggestion) return suggestion[1].trim();
  for (const m of text.matchAll(/fix: ([^|\n]+)/g)) if (m[1].trim() !== 'command.') return m[1].trim();
  return undefined;
}

/**
 * The text inside a tool result. n8n hands MCP results over as JSON (`[{"type":"text","text":"…"}]`) and node
 * tools as JSON items; every string in it is kept, one per line, so the patterns above see real newlines.
 */
export function toolText(content: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return content;
  }
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v.startsWith('[') || v.startsWith('{') ? toolText(v) : v);
    else if (Array.isArray(v)) v.forEach(walk);
    // content-block kinds ("type": "text") are structure, not text
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (k !== 'type') walk(x);
  };
  walk(parsed);
  return out.join('\n');
}

function lastUserIndex(turn: ModelTurn): number {
  for (let i = turn.messages.length - 1; i >= 0; i--) if (turn.messages[i].role === 'user') return i;
  return -1;
}

export interface SreBrainOptions {
  /**
   * Tools to call, one per model turn, in order. Each step matches tool names; a list of patterns means "the first
   * of these the request offers". n8n's MCP Client Tool prefixes tool names with its node name
   * (`kube_aiops_MCP_bridge_diagnose`), hence the suffix patterns. Default: triage_alert, else diagnose.
   */
  plan?: Array<RegExp | RegExp[]>;
}

export const TRIAGE_FIRST: Array<RegExp | RegExp[]> = [[/(^|_)triage_alert$/, /(^|_)diagnose$/]];

export function sreBrain(opts: SreBrainOptions = {}): Brain {
  const plan = (opts.plan ?? TRIAGE_FIRST).map((step) => (Array.isArray(step) ? step : [step]));
  return (turn) => {
    const userAt = lastUserIndex(turn);
    const user = userAt >= 0 ? turn.messages[userAt].content : '';
    const since = turn.messages.slice(userAt + 1);
    const called = since.flatMap((m) => (m.role === 'assistant' ? m.toolCalls.map((c) => c.name) : []));
    const results = since.filter((m) => m.role === 'tool').map((m) => toolText(m.content));
    const ref = guessObject(`${user}\n${results.join('\n')}`);

    for (const step of plan) {
      if (called.some((n) => step.some((p) => p.test(n)))) continue;
      const tool = step.map((p) => turn.tools.find((t) => p.test(t.name))).find(Boolean);
      if (!tool) continue;
      return { toolCalls: [{ name: tool.name, arguments: argumentsFor(tool, ref) }] };
    }
    return { text: answer(turn, user, results, called) };
  };
}

function answer(turn: ModelTurn, user: string, results: string[], called: string[]): string {
  const evidence = [...results].reverse().join('\n');
  const rootCause = extractRootCause(evidence) ?? extractRootCause(user);
  const fix = extractFix(evidence) ?? extractFix(user);
  const score = /score (\d+)\/100/.exec(`${evidence}\n${user}`)?.[1];
  const lines: string[] = [];
  if (rootCause) lines.push(`Root cause: ${rootCause}`);
  else if (score) lines.push(`Cluster health score ${score}/100.`);
  else lines.push('I found no problem in what the tools returned.');
  if (fix) lines.push(`Fix: ${fix}`);
  if (called.length) lines.push(`(checked with ${[...new Set(called)].join(', ')})`);
  void turn;
  return lines.join('\n');
}

/** A brain that always answers the same text (summaries, health checks). */
export function fixedBrain(text: string): Brain {
  return (): ModelReply => ({ text });
}
