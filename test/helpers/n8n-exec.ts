/**
 * Run our n8n nodes through n8n-core's real execution engine (the `n8n-core` version n8n 2.40.7 ships), not through
 * hand-made context mocks: parameters are resolved by n8n (defaults from the node description, expressions,
 * displayOptions), errors go through n8n's continueOnFail handling, and pairedItem is checked by n8n itself.
 *
 *   const out = await runNode(PrometheusAlert, {
 *     parameters: { operation: 'parse' },
 *     items: [{ json: payload }],
 *   });
 *   out.items            // INodeExecutionData[] of output 0
 *   out.error            // the NodeApiError / NodeOperationError that stopped the node, when one did
 *
 *   await runNode(KubernetesDiagnose, {
 *     parameters: { ... },
 *     credentials: { kubernetesApi: { connection: 'kubeconfig', kubeconfig: sim.kubeconfig } },
 *     items: [{ json: {} }],
 *     settings: { continueOnFail: true },   // the node setting "On Error: Continue"
 *   });
 *
 *   // several nodes wired in a line: the first gets `items`, each next one the previous one's output 0
 *   await runWorkflow([{ node: PrometheusAlert, parameters: {...} }, { node: ImNotify, parameters: {...}, credentials }], items);
 *
 *   // a webhook trigger: POST a body to its webhook() and get the HTTP answer plus what it would start the workflow with
 *   const r = await callWebhook(AlertmanagerTrigger, { parameters: {}, body: payload, headers: { 'content-type': 'application/json' } });
 *   r.status; r.body; r.workflowData
 *
 * Credentials are given decrypted, by credential type name. Parameters not given take the node's defaults (n8n omits
 * defaults when it saves a workflow, so this is how real workflows look). Nothing talks to a database or a network.
 */
import { createServer, request as httpRequest } from 'node:http';
import express, { type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import { Credentials, ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
  ICredentialsHelper,
  createRunExecutionData,
  NodeHelpers,
  Workflow,
  type ICredentialDataDecryptedObject,
  type IConnections,
  type ICredentials,
  type IDataObject,
  type IHttpRequestOptions,
  type INode,
  type INodeCredentialsDetails,
  type INodeExecutionData,
  type INodeParameters,
  type INodeProperties,
  type INodeType,
  type INodeTypes,
  type IRun,
  type IRunExecutionData,
  type ITaskData,
  type IVersionedNodeType,
  type IWebhookData,
  type IWebhookResponseData,
  type IWorkflowExecuteAdditionalData,
  type IWorkflowBase,
  type ExecutionError,
} from 'n8n-workflow';

type NodeClass = new () => INodeType;

// n8n-core reports node errors through its logger; the test output only needs jest's. Read when n8n-core first builds
// its logger (at the first run), so setting it here is in time. Set N8N_LOG_LEVEL=debug to see them.
process.env.N8N_LOG_LEVEL ??= 'silent';

/** Package prefix our nodes get when n8n loads the installed package. */
const PACKAGE = 'n8n-nodes-kube-aiops';

export interface NodeSettings {
  /** "On Error: Continue" (n8n's `onError: continueRegularOutput`); continueOnFail() then returns true. */
  continueOnFail?: boolean;
  /** "On Error: Continue (using error output)". */
  continueErrorOutput?: boolean;
  alwaysOutputData?: boolean;
}

export interface RunNodeOptions {
  parameters?: INodeParameters;
  /** Decrypted credential data by credential type name, e.g. `{ kubernetesApi: { connection: 'kubeconfig', kubeconfig } }`. */
  credentials?: Record<string, ICredentialDataDecryptedObject>;
  items?: INodeExecutionData[];
  settings?: NodeSettings;
  /** Defaults to 'manual' (the editor's "Execute step"). */
  mode?: 'manual' | 'trigger' | 'webhook';
}

export interface RunResult {
  /** Output 0 of the (last) node; [] when it produced nothing or failed. */
  items: INodeExecutionData[];
  /** Every output of the (last) node. */
  outputs: INodeExecutionData[][];
  /** The error that stopped the run (NodeApiError / NodeOperationError as n8n recorded it). */
  error?: ExecutionError;
  /** Output 0 of every node by name, for multi-node runs. */
  byNode: Record<string, INodeExecutionData[]>;
  run: IRun;
}

class TestNodeTypes implements INodeTypes {
  private readonly types = new Map<string, INodeType | IVersionedNodeType>();

  add(type: string, node: INodeType | IVersionedNodeType): void {
    this.types.set(type, node);
  }

  getByName(type: string): INodeType | IVersionedNodeType {
    const node = this.types.get(type);
    if (!node) throw new Error(`node type ${type} is not registered in the test`);
    return node;
  }

  getByNameAndVersion(type: string, version?: number): INodeType {
    return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
  }

  getKnownTypes(): IDataObject {
    return {};
  }
}

/** Hands out the test's decrypted credentials; the shape mirrors n8n's own nodes-testing CredentialsHelper. */
class TestCredentialsHelper extends ICredentialsHelper {
  constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
    super();
  }

  getParentTypes(): string[] {
    return [];
  }

  isCredentialUsableByNode(): boolean {
    return true;
  }

  async authenticate(
    _credentials: ICredentialDataDecryptedObject,
    _typeName: string,
    requestOptions: IHttpRequestOptions,
  ): Promise<IHttpRequestOptions> {
    return requestOptions;
  }

  async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
    return undefined;
  }

  async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
    return undefined;
  }

  async getCredentials(nodeCredentials: INodeCredentialsDetails): Promise<ICredentials> {
    return new Credentials({ id: nodeCredentials.id ?? null, name: nodeCredentials.name }, '', '');
  }

  async getDecrypted(
    _additionalData: IWorkflowExecuteAdditionalData,
    _nodeCredentials: INodeCredentialsDetails,
    type: string,
  ): Promise<ICredentialDataDecryptedObject> {
    const found = this.data[type];
    if (!found) throw new Error(`no test credentials of type ${type}`);
    return found;
  }

  async updateCredentials(): Promise<void> {}

  async updateCredentialsOauthTokenData(): Promise<void> {}

  getCredentialsProperties(): INodeProperties[] {
    return [];
  }
}

