/**
 * Starts one n8n for the whole e2e run (start-up is the slow part): packs and installs this package,
 * creates the owner and an API key, and hands the address to the test files through the environment.
 *
 * KUBE_AIOPS_TARBALL: install this .tgz (a release candidate, a published version) instead of packing.
 * KUBE_AIOPS_N8N_URL: use an n8n that is already running with the package installed (owner DEFAULT_OWNER);
 * saves the start-up while iterating on tests.
 * KUBE_AIOPS_N8N_VERSION: the n8n version to start (or that the running one is), one of N8N_VERSIONS; default the pin.
 */
import { DEFAULT_OWNER, N8nClient, startN8n, type RunningN8n } from '../../../scripts/n8n';
import { selectedN8nVersion } from '../../../scripts/toolchain';
import { E2E_ENV, type E2eInstance } from './instance';

export default async function globalSetup(): Promise<void> {
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const external = process.env.KUBE_AIOPS_N8N_URL;
  let instance: Omit<E2eInstance, 'apiKey'>;
  const version = selectedN8nVersion();
  if (external) {
    instance = {
      version,
      url: external.replace(/\/+$/, ''),
      owner: DEFAULT_OWNER,
      timings: { packMs: 0, installMs: 0, startMs: 0 },
    };
  } else {
    const n8n = await startN8n({ log, version, tarball: process.env.KUBE_AIOPS_TARBALL || undefined });
    (globalThis as { kubeAiopsN8n?: RunningN8n }).kubeAiopsN8n = n8n;
    instance = {
      version,
      url: n8n.url,
      owner: DEFAULT_OWNER,
      userFolder: n8n.userFolder,
      logFile: n8n.logFile,
      timings: n8n.timings,
    };
    log(
      `[e2e] n8n ${version} ready: pack ${n8n.timings.packMs} ms, install ${n8n.timings.installMs} ms, start ${n8n.timings.startMs} ms`,
    );
  }
  const client = await N8nClient.setupOwner(instance.url, DEFAULT_OWNER);
  const apiKey = await client.createApiKey('e2e');
  process.env[E2E_ENV] = JSON.stringify({ ...instance, apiKey } satisfies E2eInstance);
}
