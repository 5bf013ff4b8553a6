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
import { errorJson, toNodeError } from '../shared/errors';
import { diagnoseItem } from './actions/diagnose';
import { outputProperties } from './description/output';
import { scopeProperties } from './description/scope';
import type { KubeConnection } from '../../lib/kube/connect';

export class KubernetesDiagnose implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Kubernetes Diagnose',
    name: 'kubernetesDiagnose',
    icon: { light: 'file:kubernetesDiagnose.svg', dark: 'file:kubernetesDiagnose.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{ "Diagnose " + $parameter["scope"] + " → " + $parameter["output"] }}',
    description:
      'Call this FIRST for any question about why something in Kubernetes is broken, failing, crashing, pending, not ready, restarting or unreachable. In one call it reads the cluster, a namespace or one object (kind + name) and follows the chain across objects to the root cause (e.g. Pending pod → PVC → missing StorageClass, image tag typo, OOMKilled at the memory limit), with evidence, a fix and a 0–100 health score.',
    defaults: { name: 'Kubernetes Diagnose' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: KUBERNETES_CREDENTIAL, required: true, testedBy: 'kubernetesApiTest' }],
    properties: [...scopeProperties, ...outputProperties],
  };

  methods = { credentialTest: { kubernetesApiTest } };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const out: INodeExecutionData[] = [];
    let conn: KubeConnection | undefined;
    for (let i = 0; i < items.length; i++) {
      try {
        conn ??= (await kubeAccess(this)).conn;
        out.push(await diagnoseItem(this, conn, i, items[i].json));
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
