/**
 * Reads share keep-alive connections (client-node alone builds a new agent, so a new TCP and TLS handshake, per
 * request); writes keep a fresh connection each, since a write is never retried. Counted at a real HTTP server.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect, type KubeConnection } from '../../lib/kube/connect';
import { readAgent } from '../../lib/kube/agents';
import { read, write } from '../../lib/kube/retry';

let server: http.Server;
let connections = 0;
let conn: KubeConnection;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.includes('slow')) return void setTimeout(() => res.end('{}'), 300);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x' } }));
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  conn = connect({
    source: 'kubeconfig',
    kubeconfig: [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: c, cluster: {server: "http://127.0.0.1:' + port + '", insecure-skip-tls-verify: true}}]',
      'users: [{name: u, user: {token: abc}}]',
      'contexts: [{name: x, context: {cluster: c, user: u}}]',
      'current-context: x',
    ].join('\n'),
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

test('sequential reads use one connection, every write opens its own', async () => {
  const start = connections;
  for (let i = 0; i < 8; i++) await read(conn, { path: '/api/v1/namespaces/a/configmaps/x' });
  expect(connections - start).toBe(1);
  for (let i = 0; i < 2; i++)
    await write(conn, {
      method: 'PATCH',
      path: '/api/v1/namespaces/a/configmaps/x',
      body: {},
      contentType: 'application/merge-patch+json',
    });
  expect(connections - start).toBe(3);
});

test('one pooled agent per TLS identity; proxy agents are left alone', () => {
  const a = readAgent(new https.Agent({ ca: 'CA-1' }));
  expect(readAgent(new https.Agent({ ca: 'CA-1' }))).toBe(a);
  expect(readAgent(new https.Agent({ ca: 'CA-2' }))).not.toBe(a);
  expect(readAgent(new https.Agent({ ca: 'CA-1', rejectUnauthorized: false }))).not.toBe(a);
  class ProxyAgent extends https.Agent {}
  expect(readAgent(new ProxyAgent())).toBeUndefined();
  expect(readAgent(undefined)).toBeUndefined();
});

test('agents are shared across connections; a retired one lets the read on it finish, then keeps no socket', async () => {
  const other = connect({ source: 'kubeconfig', kubeconfig: conn.kc.exportConfig() });
  expect(readAgent(new http.Agent())).toBe(readAgent(new http.Agent()));
  const before = connections;
  await read(conn, { path: '/api/v1/namespaces/a/configmaps/x' });
  await read(other, { path: '/api/v1/namespaces/a/configmaps/x' });
  expect(connections - before).toBeLessThanOrEqual(1);

  const plain = readAgent(new http.Agent())!;
  const slow = read(conn, { path: '/api/v1/namespaces/a/configmaps/slow' });
  await new Promise((r) => setTimeout(r, 50));
  // more TLS identities than the pool keeps: the plain-HTTP one is the least recently used
  for (let i = 0; i < 16; i++) readAgent(new https.Agent({ ca: `CA-evict-${i}` }));
  expect(readAgent(new http.Agent())).not.toBe(plain);
  await expect(slow).resolves.toMatchObject({ status: 200 });
  await new Promise((r) => setTimeout(r, 20));
  expect(Object.values(plain.freeSockets).flat()).toHaveLength(0);
});
