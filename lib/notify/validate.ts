/** Checks on what callers hand in, so a bad config fails before any request with a message naming the field. */
import { configError } from './errors';
import { NOTIFY_SEVERITIES, type ChannelName, type NotifyConfig, type NotifyMessage } from './types';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function checkConfig(
  channel: ChannelName,
  config: NotifyConfig,
  formats: readonly string[],
  format: string,
): void {
  if (typeof config.webhook !== 'string' || !isHttpUrl(config.webhook)) {
    throw configError(channel, `webhook must be an http(s) URL, got ${JSON.stringify(config.webhook ?? null)}`);
  }
  if (!formats.includes(format)) throw configError(channel, `format "${format}" is not one of ${formats.join(', ')}`);
  if (
    config.keywords !== undefined &&
    (!Array.isArray(config.keywords) || config.keywords.some((k) => typeof k !== 'string'))
  ) {
    throw configError(channel, 'keywords must be a list of strings');
  }
}

export function checkMessage(channel: ChannelName, message: NotifyMessage): void {
  if (typeof message?.title !== 'string' || !message.title.trim())
    throw configError(channel, 'message title is required');
  if (!NOTIFY_SEVERITIES.includes(message.severity)) {
    throw configError(
      channel,
      `message severity "${String(message.severity)}" is not one of ${NOTIFY_SEVERITIES.join(', ')}`,
    );
  }
  if (typeof message.markdown !== 'string') throw configError(channel, 'message markdown must be a string');
  for (const f of message.fields ?? []) {
    if (typeof f?.label !== 'string' || typeof f?.value !== 'string')
      throw configError(channel, 'each field needs a string label and value');
  }
  for (const l of message.links ?? []) {
    if (typeof l?.text !== 'string' || typeof l?.url !== 'string' || !isHttpUrl(l.url)) {
      throw configError(
        channel,
        `link ${JSON.stringify(l?.text ?? '')} needs an http(s) url, got ${JSON.stringify(l?.url ?? null)}`,
      );
    }
  }
}
