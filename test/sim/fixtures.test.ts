/** Loading fixtures: formats, directories, implicit namespaces, clear errors, and the `sim` CLI around them. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/index';
import { FixtureError, startSimulator } from '../../sim/index';
import { client } from './http-client';

const ROOT = join(__dirname, '../..');
const FIXTURES = join(__dirname, '../fixtures/sim');
const DEMO = join(ROOT, 'sim/scenarios/demo');

describe('fixture loading', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sim-fixtures-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const p = join(dir, name);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text);
    return p;
  };

  it('loads a directory of YAML and JSON, a CRD with its custom resources, and parsed objects', async () => {
    const sim = await startSimulator({
      fixtures: [join(FIXTURES, 'crd'), join(FIXTURES, 'configmaps.json')],
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-objects', namespace: 'generated' } }],
    });
    try {
      const call = client(sim.url);
      const widget = await call('GET', '/apis/example.com/v1/namespaces/shop/widgets/gizmo');
      expect(widget.status).toBe(200);
      expect(widget.json.status).toEqual({ replicas: 1, conditions: [{ type: 'Ready', status: 'True' }] });
      expect((await call('GET', '/api/v1/namespaces/staging/configmaps/implicit-ns')).status).toBe(200);
      expect((await call('GET', '/api/v1/namespaces/generated/configmaps/from-objects')).status).toBe(200);
      expect((await call('GET', '/api/v1/namespaces/generated')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('a seeded Event is created when it first happened, so events keep their order; other kinds get now', async () => {
    const event = (name: string, at: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'ev' },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'ev' },
      reason: 'BackOff',
      type: 'Warning',
      message: 'x',
      ...at,
    });
    const sim = await startSimulator({
      objects: [
        event('older', { firstTimestamp: '2026-11-30T08:00:00Z', lastTimestamp: '2026-12-01T10:00:00Z' }),
        event('newer', { eventTime: '2026-12-01T09:00:00.123456Z' }),
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ev' } },
      ],
    });
    try {
      const call = client(sim.url);
      const created = async (path: string) =>
        ((await call('GET', path)).json.metadata as { creationTimestamp: string }).creationTimestamp;
      expect(await created('/api/v1/namespaces/ev/events/older')).toBe('2026-11-30T08:00:00Z');
      expect(await created('/api/v1/namespaces/ev/events/newer')).toBe('2026-12-01T09:00:00Z');
      expect(Date.parse(await created('/api/v1/namespaces/ev/configmaps/c'))).toBeGreaterThan(Date.now() - 60_000);
    } finally {
      await sim.close();
    }
  });

  it('expands multi-document YAML and kind: List', async () => {
    const f = write(
      'multi.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one}\n---\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: two}\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: three}\n',
    );
    const sim = await startSimulator({ fixtures: [f] });
    try {
      const call = client(sim.url);
      for (const p of ['configmaps/one', 'configmaps/two', 'secrets/three'])
        expect((await call('GET', `/api/v1/namespaces/default/${p}`)).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it.each([
    [
      'malformed YAML',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n',
      /bad-1\.yaml \(document 1\): malformed YAML/,
    ],
    [
      'a missing kind',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nmetadata: {name: b}\n',
      /bad-2\.yaml \(document 2\): missing kind/,
    ],
    [
      'a missing apiVersion',
      'kind: ConfigMap\nmetadata: {name: a}\n',
      /bad-3\.yaml \(document 1\): missing apiVersion/,
    ],
    [
      'a kind without its CRD',
      'apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: a}\n',
      /bad-4\.yaml \(document 1\): no matches for kind "Gadget" in version "example\.com\/v1"/,
    ],
  ])('names the file and document for %s', async (_what, text, message) => {
    const n = ['malformed YAML', 'a missing kind', 'a missing apiVersion', 'a kind without its CRD'].indexOf(_what) + 1;
    const f = write(`bad-${n}.yaml`, text);
    const err = await startSimulator({ fixtures: [f] }).then(
      (s) => s.close().then(() => undefined),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FixtureError);
    expect((err as Error).message).toMatch(message);
  });

  it('loads the demo scenario without error', async () => {
    if (!existsSync(DEMO)) return;
    const sim = await startSimulator({ fixtures: [DEMO] });
    try {
      const pods = await client(sim.url)('GET', '/api/v1/pods');
      expect((pods.json.items as unknown[]).length).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });
});

describe('kube-aiops sim (CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 with a single line naming the bad fixture', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: v1\nmetadata: {name: x}\n');
    const writes: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      expect(await main(['sim', '--fixtures', bad])).toBe(2);
    } finally {
      spy.mockRestore();
      process.exitCode = undefined;
    }
    expect(writes.join('')).toBe(`kube-aiops sim: ${bad} (document 1): missing kind\n`);
  });

  it('exits 2 on a bad --port', async () => {
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['sim', '--port', 'eighty'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('serves until SIGTERM, printing the address and how to use kubectl, with the real port in the kubeconfig', async () => {
    const kubeconfig = join(dir, 'kc.yaml');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'cli/index.ts'),
        'sim',
        '--fixtures',
        join(FIXTURES, 'cluster.yaml'),
        '--kubeconfig-out',
        kubeconfig,
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 45000;
      while (!out.includes('Press Ctrl+C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const url = /serving (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      expect(url).not.toBeNull();
      expect(url?.[2]).not.toBe('0');
      expect(out).toContain(`export KUBECONFIG=${kubeconfig}`);
      expect(readFileSync(kubeconfig, 'utf8')).toContain(`server: ${url?.[1]}`);
      const version = await client(url?.[1] ?? '')('GET', '/version');
      expect(version.json.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toContain('simulator stopped');
  });
});
