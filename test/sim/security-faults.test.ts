/** Bearer tokens, TLS with a generated CA, and fault injection over /_sim/faults. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CoreV1Api } from '@kubernetes/client-node';
import { parse as parseYaml } from 'yaml';
import { startSimulator, type RunningSimulator } from '../../sim/index';
import { startTestSim } from '../helpers/sim';
import { client } from './http-client';

const run = promisify(execFile);
const hasKubectl = (process.env.PATH ?? '').split(':').some((d) => {
  try {
    return statSync(join(d, 'kubectl')).isFile();
  } catch {
    return false;
  }
});

describe('bearer token', () => {
  let sim: Awaited<ReturnType<typeof startTestSim>>;
  beforeAll(async () => {
    sim = await startTestSim({ token: 's3cret' });
  });
  afterAll(() => sim.close());

  it('answers 401 Unauthorized without the token or with a wrong one', async () => {
    const call = client(sim.url);
    for (const token of [undefined, 'wrong']) {
      const r = await call('GET', '/api/v1/namespaces', { token });
      expect(r.status).toBe(401);
      expect(r.json).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
    expect((await call('GET', '/api/v1/namespaces', { token: 's3cret' })).status).toBe(200);
  });

  it('puts the token in the kubeconfig, so client-node just works', async () => {
    const config = parseYaml(sim.kubeconfig) as { users: { user: { token?: string } }[] };
    expect(config.users[0].user.token).toBe('s3cret');
    const ns = await sim.kc.makeApiClient(CoreV1Api).listNamespace();
    expect(ns.items.map((n) => n.metadata?.name)).toContain('default');
  });
});

describe('TLS', () => {
  let sim: Awaited<ReturnType<typeof startTestSim>>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sim-tls-'));
    sim = await startTestSim({ tls: true, token: 't', kubeconfigOut: join(dir, 'kubeconfig') });
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves HTTPS with a certificate for 127.0.0.1 signed by the CA in the kubeconfig', async () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const config = parseYaml(sim.kubeconfig) as { clusters: { cluster: Record<string, string> }[] };
    const ca = Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64').toString();
    expect(ca).toContain('BEGIN CERTIFICATE');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${sim.url}/version`, { ca, headers: { Authorization: 'Bearer t' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    // without the CA the certificate is not trusted
    await expect(
      new Promise((resolve, reject) => {
        const req = request(`${sim.url}/version`, (res) => resolve(res.statusCode));
        req.on('error', reject);
        req.end();
      }),
    ).rejects.toThrow(/self-signed|unable to verify|certificate/i);
    expect(statSync(join(dir, 'kubeconfig')).mode & 0o777).toBe(0o600);
  });

  it('works with client-node and kubectl through the kubeconfig', async () => {
    const ns = await sim.kc.makeApiClient(CoreV1Api).readNamespace({ name: 'kube-system' });
    expect(ns.metadata?.name).toBe('kube-system');
    if (!hasKubectl) return;
    const { stdout } = await run(
      'kubectl',
      [
        '--kubeconfig',
        join(dir, 'kubeconfig'),
        '--cache-dir',
        join(dir, 'cache'),
        'get',
        'ns',
        'kube-system',
        '-o',
        'name',
      ],
      { timeout: 30000 },
    );
    expect(stdout).toBe('namespace/kube-system\n');
  });
});

describe('fault injection', () => {
  let sim: RunningSimulator;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    sim = await startSimulator();
    call = client(sim.url);
  });
  afterAll(() => sim.close());
  afterEach(() => call('DELETE', '/_sim/faults'));

  it('fails a given number of matching requests with the status asked for', async () => {
    const added = await call('POST', '/_sim/faults', { body: { path: '^/api/v1/namespaces$', status: 503, count: 2 } });
    expect(added.status).toBe(201);
    expect((await call('GET', '/_sim/faults')).json.faults).toHaveLength(1);
    const first = await call('GET', '/api/v1/namespaces');
    expect(first.status).toBe(503);
    expect(first.json).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable', code: 503 });
    expect((await call('GET', '/api/v1/namespaces')).status).toBe(503);
    expect((await call('GET', '/api/v1/namespaces')).status).toBe(200);
    expect((await call('GET', '/_sim/faults')).json.faults).toHaveLength(0);
  });

  it('sends Retry-After with 429', async () => {
    await call('POST', '/_sim/faults', { body: { path: '/configmaps', status: 429, retryAfter: 3 } });
    const r = await call('GET', '/api/v1/namespaces/default/configmaps');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('3');
    expect(r.json).toMatchObject({ reason: 'TooManyRequests', details: { retryAfterSeconds: 3 } });
  });

  it('only matches the method given', async () => {
    await call('POST', '/_sim/faults', { body: { path: '/configmaps', method: 'POST', status: 500 } });
    expect((await call('GET', '/api/v1/namespaces/default/configmaps')).status).toBe(200);
    expect(
      (await call('POST', '/api/v1/namespaces/default/configmaps', { body: { metadata: { name: 'x' } } })).status,
    ).toBe(500);
  });

  it('adds latency', async () => {
    await call('POST', '/_sim/faults', { body: { path: '/version', latencyMs: 300, count: 1 } });
    const start = Date.now();
    expect((await call('GET', '/version')).status).toBe(200);
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
  });

  it('drops the connection', async () => {
    await call('POST', '/_sim/faults', { body: { path: '/version', drop: true, count: 1 } });
    await expect(call('GET', '/version')).rejects.toThrow();
    expect((await call('GET', '/version')).status).toBe(200);
  });

  it('clears all faults on DELETE and rejects a bad pattern', async () => {
    await call('POST', '/_sim/faults', { body: { path: '.', status: 500 } });
    await call('DELETE', '/_sim/faults');
    expect((await call('GET', '/version')).status).toBe(200);
    expect((await call('POST', '/_sim/faults', { body: { path: '(' } })).status).toBe(400);
  });
});
