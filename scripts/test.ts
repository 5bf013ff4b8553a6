/**
 * `npm test`: typecheck, n8n lint rules, unit/integration tests (jest under Node 24), then the real-n8n e2e suite on
 * every supported n8n version: all of it on the pin, the workflow suites (E2E_ON_EVERY_VERSION) on the older ones,
 * then the model suites on the pin once per vendor fake (E2E_PER_MODEL_API: DeepSeek, DashScope, Zhipu).
 * Ends with the time per n8n version and one plain "N passed, N failed" line summing every suite.
 * Args: `--unit` or `--e2e` to run one part; `--n8n=<version>` (or KUBE_AIOPS_N8N_VERSION) for one n8n version;
 * any other argument goes to jest (`npm run test:unit -- test/kube`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packPackage } from './n8n/pack';
import {
  ensureNode24,
  N8N_VERSION,
  N8N_VERSION_ENV,
  N8N_VERSIONS,
  selectedN8nVersion,
  type N8nVersion,
} from './toolchain';

/**
 * What runs on n8n versions other than the pin: the package installed as users do, every workflow imported and
 * opened in the editor, and the workflows run end to end (alert triage, chat, self-heal).
 */
export const E2E_ON_EVERY_VERSION = [
  'test/e2e/harness.e2e.ts',
  'test/e2e/editor-browser.e2e.ts',
  'test/e2e/workflows-triage.e2e.ts',
  'test/e2e/workflows-chat.e2e.ts',
  'test/e2e/workflows-selfheal.e2e.ts',
];

/**
 * The suites that talk to a model, run again on the pin against the fake model playing each vendor our users point
 * n8n at (test/fakes/llm/vendors.ts: their request checks and error bodies), one n8n start per vendor.
 */
export const E2E_PER_MODEL_API = ['test/e2e/workflows-chat.e2e.ts', 'test/e2e/workflows-triage.e2e.ts'];
const MODEL_APIS = ['deepseek', 'dashscope', 'zhipu'] as const;

const root = join(__dirname, '..');
const outDir = join(root, 'test-output');
mkdirSync(outDir, { recursive: true });
const argv = process.argv.slice(2);
const jestArgs = argv.filter((a) => !['--unit', '--e2e', '--'].includes(a) && !a.startsWith('--n8n='));
const only = argv.includes('--unit') ? 'unit' : argv.includes('--e2e') ? 'e2e' : 'all';
const n8nArg = argv.find((a) => a.startsWith('--n8n='))?.slice('--n8n='.length);
const e2eVersions: readonly N8nVersion[] =
  n8nArg !== undefined
    ? [selectedN8nVersion({ [N8N_VERSION_ENV]: n8nArg })]
    : process.env[N8N_VERSION_ENV]
      ? [selectedN8nVersion()]
      : // the pin first: it runs everything, and the older versions only repeat part of it
        [N8N_VERSION, ...N8N_VERSIONS.filter((v) => v !== N8N_VERSION)];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  return r.status ?? 1;
}

interface JestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numRuntimeErrorTestSuites: number;
}

function jest(
  config: string,
  tag: string,
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): JestSummary {
  const node24 = ensureNode24();
  const out = join(outDir, `jest-${tag}-${process.pid}.json`);
  rmSync(out, { force: true });
  const code = run(
    node24,
    [
      '--experimental-vm-modules',
      '--no-warnings',
      'node_modules/jest/bin/jest.js',
      '-c',
      config,
      '--passWithNoTests',
      '--json',
      `--outputFile=${out}`,
      ...jestArgs,
      ...extraArgs,
    ],
    env,
  );
  if (!existsSync(out)) return { numPassedTests: 0, numFailedTests: 1, numRuntimeErrorTestSuites: code === 0 ? 0 : 1 };
  return JSON.parse(readFileSync(out, 'utf8')) as JestSummary;
}

let passed = 0;
let failed = 0;
if (only === 'all') {
  if (run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']) !== 0) {
    console.log('typecheck failed');
    failed += 1;
  }
  if (run('npm', ['run', '--silent', 'format:check']) !== 0) {
    console.log('format check failed (npm run format)');
    failed += 1;
  }
  if (run('npm', ['run', '--silent', 'lint']) !== 0) {
    console.log('lint failed');
    failed += 1;
  }
}
const count = (s: JestSummary): void => {
  passed += s.numPassedTests;
  failed += s.numFailedTests + s.numRuntimeErrorTestSuites;
};
if (only !== 'e2e') count(jest('jest.config.js', 'unit'));
const perVersion: string[] = [];
if (only !== 'unit') {
  // one tarball for every version: the same package users install, built once
  let tarball = process.env.KUBE_AIOPS_TARBALL;
  let packDir: string | undefined;
  const modelApiRuns = e2eVersions.includes(N8N_VERSION) && jestArgs.length === 0 ? MODEL_APIS : [];
  if (!tarball && e2eVersions.length + modelApiRuns.length > 1) {
    const packed = packPackage({ log: (l) => console.log(l) });
    tarball = packed.tarball;
    packDir = dirname(packed.tarball);
  }
  for (const version of e2eVersions) {
    const started = Date.now();
    // explicit jest arguments (a file, -t) choose the tests on every version; otherwise the older ones run a subset
    const subset = version === N8N_VERSION || jestArgs.length > 0 ? [] : E2E_ON_EVERY_VERSION;
    console.log(`\n[test] e2e on n8n ${version}${subset.length ? ` (${subset.length} suites)` : ''}`);
    const s = jest('jest.e2e.config.js', `e2e-${version}`, subset, {
      ...process.env,
      [N8N_VERSION_ENV]: version,
      ...(tarball ? { KUBE_AIOPS_TARBALL: tarball } : {}),
    });
    count(s);
    perVersion.push(
      `n8n ${version}: ${Math.round((Date.now() - started) / 1000)} s, ${s.numPassedTests} passed, ${s.numFailedTests + s.numRuntimeErrorTestSuites} failed`,
    );
  }
  for (const vendor of modelApiRuns) {
    const started = Date.now();
    console.log(`\n[test] e2e on n8n ${N8N_VERSION}, model API: ${vendor} (fake)`);
    const s = jest('jest.e2e.config.js', `e2e-${N8N_VERSION}-${vendor}`, E2E_PER_MODEL_API, {
      ...process.env,
      [N8N_VERSION_ENV]: N8N_VERSION,
      KUBE_AIOPS_FAKE_MODEL_VENDOR: vendor,
      ...(tarball ? { KUBE_AIOPS_TARBALL: tarball } : {}),
    });
    count(s);
    perVersion.push(
      `n8n ${N8N_VERSION} + ${vendor}: ${Math.round((Date.now() - started) / 1000)} s, ${s.numPassedTests} passed, ${s.numFailedTests + s.numRuntimeErrorTestSuites} failed`,
    );
  }
  if (packDir) rmSync(packDir, { recursive: true, force: true });
}
if (perVersion.length) console.log(`\ne2e per n8n version:\n${perVersion.map((l) => `  ${l}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