function additionalData(
  credentials: Record<string, ICredentialDataDecryptedObject>,
  hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
  const unsupported = (what: string) => async (): Promise<never> => {
    throw new Error(`${what} is not available in the test harness`);
  };
  const data: Partial<IWorkflowExecuteAdditionalData> & { hooks: ExecutionLifecycleHooks } = {
    hooks,
    credentialsHelper: new TestCredentialsHelper(credentials),
    executeWorkflow: unsupported('executeWorkflow'),
    getRunExecutionData: async () => undefined,
    getRuntimeCredential: async () => undefined,
    currentNodeExecutionIndex: 0,
    restApiUrl: 'http://127.0.0.1:5678/rest',
    instanceBaseUrl: 'http://127.0.0.1:5678/',
    formBaseUrl: 'http://127.0.0.1:5678/form',
    formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
    formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
    webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
    webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
    webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
    mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
    mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
    variables: {},
    logAiEvent: () => undefined,
    startRunnerTask: unsupported('startRunnerTask'),
  };
  return data as IWorkflowExecuteAdditionalData;
}

interface Step {
  node: NodeClass | INodeType;
  parameters?: INodeParameters;
  credentials?: Record<string, ICredentialDataDecryptedObject>;
  settings?: NodeSettings;
  /** Node name in the workflow; default: the node's displayName (numbered when repeated). */
  name?: string;
}

function instance(node: NodeClass | INodeType): INodeType {
  return typeof node === 'function' ? new node() : node;
}

function workflowNode(type: INodeType, step: Step, name: string, position: number): INode {
  const d = type.description;
  const settings = step.settings ?? {};
  const node: INode = {
    id: `node-${position}`,
    name,
    type: `${PACKAGE}.${d.name}`,
    typeVersion: Array.isArray(d.version) ? d.version[d.version.length - 1] : d.version,
    position: [position * 200, 0],
    parameters: step.parameters ?? {},
  };
  if (settings.continueOnFail) node.onError = 'continueRegularOutput';
  if (settings.continueErrorOutput) node.onError = 'continueErrorOutput';
  if (settings.alwaysOutputData) node.alwaysOutputData = true;
  // every credential type the node declares gets a stored credential reference; the helper supplies the data
  const creds = Object.keys(step.credentials ?? {});
  if (creds.length)
    node.credentials = Object.fromEntries(creds.map((c) => [c, { id: `cred-${c}`, name: `${c} (test)` }]));
  // n8n resolves parameters against the description: missing ones take their defaults
  node.parameters =
    NodeHelpers.getNodeParameters(d.properties, node.parameters, true, false, node, d) ?? node.parameters;
  return node;
}

