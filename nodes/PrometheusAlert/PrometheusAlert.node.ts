import {
  NodeConnectionTypes,
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { kubernetesApiTest } from '../shared/credentialTest';
import { createEnricher, enrichItem, enrichProperties } from './operations/enrich';
import { parseItem, parseProperties } from './operations/parse';
import type { AlertEnricher } from '../../lib/triage';

export class PrometheusAlert implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Prometheus Alert',
    name: 'prometheusAlert',
    icon: { light: 'file:prometheusAlert.svg', dark: 'file:prometheusAlert.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{ $parameter["operation"] === "enrich" ? "Enrich with Kubernetes diagnosis" : "Parse alerts" }}',
    description:
      'Read Alertmanager, Grafana and PrometheusAlert webhooks into one alert per item, and enrich alerts with a Kubernetes diagnosis of the object they name',
    defaults: { name: 'Prometheus Alert' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [
      {
        name: 'kubernetesApi',
        required: true,
        testedBy: 'kubernetesApiTest',
        displayOptions: { show: { operation: ['enrich'] } },
      },
    ],
    properties: [
      {
        displayName: 'Operation',
        name: 'operation',
        type: 'options',
        noDataExpression: true,
        options: [
          {
            name: 'Enrich',
            value: 'enrich',
            description: 'Diagnose the Kubernetes object each alert names: root cause, findings, events, log errors',
            action: 'Enrich alerts with a kubernetes diagnosis',
          },
          {
            name: 'Parse',
            value: 'parse',
            description: 'Turn an alert webhook payload into one item per alert or per group',
            action: 'Parse an alert webhook payload',
          },
        ],
        default: 'parse',
      },
      ...parseProperties,
      ...enrichProperties,
    ],
  };

  methods = { credentialTest: { kubernetesApiTest } };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const operation = this.getNodeParameter('operation', 0) as string;
    const out: INodeExecutionData[] = [];
    let enricher: AlertEnricher | undefined;
    for (let i = 0; i < items.length; i++) {
      try {
        if (operation === 'enrich') {
          enricher ??= await createEnricher(this);
          out.push(...(await enrichItem(this, enricher, i, items[i].json)));
        } else {
          out.push(...parseItem(this, i, items[i].json));
        }
      } catch (error) {
        if (this.continueOnFail()) {
          out.push({ json: { error: (error as Error).message } as IDataObject, pairedItem: { item: i } });
          continue;
        }
        throw error instanceof NodeOperationError
          ? error
          : new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
      }
    }
    return [out];
  }
}
