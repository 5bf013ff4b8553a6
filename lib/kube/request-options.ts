/**
 * What client-node's applyToHTTPSOptions makes of a KubeConfig for a request: credentials (bearer header, basic
 * auth, client certificate), CA, verification and an Agent. It reads certificate files, asks the authenticator and
 * builds a new Agent every time, and the identity and pooled agent derived from it hash the credentials again: about
 * 0.1 ms of every bridge call. Reads of a user with static credentials (a token, certificate or username in the
 * kubeconfig) reuse that for a few seconds, so a certificate file rotated on disk is still picked up soon after. A
 * user with an exec plugin or an auth provider (the in-cluster token file, OIDC) is asked on every request, since its
 * authenticator refreshes tokens itself; writes are always prepared afresh.
 */
import type http from 'node:http';
import type https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { readAgent } from './agents';
import { identityOf } from './read-share';

export interface PreparedRequest {
  opts: https.RequestOptions;
  /** who asks, for the shared read cache (read-share.ts) */
  identity: string;
  /** the pooled keep-alive agent for reads (agents.ts); undefined for writes and proxy agents */
  readAgent: http.Agent | undefined;
}

const REUSE_MS = 5000;
const reused = new WeakMap<KubeConfig, PreparedRequest & { at: number; context: string; server: string }>();

export async function prepareRequest(kc: KubeConfig, server: string, read: boolean): Promise<PreparedRequest> {
  const context = kc.getCurrentContext();
  const hit = read ? reused.get(kc) : undefined;
  if (hit && hit.context === context && hit.server === server && Date.now() - hit.at < REUSE_MS) return hit;
  const opts: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  const prepared = { opts, identity: identityOf(server, opts), readAgent: read ? readAgent(opts.agent) : undefined };
  const user = kc.getCurrentUser();
  if (read && !user?.exec && !user?.authProvider) reused.set(kc, { ...prepared, at: Date.now(), context, server });
  return prepared;
}
