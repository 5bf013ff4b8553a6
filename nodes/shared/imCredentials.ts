/** An IM credential (decrypted) → lib/notify's NotifyConfig for its channel. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { ChannelName, NotifyConfig } from '../../lib/notify';

function text(data: ICredentialDataDecryptedObject, key: string): string {
  const value = data[key];
  return typeof value === 'string' ? value.trim() : '';
}

export function list(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(/[,，]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

const WECOM_SEND = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=';

/** A WeCom key alone becomes the full robot URL. */
export function webhookUrl(channel: ChannelName, data: ICredentialDataDecryptedObject): string {
  const url = text(data, 'webhookUrl');
  if (channel === 'wecom' && url && !/^https?:\/\//i.test(url)) return `${WECOM_SEND}${encodeURIComponent(url)}`;
  return url;
}

export function notifyConfig(
  channel: ChannelName,
  data: ICredentialDataDecryptedObject,
  format: string | undefined,
): NotifyConfig {
  const config: NotifyConfig = { webhook: webhookUrl(channel, data) };
  if (format) config.format = format;
  const secret = text(data, 'secret');
  if (secret && (channel === 'feishu' || channel === 'dingtalk' || channel === 'webhook')) config.secret = secret;
  const keywords = list(data.keywords);
  if (keywords.length && (channel === 'feishu' || channel === 'dingtalk')) config.keywords = keywords;
  if (channel === 'webhook' && text(data, 'authorization'))
    config.headers = { authorization: text(data, 'authorization') };
  if (channel === 'teams' && (data.cardVersion === '1.4' || data.cardVersion === '1.5'))
    config.cardVersion = data.cardVersion;
  return config;
}
