/**
 * Starts one n8n for the whole e2e run (start-up is the slow part): packs and installs this package,
 * creates the owner and an API key, and hands the address to the test files through the environment.
 */
import { DEFAULT_OWNER, N8nClient, startN8n, type RunningN8n } from '../../../scripts/n8n';
import { E2E_ENV, type E2eInstance } from './instance';

export default async function globalSetup(): Promise<void> {
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  // KUBE_AIOPS_TARBALL tests an already packed (or published) tarball instead of packing the work tree
  const n8n = await startN8n({ log, tarball: process.env.KUBE_AIOPS_TARBALL || undefined });
  (globalThis as { kubeAiopsN8n?: RunningN8n }).kubeAiopsN8n = n8n;
  const client = await N8nClient.setupOwner(n8n.url, DEFAULT_OWNER);
  const apiKey = await client.createApiKey('e2e');
  const instance: E2eInstance = { url: n8n.url, apiKey, owner: DEFAULT_OWNER, userFolder: n8n.userFolder, logFile: n8n.logFile, timings: n8n.timings };
  process.env[E2E_ENV] = JSON.stringify(instance);
  log(`[e2e] n8n ready: pack ${n8n.timings.packMs} ms, install ${n8n.timings.installMs} ms, start ${n8n.timings.startMs} ms`);
}
