/**
 * n8n's community-node rules over what n8n loads: nodes/, credentials/ and package.json.
 * The rest of the repository (lib/, bridge/, sim/…) is ordinary TypeScript checked by tsc.
 */
import { configs } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';
import executeRunsItems from './scripts/eslint/execute-runs-items.mjs';

const n8n = configs.recommendedWithoutN8nCloudSupport;

export default [
  { ignores: ['dist/**', 'node_modules/**', '**/*.js', '**/*.mjs'] },
  {
    files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    plugins: n8n.plugins,
    rules: n8n.rules,
  },
  {
    files: ['nodes/*/*.node.ts'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
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
