/**
 * A small client for a running n8n: the editor's REST API (`/rest`, cookie session) for set-up, credentials,
 * workflows and manual runs, and the public API (`/api/v1`, API key) for reading executions, because it
 * returns execution data as plain JSON where `/rest` returns it `flatted`.
 */
import type { Execution, WorkflowJson } from './types';

export interface OwnerAccount {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

/** A password n8n's strength rule accepts (8+ chars, a digit, an uppercase letter). */
export const DEFAULT_OWNER: OwnerAccount = {
  email: 'owner@kube-aiops.test',
  password: 'KubeAiops-2.40',
  firstName: 'Kube',
  lastName: 'Aiops',
};

export interface StoredCredential {
  id: string;
  name: string;
  type: string;
  /** secrets come back as n8n's blank-value marker, everything else as stored */
  data?: Record<string, unknown>;
}

export interface StoredWorkflow {
  id: string;
  name: string;
  versionId: string;
  active: boolean;
  nodes: WorkflowJson['nodes'];
}

export class N8nError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly body: string,
  ) {
    super(`${method} ${path} → ${status}: ${body.slice(0, 500)}`);
  }
}

interface LoadedType {
  name: string;
}

export interface LoadedCredentialType extends LoadedType {
  displayName: string;
  properties: { name: string; type: string; default?: unknown; [key: string]: unknown }[];
  iconUrl?: { light: string; dark: string } | string;
  documentationUrl?: string;
}

const DONE = new Set(['success', 'error', 'canceled', 'crashed']);

/** n8n 1.94's public API lists executions without `status`: derive it from the fields it does send. */
/**
 * fetch, once more when a pooled keep-alive socket turns out closed: n8n drops idle connections after 5 s, and the
 * first request of a test file (jest loads it for longer than that after global setup) can pick such a socket. The
 * request never reached n8n then, so sending it again is safe.
 */
async function n8nFetch(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    if (code !== 'UND_ERR_SOCKET') throw err;
    return fetch(url, init);
  }
}

function withStatus(e: Execution): Execution {
  if (e.status) return e;
  // n8n 1.x keeps waitTill on an execution that was resumed and finished: `finished` decides first
  const waiting = (e as { waitTill?: string | null }).waitTill;
  const status: Execution['status'] = e.finished ? 'success' : waiting ? 'waiting' : e.stoppedAt ? 'error' : 'running';
  return { ...e, status };
}

export class N8nClient {
  private cookie?: string;
  private apiKey?: string;
  private version?: Promise<string>;

  constructor(readonly url: string) {}

