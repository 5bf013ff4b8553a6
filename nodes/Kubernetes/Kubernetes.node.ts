import {
  NodeConnectionTypes,
  NodeOperationError,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import type { KubeConnection } from '../../lib/kube';
import { kubeAccess } from '../shared/access';
import { kubernetesApiTest } from '../shared/credentialTest';
import { KUBERNETES_CREDENTIAL } from '../shared/credentials';
import { errorJson, toNodeError } from '../shared/errors';
import { searchKinds, searchNamespaces, searchNodes } from '../shared/locators';
import { resourceAndOperation } from '../shared/operation';
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
    properties: [...resourceAndOperation(readOperations, 'list'), ...readOperations.flatMap((o) => o.properties)],
  };

  methods = {
    credentialTest: { kubernetesApiTest },
    listSearch: { searchKinds, searchNamespaces, searchNodes },
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const out: INodeExecutionData[] = [];
    let conn: KubeConnection | undefined;
    for (let i = 0; i < items.length; i++) {
      try {
        const value = this.getNodeParameter('operation', i) as string;
        const operation = readOperations.find((o) => o.option.value === value);
        if (!operation) throw new NodeOperationError(this.getNode(), `unknown operation "${value}"`, { itemIndex: i });
        conn ??= (await kubeAccess(this)).conn;
        for (const json of await operation.run(this, conn, i)) out.push({ json, pairedItem: { item: i } });
      } catch (error) {
        if (this.continueOnFail()) {
          out.push({ json: errorJson(error), pairedItem: { item: i } });
          continue;
        }
        throw toNodeError(this.getNode(), error, i);
      }
    }
    return [out];
  }
}
