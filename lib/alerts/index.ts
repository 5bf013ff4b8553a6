/** Alert intake: parse any supported webhook payload, map alerts to Kubernetes objects, answer the webhook. */
export * from './types';
export { parseAlertPayload, ALERT_SOURCES, DEFAULT_LIMITS } from './parse';
export { detectFormat } from './detect';
export {
  mapAlertToResource,
  alertNamespace,
  refProblem,
  deploymentFromReplicaSet,
  deploymentFromPodName,
} from './resource';
export { normalizeSeverity, severityOf, severityAtLeast } from './severity';
export { labelsFingerprint, dedupeKey } from './fingerprint';
export { exprFromGeneratorURL, alertmanagerSilenceURL } from './links';
export { humanDuration, parseAlertTime } from './dates';
export { filterAlerts, dedupeAlerts, groupAlerts, resourceKey, isHeartbeat, HEARTBEAT_ALERTNAMES } from './filters';
export type { AlertFilter, AlertGrouping, AlertGroup } from './filters';
export { handleAlertWebhook, receiveAlertWebhook, isAlertContentType, TemporaryFailure } from './receiver';
export type { WebhookResponse, WebhookReplyBody, AlertsCallback } from './receiver';
export { createAlertWebhookHandler } from './http';
export type { AlertWebhookHandlerOptions } from './http';
export { sampleAlertmanagerPayload } from './sample';
export type { SamplePayloadOptions } from './sample';
export { TRUNCATION_MARKER } from './read';
