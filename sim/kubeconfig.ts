/** The kubeconfig that points kubectl and client libraries at a running simulator. */
import { stringify } from 'yaml';

export const SIM_CONTEXT = 'kube-aiops-sim';

export function buildKubeconfig(server: string, opts: { token?: string; caCert?: string }): string {
  const cluster: Record<string, string | boolean> = { server };
  if (opts.caCert) cluster['certificate-authority-data'] = Buffer.from(opts.caCert).toString('base64');
  // @kubernetes/client-node refuses plain http unless this is set; kubectl ignores it for http
  else if (server.startsWith('http:')) cluster['insecure-skip-tls-verify'] = true;
  const user: Record<string, string> = opts.token ? { token: opts.token } : {};
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: SIM_CONTEXT, cluster }],
    contexts: [{ name: SIM_CONTEXT, context: { cluster: SIM_CONTEXT, user: SIM_CONTEXT, namespace: 'default' } }],
    'current-context': SIM_CONTEXT,
    users: [{ name: SIM_CONTEXT, user }],
    preferences: {},
  });
}
