/** The cluster and write policy of the node's `kubernetesApi` credential, for execute() and the search methods. */
import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { clusterAccess, KUBERNETES_CREDENTIAL, type ClusterAccess } from './credentials';

/** A list search answers while the user waits: one attempt and a short timeout. */
const SEARCH_TUNING = { timeoutMs: 10_000, readAttempts: 1 };

export async function kubeAccess(ctx: IExecuteFunctions): Promise<ClusterAccess> {
  return clusterAccess(await ctx.getCredentials(KUBERNETES_CREDENTIAL));
}

export async function searchAccess(ctx: ILoadOptionsFunctions): Promise<ClusterAccess> {
  return clusterAccess(await ctx.getCredentials(KUBERNETES_CREDENTIAL), SEARCH_TUNING);
}
