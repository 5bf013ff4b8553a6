import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { kubernetesApiTest } from '../shared/credentialTest';
import type { AlertEnricher } from '../../lib/triage';
import { itemErrors } from '../shared/errors';
import { runItems } from '../shared/items';
import { properties } from './description';
import { createEnricher, enrichItem } from './operations/enrich';
import { parseItem } from './operations/parse';

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
    properties,
  };

  methods = { credentialTest: { kubernetesApiTest } };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const operation = this.getNodeParameter('operation', 0);
    let enricher: AlertEnricher | undefined;
    return runItems(
      this,
      async (i, item) => {
        if (operation !== 'enrich') return parseItem(this, i, item.json);
        enricher ??= await createEnricher(this);
        return enrichItem(this, enricher, i, item.json);
      },
      itemErrors(this.getNode(), (error) => ({ error: error instanceof Error ? error.message : String(error) })),
    );
  }
}