/**
 * Run nodes wired in a line through WorkflowExecute. The first node receives `items` as its input (as if a previous
 * node had produced them); each next node receives output 0 of the one before.
 */
export async function runWorkflow(
  steps: Step[],
  items: INodeExecutionData[] = [{ json: {} }],
  mode: RunNodeOptions['mode'] = 'manual',
): Promise<RunResult> {
  const nodeTypes = new TestNodeTypes();
  const names = new Map<string, number>();
  const nodes: INode[] = steps.map((step, i) => {
    const type = instance(step.node);
    nodeTypes.add(`${PACKAGE}.${type.description.name}`, type);
    const base = step.name ?? type.description.defaults.name ?? type.description.displayName;
    const seen = names.get(base) ?? 0;
    names.set(base, seen + 1);
    return workflowNode(type, step, seen ? `${base}${seen}` : base, i);
  });
  const connections: IConnections = {};
  for (let i = 0; i + 1 < nodes.length; i++) {
    connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
  }
  const credentials = Object.assign({}, ...steps.map((s) => s.credentials ?? {})) as Record<
    string,
    ICredentialDataDecryptedObject
  >;
  const workflow = new Workflow({
    id: 'test',
    name: 'test',
    nodes,
    connections,
    nodeTypes,
    active: false,
    settings: { executionOrder: 'v1' },
  });
  const workflowData: IWorkflowBase = {
    id: 'test',
    name: 'test',
    active: false,
    isArchived: false,
    nodes,
    connections,
    settings: { executionOrder: 'v1' },
    createdAt: new Date(),
    updatedAt: new Date(),
    activeVersionId: null,
  };
  const hooks = new ExecutionLifecycleHooks(mode ?? 'manual', 'test-execution', workflowData);
  const runExecutionData: IRunExecutionData = createRunExecutionData({
    executionData: { nodeExecutionStack: [{ node: nodes[0], data: { main: [items] }, source: null }] },
  });
  const execute = new WorkflowExecute(additionalData(credentials, hooks), mode ?? 'manual', runExecutionData);
  const run = await execute.processRunExecutionData(workflow);

  const runData = run.data.resultData.runData;
  const outputOf = (task: ITaskData | undefined): INodeExecutionData[][] =>
    (task?.data?.main ?? []).map((o) => o ?? []);
  const byNode: Record<string, INodeExecutionData[]> = {};
  for (const node of nodes) byNode[node.name] = outputOf(runData[node.name]?.[0])[0] ?? [];
  const last = nodes[nodes.length - 1];
  const outputs = outputOf(runData[last.name]?.[0]);
  const error =
    run.data.resultData.error ??
    Object.values(runData)
      .flat()
      .find((t) => t.error)?.error;
  return { items: outputs[0] ?? [], outputs, ...(error ? { error } : {}), byNode, run };
}

/** One node, given its input items. */
export async function runNode(node: NodeClass | INodeType, opts: RunNodeOptions = {}): Promise<RunResult> {
  return runWorkflow(
    [{ node, parameters: opts.parameters, credentials: opts.credentials, settings: opts.settings }],
    opts.items ?? [{ json: {} }],
    opts.mode,
  );
}

export interface WebhookCallOptions {
  parameters?: INodeParameters;
  credentials?: Record<string, ICredentialDataDecryptedObject>;
  /** The parsed body n8n hands the node (n8n parses JSON before calling webhook()). */
  body?: unknown;
  headers?: Record<string, string>;
  method?: string;
  /** Replace the request object before the node reads it (to simulate unreadable requests). */
  mutateRequest?: (req: Request) => void;
  webhookName?: 'default' | 'setup';
}

export interface WebhookCallResult {
  /** What the client got: the node's own answer, or (when it left answering to n8n) n8n's default 200. */
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** The items the workflow would start with; undefined when the node started nothing. */
  workflowData?: INodeExecutionData[][];
  response: IWebhookResponseData;
  /** True when the node wrote the HTTP answer itself (noWebhookResponse). */
  answeredByNode: boolean;
}

/**
 * Call a trigger node's webhook() through n8n-core's WebhookContext with a real HTTP request and response on loopback,
 * then answer the way n8n's webhook helpers do when the node leaves the answer to n8n (responseMode onReceived: 200
 * with the node's webhookResponse or `{ message: 'Workflow was started' }`).
 */
