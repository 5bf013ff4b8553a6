import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { kubeAccess } from '../shared/access';
import { kubernetesApiTest } from '../shared/credentialTest';
import { KUBERNETES_CREDENTIAL } from '../shared/credentials';
import { kubeItemErrors } from '../shared/errors';
import { jsonItems, runItems } from '../shared/items';
import { searchKinds, searchNamespaces, searchNodes } from '../shared/locators';
import { operationOf } from '../shared/operation';
import { properties } from './description';
import { actionOperations, type ActionDeps } from './operations';

export class KubernetesAction implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Kubernetes Action',
    name: 'kubernetesAction',
    icon: { light: 'file:kubernetesAction.svg', dark: 'file:kubernetesAction.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{ $parameter["operation"] }}',
    description:
      "Change a Kubernetes cluster: apply or create manifests, patch or delete objects, scale, restart or roll back workloads, set images and resource limits, cordon nodes, delete stuck pods. Every change is checked against the credential's write policy, can be a dry run, and returns the changed fields before and after with an audit record.",
    defaults: { name: 'Kubernetes Action' },
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
    let deps: ActionDeps | undefined;
    return runItems(
      this,
      async (i) => {
        const operation = operationOf(this, actionOperations, i);
        deps ??= {
          ...(await kubeAccess(this)),
          actor: `n8n workflow "${this.getWorkflow().name ?? ''}" node "${this.getNode().name}"`,
        };
        return jsonItems(await operation.run(this, deps, i));
      },
      kubeItemErrors(this.getNode(), () => deps?.policy),
    );
  }
}
