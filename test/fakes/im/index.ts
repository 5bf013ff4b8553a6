/** Loopback IM receivers for tests, the n8n e2e suite and the demo inbox. */
export { startFakeFeishu, feishuSignature, type FakeFeishuOptions, type FeishuFailure } from './feishu';
export { startFakeWecom, WECOM_LIMITS, type FakeWecomOptions, type WecomFailure } from './wecom';
export { startFakeDingtalk, dingtalkSignature, type FakeDingtalkOptions, type DingtalkFailure } from './dingtalk';
export { startFakeSlack, type FakeSlackOptions, type SlackFailure } from './slack';
export { startFakeTeams, type FakeTeamsOptions, type TeamsFailure } from './teams';
export { startFakeGeneric, type FakeGenericOptions, type GenericFailure } from './generic';
export type { FakeIm, ReceivedMessage, FailOptions, TransportFailure } from './server';

import { startFakeDingtalk } from './dingtalk';
import { startFakeFeishu } from './feishu';
import { startFakeGeneric } from './generic';
import type { FakeIm } from './server';
import { startFakeSlack } from './slack';
import { startFakeTeams } from './teams';
import { startFakeWecom } from './wecom';

export interface FakeImOptions {
  secret?: string;
  keywords?: string[];
  rateLimit?: { max: number; windowMs: number };
}

/** One receiver by lib/notify channel name; options a vendor has no use for are ignored. */
export function startFakeIm(
  channel: 'feishu' | 'wecom' | 'dingtalk' | 'slack' | 'teams' | 'webhook',
  opts: FakeImOptions = {},
): Promise<FakeIm<string>> {
  const rate = opts.rateLimit ? { rateLimit: opts.rateLimit } : {};
  switch (channel) {
    case 'feishu':
      return startFakeFeishu({ secret: opts.secret, keywords: opts.keywords, ...rate });
    case 'wecom':
      return startFakeWecom(rate);
    case 'dingtalk':
      return startFakeDingtalk({ secret: opts.secret, keywords: opts.keywords, ...rate });
    case 'slack':
      return startFakeSlack(rate);
    case 'teams':
      return startFakeTeams(rate);
    case 'webhook':
      return startFakeGeneric({ secret: opts.secret, ...rate });
  }
}
