/**
 * Installs our tarball as a community package the way an admin does by hand on self-hosted n8n:
 * `npm install <package>` inside `<N8N_USER_FOLDER>/.n8n/nodes`. n8n loads every `n8n-nodes-*`
 * directory of `.n8n/nodes/node_modules` at start-up (no database entry needed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function nodesDir(userFolder: string): string {
  return join(userFolder, '.n8n', 'nodes');
}

export function installPackage(userFolder: string, tarball: string, log?: (line: string) => void): number {
  const dir = nodesDir(userFolder);
  mkdirSync(dir, { recursive: true });
  // n8n keeps a ledger of installed packages here and rebuilds it when it has no `dependencies`
  if (!existsSync(join(dir, 'package.json'))) {
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`,
    );
  }
  const started = Date.now();
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      '--omit=dev',
      // n8n-workflow is a peer: it must resolve to n8n's own copy (n8n puts it on NODE_PATH), or error
      // classes thrown by our nodes would not be the ones n8n checks with instanceof
      '--omit=peer',
      tarball,
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  const ms = Date.now() - started;
  log?.(`[n8n] installed the package and its dependencies into ${dir} in ${ms} ms`);
  return ms;
}
