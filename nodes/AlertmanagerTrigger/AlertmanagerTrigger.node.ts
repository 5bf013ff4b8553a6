import {
  NodeConnectionTypes,
  type IDataObject,
  type IHookFunctions,
  type INodeType,
  type INodeTypeDescription,
  type IWebhookFunctions,
  type IWebhookResponseData,
} from 'n8n-workflow';
import { handleAlertWebhook, type AlertSeverity } from '../../lib/alerts';
import { alertToItem, groupToItem, selectAlerts } from '../../lib/triage';
import { DEFAULT_EXCLUDED_ALERTNAMES, alertnameList } from '../shared/alertFilters';
import { triggerProperties } from './description';

type Reply = { status(code: number): { json(body: unknown): void } };

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
    properties: triggerProperties,
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
    const res = this.getResponseObject() as unknown as Reply;
    try {
      const req = this.getRequestObject() as unknown as { rawBody?: Buffer };
      let body: unknown = this.getBodyData();
      const contentType = this.getHeaderData()['content-type'];
      // n8n parses JSON, text and forms; any other type arrives only as the raw body
      const empty = typeof body === 'object' && body !== null && Object.keys(body).length === 0;
      if ((body === undefined || empty) && req.rawBody && req.rawBody.length > 0) body = req.rawBody;
      const handled = handleAlertWebhook(body, contentType);
      if (handled.status >= 300 || !handled.result) {
        res.status(handled.status).json(handled.body);
        return { noWebhookResponse: true };
      }
      const options = this.getNodeParameter('options', {}) as IDataObject;
      const alerts = selectAlerts(handled.alerts, {
        includeResolved: this.getNodeParameter('includeResolved', true) as boolean,
        minSeverity: this.getNodeParameter('minSeverity', 'none') as AlertSeverity,
        dedupe: options.dedupe !== false,
        excludeAlertnames: alertnameList(options.excludeAlertnames ?? DEFAULT_EXCLUDED_ALERTNAMES),
      });
      if (alerts.length === 0) {
        res.status(200).json({
          ...handled.body,
          message: `${handled.body.message}; none passed the trigger's filters, the workflow was not started`,
        });
        return { noWebhookResponse: true };
      }
      const json =
        this.getNodeParameter('output', 'alert') === 'group'
          ? [groupToItem(handled.result, alerts) as unknown as IDataObject]
          : alerts.map((a) => alertToItem(a) as unknown as IDataObject);
      const workflowData = [this.helpers.returnJsonArray(json)];
      if (this.getNodeParameter('respond', 'onReceived') === 'lastNode') return { workflowData };
      res
        .status(handled.status)
        .json({ ...handled.body, message: `${handled.body.message}; workflow started with ${json.length} item(s)` });
      return { workflowData, noWebhookResponse: true };
    } catch (error) {
      // the request could not be handled for a reason outside the payload: let Alertmanager retry
      const message = error instanceof Error ? error.message : String(error);
      res.status(503).json({ status: 'retry', message: `temporary failure, retry later: ${message}` });
      return { noWebhookResponse: true };
    }
  }
}
