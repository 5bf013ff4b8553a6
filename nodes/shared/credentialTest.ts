/**
 * The "Test" buttons of this package's credentials, registered under `methods.credentialTest` by the nodes that
 * list a credential with `testedBy`. n8n's declarative credential test can only send one HTTP request, which cannot
 * parse a kubeconfig or present a client certificate (Kubernetes), and bot webhooks have no read-only endpoint
 * (IM), so both are functions.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { send, type KubeRequest } from '../../lib/kube/http';
import { KubeError } from '../../lib/kube/errors';
import type { KubeConnection } from '../../lib/kube/connect';
import { checkWebhookShape, type ChannelName } from '../../lib/notify';
import { clusterAccess, type CredentialData } from './credentials';
import { webhookUrl } from './imCredentials';
import { prometheusEndpoint } from './prometheus';
import { queryPrometheus } from '../../lib/prometheus/query';

/** A test should answer while the user waits: one attempt, short timeout. */
const TEST_TUNING = { timeoutMs: 10_000, readAttempts: 1 };

type Outcome<T> = { ok: true; body: T } | { ok: false; error: KubeError };

/** One GET; a failure comes back as a value, already phrased by lib/kube (unreachable, 401, 403, TLS…). */
async function probe<T>(conn: KubeConnection, req: Omit<KubeRequest, 'method'>): Promise<Outcome<T>> {
  try {
    return { ok: true, body: (await send<T>(conn, { ...req, method: 'GET' })).body };
  } catch (err) {
    return { ok: false, error: err instanceof KubeError ? err : new KubeError(String(err)) };
  }
}

export async function testKubernetesCredential(data: CredentialData): Promise<INodeCredentialTestResult> {
  let conn: KubeConnection;
  try {
    conn = clusterAccess(data, TEST_TUNING).conn;
  } catch (err) {
    return { status: 'Error', message: err instanceof Error ? err.message : String(err) };
  }

  const version = await probe<{ gitVersion?: string }>(conn, {
    path: '/version',
    context: { verb: 'get', resource: 'version' },
  });
  if (!version.ok) return { status: 'Error', message: version.error.message };

  // Listing namespaces needs a cluster-wide grant that namespaced service accounts often lack, so a 403
  // there falls back to listing pods in the default namespace before calling the credential unusable.
  let scope = 'can list namespaces';
  const namespaces = await probe(conn, {
    path: '/api/v1/namespaces',
    query: { limit: 1 },
    context: { verb: 'list', resource: 'namespaces' },
  });
  if (!namespaces.ok) {
    if (namespaces.error.status !== 403) return { status: 'Error', message: namespaces.error.message };
    const ns = conn.namespace;
    const pods = await probe(conn, {
      path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`,
      query: { limit: 1 },
      context: { verb: 'list', resource: 'pods', namespace: ns },
    });
    if (!pods.ok) return { status: 'Error', message: pods.error.message };
    scope = `cannot list namespaces (RBAC), can list pods in namespace "${ns}"`;
  }

  const parts = [
    `Connected to ${conn.server} (Kubernetes ${version.body.gitVersion ?? 'version unknown'}, context ${conn.context}); ${scope}`,
  ];
  if (conn.warnings.length > 0) parts.push(`Warning: ${conn.warnings.join('; ')}`);
  return { status: 'OK', message: parts.join('. ') };
}

/** The function nodes register as `methods.credentialTest.kubernetesApiTest`. */
export async function kubernetesApiTest(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
  return testKubernetesCredential(credential.data ?? {});
}

const IM_CREDENTIAL_CHANNEL: Record<string, ChannelName> = {
  feishuBotApi: 'feishu',
  weComBotApi: 'wecom',
  dingTalkBotApi: 'dingtalk',
  slackWebhookApi: 'slack',
  teamsWebhookApi: 'teams',
  jsonWebhookApi: 'webhook',
};

/** An IM credential checked without sending: the URL shape and the secret format (lib/notify's checkWebhookShape). */
export function checkImCredential(type: string, data: Record<string, unknown>): INodeCredentialTestResult {
  const channel = IM_CREDENTIAL_CHANNEL[type];
  if (!channel) return { status: 'Error', message: `unknown credential type ${type}` };
  const secret = typeof data.secret === 'string' ? data.secret : '';
  const check = checkWebhookShape(channel, webhookUrl(channel, data as Parameters<typeof webhookUrl>[1]), secret);
  return { status: check.ok ? 'OK' : 'Error', message: check.message };
}

/** The function IM Notify registers as `methods.credentialTest.imWebhookTest`. */
export async function imWebhookTest(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
  return checkImCredential(credential.type, credential.data ?? {});
}

/** A Prometheus credential works when the API answers a constant query (VictoriaMetrics and Thanos too). */
export async function testPrometheusCredential(data: CredentialData): Promise<INodeCredentialTestResult> {
  try {
    const ep = { ...prometheusEndpoint(data), timeoutMs: 10_000 };
    const r = await queryPrometheus(ep, { query: 'vector(1)' });
    if (r.series.length !== 1) return { status: 'Error', message: 'the endpoint answered, but not like Prometheus' };
    return { status: 'OK', message: 'Prometheus answered a query' };
  } catch (err) {
    return { status: 'Error', message: err instanceof Error ? err.message : String(err) };
  }
}

/** The function the Prometheus-backed nodes register as `methods.credentialTest.prometheusApiTest`. */
export async function prometheusApiTest(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
  return testPrometheusCredential(credential.data ?? {});
}
