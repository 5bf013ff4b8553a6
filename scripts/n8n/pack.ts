/**
 * Builds the package and packs it the way `npm publish` would, so tests install exactly what users get.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
// Several engineers (and test runs) share one work tree: a build cleans dist/, so build + pack must not interleave.
const LOCK = join(tmpdir(), 'kube-aiops-build.lock');

export interface PackResult {
  tarball: string;
  ms: number;
}

export function packPackage(opts: { outDir?: string; log?: (line: string) => void } = {}): PackResult {
  const outDir = opts.outDir ?? mkdtempSync(join(tmpdir(), 'kube-aiops-pack-'));
  const started = Date.now();
  let out: string;
  try {
    out = execFileSync(
      'flock',
      [LOCK, 'sh', '-c', 'npm run build --silent >&2 && npm pack --json --pack-destination "$1"', 'sh', outDir],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`build or pack failed:\n${(e.stderr ?? '').slice(-4000)}${(e.stdout ?? '').slice(-2000)}`);
  }
  const [packed] = JSON.parse(out.slice(out.indexOf('['))) as { filename: string }[];
  const tarball = join(outDir, packed.filename);
  const ms = Date.now() - started;
  opts.log?.(`[n8n] built and packed ${packed.filename} in ${ms} ms`);
  return { tarball, ms };
}
