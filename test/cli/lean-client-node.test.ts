/**
 * The CLI's narrowing of client-node's KubeConfig import (cli/lean-client-node.ts): it must name exactly what
 * dist/config.js imports from the generated index, and, in a fresh Node process, loading KubeConfig through it must
 * load no generated API class or model while KubeConfig (and makeApiClient, once the root is imported) still work.
 * The child runs the module transpiled to plain JavaScript: under tsx, module hooks do not see tsx's loads.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { CONFIG_IMPORTS_FROM_GEN } from '../../cli/lean-client-node';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'node_modules', '@kubernetes', 'client-node', 'dist');

test('it re-exports exactly what config.js imports from the generated index, from the files that define it', () => {
  const source = readFileSync(join(DIST, 'config.js'), 'utf8');
  const clause = /import\s*\{([^}]*)\}\s*from\s*'\.\/gen\/index\.js'/.exec(source);
  expect(clause).not.toBeNull();
  const names = (clause?.[1] ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  expect(names.sort()).toEqual(Object.keys(CONFIG_IMPORTS_FROM_GEN).sort());
  // config.js imports the generated code nowhere else
  expect(source.match(/from '\.\/gen\//g)).toHaveLength(1);
  for (const [name, file] of Object.entries(CONFIG_IMPORTS_FROM_GEN)) {
    expect(readFileSync(join(DIST, 'gen', file), 'utf8')).toMatch(
      new RegExp(`export (class|function|const) ${name}\\b`),
    );
  }
});

const hasSyncHooks = typeof (nodeModule as unknown as { registerHooks?: unknown }).registerHooks === 'function';

(hasSyncHooks ? test : test.skip)('a process with the hooks loads KubeConfig without the generated API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lean-client-node-'));
  try {
    const js = ts.transpileModule(readFileSync(join(ROOT, 'cli', 'lean-client-node.ts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    writeFileSync(join(dir, 'lean.js'), js);
    const child = `
      const { registerHooks } = require('node:module');
      const lean = require(${JSON.stringify(join(dir, 'lean.js'))});
      const loaded = [];
      const installed = lean.leanClientNode();
      registerHooks({ load(url, ctx, next) { if (url.includes('/client-node/dist/gen/')) loaded.push(url); return next(url, ctx); } });
      const { KubeConfig } = require('@kubernetes/client-node/dist/config.js');
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [{ name: 'c', server: 'https://127.0.0.1:6443' }],
        users: [{ name: 'u', token: 'abc123' }],
        contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
        currentContext: 'x',
      });
      const opts = {};
      kc.applyToHTTPSOptions(opts).then(() => {
        const before = loaded.filter((u) => /\\/gen\\/(apis|models|types)\\//.test(u)).length;
        const { CoreV1Api } = require('@kubernetes/client-node');
        const api = kc.makeApiClient(CoreV1Api);
        console.log(JSON.stringify({ installed, before, after: loaded.length, header: opts.headers.Authorization, api: typeof api.listNamespacedPod }));
      });
    `;
    const r = spawnSync(process.execPath, ['-e', child], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout.trim()) as Record<string, unknown>;
    expect(out).toMatchObject({ installed: true, before: 0, header: 'Bearer abc123', api: 'function' });
    // importing the package root afterwards still brings the whole generated API
    expect(out.after as number).toBeGreaterThan(100);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
