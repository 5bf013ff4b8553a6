/**
 * What every node that reads a cluster declares alike: the Kubernetes credential with its Test button, and (for the
 * nodes that pick objects) the searchable kind, namespace and node lists. One place, so the nodes cannot drift.
 */
import type { INodeCredentialDescription } from 'n8n-workflow';
import { kubernetesApiTest } from './credentialTest';
import { KUBERNETES_CREDENTIAL } from './credentials';
import { searchKinds, searchNamespaces, searchNodes } from './locators';

export const kubernetesCredential: INodeCredentialDescription = {
  name: KUBERNETES_CREDENTIAL,
  required: true,
  testedBy: 'kubernetesApiTest',
};

export const clusterPickerMethods = {
  credentialTest: { kubernetesApiTest },
  listSearch: { searchKinds, searchNamespaces, searchNodes },
};
