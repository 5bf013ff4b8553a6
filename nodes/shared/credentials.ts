/**
 * Maps a stored `kubernetesApi` credential to what lib/ needs: lib/kube's ConnectOptions and
 * lib/guard's WritePolicy. Every node reads its cluster and its limits through here, so the
 * credential is the single place an admin sets them.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { connect, type ConnectCommon, type ConnectOptions, type KubeConnection } from '../../lib/kube/connect';
import { parsePolicy, type WritePolicy } from '../../lib/guard';

export const KUBERNETES_CREDENTIAL = 'kubernetesApi';

export type CredentialData = ICredentialDataDecryptedObject;

function text(data: CredentialData, key: string): string {
  const value = data[key];
  return typeof value === 'string' ? value.trim() : '';
}

/** Where to connect and as whom; `tuning` carries per-call limits (timeouts, retries) the credential does not hold. */
export function connectOptions(
  data: CredentialData,
  tuning: Omit<ConnectCommon, 'context' | 'namespace'> = {},
): ConnectOptions {
  const common: ConnectCommon = { ...tuning, namespace: text(data, 'namespace') || undefined };
  const connection = text(data, 'connection') || 'kubeconfig';
  switch (connection) {
    case 'kubeconfig':
      return {
        ...common,
        source: 'kubeconfig',
        kubeconfig: typeof data.kubeconfig === 'string' ? data.kubeconfig : '',
        context: text(data, 'context') || undefined,
      };
    case 'inCluster':
      return { ...common, source: 'inCluster' };
    case 'token':
      return {
        ...common,
        source: 'token',
        server: text(data, 'server'),
        token: text(data, 'token'),
        caData: text(data, 'caData') || undefined,
        skipTlsVerify: data.skipTlsVerify === true,
      };
    default:
      throw new Error(
        `unknown connection type "${connection}" in the Kubernetes API credential; use kubeconfig, inCluster or token`,
      );
  }
}

/**
 * The write policy the admin set on the credential. A field that is missing altogether (a credential
 * saved before the field existed, or created through the API without it) falls back to the safe
 * choice: read-only, and lib/guard's default protected namespaces. A field that is present but empty means
 * "none". Denied kinds add to lib/guard's defaults; only Allowed Sensitive Kinds lifts one of those.
 */
export function writePolicy(data: CredentialData): WritePolicy {
  const list = (key: string): string | undefined => (typeof data[key] === 'string' ? data[key] : undefined);
  const verbs = Array.isArray(data.allowedVerbs)
    ? (data.allowedVerbs as unknown[]).filter((v): v is string => typeof v === 'string')
    : [];
  return parsePolicy({
    mode: text(data, 'allowedActions') || 'read-only',
    verbs: verbs.length > 0 ? verbs : undefined,
    namespaces: list('allowedNamespaces'),
    protectedNamespaces: list('protectedNamespaces'),
    deniedKinds: list('deniedKinds'),
    allowKinds: list('allowedKinds'),
    allowEscalation: list('allowedEscalations'),
    allowClusterScoped: data.allowClusterScoped === true,
  });
}

export interface ClusterAccess {
  conn: KubeConnection;
  policy: WritePolicy;
}

/** Connection and policy together; throws lib/kube's KubeError (or a policy error) with a sentence to show. */
export function clusterAccess(
  data: CredentialData,
  tuning?: Omit<ConnectCommon, 'context' | 'namespace'>,
): ClusterAccess {
  return { conn: connect(connectOptions(data, tuning)), policy: writePolicy(data) };
}
