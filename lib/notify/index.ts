/** lib/notify public surface: the neutral message, render/send, digest and the error type. */
export * from './types';
export { NotifyError, type NotifyErrorKind } from './errors';
export { render, send } from './send';
export { digest, type DigestOptions } from './digest';
export { CHANNEL_FORMATS, DEFAULT_FORMAT, isChannelName } from './registry';
export { TRUNCATION_MARKER, truncateMarkdown, splitMarkdown, type Measure } from './truncate';
export { feishuSign, FEISHU_BODY_LIMIT_BYTES } from './channels/feishu';
export { dingtalkSign, DINGTALK_BODY_LIMIT_BYTES } from './channels/dingtalk';
export { WECOM_CONTENT_LIMIT_BYTES } from './channels/wecom';
export { SLACK_LIMITS } from './channels/slack';
export { TEAMS_BODY_LIMIT_BYTES } from './channels/teams';
export { webhookSignature, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from './channels/webhook';
export { checkWebhookShape, type WebhookShapeCheck } from './webhook-shape';
