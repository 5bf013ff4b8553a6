/** Loopback IM receivers for tests, the n8n e2e suite and the demo inbox. */
export { startFakeFeishu, feishuSignature, type FakeFeishuOptions, type FeishuFailure } from './feishu';
export { startFakeWecom, WECOM_LIMITS, type FakeWecomOptions, type WecomFailure } from './wecom';
export { startFakeDingtalk, dingtalkSignature, type FakeDingtalkOptions, type DingtalkFailure } from './dingtalk';
export { startFakeSlack, type FakeSlackOptions, type SlackFailure } from './slack';
export { startFakeTeams, type FakeTeamsOptions, type TeamsFailure } from './teams';
export { startFakeGeneric, type FakeGenericOptions, type GenericFailure } from './generic';
export type { FakeIm, ReceivedMessage, FailOptions, TransportFailure } from './server';
