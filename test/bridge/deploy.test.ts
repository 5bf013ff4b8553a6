/**
 * The deploy manifests pass a server-side dry run (with kubectl's OpenAPI validation on) against the simulator.
 * Skipped only when kubectl is not on PATH.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, ROOT, type Sim } from './helpers';
import { startTestSim } from '../helpers/sim';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const maybe = hasKubectl ? describe : describe.skip;

maybe('deploy/kubernetes against the simulator (kubectl --dry-run=server)', () => {
  let sim: Sim;
  let dir: string;
  // async: the simulator runs in this process and must keep answering while kubectl waits
  const kubectl = (...args: string[]) =>
    new Promise<{ status: number; out: string }>((resolve) => {
      execFile(
        'kubectl',
        ['--kubeconfig', join(dir, 'kubeconfig'), ...args],
        { cwd: ROOT, timeout: 60_000 },
        (err, stdout, stderr) => {
          resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: `${stdout}${stderr}` });
        },
      );
    });

  beforeAll(async () => {
    sim = await startTestSim({ fixtures: [DEMO] });
    dir = mkdtempSync(join(tmpdir(), 'kube-aiops-deploy-'));
    writeFileSync(join(dir, 'kubeconfig'), sim.kubeconfig, { mode: 0o600 });
  });

  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the default set (read-only bridge) applies', async () => {
    const r = await kubectl('apply', '--dry-run=server', '-k', 'deploy/kubernetes');
    expect(r).toMatchObject({ status: 0 });
    for (const obj of [
      'serviceaccount/kube-aiops-bridge',
      'deployment.apps/kube-aiops-bridge',
      'service/kube-aiops-bridge',
      'networkpolicy.networking.k8s.io/kube-aiops-bridge',
    ]) {
      expect(r.out).toMatch(new RegExp(`${obj.replace(/\./g, '\\.')} (created|configured) \\(server dry run\\)`));
    }
    expect(r.out).toMatch(/clusterrole\.rbac\.authorization\.k8s\.io\/kube-aiops-read created \(server dry run\)/);
  });

  it('the opt-in write role applies', async () => {
    const r = await kubectl('apply', '--dry-run=server', '-f', 'deploy/kubernetes/write-role.yaml');
    expect(r).toMatchObject({ status: 0 });
    expect(r.out).toMatch(/\(server dry run\)/);
  });

  it('n8n applies once its namespace exists', async () => {
    expect(await kubectl('create', 'namespace', 'n8n')).toMatchObject({ status: 0 });
    const r = await kubectl('apply', '--dry-run=server', '-k', 'deploy/kubernetes/n8n');
    expect(r).toMatchObject({ status: 0 });
    expect(r.out).toMatch(/deployment\.apps\/n8n created \(server dry run\)/);
    expect(r.out).toMatch(/persistentvolumeclaim\/n8n-data created \(server dry run\)/);
  });
});
