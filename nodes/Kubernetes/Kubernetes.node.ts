import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import type { KubeConnection } from '../../lib/kube';
import { kubeAccess } from '../shared/access';
import { kubernetesApiTest } from '../shared/credentialTest';
import { KUBERNETES_CREDENTIAL } from '../shared/credentials';
import { kubeItemErrors } from '../shared/errors';
import { jsonItems, runItems } from '../shared/items';
import { searchKinds, searchNamespaces, searchNodes } from '../shared/locators';
import { operationOf } from '../shared/operation';
import { properties } from './description';
import { readOperations } from './operations';

export class Kubernetes implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Kubernetes',
    name: 'kubernetes',
    icon: { light: 'file:kubernetes.svg', dark: 'file:kubernetes.dark.svg' },
    group: ['input'],
    version: 1,
    subtitle: '={{ $parameter["operation"] }}',
    description:
      'Read a Kubernetes cluster without changing it: get, list and describe any object (pods, deployments, custom resources…), read events and container logs, show CPU and memory usage, list the served kinds and summarize the cluster. Secret values are always redacted.',
    defaults: { name: 'Kubernetes' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: KUBERNETES_CREDENTIAL, required: true, testedBy: 'kubernetesApiTest' }],
    properties,
  };

  methods = {
    credentialTest: { kubernetesApiTest },
    listSearch: { searchKinds, searchNamespaces, searchNodes },
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    let conn: KubeConnection | undefined;
    return runItems(
      this,
      async (i) => {
        const operation = operationOf(this, readOperations, i);
        conn ??= (await kubeAccess(this)).conn;
        return jsonItems(await operation.run(this, conn, i));
      },
      kubeItemErrors(this.getNode()),
    );
  }
}
