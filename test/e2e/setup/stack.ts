/**
 * Everything the example workflows talk to, on loopback, for one e2e file: the simulated demo cluster (with the
 * rollout controller), the MCP bridge over it (read-only, bearer token), an OpenAI-compatible model, signed Feishu
 * and WeCom receivers, an SMTP sink — and the credentials the workflow files name, created in the shared n8n.
 * Close it in afterAll.
 */
import { randomBytes } from 'node:crypto';
import { startBridge, type RunningBridge } from '../../../bridge';
import { defaultConfig } from '../../../bridge/config';
import { connect } from '../../../lib/kube';
import type { N8nClient } from '../../../scripts/n8n';
import { createCredentials, type CredentialIds } from '../../../scripts/demo/workflows';
import { startFakeFeishu, startFakeWecom, type FakeIm, type FeishuFailure, type WecomFailure } from '../../fakes/im';
import { startFakeLlm, type FakeLlm, type SreBrainOptions, sreBrain } from '../../fakes/llm';
import { PROFILES, vendorFromEnv } from '../../fakes/llm/vendors';
import { startSmtpSink, type SmtpSink } from '../../fakes/smtp';
import type { WorkflowLine } from '../../../scripts/toolchain';
import { testCluster, type TestCluster } from './cluster';
import { e2eLine } from './instance';

/**
 * Whose model API the fake plays for this run (KUBE_AIOPS_FAKE_MODEL_VENDOR: openai, deepseek, dashscope, zhipu),
 * with that vendor's checks and error bodies, and the model name the workflows are given.
 */
export const FAKE_VENDOR = vendorFromEnv();
export const FAKE_MODEL = PROFILES[FAKE_VENDOR].defaultModel;

/**
 * Which workflow files the model suites import. DeepSeek, DashScope and Zhipu refuse what AI Agent 3.x sends after
 * a tool call (an assistant message whose content is an empty array); workflows/README.md tells their users to import
 * the workflows/n8n-1.x/ files, whose AI Agent 2 sends a string, and these runs prove that on every n8n version.
 */
export function modelWorkflowLine(): WorkflowLine {
  return FAKE_VENDOR === 'openai' ? e2eLine() : '1.x';
}

/**
 * The name the model sees for a bridge tool: n8n 2.x prefixes it with the MCP Client Tool's node name
 * ("kube-aiops MCP bridge"), whichever version of that node the workflow uses; n8n 1.x passes it through.
 */
export function mcpToolName(tool: string, line: WorkflowLine = e2eLine()): string {
  return line === '1.x' ? tool : `kube_aiops_MCP_bridge_${tool}`;
}

export interface Stack {
  cluster: TestCluster;
  bridge: RunningBridge & { url: string; token: string };
  llm: FakeLlm;
  feishu: FakeIm<FeishuFailure>;
  wecom: FakeIm<WecomFailure>;
  smtp: SmtpSink;
  credentials: CredentialIds;
  close(): Promise<void>;
}

export interface StackOptions {
  brain?: SreBrainOptions;
  label: string;
  /** more objects for the simulated cluster, beside the demo scenario */
  objects?: object[];
  /** the Prometheus the "Prometheus" credential points at (default: nothing listening, so those steps say so) */
  prometheusUrl?: string;
}

export async function startStack(client: N8nClient, opts: StackOptions): Promise<Stack> {
  const closers: Array<() => Promise<void>> = [];
  try {
    const cluster = await testCluster({
      fixtures: ['sim/scenarios/demo'],
      ...(opts.objects ? { objects: opts.objects } : {}),
      rolloutController: true,
    });
    closers.push(() => cluster.close());
    const token = randomBytes(16).toString('hex');
    const running = await startBridge(
      { ...defaultConfig(), port: 0, authToken: token, logLevel: 'error' },
      // connected as `kube-aiops bridge` connects, with its read cache
      { kube: connect({ source: 'kubeconfig', kubeconfig: cluster.kubeconfig, cacheMs: defaultConfig().readCacheMs }) },
    );
    closers.push(() => running.close());
    const llm = await startFakeLlm({ brain: sreBrain(opts.brain), vendor: FAKE_VENDOR });
    closers.push(() => llm.close());
    const feishuSecret = randomBytes(12).toString('hex');
    const feishu = await startFakeFeishu({ secret: feishuSecret });
    closers.push(() => feishu.close());
    const wecom = await startFakeWecom();
    closers.push(() => wecom.close());
    const smtp = await startSmtpSink();
    closers.push(() => smtp.close());
    const credentials = await createCredentials(
      client,
      {
        kubeconfig: cluster.kubeconfig,
        model: { url: llm.url, apiKey: llm.apiKey },
        mcpToken: token,
        feishu: { webhookUrl: feishu.url, secret: feishuSecret },
        wecom: { webhookUrl: wecom.url },
        smtp: { host: smtp.host, port: smtp.port, user: smtp.user, password: smtp.password },
        ...(opts.prometheusUrl ? { prometheus: { url: opts.prometheusUrl } } : {}),
      },
      { nameSuffix: ` (${opts.label})` },
    );
    return {
      cluster,
      bridge: { ...running, url: running.url ?? '', token },
      llm,
      feishu,
      wecom,
      smtp,
      credentials,
      close: async () => {
        for (const c of closers.reverse()) await c().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const c of closers.reverse()) await c().catch(() => undefined);
    throw err;
  }
}

/** Polls until `probe` returns something truthy. */
export async function waitUntil<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** All text of a received IM message body (card titles, Markdown elements), for assertions. */
export function messageText(body: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v as Record<string, unknown>).forEach(walk);
  };
  walk(body);
  return out.join('\n');
}

/**
 * Waits until n8n serves a production webhook (registration follows activation by a moment). A body that is not an
 * alert is enough: the Alertmanager Trigger answers it with a 4xx without starting the workflow. Connection errors
 * (a keep-alive socket n8n just closed) are retried like 404s.
 */
export async function webhookRegistered(url: string, timeoutMs = 20_000): Promise<void> {
  await waitUntil(
    `${url} to be registered`,
    async () => {
      try {
        const res = await fetch(url, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json', connection: 'close' },
        });
        await res.text();
        return res.status !== 404;
      } catch {
        return false;
      }
    },
    timeoutMs,
  );
}
