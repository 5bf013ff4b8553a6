/** `kube-aiops diagnose` against the simulator serving the demo scenario (three broken workloads). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from './run';
import { startTestSim } from '../helpers/sim';

const ROOT = join(__dirname, '../..');
let sim: Awaited<ReturnType<typeof startTestSim>>;
let dir: string;
let kubeconfig: string;
let deadKubeconfig: string;

beforeAll(async () => {
  sim = await startTestSim({ fixtures: [join(ROOT, 'sim/scenarios/demo')] });
  dir = mkdtempSync(join(tmpdir(), 'cli-diagnose-'));
  kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfig);
  // the same kubeconfig, pointing at a port nothing listens on
  deadKubeconfig = join(dir, 'dead.kubeconfig');
  writeFileSync(deadKubeconfig, sim.kubeconfig.split(sim.url).join('http://127.0.0.1:1'));
});

afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<CliRun> {
  return runCli(['diagnose', ...args]);
}

interface JsonFinding {
  severity: string;
  kind: string;
  namespace?: string;
  name: string;
  message: string;
  reason: string;
  rootCause?: { object: { kind: string; namespace?: string; name: string }; fact: string };
  evidence: { source: string; text: string }[];
  suggestion?: string;
}
interface JsonReport {
  score: number;
  namespaces: Record<string, { score: number; critical: number; warning: number; info: number }>;
  findings: JsonFinding[];
  scope: { namespace?: string; resource?: { kind: string; namespace?: string; name: string }; analyzers?: string[] };
}

async function json(...args: string[]): Promise<JsonReport> {
  const r = await cli('--kubeconfig', kubeconfig, '-o', 'json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as JsonReport;
}

const rootFacts = (rep: JsonReport) =>
  rep.findings
    .map((f) => `${f.rootCause?.object.kind}/${f.rootCause?.object.name}: ${f.rootCause?.fact ?? f.message}`)
    .join('\n');

describe('output formats', () => {
  test('json: score, namespaces, findings with severity, object, message, root cause, evidence, suggestion', async () => {
    const rep = await json();
    expect(rep.score).toBeGreaterThanOrEqual(0);
    expect(rep.score).toBeLessThan(100);
    expect(Object.keys(rep.namespaces)).toEqual(expect.arrayContaining(['default', 'aiops', 'shop']));
    expect(rep.namespaces.shop).toEqual({
      score: expect.any(Number),
      critical: 1,
      warning: expect.any(Number),
      info: expect.any(Number),
    });
    for (const f of rep.findings) {
      expect(['critical', 'warning', 'info']).toContain(f.severity);
      expect(typeof f.kind).toBe('string');
      expect(typeof f.name).toBe('string');
      expect(typeof f.message).toBe('string');
      expect(Array.isArray(f.evidence)).toBe(true);
    }
    const critical = rep.findings.filter((f) => f.severity === 'critical');
    expect(critical.map((f) => `${f.namespace}/${f.name}`).sort()).toEqual([
      'aiops/test-data',
      'default/nginx-test',
      'shop/app-xyz',
    ]);
    for (const f of critical) {
      expect(f.rootCause).toBeDefined();
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.suggestion).toEqual(expect.any(String));
    }
    const facts = rootFacts(rep);
    expect(facts).toMatch(/nginx:lastest/);
    expect(facts).toMatch(/StorageClass\/cbs/);
    expect(facts).toMatch(/OOMKilled/);
  });

  test('text (the default): a score line, one row per finding, root causes', async () => {
    const r = await cli('--kubeconfig', kubeconfig);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^score \d+\/100/);
    expect(r.stdout).toContain('nginx-test');
    expect(r.stdout).toContain('app-xyz');
    expect(r.stdout).toContain('test-data');
    expect(r.stdout).not.toContain('\x1b['); // not a TTY: no colours
  });

  test('markdown: the whole report, every finding', async () => {
    const r = await cli('--kubeconfig', kubeconfig, '--output', 'markdown');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\*\*Kubernetes diagnosis — score \d+\/100\*\*/);
    for (const name of ['nginx-test', 'app-xyz', 'test-data', 'cbs', 'OOMKilled']) expect(r.stdout).toContain(name);
  });

  test('markdown with --budget stays within it', async () => {
    const r = await cli('--kubeconfig', kubeconfig, '-o', 'markdown', '--budget', '400');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().length).toBeLessThanOrEqual(400);
  });

  test('html to --out FILE: a self-contained page with SVG charts; nothing on stdout', async () => {
    const file = join(dir, 'report.html');
    const r = await cli('--kubeconfig', kubeconfig, '-o', 'html', '--out', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wrote .*report\.html \(\d+ bytes\)\n$/);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<svg');
    expect(html).toContain('nginx-test');
    expect(html).not.toMatch(/<script[^>]+src=/i);
  });

  test('--budget alone means the LLM format, and the text fits the budget', async () => {
    const small = await cli('--kubeconfig', kubeconfig, '--budget', '1200');
    const big = await cli('--kubeconfig', kubeconfig, '-o', 'llm');
    expect(small.code).toBe(0);
    expect(big.code).toBe(0);
    expect(small.stdout.trimEnd().length).toBeLessThanOrEqual(1200);
    expect(big.stdout.length).toBeGreaterThan(small.stdout.length);
    expect(small.stdout).toContain('nginx:lastest');
    expect(big.stdout).toContain('cbs');
  });
});

