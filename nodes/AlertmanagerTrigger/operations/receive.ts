/**
 * Receive: one Alertmanager / Grafana / PrometheusAlert webhook request → the workflow's items, answered with a
 * status Alertmanager understands (4xx for what no retry fixes, 503 for a failure that may pass).
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { handleAlertWebhook, isAlertContentType, type AlertSeverity } from '../../../lib/alerts';
import { alertToItem, groupToItem, selectAlerts } from '../../../lib/triage';
import { DEFAULT_EXCLUDED_ALERTNAMES, alertnameList } from '../../shared/alertFilters';
import { dropRepeats } from './repeats';

type Reply = { status(code: number): { json(body: unknown): void } };

export async function receiveAlerts(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
  const res = ctx.getResponseObject() as unknown as Reply;
  try {
    const req = ctx.getRequestObject() as unknown as { rawBody?: Buffer };
    let body: unknown = ctx.getBodyData();
    const contentType = ctx.getHeaderData()['content-type'];
    // n8n parses JSON, text and forms; any other type arrives only as the raw body
    const empty = typeof body === 'object' && body !== null && Object.keys(body).length === 0;
    // a form or other type n8n parsed into an object: the raw body goes to the check that answers 415
    if (!isAlertContentType(contentType)) body = req.rawBody ?? '';
    else if ((body === undefined || empty) && req.rawBody && req.rawBody.length > 0) body = req.rawBody;
    const handled = handleAlertWebhook(body, contentType);
    if (handled.status >= 300 || !handled.result) {
      res.status(handled.status).json(handled.body);
      return { noWebhookResponse: true };
    }
    const options = ctx.getNodeParameter('options', {}) as IDataObject;
    const selected = selectAlerts(handled.alerts, {
      includeResolved: ctx.getNodeParameter('includeResolved', true) as boolean,
      minSeverity: ctx.getNodeParameter('minSeverity', 'none') as AlertSeverity,
      dedupe: options.dedupe !== false,
      excludeAlertnames: alertnameList(options.excludeAlertnames ?? DEFAULT_EXCLUDED_ALERTNAMES),
    });
    const alerts = await dropRepeats(ctx, options, handled.result, selected);
    if (alerts.length === 0) {
      res.status(200).json({
        ...handled.body,
        message: `${handled.body.message}; none passed the trigger's filters, the workflow was not started`,
      });
      return { noWebhookResponse: true };
    }
    const json =
      ctx.getNodeParameter('output', 'alert') === 'group'
        ? [groupToItem(handled.result, alerts) as unknown as IDataObject]
        : alerts.map((a) => alertToItem(a) as unknown as IDataObject);
    const workflowData = [ctx.helpers.returnJsonArray(json)];
    if (ctx.getNodeParameter('respond', 'onReceived') === 'lastNode') return { workflowData };
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
