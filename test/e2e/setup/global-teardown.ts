import type { RunningN8n } from '../../../scripts/n8n';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { kubeAiopsN8n?: RunningN8n }).kubeAiopsN8n?.stop();
}