export async function callWebhook(
  node: NodeClass | INodeType,
  opts: WebhookCallOptions = {},
): Promise<WebhookCallResult> {
  const type_ = instance(node);
  if (!type_.webhook) throw new Error(`${type_.description.name} has no webhook()`);
  const nodeTypes = new TestNodeTypes();
  nodeTypes.add(`${PACKAGE}.${type_.description.name}`, type_);
  const wfNode = workflowNode(
    type_,
    { node: type_, parameters: opts.parameters, credentials: opts.credentials },
    type_.description.defaults.name ?? type_.description.displayName,
    0,
  );
  const workflow = new Workflow({
    id: 'test',
    name: 'test',
    nodes: [wfNode],
    connections: {},
    nodeTypes,
    active: true,
    settings: { executionOrder: 'v1' },
  });
  const workflowData: IWorkflowBase = {
    id: 'test',
    name: 'test',
    active: true,
    isArchived: false,
    nodes: [wfNode],
    connections: {},
    settings: { executionOrder: 'v1' },
    createdAt: new Date(),
    updatedAt: new Date(),
    activeVersionId: null,
  };
  const hooks = new ExecutionLifecycleHooks('webhook', 'test-execution', workflowData);
  const body =
    opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);

  let outcome: { response: IWebhookResponseData; answeredByNode: boolean } | undefined;
  let failure: unknown;
  // express, as in n8n: the node gets express Request / Response objects (res.status().json() and friends)
  const app = express();
  app.use((req: Request, res: Response) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks);
        const request = req as Request & { rawBody?: Buffer };
        request.rawBody = raw;
        // n8n's parseBody: JSON for application/json, text for text/plain, nothing for other types; {} when empty
        const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        let parsed: unknown = {};
        if (raw.length && type === 'application/json') {
          try {
            parsed = JSON.parse(raw.toString('utf8'));
          } catch (err) {
            // n8n rejects a JSON body it cannot parse before any node runs
            res.status(422).json({ code: 422, message: 'Failed to parse request body', hint: (err as Error).message });
            outcome = { response: {}, answeredByNode: false };
            return;
          }
        } else if (raw.length && type === 'text/plain') parsed = raw.toString('utf8');
        request.body = parsed;
        opts.mutateRequest?.(request);
        const data = additionalData(opts.credentials ?? {}, hooks);
        data.httpRequest = request;
        data.httpResponse = res;
        const description = (type_.description.webhooks ?? []).find((w) => w.name === (opts.webhookName ?? 'default'));
        if (!description) throw new Error(`no ${opts.webhookName ?? 'default'} webhook on ${type_.description.name}`);
        const webhookData: IWebhookData = {
          httpMethod: (opts.method ?? 'POST') as IWebhookData['httpMethod'],
          node: wfNode.name,
          path: 'alerts',
          webhookDescription: description,
          workflowId: 'test',
          workflowExecuteAdditionalData: data,
        };
        try {
          const ctx = new WebhookContext(workflow, wfNode, data, 'webhook', webhookData, [], null);
          const response = await (type_.webhook as (this: WebhookContext) => Promise<IWebhookResponseData>).call(ctx);
          const answeredByNode = response.noWebhookResponse === true;
          outcome = { response, answeredByNode };
          // what n8n's webhook helpers answer when the node leaves it to them (responseMode onReceived)
          if (!answeredByNode && !res.headersSent) {
            res
              .status(200)
              .json(
                response.webhookResponse ??
                  (response.workflowData ? { message: 'Workflow was started' } : { message: 'Webhook call received' }),
              );
          }
        } catch (err) {
          // n8n answers an exception thrown by webhook() with 500
          failure = err;
          if (!res.headersSent)
            res.status(500).json({ code: 0, message: err instanceof Error ? err.message : String(err) });
        }
      })();
    });
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const answer = await new Promise<{
      status: number;
      text: string;
      headers: Record<string, string | string[] | undefined>;
    }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/webhook/alerts',
          method: opts.method ?? 'POST',
          headers: { ...(opts.headers ?? { 'content-type': 'application/json' }) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
            }),
          );
        },
      );
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
    let parsedBody: unknown = answer.text;
    try {
      parsedBody = JSON.parse(answer.text);
    } catch {
      // not JSON: keep the text
    }
    if (!outcome && failure === undefined) throw new Error('the webhook did not run');
    return {
      status: answer.status,
      body: parsedBody,
      headers: answer.headers,
      response: outcome?.response ?? {},
      answeredByNode: outcome?.answeredByNode ?? false,
      ...(outcome?.response.workflowData ? { workflowData: outcome.response.workflowData } : {}),
    };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