  /** Creates the instance owner on a fresh n8n, or logs in when the owner exists (a reused user folder). */
  static async setupOwner(url: string, owner: OwnerAccount = DEFAULT_OWNER): Promise<N8nClient> {
    const client = new N8nClient(url);
    const res = await n8nFetch(`${url}/rest/owner/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(owner),
    });
    const text = await res.text();
    if (res.ok) {
      client.keepCookie(res);
      return client;
    }
    if (res.status === 400 && /already/i.test(text)) return N8nClient.login(url, owner);
    throw new N8nError(res.status, 'POST', '/rest/owner/setup', text);
  }

  static async login(url: string, account: { email: string; password: string }): Promise<N8nClient> {
    const client = new N8nClient(url);
    const res = await n8nFetch(`${url}/rest/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ emailOrLdapLoginId: account.email, password: account.password }),
    });
    if (!res.ok) throw new N8nError(res.status, 'POST', '/rest/login', await res.text());
    client.keepCookie(res);
    return client;
  }

  /** Creates a public-API key with every scope the instance offers and uses it from now on. */
  async createApiKey(label = 'kube-aiops harness'): Promise<string> {
    const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
    // labels are unique per user, and a reused user folder already has the previous run's key
    const created = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', {
      label: `${label} ${new Date().toISOString()}`,
      scopes,
      expiresAt: null,
    });
    this.apiKey = created.rawApiKey;
    return created.rawApiKey;
  }

  useApiKey(key: string): this {
    this.apiKey = key;
    return this;
  }

  async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!this.cookie) throw new Error('no n8n session: use N8nClient.setupOwner() or N8nClient.login()');
    const json = await this.send(method, `/rest${path}`, { cookie: this.cookie }, body);
    return (json as { data: T }).data;
  }

  /** The n8n version answering (`versionCli` of /rest/settings), asked once. */
  serverVersion(): Promise<string> {
    this.version ??= this.rest<{ versionCli: string }>('GET', '/settings').then((s) => s.versionCli);
    return this.version;
  }

  async publicApi<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!this.apiKey) throw new Error('no API key: call createApiKey() or useApiKey() first');
    return (await this.send(method, `/api/v1${path}`, { 'x-n8n-api-key': this.apiKey }, body)) as T;
  }

  // --- credentials -------------------------------------------------------------------------------------

  async createCredential(type: string, name: string, data: Record<string, unknown>): Promise<StoredCredential> {
    const c = await this.rest<StoredCredential>('POST', '/credentials', { name, type, data });
    return { id: c.id, name: c.name, type: c.type };
  }

  async getCredential(id: string): Promise<StoredCredential> {
    return this.rest<StoredCredential>('GET', `/credentials/${id}?includeData=true`);
  }

  /**
   * Runs the credential's test the way the editor's "Test" button does: the declarative `test`, or the
   * `methods.credentialTest` function of a node that lists the credential with `testedBy`.
   */
  async testCredential(
    type: string,
    data: Record<string, unknown>,
    id?: string,
  ): Promise<{ status: 'OK' | 'Error'; message: string }> {
    return this.rest('POST', '/credentials/test', { credentials: { id: id ?? '', name: 'test', type, data } });
  }

  /** Tests a stored credential: n8n fills the secrets it never sends back in from storage, as for the editor. */
  async testStoredCredential(id: string): Promise<{ status: 'OK' | 'Error'; message: string }> {
    const stored = await this.getCredential(id);
    return this.testCredential(stored.type, stored.data ?? {}, id);
  }

  // --- workflows ---------------------------------------------------------------------------------------

  async importWorkflow(json: WorkflowJson): Promise<StoredWorkflow> {
    const { id: _ignored, active: _active, ...payload } = json;
    // n8n 1.x stores `active` from the request (NOT NULL); 2.x sets it itself
    const legacy = (await this.serverVersion()).startsWith('1.') ? { active: false } : {};
    return this.rest<StoredWorkflow>('POST', '/workflows', {
      settings: { executionOrder: 'v1' },
      ...legacy,
      ...payload,
    });
  }

  async getWorkflow(id: string): Promise<StoredWorkflow> {
    return this.rest<StoredWorkflow>('GET', `/workflows/${id}`);
  }

  /** Publishes the current version: trigger and webhook nodes go live (production URLs `/webhook/<path>`). */
  async activateWorkflow(id: string): Promise<StoredWorkflow> {
    const { versionId } = await this.getWorkflow(id);
    if (await this.hasActivateEndpoint())
      return this.rest<StoredWorkflow>('POST', `/workflows/${id}/activate`, { versionId });
    return this.rest<StoredWorkflow>('PATCH', `/workflows/${id}`, { active: true, versionId });
  }

  async deactivateWorkflow(id: string): Promise<StoredWorkflow> {
    if (await this.hasActivateEndpoint()) return this.rest<StoredWorkflow>('POST', `/workflows/${id}/deactivate`, {});
    const { versionId } = await this.getWorkflow(id);
    return this.rest<StoredWorkflow>('PATCH', `/workflows/${id}`, { active: false, versionId });
  }

  /** n8n ≥ 1.1xx (de)activates through its own endpoints; 1.94 through an update of `active`. */
  private async hasActivateEndpoint(): Promise<boolean> {
    const [major, minor] = (await this.serverVersion()).split('.').map(Number);
    return major > 1 || minor >= 100;
  }

  /**
   * Runs a workflow as the editor's "Execute workflow" button does and returns the execution id.
   * `startNode` defaults to the workflow's first trigger; `triggerItems` feeds that trigger's output
   * instead of waiting for it (e.g. a Webhook's request), so webhook workflows run without activation.
   */
  async runWorkflow(
    id: string,
    opts: { startNode?: string; triggerItems?: Record<string, unknown>[] } = {},
  ): Promise<string> {
    const stored = await this.getWorkflow(id);
    const startNode = opts.startNode ?? firstTrigger(stored);
    const triggerToStartFrom: Record<string, unknown> = { name: startNode };
    if (opts.triggerItems) {
      triggerToStartFrom.data = {
        startTime: Date.now(),
        executionIndex: 0,
        executionTime: 0,
        executionStatus: 'success',
        source: [],
        data: { main: [opts.triggerItems.map((json) => ({ json }))] },
      };
    }
    const result = await this.rest<{ executionId?: string; waitingForWebhook?: boolean }>(
      'POST',
      `/workflows/${id}/run`,
      // n8n 1.x runs the workflow the editor sends along; 2.x loads it itself
      (await this.serverVersion()).startsWith('1.')
        ? { workflowData: stored, triggerToStartFrom }
        : { triggerToStartFrom },
    );
    if (!result.executionId) {
      throw new Error(
        `n8n did not start an execution of ${id} (${JSON.stringify(result)}); a trigger that waits for an event needs triggerItems`,
      );
    }
    return result.executionId;
  }

  /** Runs a workflow manually and waits for it to finish; the execution comes back with its data. */
  async runAndWait(
    id: string,
    opts: { startNode?: string; triggerItems?: Record<string, unknown>[]; timeoutMs?: number } = {},
  ): Promise<Execution> {
    return this.waitForExecution(await this.runWorkflow(id, opts), opts.timeoutMs);
  }

  /**
   * Calls a production webhook of an active workflow. n8n registers webhooks shortly after activation
   * returns, so a "not registered" 404 is retried for `registrationWaitMs` (0 to see the first answer).
   */
  async callWebhook(
    path: string,
    body?: unknown,
    opts: { method?: string; headers?: Record<string, string>; registrationWaitMs?: number } = {},
  ): Promise<{ status: number; body: unknown; text: string }> {
    const deadline = Date.now() + (opts.registrationWaitMs ?? 15_000);
    for (;;) {
      const res = await fetch(`${this.url}/webhook/${path.replace(/^\//, '')}`, {
        method: opts.method ?? 'POST',
        headers: { 'content-type': 'application/json', ...opts.headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status === 404 && /is not registered/.test(text) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed, text };
    }
  }

  // --- executions --------------------------------------------------------------------------------------

  async getExecutions(workflowId: string, opts: { includeData?: boolean; limit?: number } = {}): Promise<Execution[]> {
    const q = new URLSearchParams({
      workflowId,
      includeData: String(opts.includeData ?? false),
      limit: String(opts.limit ?? 100),
    });
    const page = await this.publicApi<{ data: Execution[] }>('GET', `/executions?${q.toString()}`);
    return page.data.map(withStatus);
  }

  async getExecution(id: string, opts: { includeData?: boolean } = {}): Promise<Execution> {
    return withStatus(
      await this.publicApi<Execution>('GET', `/executions/${id}?includeData=${opts.includeData ?? true}`),
    );
  }

  /** Polls until the execution has finished (success, error, canceled, crashed); returns it with data. */
  async waitForExecution(id: string, timeoutMs = 60_000): Promise<Execution> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const execution = await this.getExecution(id, { includeData: true });
        if (DONE.has(execution.status)) return execution;
      } catch (err) {
        // a running execution is only persisted once it has started
        if (!(err instanceof N8nError && err.status === 404)) throw err;
      }
      if (Date.now() > deadline) throw new Error(`execution ${id} did not finish within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Waits until a workflow has at least `count` finished executions (e.g. after webhook calls); newest first. */
  async waitForExecutions(workflowId: string, count = 1, timeoutMs = 60_000): Promise<Execution[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const done = (await this.getExecutions(workflowId, { includeData: true })).filter((e) => DONE.has(e.status));
      if (done.length >= count) return done;
      if (Date.now() > deadline)
        throw new Error(
          `workflow ${workflowId} has ${done.length} of ${count} finished executions after ${timeoutMs} ms`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  // --- types -------------------------------------------------------------------------------------------

  /** Every node type n8n loaded, e.g. `n8n-nodes-base.set`, `n8n-nodes-kube-aiops.kubernetes`. */
  async nodeTypes(): Promise<string[]> {
    return [...new Set((await this.typeList<LoadedType>('nodes')).map((t) => t.name))];
  }

  async credentialTypes(): Promise<string[]> {
    return (await this.typeList<LoadedType>('credentials')).map((t) => t.name);
  }

  /** A credential type as the editor receives it: fields, icon URLs (relative to the n8n URL), docs link. */
  async credentialType(name: string): Promise<LoadedCredentialType | undefined> {
    return (await this.typeList<LoadedCredentialType>('credentials')).find((t) => t.name === name);
  }

  /** The type lists the editor loads once per session; they need the session cookie. */
  private async typeList<T>(kind: 'nodes' | 'credentials'): Promise<T[]> {
    return (await this.send('GET', `/types/${kind}.json`, this.cookie ? { cookie: this.cookie } : {})) as T[];
  }

  // --- plumbing ----------------------------------------------------------------------------------------

  private async send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<unknown> {
    const res = await n8nFetch(`${this.url}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new N8nError(res.status, method, path, text);
    return text === '' ? undefined : JSON.parse(text);
  }

  private keepCookie(res: Response): void {
    const auth = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
    if (!auth) throw new Error('n8n answered without an n8n-auth session cookie');
    this.cookie = auth.split(';')[0];
  }
}

function firstTrigger(workflow: StoredWorkflow): string {
  const trigger = workflow.nodes.find((n) => /trigger$/i.test(n.type) || n.type === 'n8n-nodes-base.webhook');
  if (!trigger) throw new Error(`workflow ${workflow.id} has no trigger node to start from`);
  return trigger.name;
}
