/** The channel files by name, and the formats each one offers (the n8n node and the CLI list these). */
import type { ChannelDriver } from './channel';
import { dingtalk } from './channels/dingtalk';
import { feishu } from './channels/feishu';
import { slack } from './channels/slack';
import { teams } from './channels/teams';
import { webhook } from './channels/webhook';
import { wecom } from './channels/wecom';
import { configError } from './errors';
import { CHANNEL_NAMES, type ChannelName } from './types';

const DRIVERS: Record<ChannelName, ChannelDriver> = { feishu, wecom, dingtalk, slack, teams, webhook };

export const CHANNEL_FORMATS: Record<ChannelName, readonly string[]> = {
  feishu: feishu.formats,
  wecom: wecom.formats,
  dingtalk: dingtalk.formats,
  slack: slack.formats,
  teams: teams.formats,
  webhook: webhook.formats,
};

export const DEFAULT_FORMAT: Record<ChannelName, string> = {
  feishu: feishu.defaultFormat,
  wecom: wecom.defaultFormat,
  dingtalk: dingtalk.defaultFormat,
  slack: slack.defaultFormat,
  teams: teams.defaultFormat,
  webhook: webhook.defaultFormat,
};

export function isChannelName(value: string): value is ChannelName {
  return (CHANNEL_NAMES as readonly string[]).includes(value);
}

export function driverFor(channel: string): ChannelDriver {
  if (!isChannelName(channel))
    throw configError(channel, `unknown channel "${channel}"; use one of ${CHANNEL_NAMES.join(', ')}`);
  return DRIVERS[channel];
}
