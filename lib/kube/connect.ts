/**
 * Turns what a user configured (pasted kubeconfig, a file, the pod's service account, or URL + token) into a
 * KubeConnection: the client-node KubeConfig plus the defaults every lib/kube call reads.
 */
import { existsSync } from 'node:fs';
// the module that defines KubeConfig, not the package root: the root also loads every generated API class and model
// (tens of MiB of source held in memory), and lib/kube talks HTTP itself (see http.ts)
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import { KubeError } from './errors';
import { MAX_CACHE_MS } from './read-share';

export interface ConnectCommon {
  /** context to use instead of the kubeconfig's current-context */
  context?: string;
  /** default namespace; else the context's namespace, else "default" */
  namespace?: string;
  /** per-request timeout in ms (default 30000) */
  timeoutMs?: number;
  /** attempts for reads on 5xx/429/timeouts/dropped connections (default 3; writes are never repeated) */
  readAttempts?: number;
  /** first backoff delay in ms, doubled per attempt (default 250) */
  backoffMs?: number;
  /**
   * how long a successful GET answer is reused for the same path and query, in ms (default 0: identical reads
   * still share one request while it is in flight; capped at 10 s). Writes clear it.
   */
  cacheMs?: number;
}

export type ConnectOptions = ConnectCommon &
  (
    | { source: 'kubeconfig'; kubeconfig: string }
    | { source: 'kubeconfigFile'; path?: string }
    | { source: 'inCluster' }
    | {
        source: 'token';
        server: string;
        token: string;
        /** cluster CA as PEM text or base64 of PEM */
        caData?: string;
        /** disables certificate checks: only for throwaway clusters, and reported in `warnings` */
        skipTlsVerify?: boolean;
      }
  );

export interface KubeConnection {
  /** the client-node config, for typed APIs (CoreV1Api…) and the diagnosis snapshot */
  readonly kc: KubeConfig;
  /** default namespace for namespaced calls that name none */
  readonly namespace: string;
  readonly context: string;
  /** API server URL without a trailing slash */
  readonly server: string;
  readonly timeoutMs: number;
  readonly readAttempts: number;
  readonly backoffMs: number;
  /** see ConnectCommon.cacheMs; absent means 0 */
  readonly cacheMs?: number;
  /** things the user should know about this connection (TLS verification off, plain HTTP) */
  readonly warnings: string[];
}

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export function connect(opts: ConnectOptions): KubeConnection {
  const kc = new KubeConfig();
  try {
    load(kc, opts);
  } catch (err) {
    if (err instanceof KubeError) throw err;
    throw new KubeError(
      `cannot load the Kubernetes configuration (${opts.source}): ${err instanceof Error ? err.message : String(err)}`,
      {
        reason: 'BadInput',
      },
    );
  }
  if (opts.context) selectContext(kc, opts.context);
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new KubeError(
      `the kubeconfig has no cluster for context "${kc.getCurrentContext()}"; check current-context and the contexts list`,
      {
        reason: 'BadInput',
      },
    );
  }
  if (cluster.server.startsWith('http://') && !cluster.skipTLSVerify) {
    // client-node refuses http:// unless verification is off; plain HTTP has no certificate to verify
    const index = kc.clusters.indexOf(cluster);
    if (index >= 0) kc.clusters[index] = { ...cluster, skipTLSVerify: true };
  }
  const contextNamespace = kc.getContextObject(kc.getCurrentContext())?.namespace;
  return {
    kc,
    namespace: opts.namespace || contextNamespace || 'default',
    context: kc.getCurrentContext(),
    server: cluster.server.replace(/\/+$/, ''),
    timeoutMs: opts.timeoutMs ?? 30_000,
    readAttempts: Math.max(1, opts.readAttempts ?? 3),
    backoffMs: opts.backoffMs ?? 250,
    cacheMs: Math.min(MAX_CACHE_MS, Math.max(0, opts.cacheMs ?? 0)),
    warnings: connectionWarnings(
      cluster.server,
      cluster.skipTLSVerify === true && cluster.server.startsWith('https://'),
    ),
  };
}

function load(kc: KubeConfig, opts: ConnectOptions): void {
  switch (opts.source) {
    case 'kubeconfig':
      if (!opts.kubeconfig.trim())
        throw new KubeError('the kubeconfig text is empty; paste the whole kubeconfig YAML', { reason: 'BadInput' });
      kc.loadFromString(opts.kubeconfig);
      return;
    case 'kubeconfigFile': {
      const path = opts.path || process.env.KUBECONFIG?.split(process.platform === 'win32' ? ';' : ':')[0];
      if (!path) {
        kc.loadFromDefault();
        return;
      }
      if (!existsSync(path)) throw new KubeError(`kubeconfig file ${path} does not exist`, { reason: 'BadInput' });
      kc.loadFromFile(path);
      return;
    }
    case 'inCluster':
      if (!process.env.KUBERNETES_SERVICE_HOST || !existsSync(`${SERVICE_ACCOUNT_DIR}/token`)) {
        throw new KubeError(
          `not running inside a Kubernetes pod (KUBERNETES_SERVICE_HOST unset or ${SERVICE_ACCOUNT_DIR}/token missing); use a kubeconfig or a server URL and token instead`,
          { reason: 'BadInput' },
        );
      }
      kc.loadFromCluster();
      return;
    case 'token': {
      const server = opts.server.trim().replace(/\/+$/, '');
      if (!/^https?:\/\//.test(server)) {
        throw new KubeError(
          `the server URL "${opts.server}" must start with https:// (or http:// for a local test API)`,
          { reason: 'BadInput' },
        );
      }
      const plainHttp = server.startsWith('http://');
      kc.loadFromOptions({
        clusters: [
          {
            name: 'cluster',
            server,
            caData: opts.caData ? caToBase64(opts.caData) : undefined,
            skipTLSVerify: opts.skipTlsVerify === true || plainHttp,
          },
        ],
        users: [{ name: 'user', token: opts.token.trim() }],
        contexts: [{ name: 'token', cluster: 'cluster', user: 'user', namespace: opts.namespace }],
        currentContext: 'token',
      });
      return;
    }
  }
}

function selectContext(kc: KubeConfig, name: string): void {
  if (!kc.getContextObject(name)) {
    const known = kc.getContexts().map((c) => c.name);
    throw new KubeError(
      `context "${name}" is not in the kubeconfig; available contexts: ${known.join(', ') || '(none)'}`,
      { reason: 'BadInput' },
    );
  }
  kc.setCurrentContext(name);
}

function caToBase64(ca: string): string {
  const text = ca.trim();
  return text.includes('-----BEGIN') ? Buffer.from(text).toString('base64') : text;
}

function connectionWarnings(server: string, skipTlsVerify: boolean): string[] {
  const warnings: string[] = [];
  const loopback = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:|\/|$)/.test(server);
  if (server.startsWith('http://')) {
    if (!loopback) warnings.push(`${server} uses plain HTTP: credentials and data travel unencrypted`);
  } else if (skipTlsVerify) {
    warnings.push(
      `TLS certificate verification is disabled for ${server}: anyone on the network path can impersonate the API server; provide the cluster CA instead`,
    );
  }
  return warnings;
}

/** Contexts of a kubeconfig, for pickers in the faces. */
export function listContexts(
  kubeconfig: string,
): { name: string; cluster: string; namespace?: string; current: boolean }[] {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfig);
  const current = kc.getCurrentContext();
  return kc
    .getContexts()
    .map((c) => ({ name: c.name, cluster: c.cluster, namespace: c.namespace, current: c.name === current }));
}
