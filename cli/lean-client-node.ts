/**
 * client-node's KubeConfig module (dist/config.js) imports the generated API index — every API class and model,
 * about 45 MiB resident, mostly their source text — for one method, makeApiClient, which needs only
 * createConfiguration and ServerConfiguration. lib/kube reads KubeConfig and talks HTTP itself, so a CLI process
 * (the bridge above all) would carry that weight for nothing.
 *
 * Where Node has synchronous module hooks (22.15+, 23.5+, 24), that one import is answered with a module that
 * re-exports just those two names from the files that define them. The classes are the same objects, makeApiClient
 * still works, and code that imports the package root still gets the whole API. Older Node loads everything.
 * cli/index.ts installs it when it runs as the program; the n8n nodes and tests that import the CLI never do.
 */
import nodeModule from 'node:module';

interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
interface LoadResult {
  format: string;
  source?: string | Buffer;
  shortCircuit?: boolean;
}
interface SyncHooks {
  resolve(
    specifier: string,
    context: { parentURL?: string },
    next: (specifier: string, context: { parentURL?: string }) => ResolveResult,
  ): ResolveResult;
  load(url: string, context: object, next: (url: string, context: object) => LoadResult): LoadResult;
}

const CONFIG = '/@kubernetes/client-node/dist/config.js';
const GEN_INDEX = '/@kubernetes/client-node/dist/gen/index.js';
const NARROW = '?kube-aiops-narrow';

/** What dist/config.js imports from './gen/index.js', and the file of gen/ that defines each (client-node 1.4). */
export const CONFIG_IMPORTS_FROM_GEN: Record<string, string> = {
  createConfiguration: './configuration.js',
  ServerConfiguration: './servers.js',
};

export const narrowSource = (): string =>
  Object.entries(CONFIG_IMPORTS_FROM_GEN)
    .map(([name, file]) => `export { ${name} } from '${file}';\n`)
    .join('');

/** Installs the hooks when this Node has them; says whether it did. */
export function leanClientNode(): boolean {
  const register = (nodeModule as unknown as { registerHooks?: (hooks: SyncHooks) => unknown }).registerHooks;
  if (typeof register !== 'function') return false;
  register({
    resolve(specifier, context, next) {
      const resolved = next(specifier, context);
      if (resolved.url.endsWith(GEN_INDEX) && context.parentURL?.endsWith(CONFIG))
        return { ...resolved, url: resolved.url + NARROW, shortCircuit: true };
      return resolved;
    },
    load(url, context, next) {
      if (url.endsWith(GEN_INDEX + NARROW)) return { format: 'module', source: narrowSource(), shortCircuit: true };
      return next(url, context);
    },
  });
  return true;
}
