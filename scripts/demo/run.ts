/**
 * The one-command demo (`npm start` → `kube-aiops demo`): a cluster (the simulated demo cluster, or a real one
 * read-only), the MCP bridge over it, the pinned n8n with this package installed, a demo
 * owner, the credentials and the four example workflows, and a local inbox page that shows the Feishu / WeCom
 * messages and emails the workflows send. With OPENAI_API_KEY (and OPENAI_BASE_URL, OPENAI_MODEL) the AI steps use
 * that model; without, they fail fast against a local "no model configured" endpoint and the workflows take their
 * deterministic paths. `stop()` ends everything it started.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startBridge, type RunningBridge } from '../../bridge';
import { defaultConfig } from '../../bridge/config';
import { connect, type KubeConnection } from '../../lib/kube';
import { launchSimulator, type RunningSimulator } from '../../sim';
import { N8nClient, packPackage, startN8n, type OwnerAccount, type RunningN8n } from '../n8n';
import { N8N_VERSION } from '../toolchain';
import { demoAlertPayload, type DemoAlert } from './alerts';
import { startInbox, type Inbox } from './inbox';
import {
  CREDENTIALS,
  credentialData,
  installWorkflows,
  loadWorkflow,
  webhookPath,
  WORKFLOWS,
  type CredentialIds,
  type CredentialKey,
  type CredentialValues,
  type WorkflowKey,
} from './workflows';

const ROOT = join(__dirname, '..', '..');

export const DEMO_OWNER: OwnerAccount = {
  email: 'demo@kube-aiops.local',
  password: 'KubeAiops-demo-1',
  firstName: 'Demo',
  lastName: 'Operator',
};

export interface DemoOptions {
  /** the demo scenarios folder */
  scenarios: string;
  /** simulator port (0 = free) */
  simPort: number;
  bridgePort: number;
  n8nPort: number;
  inboxPort: number;
  /** a real cluster's kubeconfig file: read-only, instead of the simulator */
  kubeconfig?: string;
  context?: string;
  /** where the simulator's kubeconfig is written */
  kubeconfigOut: string;
  /** ~/.kube-aiops: n8n's user folder, sample alert files */
  dataDir: string;
  /** OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL */
  model: { apiKey?: string; baseUrl?: string; model?: string };
  log: (line: string) => void;
}

export interface RunningDemo {
  /** what to print: URLs, logins, first things to try */
  summary: string;
  stop(): Promise<void>;
}

