/**
 * One lint over the whole TypeScript tree: typescript-eslint's type-aware recommended rules, no import cycles, and
 * the layering of ARCHITECTURE.md as rules. n8n's community-node rules stay on what n8n loads (nodes/, credentials/,
 * package.json).
 */
import { configs } from '@n8n/eslint-plugin-community-nodes';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import executeRunsItems from './scripts/eslint/execute-runs-items.mjs';

const n8n = configs.recommendedWithoutN8nCloudSupport;

const TS = [
  'lib/**/*.ts',
  'nodes/**/*.ts',
  'credentials/**/*.ts',
  'bridge/**/*.ts',
  'cli/**/*.ts',
  'sim/**/*.ts',
  'scripts/**/*.ts',
  'bench/**/*.ts',
  'test/**/*.ts',
];

const LIB_MESSAGE =
  'lib/ is the domain core: it never imports nodes/, credentials/, bridge/, cli/, sim/, n8n-workflow or the MCP SDK';
const FACES_MESSAGE = 'nodes/ and bridge/ never import each other: what both need belongs in lib/';
const SIM_MESSAGE = 'only cli/, test/, bench/ and scripts/ may import the simulator (sim/)';

/** The layering of ARCHITECTURE.md, on resolved paths. */
const LAYERS = [
  { target: './lib', from: ['./nodes', './credentials', './bridge', './cli', './sim'], message: LIB_MESSAGE },
  { target: './nodes', from: './bridge', message: FACES_MESSAGE },
  { target: './bridge', from: ['./nodes', './credentials'], message: FACES_MESSAGE },
  { target: ['./lib', './nodes', './credentials', './bridge'], from: './sim', message: SIM_MESSAGE },
  {
    target: './credentials',
    from: ['./lib', './nodes', './bridge', './cli'],
    message: 'credentials/ only declare n8n credential types',
  },
  {
    target: './sim',
    from: ['./lib', './nodes', './credentials', './bridge', './cli'],
    message: 'sim/ uses npm libraries only',
  },
];

export default [
  { ignores: ['dist/**', 'node_modules/**', 'test-output/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: TS })),
  {
    files: TS,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
      'import-x/extensions': ['.ts', '.js'],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // type-only and require() cycles are caught by scripts/import-cycles.ts, which `npm run lint` runs after eslint
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // catch (err) is `any` by tsconfig (useUnknownInCatchVariables: false); reading err.message there is normal
      '@typescript-eslint/no-unsafe-member-access': 'off',
      // unused code is tsc's job (noUnusedLocals); args prefixed _ are deliberate
      '@typescript-eslint/no-unused-vars': ['error', { args: 'none', caughtErrors: 'none', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      // tests read answers as untyped JSON (JSON.parse, fetch().json(), kubectl -o json) and assert on their shape
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // fakes implement n8n's and the vendors' Promise-returning interfaces with nothing to await
      '@typescript-eslint/require-await': 'off',
      // assertions stringify item fields to match them; an object there fails the assertion anyway
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // tests load node classes and optional tools by computed path
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['lib/diagnose/**/*.ts'],
    // false positives on its V1|V2 HorizontalPodAutoscaler unions and `a ?? (b as T)`: the autofix breaks tsc there
    rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'off' },
  },
  {
    files: ['test/e2e/editor-browser.e2e.ts'],
    // its page callbacks run in the browser; tsconfig has no DOM lib, so their casts look unnecessary to the rule
    rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'off' },
  },
  {
    files: ['nodes/**/*.ts'],
    // n8n's interfaces (webhookMethods, credential tests, webhook()) are Promise-returning even when nothing is awaited
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['cli/commands.ts', 'lib/kube/manifest.ts', 'lib/kube/patch.ts'],
    // subcommands and the YAML parser load lazily with require(): a dynamic import() would need the built file's .js
    // name, and would make the parsers async
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: TS,
    rules: { 'import-x/no-restricted-paths': ['error', { zones: LAYERS }] },
  },
  {
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['n8n-workflow', 'n8n-workflow/*', 'n8n-core', 'n8n-core/*'], message: LIB_MESSAGE },
            { group: ['@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*'], message: LIB_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
    plugins: n8n.plugins,
    rules: n8n.rules,
  },
  {
    files: ['nodes/*/*.node.ts'],
    plugins: { 'kube-aiops': { rules: { 'execute-runs-items': executeRunsItems } } },
    rules: { 'kube-aiops/execute-runs-items': 'error' },
  },
  {
    files: ['package.json'],
    // typescript-estree reads a .json file as one object expression, which is what the rules walk
    languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
    plugins: n8n.plugins,
    rules: {
      ...n8n.rules,
      // This package is for self-hosted n8n (not n8n Cloud): it ships the Kubernetes client, the MCP
      // bridge and the simulator as runtime dependencies, and its own lib/ is what the nodes call.
      '@n8n/community-nodes/no-runtime-dependencies': 'off',
      // Same reason: peerDependencies only name n8n-workflow, but the rule also forbids anything
      // beyond the Cloud-approved shape, which this package does not aim for.
      '@n8n/community-nodes/valid-peer-dependencies': 'off',
    },
  },
];
