/**
 * `kube-aiops demo --no-n8n` (the quick path of `npm start`): the demo cluster and the read-only MCP bridge with a
 * bearer token come up, the printout says how to use them, and Ctrl-C (SIGINT) stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSim } from '../helpers/sim';

const ROOT = join(__dirname, '..', '..');

async function runDemo(args: string[], check: (out: string) => Promise<void>): Promise<string> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'cli/index.ts'), 'demo', '--no-n8n', '--bridge-port', '0', ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 60_000;
    while (!out.includes('Ctrl-C stops everything')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`demo did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await check(out);
  } finally {
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }
  return out;
}

test('starts the simulated cluster and the bridge, prints how to use them, and stops on SIGINT', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kube-aiops-demo-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'cli/index.ts'), 'demo', '--no-n8n', '--bridge-port', '0', '--data-dir', dataDir],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 60_000;
    while (!out.includes('Ctrl-C stops everything')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`demo did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const sim = /simulated Kubernetes API\) at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    const sse = /SSE (http:\/\/127\.0\.0\.1:\d+)\/sse/.exec(out)?.[1];
    const token = /bearer token (\S+)/.exec(out)?.[1];
    expect(out).toContain(`export KUBECONFIG=${join(dataDir, 'demo.kubeconfig')}`);
    const pods = (await (await fetch(`${sim}/api/v1/namespaces/shop/pods`)).json()) as {
      items: Array<{ metadata: { name: string } }>;
    };
    expect(pods.items.map((p) => p.metadata.name)).toContain('app-xyz-5969b7fffc-7ndjr');
    // the bridge wants its token
    expect((await fetch(`${sse}/sse`)).status).toBe(401);
    const ok = await fetch(`${sse}/sse`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    });
    expect(ok.status).toBe(200);
    await ok.body?.cancel();
  } finally {
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  }
  expect(out).toContain('demo stopped');
}, 90_000);

test('with --kubeconfig it serves a real cluster read-only instead of the simulator', async () => {
  const cluster = await startTestSim({ fixtures: [join(ROOT, 'sim/scenarios/demo')] });
  const dir = mkdtempSync(join(tmpdir(), 'kube-aiops-demo-'));
  const file = join(dir, 'real.kubeconfig');
  writeFileSync(file, cluster.kubeconfig);
  try {
    const out = await runDemo(['--kubeconfig', file, '--data-dir', dir], async (text) => {
      expect(text).toContain(`Cluster: ${file}, read-only.`);
      expect(text).not.toContain('simulated Kubernetes API');
      const bridge = /SSE (http:\/\/127\.0\.0\.1:\d+)\/sse/.exec(text)?.[1];
      const token = /bearer token (\S+)/.exec(text)?.[1];
      const res = await fetch(`${bridge}/sse`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      });
      expect(res.status).toBe(200);
      await res.body?.cancel();
    });
    expect(out).toContain('demo stopped');
  } finally {
    await cluster.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