/** A fingerprint of what goes into the package, so an unchanged package is not rebuilt and reinstalled. */
function sourceStamp(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else hash.update(`${relative(ROOT, path)}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  for (const dir of ['lib', 'nodes', 'credentials', 'icons']) walk(join(ROOT, dir));
  hash.update(readFileSync(join(ROOT, 'package.json')));
  return hash.digest('hex');
}

interface ListedCredential {
  id: string;
  name: string;
  type: string;
}

/** Creates the demo credentials, or updates them in place (a reused n8n keeps their ids, so workflows stay linked). */
async function upsertCredentials(
  client: N8nClient,
  values: CredentialValues,
  readOnlyCluster: boolean,
): Promise<CredentialIds> {
  const existing = await client.rest<ListedCredential[]>('GET', '/credentials');
  const out: Partial<CredentialIds> = {};
  for (const key of Object.keys(CREDENTIALS) as CredentialKey[]) {
    const { type, name } = CREDENTIALS[key];
    let data = credentialData(key, values);
    // against a real cluster even the self-heal credential may not write
    if (key === 'kubeSelfHeal' && readOnlyCluster) data = { ...data, allowedActions: 'read-only' };
    const found = existing.find((c) => c.type === type && c.name === name);
    if (found) {
      await client.rest('PATCH', `/credentials/${found.id}`, { name, type, data });
      out[key] = { id: found.id, name };
    } else {
      const created = await client.createCredential(type, name, data);
      out[key] = { id: created.id, name: created.name };
    }
  }
  return out as CredentialIds;
}

/** Removes earlier copies of the demo workflows (same names), so each start imports the current files. */
async function removeOldWorkflows(client: N8nClient): Promise<void> {
  const names = new Set((Object.keys(WORKFLOWS) as WorkflowKey[]).map((k) => loadWorkflow(k).name));
  const existing = await client.rest<Array<{ id: string; name: string; active?: boolean; isArchived?: boolean }>>(
    'GET',
    '/workflows',
  );
  for (const wf of existing.filter((w) => names.has(w.name))) {
    if (wf.active) await client.deactivateWorkflow(wf.id).catch(() => undefined);
    if (!wf.isArchived) await client.rest('POST', `/workflows/${wf.id}/archive`, {}).catch(() => undefined);
    await client.rest('DELETE', `/workflows/${wf.id}`).catch(() => undefined);
  }
}

export async function runDemo(opts: DemoOptions): Promise<RunningDemo> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    mkdirSync(opts.dataDir, { recursive: true });
    // ---- the cluster
    let kubeconfig: string;
    let clusterLine: string;
    let sim: RunningSimulator | undefined;
    if (opts.kubeconfig) {
      kubeconfig = readFileSync(opts.kubeconfig, 'utf8');
      clusterLine = `your cluster from ${opts.kubeconfig}${opts.context ? ` (context ${opts.context})` : ''} — read-only: every credential refuses writes`;
    } else {
      const launched = await launchSimulator({
        fixtures: [opts.scenarios],
        port: opts.simPort,
        kubeconfigOut: opts.kubeconfigOut,
        rolloutController: true,
      });
      sim = launched.running;
      stops.push(() => launched.running.close());
      kubeconfig = sim.kubeconfig;
      clusterLine = `simulated demo cluster at ${sim.url} — ${launched.objectCount} objects, three broken workloads (KUBECONFIG=${opts.kubeconfigOut})`;
    }
    const kube: KubeConnection = connect({
      source: 'kubeconfig',
      kubeconfig,
      ...(opts.context ? { context: opts.context } : {}),
    });

    // ---- the MCP bridge (read-only), with a token for n8n's MCP Client Tool
    const token = randomBytes(18).toString('base64url');
    let bridge: RunningBridge;
    try {
      bridge = await startBridge(
        { ...defaultConfig(), port: opts.bridgePort, authToken: token, logLevel: 'warn' },
        { kube },
      );
    } catch (err) {
      throw new Error(
        `the MCP bridge could not listen on 127.0.0.1:${opts.bridgePort} (${(err as Error).message}); choose another port with --bridge-port`,
      );
    }
    stops.push(() => bridge.close());
    const bridgeUrl = bridge.url ?? `http://127.0.0.1:${opts.bridgePort}`;

    // ---- the inbox: fake Feishu / WeCom bots, an SMTP sink, a page
    const inbox: Inbox = await startInbox({ port: opts.inboxPort });
    stops.push(() => inbox.close());

    // ---- n8n with this package
    const userFolder = join(opts.dataDir, 'n8n');
    const stampFile = join(userFolder, '.kube-aiops-package-stamp');
    const stamp = sourceStamp();
    const installed =
      existsSync(stampFile) &&
      readFileSync(stampFile, 'utf8') === stamp &&
      existsSync(join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-kube-aiops'));
    let tarball: string | undefined;
    if (!installed) {
      opts.log(`[demo] building this package and installing it into n8n's user folder ${userFolder}`);
      tarball = packPackage({ log: opts.log }).tarball;
    }
    opts.log(
      `[demo] starting n8n ${N8N_VERSION} on 127.0.0.1:${opts.n8nPort} (the first run installs n8n itself: ~2.8 GB, a few minutes)`,
    );
    let n8n: RunningN8n;
    try {
      n8n = await startN8n({
        tarball,
        skipInstall: installed,
        userFolder,
        keepUserFolder: true,
        port: opts.n8nPort,
        log: opts.log,
        timeoutMs: 300_000,
      });
    } catch (err) {
      throw new Error(
        `n8n did not start: ${(err as Error).message}\n(is port ${opts.n8nPort} free? choose another with --n8n-port)`,
      );
    }
    stops.push(() => n8n.stop());
    if (!installed) writeFileSync(stampFile, stamp);

    const client = await N8nClient.setupOwner(n8n.url, DEMO_OWNER).catch((err: Error) => {
      throw new Error(
        `could not log in as the demo owner ${DEMO_OWNER.email}: ${err.message}\n(delete ${userFolder} to start from a fresh n8n)`,
      );
    });

    const ai = Boolean(opts.model.apiKey);
    const modelId = opts.model.model ?? 'gpt-4o-mini';
    const modelUrl = opts.model.baseUrl ?? 'https://api.openai.com/v1';
    const ids = await upsertCredentials(
      client,
      {
        kubeconfig,
        ...(opts.context ? { context: opts.context } : {}),
        model: ai
          ? { url: modelUrl, apiKey: opts.model.apiKey ?? '' }
          : { url: inbox.noModelUrl, apiKey: 'no-model-configured' },
        mcpToken: token,
        feishu: { webhookUrl: inbox.feishu.url, secret: inbox.feishu.secret },
        wecom: { webhookUrl: inbox.wecom.url },
        smtp: { host: inbox.smtp.host, port: inbox.smtp.port, user: inbox.smtp.user, password: inbox.smtp.password },
      },
      Boolean(opts.kubeconfig),
    );
    await removeOldWorkflows(client);
    const wfs = await installWorkflows(client, ids, {
      model: modelId,
      mcpUrl: `${bridgeUrl}/sse`,
      ai,
      activate: ['chat', 'triage', 'selfHeal', 'daily'],
    });

    const triageUrl = `${n8n.url}/webhook/${webhookPath(wfs.triage.json, 'Alertmanager', 'alerts')}`;
    const oomUrl = `${n8n.url}/webhook/${webhookPath(wfs.selfHeal.json, 'OOMKilled alert', 'alerts')}`;
    const chatTrigger = wfs.chat.json.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger');
    const chatUrl = `${n8n.url}/webhook/${chatTrigger?.webhookId ?? ''}/chat`;
    inbox.setTargets({ crashloop: triageUrl, 'crashloop-resolved': triageUrl, image: triageUrl, oom: oomUrl });
    const alertFiles: Partial<Record<DemoAlert, string>> = {};
    for (const which of ['crashloop', 'crashloop-resolved', 'oom'] as DemoAlert[]) {
      const file = join(opts.dataDir, `demo-alert-${which}.json`);
      writeFileSync(file, `${JSON.stringify(demoAlertPayload(which), null, 2)}\n`);
      alertFiles[which] = file;
    }

    const lines = [
      '',
      'kube-aiops demo is running.',
      '',
      `  n8n editor   ${n8n.url}    login: ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`,
      `  Inbox        ${inbox.url}    (what the workflows send to Feishu, WeCom and email; Approve/Reject links are clickable)`,
      `  Chat         ${chatUrl}`,
      `  Cluster      ${clusterLine}`,
      `  MCP bridge   ${bridgeUrl}/sse (read-only; its token is in the credential "${CREDENTIALS.mcpToken.name}")`,
      ai
        ? `  Model        ${modelId} at ${modelUrl}`
        : '  Model        none: the AI steps are skipped (alerts still arrive with the diagnosis). To enable AI:\n' +
          '               OPENAI_API_KEY=sk-… [OPENAI_BASE_URL=https://dashscope.aliyuncs.com/compatible-mode/v1 OPENAI_MODEL=qwen-plus] npm start',
      '',
      'First things to try:',
      `  1. Fire a sample alert: press "Fire KubePodCrashLooping" in the inbox, or`,
      `       curl -s -X POST -H 'content-type: application/json' --data @${alertFiles.crashloop} ${triageUrl}`,
      '     A card with the root cause (OOMKilled at the 256Mi limit) appears in the inbox.',
      `  2. Chat: open ${chatUrl} and ask "Why is shop/app-xyz crashing?"${ai ? '' : ' (needs a model)'}`,
      `  3. Self-heal: press "Fire OOMKilled" (or curl --data @${alertFiles.oom} ${oomUrl}),`,
      '     then click Approve in the inbox and watch the pod get replaced' +
        (sim
          ? `: kubectl --kubeconfig ${opts.kubeconfigOut} get pods -n shop`
          : ' (read-only here: the change is refused)'),
      '  4. Daily report: open "Daily cluster inspection" in n8n and press "Execute workflow".',
      '',
      'Ctrl-C stops everything.',
      '',
    ];
    return { summary: lines.join('\n'), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
