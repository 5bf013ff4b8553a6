/**
 * Reads of a user with static credentials reuse what client-node's applyToHTTPSOptions prepared, for a few seconds;
 * an exec plugin is asked on every read (it refreshes its own tokens), and writes are always prepared afresh. The
 * credentials reach a real HTTP server on every request either way.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type KubeConnection } from '../../lib/kube/connect';
import { read, write } from '../../lib/kube/retry';

let server: http.Server;
let port = 0;
const seen: (string | undefined)[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  jest.restoreAllMocks();
  seen.length = 0;
});

function connectAs(user: string): KubeConnection {
  return connect({
    source: 'kubeconfig',
    kubeconfig: [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}"}}]`,
      `users: [{name: u, user: ${user}}]`,
      'contexts: [{name: x, context: {cluster: c, user: u}}]',
      'current-context: x',
    ].join('\n'),
  });
}

const path = '/api/v1/namespaces/default/configmaps/x';

test('a static token is prepared once for many reads, afresh for a write, and again after a few seconds', async () => {
  const conn = connectAs('{token: abc}');
  const prepare = jest.spyOn(conn.kc, 'applyToHTTPSOptions');
  for (let i = 0; i < 5; i++) await read(conn, { path });
  expect(prepare).toHaveBeenCalledTimes(1);
  await write(conn, { method: 'PATCH', path, body: {}, contentType: 'application/merge-patch+json' });
  expect(prepare).toHaveBeenCalledTimes(2);
  const now = Date.now();
  jest.spyOn(Date, 'now').mockReturnValue(now + 6000);
  await read(conn, { path });
  expect(prepare).toHaveBeenCalledTimes(3);
  expect(seen).toEqual(Array(7).fill('Bearer abc'));
});

test('an exec plugin is asked on every read', async () => {
  const credential = JSON.stringify({
    apiVersion: 'client.authentication.k8s.io/v1beta1',
    kind: 'ExecCredential',
    status: { token: 'from-exec' },
  });
  const conn = connectAs(
    `{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: sh, args: ["-c", ${JSON.stringify(`echo '${credential}'`)}]}}`,
  );
  const prepare = jest.spyOn(conn.kc, 'applyToHTTPSOptions');
  for (let i = 0; i < 3; i++) await read(conn, { path });
  expect(prepare).toHaveBeenCalledTimes(3);
  expect(seen).toEqual(Array(3).fill('Bearer from-exec'));
});

test('an auth provider (the in-cluster token file) is asked on every read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'token-file-'));
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, 'from-file');
  try {
    const conn = connectAs(`{auth-provider: {name: tokenFile, config: {tokenFile: ${JSON.stringify(tokenFile)}}}}`);
    const prepare = jest.spyOn(conn.kc, 'applyToHTTPSOptions');
    for (let i = 0; i < 3; i++) await read(conn, { path });
    expect(prepare).toHaveBeenCalledTimes(3);
    expect(seen).toEqual(Array(3).fill('Bearer from-file'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('two connections with different tokens never share what was prepared', async () => {
  const a = connectAs('{token: aaa}');
  const b = connectAs('{token: bbb}');
  await read(a, { path });
  await read(b, { path });
  await read(a, { path });
  expect(seen).toEqual(['Bearer aaa', 'Bearer bbb', 'Bearer aaa']);
});
