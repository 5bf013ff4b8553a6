/**
 * The example workflows (workflows/*.json) and the credentials they name, put into a running n8n: used by the
 * demo and by the e2e suite, so both import exactly what users import. Credentials are matched by the names the
 * workflow files use (workflows/README.md lists them); nothing else in the JSON is changed except, on request,
 * the model ID and the MCP bridge URL — the two things that differ per installation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { N8nClient, StoredWorkflow, WorkflowJson } from '../n8n';
import type { WorkflowLine } from '../toolchain';

export const WORKFLOW_DIR = join(__dirname, '..', '..', 'workflows');

/** The folder users of an n8n line import from: the files themselves (2.x), or their generated 1.x variants. */
export function workflowDir(line: WorkflowLine = '2.x'): string {
  return line === '1.x' ? join(WORKFLOW_DIR, 'n8n-1.x') : WORKFLOW_DIR;
}

export const WORKFLOWS = {
  chat: 'chat-aiops.json',
  triage: 'prometheus-alert-triage.json',
  daily: 'daily-inspection.json',
  selfHeal: 'oom-self-heal.json',
} as const;

export type WorkflowKey = keyof typeof WORKFLOWS;

/** The credential names the workflow files use, with their n8n credential types. */
export const CREDENTIALS = {
  kubeReadOnly: { type: 'kubernetesApi', name: 'Kubernetes (read-only)' },
  kubeSelfHeal: { type: 'kubernetesApi', name: 'Kubernetes (self-heal writes)' },
  model: { type: 'openAiApi', name: 'OpenAI-compatible model' },
  mcpToken: { type: 'httpBearerAuth', name: 'kube-aiops MCP bridge token' },
  feishu: { type: 'feishuBotApi', name: 'Feishu bot' },
  wecom: { type: 'weComBotApi', name: 'WeCom robot' },
  smtp: { type: 'smtp', name: 'SMTP' },
  prometheus: { type: 'prometheusApi', name: 'Prometheus' },
} as const;

export type CredentialKey = keyof typeof CREDENTIALS;

/** What the credentials hold. */
export interface CredentialValues {
  kubeconfig: string;
  /** kubeconfig context; empty = its current-context */
  context?: string;
  /** OpenAI-compatible endpoint: base URL ending in /v1 (or the vendor's equivalent) and key */
  model: { url: string; apiKey: string };
  mcpToken: string;
  feishu: { webhookUrl: string; secret?: string; keywords?: string };
  wecom: { webhookUrl: string };
  smtp: { host: string; port: number; user: string; password: string };
  /** Prometheus HTTP API for Capacity and the OOM memory curve; nothing listening there makes those steps say so */
  prometheus?: { url: string };
}

export function loadWorkflow(key: WorkflowKey, line: WorkflowLine = '2.x'): WorkflowJson {
  return JSON.parse(readFileSync(join(workflowDir(line), WORKFLOWS[key]), 'utf8')) as WorkflowJson;
}

/** Credential data in the shape each type stores. */
export function credentialData(key: CredentialKey, v: CredentialValues): Record<string, unknown> {
  switch (key) {
    case 'kubeReadOnly':
      return {
        connection: 'kubeconfig',
        kubeconfig: v.kubeconfig,
        context: v.context ?? '',
        allowedActions: 'read-only',
      };
    case 'kubeSelfHeal':
      return {
        connection: 'kubeconfig',
        kubeconfig: v.kubeconfig,
        context: v.context ?? '',
        allowedActions: 'read-write',
        allowedVerbs: ['set-resources'],
      };
    case 'model':
      return { apiKey: v.model.apiKey, url: v.model.url, header: false };
    case 'mcpToken':
      return { token: v.mcpToken };
    case 'feishu':
      return { webhookUrl: v.feishu.webhookUrl, secret: v.feishu.secret ?? '', keywords: v.feishu.keywords ?? '' };
    case 'wecom':
      return { webhookUrl: v.wecom.webhookUrl };
    case 'smtp':
      return {
        host: v.smtp.host,
        port: v.smtp.port,
        user: v.smtp.user,
        password: v.smtp.password,
        secure: false,
        disableStartTls: true,
      };
    case 'prometheus':
      return { url: v.prometheus?.url ?? 'http://127.0.0.1:9090', authentication: 'none' };
  }
}

export type CredentialIds = Record<CredentialKey, { id: string; name: string }>;

