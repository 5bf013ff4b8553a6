import {
  NodeConnectionTypes,
  NodeOperationError,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { kubeAccess } from '../shared/access';
import { kubernetesApiTest } from '../shared/credentialTest';
import { KUBERNETES_CREDENTIAL } from '../shared/credentials';
import { errorJson, toNodeError } from '../shared/errors';
import { searchKinds, searchNamespaces, searchNodes } from '../shared/locators';
import { resourceAndOperation } from '../shared/operation';
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
    properties: [
      {
        displayName:
          'What this node may change is set in the credential (Allowed Actions, namespaces, protected namespaces, denied kinds); a refused change fails with the reason.',
        name: 'policyNotice',
        type: 'notice',
        default: '',
      },
      ...resourceAndOperation(actionOperations, 'scale'),
      ...actionOperations.flatMap((o) => o.properties),
      {
        displayName: 'Dry Run',
        name: 'dryRun',
        type: 'boolean',
        default: false,
        description:
          'Whether to only validate the change on the API server (dryRun=All) and report what would change, without saving it',
      },
    ],
  };

  methods = {
    credentialTest: { kubernetesApiTest },
    listSearch: { searchKinds, searchNamespaces, searchNodes },
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const out: INodeExecutionData[] = [];
    let deps: ActionDeps | undefined;
    for (let i = 0; i < items.length; i++) {
      try {
        const value = this.getNodeParameter('operation', i) as string;
        const operation = actionOperations.find((o) => o.option.value === value);
        if (!operation) throw new NodeOperationError(this.getNode(), `unknown operation "${value}"`, { itemIndex: i });
        deps ??= {
          ...(await kubeAccess(this)),
          actor: `n8n workflow "${this.getWorkflow().name ?? ''}" node "${this.getNode().name}"`,
        };
        for (const json of await operation.run(this, deps, i)) out.push({ json, pairedItem: { item: i } });
      } catch (error) {
        if (this.continueOnFail()) {
          out.push({ json: errorJson(error, deps?.policy), pairedItem: { item: i } });
          continue;
        }
        throw toNodeError(this.getNode(), error, i, deps?.policy);
      }
    }
    return [out];
  }
}
