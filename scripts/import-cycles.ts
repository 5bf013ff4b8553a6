/**
 * Import cycles in product code, counting what eslint's import-x/no-cycle skips: `import type` (a type cycle still
 * ties two files' designs together) and `require()` (the CLI loads subcommands lazily with it). Prints each cycle
 * (a strongly connected component of the import graph) and exits 1 when there is one outside the allowed folders.
 * `npm run lint` runs it after eslint.
 *
 *   tsx scripts/import-cycles.ts [--all]     --all: also list the cycles of the allowed folders
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..');
const PRODUCT = ['lib', 'nodes', 'credentials', 'bridge', 'cli', 'sim'];
/** lib/diagnose is being rewritten under issue 11, which removes its cycle. */
const ALLOWED = ['lib/diagnose/'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function specifiers(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0]) &&
      ((ts.isIdentifier(node.expression) && node.expression.text === 'require') ||
        node.expression.kind === ts.SyntaxKind.ImportKeyword)
    ) {
      out.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) out.push(literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function graph(): Map<string, string[]> {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
  };
  const all = PRODUCT.flatMap((dir) => files(join(ROOT, dir)));
  const known = new Set(all);
  const edges = new Map<string, string[]>();
  for (const file of all) {
    const to = specifiers(file)
      .filter((s) => s.startsWith('.'))
      .map((s) => ts.resolveModuleName(s, file, options, ts.sys).resolvedModule?.resolvedFileName)
      .filter((p): p is string => p !== undefined && known.has(p));
    edges.set(relative(ROOT, file), [...new Set(to.map((p) => relative(ROOT, p)))]);
  }
  return edges;
}

/** Tarjan's strongly connected components with more than one file (or a file importing itself). */
function cycles(edges: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) connect(v);
  return out;
}

const found = cycles(graph());
const allowed = (c: string[]): boolean => c.every((f) => ALLOWED.some((a) => f.startsWith(a)));
const failing = found.filter((c) => !allowed(c));
for (const c of process.argv.includes('--all') ? found : failing) {
  console.log(`import cycle${allowed(c) ? ' (allowed)' : ''}: ${c.join(' ⇄ ')}`);
}
console.log(
  `${failing.length} import cycle(s) in product code outside ${ALLOWED.join(', ')}; ${found.length - failing.length} allowed`,
);
process.exit(failing.length > 0 ? 1 : 0);