/** Creates every credential the workflows name; returns their ids. */
export async function createCredentials(
  client: N8nClient,
  values: CredentialValues,
  opts: { nameSuffix?: string } = {},
): Promise<CredentialIds> {
  const out: Partial<CredentialIds> = {};
  for (const key of Object.keys(CREDENTIALS) as CredentialKey[]) {
    const { type, name } = CREDENTIALS[key];
    const created = await client.createCredential(type, `${name}${opts.nameSuffix ?? ''}`, credentialData(key, values));
    out[key] = { id: created.id, name: created.name };
  }
  return out as CredentialIds;
}

export interface PrepareOptions {
  /** the model ID for every OpenAI Chat Model node */
  model?: string;
  /** the MCP bridge SSE URL for every MCP Client Tool node */
  mcpUrl?: string;
  /** which files to import: the n8n line of the target instance (default 2.x) */
  line?: WorkflowLine;
  /** appended to the workflow name and to webhook ids, so one n8n can hold several copies (tests) */
  suffix?: string;
  /** false: no model is configured, so each Settings node turns its AI step off (triage aiAnalysis, daily aiSummary) */
  ai?: boolean;
}

/** A copy of the workflow with credential references pointing at `ids` (matched by the names in the file). */
export function prepareWorkflow(wf: WorkflowJson, ids: CredentialIds, opts: PrepareOptions = {}): WorkflowJson {
  const copy = JSON.parse(JSON.stringify(wf)) as WorkflowJson;
  const byName = new Map<string, { id: string; name: string }>();
  for (const key of Object.keys(CREDENTIALS) as CredentialKey[])
    byName.set(`${CREDENTIALS[key].type}/${CREDENTIALS[key].name}`, ids[key]);
  for (const node of copy.nodes) {
    for (const [type, ref] of Object.entries(node.credentials ?? {})) {
      const bound = byName.get(`${type}/${ref.name}`);
      if (!bound)
        throw new Error(
          `workflow "${wf.name}" node "${node.name}" names credential ${type} "${ref.name}", which is not one of the known credentials`,
        );
      (node.credentials ?? {})[type] = bound;
    }
    if (opts.model && node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi') {
      node.parameters.model = { __rl: true, mode: 'id', value: opts.model };
    }
    // MCP Client Tool 1 (n8n 1.94) names its URL `sseEndpoint`; later versions `endpointUrl`
    if (opts.mcpUrl && node.type === '@n8n/n8n-nodes-langchain.mcpClientTool')
      node.parameters[node.typeVersion < 1.1 ? 'sseEndpoint' : 'endpointUrl'] = opts.mcpUrl;
    if (opts.suffix && node.webhookId) node.webhookId = `${node.webhookId}-${opts.suffix}`;
    if (opts.ai !== undefined && node.name === 'Settings')
      for (const flag of ['aiAnalysis', 'aiSummary']) setAssignment(node, flag, opts.ai);
  }
  if (opts.suffix) copy.name = `${copy.name} (${opts.suffix})`;
  return copy;
}

/** Sets the value of a Set node's assignment that the workflow declares; one it does not declare is left alone. */
function setAssignment(node: WorkflowJson['nodes'][number], name: string, value: boolean): void {
  const list = (node.parameters.assignments as { assignments?: { name: string; value: unknown }[] } | undefined)
    ?.assignments;
  const found = list?.find((a) => a.name === name);
  if (found) found.value = value;
}

/** The production webhook path of a trigger node: `<webhookId>/<path>` for nodes whose path is not a full path. */
export function webhookPath(wf: WorkflowJson, nodeName: string, path: string): string {
  const node = wf.nodes.find((n) => n.name === nodeName);
  if (!node?.webhookId) throw new Error(`workflow "${wf.name}" has no webhook node "${nodeName}"`);
  return `${node.webhookId}/${path}`;
}

export interface InstalledWorkflow {
  key: WorkflowKey;
  id: string;
  name: string;
  json: WorkflowJson;
}

/** Imports (and optionally activates) the workflows; returns them by key. */
export async function installWorkflows(
  client: N8nClient,
  ids: CredentialIds,
  opts: PrepareOptions & { keys?: WorkflowKey[]; activate?: WorkflowKey[] } = {},
): Promise<Record<WorkflowKey, InstalledWorkflow>> {
  const out: Partial<Record<WorkflowKey, InstalledWorkflow>> = {};
  for (const key of opts.keys ?? (Object.keys(WORKFLOWS) as WorkflowKey[])) {
    const json = prepareWorkflow(loadWorkflow(key, opts.line), ids, opts);
    const stored: StoredWorkflow = await client.importWorkflow(json);
    if (opts.activate?.includes(key)) await client.activateWorkflow(stored.id);
    out[key] = { key, id: stored.id, name: stored.name, json };
  }
  return out as Record<WorkflowKey, InstalledWorkflow>;
}
