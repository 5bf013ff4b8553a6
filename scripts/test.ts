/**
 * `npm test`: typecheck, n8n lint rules, unit/integration tests (jest under Node 24), then the real-n8n e2e suite.
 * Ends with one plain "N passed, N failed" line summing every suite.
 * Args: `--unit` or `--e2e` to run one part; any other argument goes to jest (`npm run test:unit -- test/kube`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNode24 } from './toolchain';

const root = join(__dirname, '..');
const outDir = join(root, 'test-output');
mkdirSync(outDir, { recursive: true });
const argv = process.argv.slice(2);
const jestArgs = argv.filter((a) => !['--unit', '--e2e', '--'].includes(a));
const only = argv.includes('--unit') ? 'unit' : argv.includes('--e2e') ? 'e2e' : 'all';

function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

interface JestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numRuntimeErrorTestSuites: number;
}

function jest(config: string, tag: string): JestSummary {
  const node24 = ensureNode24();
  const out = join(outDir, `jest-${tag}-${process.pid}.json`);
  rmSync(out, { force: true });
  const code = run(node24, [
    '--experimental-vm-modules',
    '--no-warnings',
    'node_modules/jest/bin/jest.js',
    '-c',
    config,
    '--passWithNoTests',
    '--json',
    `--outputFile=${out}`,
    ...jestArgs,
  ]);
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
for (const [tag, config] of [
  ['unit', 'jest.config.js'],
  ['e2e', 'jest.e2e.config.js'],
] as const) {
  if (only !== 'all' && only !== tag) continue;
  const s = jest(config, tag);
  passed += s.numPassedTests;
  failed += s.numFailedTests + s.numRuntimeErrorTestSuites;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