describe('scope', () => {
  test('-n shop: only that namespace, its score only', async () => {
    const rep = await json('-n', 'shop');
    expect(Object.keys(rep.namespaces)).toEqual(['shop']);
    expect(rep.scope.namespace).toBe('shop');
    expect(rep.findings.length).toBeGreaterThan(0);
    for (const f of rep.findings) expect(f.namespace).toBe('shop');
    expect(rootFacts(rep)).toMatch(/OOMKilled/);
  });

  test('-A is the whole cluster, like no flag', async () => {
    const all = await json('-A');
    expect(Object.keys(all.namespaces)).toEqual(expect.arrayContaining(['default', 'aiops', 'shop', 'kube-system']));
  });

  test('--resource Deployment/name -n NS: that object and its chain only', async () => {
    const rep = await json('--resource', 'deploy/nginx-test', '-n', 'default');
    expect(rep.scope.resource).toEqual({ kind: 'Deployment', namespace: 'default', name: 'nginx-test' });
    expect(rep.findings.map((f) => f.name)).toEqual(['nginx-test']);
    expect(rootFacts(rep)).toMatch(/nginx:lastest/);
  });

  test('--resource pvc/test-data -n aiops reaches the missing StorageClass', async () => {
    const rep = await json('--resource', 'pvc/test-data', '-n', 'aiops');
    expect(rep.findings.length).toBeGreaterThan(0);
    for (const f of rep.findings) expect(f.namespace === 'aiops' || f.namespace === undefined).toBe(true);
    expect(rootFacts(rep)).toMatch(/StorageClass\/cbs/);
  });

  test('--min-severity critical and --analyzers narrow the findings', async () => {
    const crit = await json('--min-severity', 'critical');
    expect(crit.findings.length).toBe(3);
    const pvcOnly = await json('--analyzers', 'PersistentVolumeClaim');
    expect(pvcOnly.scope.analyzers).toEqual(['PersistentVolumeClaim']);
    expect(pvcOnly.findings.every((f) => f.kind === 'PersistentVolumeClaim')).toBe(true);
    expect(pvcOnly.findings.map((f) => f.name)).toContain('test-data');
  });
});

describe('--anonymize', () => {
  const REAL = [
    'nginx-test',
    'app-xyz',
    'test-deployment',
    'test-data',
    'aiops',
    'shop',
    'ingress-nginx-controller',
    '"cbs"',
  ];

  test.each(['json', 'markdown', 'text', 'llm', 'html'])(
    '%s: no real namespace or object name is left',
    async (format) => {
      const r = await cli('--kubeconfig', kubeconfig, '-o', format, '--anonymize');
      expect(r.code).toBe(0);
      for (const real of REAL) expect(r.stdout).not.toContain(real);
    },
  );

  test('the findings keep their shape, and --mapping-out keeps the way back', async () => {
    const file = join(dir, 'mapping.json');
    const r = await cli('--kubeconfig', kubeconfig, '-o', 'json', '--anonymize', '--mapping-out', file);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as JsonReport;
    expect(rep.findings.filter((f) => f.severity === 'critical')).toHaveLength(3);
    const mapping = readFileSync(file, 'utf8');
    for (const real of ['nginx-test', 'app-xyz', 'test-data', 'shop']) expect(mapping).toContain(real);
  });
});

describe('language', () => {
  test('--language zh: root causes in Chinese, names and commands unchanged; a bad language is usage', async () => {
    const r = await cli('--kubeconfig', kubeconfig, '-n', 'shop', '--language', 'zh');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^健康分 \d+\/100/);
    expect(r.stdout).toContain('根因：');
    expect(r.stdout).toContain('app-xyz');
    expect(r.stdout).toMatch(/\$ kubectl /);
    const bad = await cli('--kubeconfig', kubeconfig, '--language', 'fr');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--language must be one of en, zh/);
  });
});

describe('failures', () => {
  test('an unreachable cluster: one line on stderr, no stack, exit 1', async () => {
    const r = await cli('--kubeconfig', deadKubeconfig);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^kube-aiops: cannot reach the Kubernetes API at http:\/\/127\.0\.0\.1:1/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('the real binary: exit code non-zero and a single stderr line', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'cli/index.ts'), 'diagnose', '--kubeconfig', deadKubeconfig],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('cannot reach the Kubernetes API');
  });

  test('a one-letter typo in --resource: an error naming it with the close match, exit 1, no report', async () => {
    const r = await cli('--kubeconfig', kubeconfig, '-n', 'shop', '--resource', 'Deployment/app-xyzz');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      'kube-aiops: Deployment "app-xyzz" not found in namespace shop; did you mean "app-xyz"?',
    );
  });

  test('a namespace that does not exist: one line, exit 1', async () => {
    const r = await cli('--kubeconfig', kubeconfig, '-n', 'no-such-ns');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('kube-aiops: namespace "no-such-ns" does not exist');
  });

  test.each([
    [['-n', 'x', '-A'], /-n NAMESPACE or -A/],
    [['-o', 'yaml'], /--output must be one of/],
    [['--analyzers', 'Pod,Nope'], /unknown analyzer "Nope"/],
    [['--min-severity', 'high'], /--min-severity must be one of/],
    [['-o', 'json', '--budget', '500'], /--budget applies to/],
    [['--budget', 'lots'], /--budget must be a whole number/],
    [['--resource', 'nginx-test'], /--resource must be Kind\/name/],
    [['--resource', 'Gizmo/x'], /unknown resource kind "Gizmo"/],
    [['--mapping-out', '/tmp/x.json'], /--mapping-out needs --anonymize/],
    [['--context', 'nope'], /context "nope" is not in the kubeconfig/],
  ])('usage error %j exits 2', async (args, message) => {
    const r = await cli('--kubeconfig', kubeconfig, ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  test('a kubeconfig file that does not exist is a usage error', async () => {
    const missing = join(dir, 'missing.kubeconfig');
    expect(existsSync(missing)).toBe(false);
    const r = await cli('--kubeconfig', missing);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not exist');
  });
});
