/** The simulator driven by the real kubectl: what it prints must be what a real cluster prints for these objects. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { startSimulator, type RunningSimulator } from '../../sim/index';

const run = promisify(execFile);
const FIXTURES = join(__dirname, '../fixtures/sim');

function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => {
    try {
      return require('node:fs').statSync(join(dir, cmd)).isFile();
    } catch {
      return false;
    }
  });
}

/** KUBECTL=/path/to/kubectl-1.32 runs the suite against one particular client version. */
const KUBECTL = process.env.KUBECTL ?? 'kubectl';
const describeIfKubectl = KUBECTL.includes('/') || onPath(KUBECTL) ? describe : describe.skip;

/** Table output as rows of cells split on runs of 2+ spaces (how kubectl pads columns). */
function table(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/));
}

describeIfKubectl('simulator with kubectl', () => {
  let sim: RunningSimulator;
  let dir: string;

  async function kubectl(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
    try {
      const { stdout, stderr } = await run(
        KUBECTL,
        ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'cache'), ...args],
        { timeout: 30000 },
      );
      return { stdout, stderr, code: 0 };
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; code?: number };
      return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: typeof e.code === 'number' ? e.code : 1 };
    }
  }
  async function ok(...args: string[]): Promise<string> {
    const r = await kubectl(...args);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
    return r.stdout;
  }
  function file(name: string, text: string): string {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sim-kubectl-'));
    sim = await startSimulator({ fixtures: [join(FIXTURES, 'cluster.yaml')], kubeconfigOut: join(dir, 'kubeconfig') });
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('get pods -A prints the real columns and statuses', async () => {
    const rows = table(await ok('get', 'pods', '-A'));
    expect(rows[0]).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    const byName = Object.fromEntries(rows.slice(1).map((r) => [r[1], r]));
    expect(byName['api-0'].slice(0, 4)).toEqual(['shop', 'api-0', '1/2', 'CrashLoopBackOff']);
    expect(byName['api-0'][4]).toMatch(/^5 \(\S+ ago\)$/);
    expect(byName['web-7d4b9c-aaaaa'].slice(2, 5)).toEqual(['1/1', 'Running', '0']);
    expect(byName['batch-1'].slice(2, 4)).toEqual(['0/1', 'Completed']);
  });

  it('get pods -o wide adds IP, NODE, NOMINATED NODE and READINESS GATES', async () => {
    const rows = table(await ok('get', 'pods', '-n', 'shop', '-o', 'wide'));
    expect(rows[0]).toEqual([
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'IP',
      'NODE',
      'NOMINATED NODE',
      'READINESS GATES',
    ]);
    expect(rows.find((r) => r[0] === 'web-7d4b9c-bbbbb')?.slice(5)).toEqual([
      '10.244.1.7',
      'node-b',
      '<none>',
      '<none>',
    ]);
  });

  it('get -o yaml and -o json return the object without simulator annotations', async () => {
    const y = parseYaml(await ok('get', 'pod', 'api-0', '-n', 'shop', '-o', 'yaml')) as {
      kind: string;
      metadata: { name: string; annotations?: unknown };
    };
    expect(y.kind).toBe('Pod');
    expect(y.metadata.name).toBe('api-0');
    expect(y.metadata.annotations).toBeUndefined();
    const j = JSON.parse(await ok('get', 'pods', '-n', 'shop', '-o', 'json')) as { kind: string; items: unknown[] };
    expect(j.kind).toBe('List');
    expect(j.items).toHaveLength(3);
  });

  it('get with -l and --field-selector', async () => {
    expect(await ok('get', 'pods', '-A', '-l', 'app=web', '-o', 'name')).toBe(
      'pod/web-7d4b9c-aaaaa\npod/web-7d4b9c-bbbbb\n',
    );
    expect(await ok('get', 'pods', '-A', '-l', 'tier in (backend)', '-o', 'name')).toBe('pod/api-0\n');
    expect(await ok('get', 'pods', '-A', '--field-selector', 'spec.nodeName=node-a', '-o', 'name')).toBe(
      'pod/api-0\npod/web-7d4b9c-aaaaa\n',
    );
    expect(await ok('get', 'pods', '-A', '--field-selector', 'status.phase!=Running', '-o', 'name')).toBe(
      'pod/batch-1\n',
    );
  });

  it('get nodes, deployments, services and events', async () => {
    const nodes = table(await ok('get', 'nodes'));
    expect(nodes[0]).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    expect(nodes[1]).toEqual(['node-a', 'Ready', 'control-plane', expect.any(String), 'v1.30.6']);
    expect(nodes[2]).toEqual(['node-b', 'NotReady,SchedulingDisabled', '<none>', expect.any(String), 'v1.30.6']);
    const deploy = table(await ok('get', 'deploy', '-n', 'shop'));
    expect(deploy[0]).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(deploy[1].slice(0, 4)).toEqual(['web', '2/2', '2', '2']);
    const svc = table(await ok('get', 'svc', '-n', 'shop'));
    expect(svc[0]).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    expect(svc[1].slice(0, 5)).toEqual(['web', 'ClusterIP', '10.96.10.10', '<none>', '80/TCP']);
    const ns = table(await ok('get', 'ns', 'shop'));
    expect(ns[0]).toEqual(['NAME', 'STATUS', 'AGE']);
    expect(ns[1].slice(0, 2)).toEqual(['shop', 'Active']);
    const events = table(await ok('get', 'events', '-n', 'shop'));
    expect(events[0]).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(events.some((r) => r[1] === 'Warning' && r[2] === 'BackOff' && r[3] === 'pod/api-0')).toBe(true);
  });

  it('describe pod shows the pod and its events', async () => {
    const out = await ok('describe', 'pod', 'api-0', '-n', 'shop');
    expect(out).toMatch(/^Name:\s+api-0$/m);
    expect(out).toMatch(/^Node:\s+node-a\/10\.0\.0\.11$/m);
    expect(out).toMatch(/^Status:\s+Running$/m);
    expect(out).toMatch(/Reason:\s+CrashLoopBackOff/);
    expect(out).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+OOMKilled/);
    expect(out).toMatch(
      /Warning\s+BackOff\s+\S+ \(x12 over \S+\)\s+kubelet\s+Back-off restarting failed container app/,
    );
  });

  it('describe deployment and node', async () => {
    const dep = await ok('describe', 'deployment', 'web', '-n', 'shop');
    expect(dep).toMatch(/^Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$/m);
    expect(dep).toMatch(/^NewReplicaSet:\s+web-7d4b9c \(2\/2 replicas created\)$/m);
    expect(dep).toMatch(
      /Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set web-7d4b9c to 2/,
    );
    const node = await ok('describe', 'node', 'node-a');
    expect(node).toMatch(/^Name:\s+node-a$/m);
    expect(node).toMatch(/^Roles:\s+control-plane$/m);
    expect(node).toMatch(/Non-terminated Pods:\s+\(2 in total\)/);
    expect(node).toMatch(/shop\s+api-0/);
  });

  it('logs with --container, --previous, --tail and the default container', async () => {
    expect(await ok('logs', '-n', 'shop', 'api-0', '-c', 'app')).toBe('boot\nconnecting to db\npanic: out of memory\n');
    expect(await ok('logs', '-n', 'shop', 'api-0', '-c', 'app', '--previous')).toBe(
      'boot (previous)\npanic: out of memory (previous)\n',
    );
    expect(await ok('logs', '-n', 'shop', 'api-0', '-c', 'app', '--tail', '1')).toBe('panic: out of memory\n');
    const defaulted = await kubectl('logs', '-n', 'shop', 'api-0', '--tail', '1');
    expect(defaulted.stdout).toBe('panic: out of memory\n');
    expect(defaulted.stderr).toContain('Defaulted container "app" out of: app, sidecar');
    const missing = await kubectl('logs', '-n', 'shop', 'api-0', '-c', 'sidecar', '--previous');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('previous terminated container "sidecar" in pod "api-0" not found');
  });

  it('top pods and top nodes', async () => {
    const pods = table(await ok('top', 'pods', '-n', 'shop'));
    expect(pods[0]).toEqual(['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(pods.find((r) => r[0] === 'api-0')).toEqual(['api-0', '255m', '260Mi']);
    const nodes = table(await ok('top', 'nodes'));
    // kubectl 1.32 renamed CPU% to CPU(%)
    expect(nodes[0]).toEqual([
      'NAME',
      'CPU(cores)',
      expect.stringMatching(/^CPU\(?%\)?$/),
      'MEMORY(bytes)',
      expect.stringMatching(/^MEMORY\(?%\)?$/),
    ]);
    expect(nodes.find((r) => r[0] === 'node-a')).toEqual(['node-a', '1000m', '25%', '4096Mi', '25%']);
  });

  it('api-resources lists built-in groups with short names and scope', async () => {
    const rows = table(await ok('api-resources'));
    expect(rows[0]).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
    const has = (cells: string[]) => rows.some((r) => r.join(' ') === cells.join(' '));
    expect(has(['pods', 'po', 'v1', 'true', 'Pod'])).toBe(true);
    expect(has(['deployments', 'deploy', 'apps/v1', 'true', 'Deployment'])).toBe(true);
    expect(
      has(['customresourcedefinitions', 'crd,crds', 'apiextensions.k8s.io/v1', 'false', 'CustomResourceDefinition']),
    ).toBe(true);
    expect(has(['pods', 'metrics.k8s.io/v1beta1', 'true', 'PodMetrics'])).toBe(true);
    expect(has(['horizontalpodautoscalers', 'hpa', 'autoscaling/v2', 'true', 'HorizontalPodAutoscaler'])).toBe(true);
  });

  it('create -f, apply -f (client-side twice, then changed) and apply --server-side', async () => {
    const cm = file(
      'cm.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: made\n  namespace: shop\ndata:\n  a: "1"\n',
    );
    expect(await ok('create', '-f', cm)).toBe('configmap/made created\n');
    expect((await kubectl('create', '-f', cm)).stderr).toContain(
      'Error from server (AlreadyExists): error when creating',
    );
    const dep = (image: string, replicas: number) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: app\n        image: ${image}\n        env:\n        - {name: A, value: "1"}\n`;
    const f = file('dep.yaml', dep('api:1', 2));
    expect(await ok('apply', '-f', f)).toBe('deployment.apps/api created\n');
    expect(await ok('apply', '-f', f)).toBe('deployment.apps/api unchanged\n');
    file('dep.yaml', dep('api:2', 2));
    expect(await ok('apply', '-f', f)).toBe('deployment.apps/api configured\n');
    expect(
      await ok(
        'get',
        'deploy',
        'api',
        '-n',
        'shop',
        '-o',
        'jsonpath={.spec.template.spec.containers[0].image} {.metadata.generation}',
      ),
    ).toBe('api:2 2');
    file('dep.yaml', dep('api:2', 3));
    expect(await ok('apply', '--server-side', '-f', f, '--force-conflicts')).toBe(
      'deployment.apps/api serverside-applied\n',
    );
    expect(await ok('get', 'deploy', 'api', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}')).toBe('3');
    const ssa = file(
      'ssa.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa-new\n  namespace: shop\ndata:\n  k: v\n',
    );
    expect(await ok('apply', '--server-side', '-f', ssa)).toBe('configmap/ssa-new serverside-applied\n');
  });

  it('patch with --type strategic, merge and json', async () => {
    expect(
      await ok(
        'patch',
        'deploy',
        'web',
        '-n',
        'shop',
        '--type',
        'strategic',
        '-p',
        '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"B","value":"2"}]}]}}}}',
      ),
    ).toBe('deployment.apps/web patched\n');
    expect(
      await ok('get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.template.spec.containers[0].env[*].name}'),
    ).toBe('MODE B');
    await ok(
      'patch',
      'deploy',
      'web',
      '-n',
      'shop',
      '--type',
      'merge',
      '-p',
      '{"metadata":{"labels":{"patched":"yes"}}}',
    );
    await ok(
      'patch',
      'deploy',
      'web',
      '-n',
      'shop',
      '--type',
      'json',
      '-p',
      '[{"op":"replace","path":"/spec/replicas","value":3}]',
    );
    expect(
      await ok('get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.metadata.labels.patched} {.spec.replicas}'),
    ).toBe('yes 3');
    expect(
      await ok(
        'patch',
        'deploy',
        'web',
        '-n',
        'shop',
        '--type',
        'merge',
        '-p',
        '{"metadata":{"labels":{"patched":"yes"}}}',
      ),
    ).toBe('deployment.apps/web patched (no change)\n');
  });

  it('scale, rollout restart and delete', async () => {
    expect(await ok('scale', 'deploy', 'web', '-n', 'shop', '--replicas', '5')).toBe('deployment.apps/web scaled\n');
    expect(await ok('get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}')).toBe('5');
    expect(await ok('rollout', 'restart', 'deployment/web', '-n', 'shop')).toBe('deployment.apps/web restarted\n');
    expect(
      await ok('get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.template.metadata.annotations}'),
    ).toContain('kubectl.kubernetes.io/restartedAt');
    expect(await ok('delete', 'configmap', 'made', '-n', 'shop')).toBe('configmap "made" deleted\n');
    const gone = await kubectl('get', 'configmap', 'made', '-n', 'shop');
    expect(gone.stderr.trim()).toBe('Error from server (NotFound): configmaps "made" not found');
  });

  it('serves a CRD once created and stops when it is deleted', async () => {
    expect(await ok('apply', '-f', join(FIXTURES, 'crd/widgets.yaml'))).toBe(
      'customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n',
    );
    expect(await ok('apply', '-f', join(FIXTURES, 'crd/widget-instance.yaml'))).toBe(
      'widget.example.com/gizmo created\n',
    );
    const rows = table(await ok('get', 'widgets', '-n', 'shop'));
    expect(rows[0]).toEqual(['NAME', 'SIZE', 'READY', 'AGE']);
    expect(rows[1].slice(0, 2)).toEqual(['gizmo', 'large']);
    expect(await ok('get', 'wdg', '-A', '-o', 'name')).toBe('widget.example.com/gizmo\n');
    await ok('delete', 'crd', 'widgets.example.com');
    // kubectl's discovery cache still knows the type, so the list itself must now 404
    const after = await kubectl('get', 'widgets', '-n', 'shop');
    expect(after.code).not.toBe(0);
    expect(after.stderr).toContain('the server could not find the requested resource');
    const raw = await kubectl('get', '--raw', '/apis/example.com/v1');
    expect(raw.code).not.toBe(0);
    expect(raw.stderr).toContain('NotFound');
  });

  it('auth can-i, create token and drain (evictions) work', async () => {
    expect(await ok('auth', 'can-i', 'delete', 'pods')).toBe('yes\n');
    expect(await ok('create', 'token', 'default', '-n', 'shop')).toMatch(/^sim\.\S+$/);
    const drained = await ok('drain', 'node-b', '--ignore-daemonsets', '--timeout', '20s');
    expect(drained).toContain('pod/web-7d4b9c-bbbbb evicted');
    expect(drained).toContain('node/node-b drained');
    expect(await ok('get', 'pods', '-A', '--field-selector', 'spec.nodeName=node-b', '-o', 'name')).toBe('');
  });
});
