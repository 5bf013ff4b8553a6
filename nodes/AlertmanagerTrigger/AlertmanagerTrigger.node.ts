import {
  NodeConnectionTypes,
  type IHookFunctions,
  type INodeType,
  type INodeTypeDescription,
  type IWebhookFunctions,
  type IWebhookResponseData,
} from 'n8n-workflow';
import { properties } from './description';
import { receiveAlerts } from './operations/receive';

export class AlertmanagerTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Alertmanager Trigger',
    name: 'alertmanagerTrigger',
    icon: { light: 'file:alertmanagerTrigger.svg', dark: 'file:alertmanagerTrigger.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{ $parameter["respond"] === "lastNode" ? "answers after the workflow" : "answers on receipt" }}',
    description:
      'Starts the workflow on Prometheus Alertmanager, Grafana or PrometheusAlert webhooks; answers 4xx for non-alerts and 5xx for temporary failures so Alertmanager retries only what may succeed',
    defaults: { name: 'Alertmanager Trigger' },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    webhooks: [
      {
        name: 'default',
        httpMethod: 'POST',
        responseMode: '={{ $parameter["respond"] }}',
        path: 'alerts',
      },
    ],
    properties,
  };

  /** Alertmanager is configured to call us; there is nothing to register on its side. */
  webhookMethods = {
    default: {
      async checkExists(this: IHookFunctions): Promise<boolean> {
        return true;
      },
      async create(this: IHookFunctions): Promise<boolean> {
        return true;
      },
      async delete(this: IHookFunctions): Promise<boolean> {
        return true;
      },
    },
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return receiveAlerts(this);
  }
}
