/**
 * Connection reuse for reads. client-node's applyToHTTPSOptions builds a new Agent on every call, so each request
 * paid a TCP and TLS handshake: several milliseconds per call and a socket per request in flight. Reads share one
 * keep-alive agent per TLS identity (CA, client certificate, verification), across connections; a rotated client
 * certificate gets a new one. Writes keep a fresh connection each: a write on a pooled socket the server closed at
 * the same moment would fail without our knowing whether it was received, and writes are never retried.
 * Proxy agents (proxy-url in the kubeconfig) are left as client-node made them.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

/**
 * One pool for the process, not per connection: n8n builds a connection per execution, and per-connection agents
 * would each keep idle sockets open long after their execution ended. Sharing across connections is safe because
 * the key is the whole TLS identity; bearer tokens travel per request in headers, never on the socket.
 */
const pool = new Map<string, http.Agent>();
/** identities kept at once (clusters × rotations): beyond it the least recently used one is retired */
const MAX_IDENTITIES = 16;

export function readAgent(made: unknown): http.Agent | undefined {
  if (!(made instanceof http.Agent)) return undefined;
  const isHttps = made.constructor === https.Agent;
  if (!isHttps && made.constructor !== http.Agent) return undefined;
  const options: https.AgentOptions = isHttps ? (made as https.Agent).options : {};
  const key = identity(isHttps, options);
  const known = pool.get(key);
  if (known) {
    // most recently used last, so eviction takes the identity nobody asked for longest
    pool.delete(key);
    pool.set(key, known);
    return known;
  }
  const agent = isHttps
    ? new https.Agent({ ...options, keepAlive: true, maxSockets: 64, maxFreeSockets: 16 })
    : new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 });
  if (pool.size >= MAX_IDENTITIES) {
    const [oldestKey, oldest] = pool.entries().next().value as [string, http.Agent];
    pool.delete(oldestKey);
    retire(oldest);
  }
  pool.set(key, agent);
  return agent;
}

/**
 * Closes an agent's idle sockets and lets its busy ones finish: destroy() would cut reads still on the wire.
 * With keepAlive off, Node's agent closes each socket when its request is done instead of keeping it.
 */
function retire(agent: http.Agent): void {
  Object.assign(agent, { keepAlive: false });
  for (const sockets of Object.values(agent.freeSockets)) for (const s of sockets ?? []) s.destroy();
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
