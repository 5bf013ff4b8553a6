/** Harness for driving a real n8n with our package installed: used by test/e2e and by the demo. */
export { packPackage } from './pack';
export type { PackResult } from './pack';
export { installPackage, nodesDir } from './install';
export { startN8n, n8nEnv } from './process';
export type { StartOptions, RunningN8n } from './process';
export { N8nClient, N8nError, DEFAULT_OWNER } from './client';
export type { LoadedCredentialType, OwnerAccount, StoredCredential, StoredWorkflow } from './client';
export { nodeOutput, nodeRun, nodesThatRan, executionError } from './outputs';
export { freePort } from './ports';
export type { Execution, NodeItem, NodeRun, WorkflowJson, WorkflowNode } from './types';
