/** How e2e test files reach the n8n that global-setup started. */
import { N8nClient, type OwnerAccount } from '../../../scripts/n8n';
import { workflowLine, type N8nVersion, type WorkflowLine } from '../../../scripts/toolchain';

export const E2E_ENV = 'KUBE_AIOPS_E2E_N8N';

export interface E2eInstance {
  /** the n8n version under test */
  version: N8nVersion;
  url: string;
  apiKey: string;
  owner: OwnerAccount;
  /** absent when the suite runs against an n8n it did not start */
  userFolder?: string;
  logFile?: string;
  timings: { packMs: number; installMs: number; startMs: number };
}

export function e2eInstance(): E2eInstance {
  const raw = process.env[E2E_ENV];
  if (!raw)
    throw new Error(
      `${E2E_ENV} is not set: run e2e tests through jest.e2e.config.js (npm run test:e2e), whose global setup starts n8n`,
    );
  return JSON.parse(raw) as E2eInstance;
}

/** A client with its own session and the shared API key. */
export async function e2eClient(): Promise<N8nClient> {
  const instance = e2eInstance();
  const client = await N8nClient.login(instance.url, instance.owner);
  return client.useApiKey(instance.apiKey);
}

/** Which workflow files this n8n imports (workflows/ or workflows/n8n-1.x/). */
export function e2eLine(): WorkflowLine {
  return workflowLine(e2eInstance().version);
}
