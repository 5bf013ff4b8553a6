import {
  NodeConnectionTypes,
  NodeOperationError,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { kubeAccess } from '../shared/access';
import { kubernetesApiTest, prometheusApiTest } from '../shared/credentialTest';
import { KUBERNETES_CREDENTIAL } from '../shared/credentials';
import { PROMETHEUS_CREDENTIAL, prometheusEndpoint } from '../shared/prometheus';
import type { PrometheusEndpoint } from '../../lib/prometheus/endpoint';
import type { KubeConnection } from '../../lib/kube';
import { kubeItemErrors } from '../shared/errors';
import { runItems } from '../shared/items';
import { properties } from './description';
import { capacityItem } from './operations/capacity';
import { diagnoseItem } from './operations/diagnose';

export class KubernetesDiagnose implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Kubernetes Diagnose',
    name: 'kubernetesDiagnose',
    icon: { light: 'file:kubernetesDiagnose.svg', dark: 'file:kubernetesDiagnose.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle:
      '={{ $parameter["operation"] === "capacity" ? "Capacity over " + $parameter["window"] : "Diagnose " + $parameter["scope"] + " → " + $parameter["output"] }}',
    description:
      'Call this FIRST for any question about why something in Kubernetes is broken, failing, crashing, pending, not ready, restarting or unreachable. In one call it reads the cluster, a namespace or one object (kind + name) and follows the chain across objects to the root cause (e.g. Pending pod → PVC → missing StorageClass, image tag typo, OOMKilled at the memory limit), with evidence, a fix and a 0–100 health score.',
    defaults: { name: 'Kubernetes Diagnose' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [
      { name: KUBERNETES_CREDENTIAL, required: true, testedBy: 'kubernetesApiTest' },
      // needed by Capacity; optional for Diagnose, where it adds the memory curve to OOMKilled root causes
      { name: 'prometheusApi', required: false, testedBy: 'prometheusApiTest' },
    ],
    properties,
  };

  methods = { credentialTest: { kubernetesApiTest, prometheusApiTest } };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    let conn: KubeConnection | undefined;
    let prometheus: PrometheusEndpoint | undefined;
    return runItems(
      this,
      async (i, item) => {
        conn ??= (await kubeAccess(this)).conn;
        const hasPrometheus = Boolean(this.getNode().credentials?.[PROMETHEUS_CREDENTIAL]);
        if (hasPrometheus) prometheus ??= prometheusEndpoint(await this.getCredentials(PROMETHEUS_CREDENTIAL));
        if (this.getNodeParameter('operation', i, 'diagnose') === 'capacity') {
          if (!prometheus)
            throw new NodeOperationError(
              this.getNode(),
              'Capacity reads usage history: choose a Prometheus API credential',
              {
                itemIndex: i,
              },
            );
          return [await capacityItem(this, conn, prometheus, i)];
        }
        return [await diagnoseItem(this, conn, i, item.json, prometheus)];
      },
      kubeItemErrors(this.getNode()),
    );
  }
}
