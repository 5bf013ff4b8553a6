/**
 * The queue-mode overlay (deploy/queue-mode) passes a server-side dry run against the simulator: n8n main, webhook
 * and worker Deployments, Redis and PostgreSQL, and the bridge as 2 stateless replicas with a PDB and an HPA.
 * Skipped only when kubectl is not on PATH.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DEMO, ROOT, type Sim } from './helpers';
import { startTestSim } from '../helpers/sim';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl) console.warn('[deploy-queue-mode] SKIPPED: kubectl is not on PATH');
const maybe = hasKubectl ? describe : describe.skip;

interface Obj {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
}

maybe('deploy/queue-mode against the simulator (kubectl --dry-run=server)', () => {
  let sim: Sim;
  let dir: string;
  const kubectl = (...args: string[]) =>
    new Promise<{ status: number; out: string; stdout: string }>((resolve) => {
      execFile(
        'kubectl',
        ['--kubeconfig', join(dir, 'kubeconfig'), ...args],
        { cwd: ROOT, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
        (err, stdout, stderr) => {
          resolve({
            status: err ? (typeof err.code === 'number' ? err.code : 1) : 0,
            out: `${stdout}${stderr}`,
            stdout,
          });
        },
      );
    });

  beforeAll(async () => {
    sim = await startTestSim({ fixtures: [DEMO] });
    dir = mkdtempSync(join(tmpdir(), 'kube-aiops-deploy-queue-'));
    writeFileSync(join(dir, 'kubeconfig'), sim.kubeconfig, { mode: 0o600 });
  });

  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('applies (server dry run) once its namespaces exist', async () => {
    for (const ns of ['n8n', 'aiops']) await kubectl('create', 'namespace', ns);
    const r = await kubectl('apply', '--dry-run=server', '-k', 'deploy/queue-mode');
    expect(r).toMatchObject({ status: 0 });
    for (const obj of [
      'deployment.apps/n8n-main',
      'deployment.apps/n8n-webhook',
      'deployment.apps/n8n-worker',
      'statefulset.apps/n8n-redis',
      'statefulset.apps/n8n-postgres',
      'deployment.apps/kube-aiops-bridge',
      'poddisruptionbudget.policy/kube-aiops-bridge',
      'horizontalpodautoscaler.autoscaling/kube-aiops-bridge',
      'service/kube-aiops-bridge',
    ]) {
      expect(r.out).toMatch(new RegExp(`${obj.replace(/\./g, '\\.')} (created|configured) \\(server dry run\\)`));
    }
  });

  it('every n8n process shares queue mode, Redis, PostgreSQL and the encryption key from a Secret', async () => {
    const r = await kubectl('kustomize', 'deploy/queue-mode');
    expect(r.status).toBe(0);
    const objs = parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj);
    const find = (kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);
    const config = find('ConfigMap', 'n8n-queue') as unknown as { data: Record<string, string> };
    expect(config.data).toMatchObject({ EXECUTIONS_MODE: 'queue', DB_TYPE: 'postgresdb' });
    for (const name of ['n8n-main', 'n8n-webhook', 'n8n-worker']) {
      const text = JSON.stringify(find('Deployment', name));
      expect(text).toContain('"configMapRef":{"name":"n8n-queue"}');
      expect(text).toMatch(
        /"name":"N8N_ENCRYPTION_KEY","valueFrom":\{"secretKeyRef":\{"key":"encryptionKey","name":"n8n-secrets"\}/,
      );
      expect(text).toContain('"readinessProbe"');
      expect(text).toContain('"resources"');
    }
    const bridge = JSON.stringify(find('Deployment', 'kube-aiops-bridge'));
    expect(find('Deployment', 'kube-aiops-bridge')?.spec?.replicas).toBe(2);
    expect(bridge).toContain('--stateless');
    expect(find('Service', 'kube-aiops-bridge')?.spec?.sessionAffinity).toBe('ClientIP');
  });
});
