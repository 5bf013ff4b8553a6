/**
 * The "Test" button of the Kubernetes API credential. n8n's declarative credential test can only send
 * one HTTP request, which cannot parse a kubeconfig or present a client certificate, so each node lists
 * the credential with `testedBy: 'kubernetesApiTest'` and exposes this function under
 * `methods.credentialTest`.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { send } from '../../lib/kube/http';
import { KubeError } from '../../lib/kube/errors';
import type { KubeConnection } from '../../lib/kube/connect';
import { clusterAccess, type CredentialData } from './credentials';

/** A test should answer while the user waits: one attempt, short timeout. */
const TEST_TUNING = { timeoutMs: 10_000, readAttempts: 1 };

export async function testKubernetesCredential(data: CredentialData): Promise<INodeCredentialTestResult> {
  let conn: KubeConnection;
  try {
    conn = clusterAccess(data, TEST_TUNING).conn;
  } catch (err) {
    return { status: 'Error', message: messageOf(err) };
  }
  try {
    const version = await send<{ gitVersion?: string }>(conn, { method: 'GET', path: '/version', context: { verb: 'get', resource: 'version' } });
    const scope = await probeAccess(conn);
    const parts = [`Connected to ${conn.server} (Kubernetes ${version.body.gitVersion ?? 'version unknown'}, context ${conn.context}); ${scope}`];
    if (conn.warnings.length > 0) parts.push(`Warning: ${conn.warnings.join('; ')}`);
    return { status: 'OK', message: parts.join('. ') };
  } catch (err) {
    return { status: 'Error', message: messageOf(err) };
  }
}

/**
 * What this identity can see. Listing namespaces needs a cluster-wide grant that namespaced service
 * accounts often lack, so a 403 there falls back to listing pods in the default namespace.
 */
async function probeAccess(conn: KubeConnection): Promise<string> {
  try {
    await send(conn, { method: 'GET', path: '/api/v1/namespaces', query: { limit: 1 }, context: { verb: 'list', resource: 'namespaces' } });
    return 'can list namespaces';
  } catch (err) {
    if (!(err instanceof KubeError) || err.status !== 403) throw err;
  }
  const ns = encodeURIComponent(conn.namespace);
  await send(conn, { method: 'GET', path: `/api/v1/namespaces/${ns}/pods`, query: { limit: 1 }, context: { verb: 'list', resource: 'pods', namespace: conn.namespace } });
  return `cannot list namespaces (RBAC), can list pods in namespace "${conn.namespace}"`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The function nodes register as `methods.credentialTest.kubernetesApiTest`. */
export async function kubernetesApiTest(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
  return testKubernetesCredential(credential.data ?? {});
}
