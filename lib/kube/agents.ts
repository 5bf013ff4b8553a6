/**
 * Connection reuse for reads. client-node's applyToHTTPSOptions builds a new Agent on every call, so each request
 * paid a TCP and TLS handshake: several milliseconds per call and a socket per request in flight. Reads share one
 * keep-alive agent per connection and TLS identity (CA, client certificate, verification); a rotated client
 * certificate gets a new one. Writes keep a fresh connection each: a write on a pooled socket the server closed at
 * the same moment would fail without our knowing whether it was received, and writes are never retried.
 * Proxy agents (proxy-url in the kubeconfig) are left as client-node made them.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { KubeConnection } from './connect';

const pools = new WeakMap<KubeConnection, Map<string, http.Agent>>();
/** identities per connection kept at once: rotations beyond it replace the oldest */
const MAX_IDENTITIES = 4;

export function readAgent(conn: KubeConnection, made: unknown): http.Agent | undefined {
  if (!(made instanceof http.Agent)) return undefined;
  const isHttps = made.constructor === https.Agent;
  if (!isHttps && made.constructor !== http.Agent) return undefined;
  const options: https.AgentOptions = isHttps ? (made as https.Agent).options : {};
  const key = identity(isHttps, options);
  let pool = pools.get(conn);
  if (!pool) pools.set(conn, (pool = new Map<string, http.Agent>()));
  const known = pool.get(key);
  if (known) return known;
  const agent = isHttps
    ? new https.Agent({ ...options, keepAlive: true, maxSockets: 64, maxFreeSockets: 16 })
    : new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 });
  if (pool.size >= MAX_IDENTITIES) {
    const [oldestKey, oldest] = pool.entries().next().value as [string, http.Agent];
    oldest.destroy();
    pool.delete(oldestKey);
  }
  pool.set(key, agent);
  return agent;
}

function identity(isHttps: boolean, o: https.AgentOptions): string {
  const h = createHash('sha256').update(isHttps ? 'https' : 'http');
  for (const v of [o.ca, o.cert, o.key, o.pfx, o.passphrase, o.servername, String(o.rejectUnauthorized)]) {
    h.update('\0');
    for (const part of Array.isArray(v) ? v : [v]) {
      if (part === undefined || part === null) continue;
      h.update(typeof part === 'string' || Buffer.isBuffer(part) ? part : JSON.stringify(part));
    }
  }
  return h.digest('hex');
}
