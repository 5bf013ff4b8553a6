/**
 * `npm run workflows` writes workflows/n8n-1.x/ from workflows/*.json; `--check` only reports stale or missing
 * variants (exit 1). Edit the source files, never the variants.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { N8N_1X_DIR, renderN8n1xVariants } from './n8n-1x';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const variants = await renderN8n1xVariants();
  mkdirSync(N8N_1X_DIR, { recursive: true });
  const stale: string[] = [];
  for (const [file, text] of variants) {
    const path = join(N8N_1X_DIR, file);
    let current: string | undefined;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    stale.push(file);
    if (!check) writeFileSync(path, text);
  }
  const orphans = readdirSync(N8N_1X_DIR).filter((f) => f.endsWith('.json') && !variants.has(f));
  if (!check) for (const f of orphans) rmSync(join(N8N_1X_DIR, f));
  if (check && (stale.length || orphans.length)) {
    console.error(
      `workflows/n8n-1.x is stale (${[...stale, ...orphans.map((f) => `${f} (no source)`)].join(', ')}): run npm run workflows`,
    );
    process.exit(1);
  }
  console.log(check ? 'workflows/n8n-1.x is up to date' : `wrote ${stale.length} file(s) in ${N8N_1X_DIR}`);
}

void main();
