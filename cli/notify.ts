/**
 * `kube-aiops notify`: send one message (from --text or an alert payload file) to an IM webhook through the
 * same lib/notify functions the n8n node uses. Exit 0 sent, 1 delivery failed (one line), 2 usage.
 */
import type { Command } from 'commander';
import type { RegisterCommand } from './register';
import { readInput, usage } from './common';
import { parseAlertPayload } from '../lib/alerts';
import { alertsToMessage } from '../lib/messages/alert-message';
import {
  CHANNEL_FORMATS,
  CHANNEL_NAMES,
  NOTIFY_SEVERITIES,
  NotifyError,
  isChannelName,
  render,
  send,
  type ChannelName,
  type MessageMentions,
  type NotifyConfig,
  type NotifyMessage,
  type NotifySeverity,
} from '../lib/notify';

export interface NotifyFlags {
  channel?: string;
  webhook?: string;
  secret?: string;
  keyword?: string[];
  format?: string;
  alert?: string;
  text?: string;
  title?: string;
  severity?: string;
  mention?: string;
  mentionMobile?: string;
  mentionAll?: boolean;
  footer?: string;
  budget?: string;
  dryRun?: boolean;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...list(value)];
}

function mentionsFrom(flags: NotifyFlags): MessageMentions | undefined {
  const userIds = list(flags.mention);
  const mobiles = list(flags.mentionMobile);
  if (!flags.mentionAll && !userIds.length && !mobiles.length) return undefined;
  return {
    ...(flags.mentionAll ? { all: true } : {}),
    ...(userIds.length ? { userIds } : {}),
    ...(mobiles.length ? { mobiles } : {}),
  };
}

/** The message, or a usage problem as a string. */
function buildMessage(flags: NotifyFlags, channel: ChannelName): NotifyMessage | string {
  const mentions = mentionsFrom(flags);
  if (flags.text !== undefined) {
    const severity = (flags.severity ?? 'info') as NotifySeverity;
    if (!NOTIFY_SEVERITIES.includes(severity)) return `--severity must be one of ${NOTIFY_SEVERITIES.join(', ')}`;
    const text = flags.text.replace(/\\n/g, '\n');
    const title =
      flags.title ??
      text
        .split('\n')[0]
        .replace(/^#+\s*/, '')
        .slice(0, 120);
    return {
      title,
      severity,
      ...(severity === 'resolved' ? { status: 'resolved' as const } : {}),
      markdown: flags.title ? text : text.split('\n').slice(1).join('\n').trim(),
      ...(mentions ? { mentions } : {}),
      ...(flags.footer ? { footer: flags.footer } : {}),
    };
  }
  let raw: string;
  try {
    raw = readInput(flags.alert as string);
  } catch (err) {
    return `cannot read --alert ${flags.alert}: ${(err as { message?: string }).message ?? String(err)}`;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return `--alert ${flags.alert} is not JSON`;
  }
  const parsed = parseAlertPayload(payload);
  if (parsed.alerts.length === 0) {
    return `no alerts in ${flags.alert}${parsed.errors.length ? `: ${parsed.errors.map((e) => e.message).join('; ')}` : ''}`;
  }
  return alertsToMessage(parsed.alerts, {
    channel,
    format: flags.format,
    keywords: flags.keyword,
    title: flags.title,
    footer: flags.footer,
    mentions,
  });
}

async function run(flags: NotifyFlags, cmd: Command): Promise<void> {
  const channel = flags.channel ?? '';
  if (!isChannelName(channel)) usage(cmd, `--channel must be one of ${CHANNEL_NAMES.join(', ')}`);
  const webhook = flags.webhook ?? process.env.KUBE_AIOPS_NOTIFY_WEBHOOK;
  if (!webhook) usage(cmd, '--webhook (or KUBE_AIOPS_NOTIFY_WEBHOOK) is required');
  if ((flags.alert === undefined) === (flags.text === undefined))
    usage(cmd, 'give exactly one of --alert FILE or --text MARKDOWN');
  if (flags.format && !CHANNEL_FORMATS[channel].includes(flags.format)) {
    usage(cmd, `--format for ${channel} must be one of ${CHANNEL_FORMATS[channel].join(', ')}`);
  }
  const budgetMs = flags.budget === undefined ? undefined : Number(flags.budget) * 1000;
  if (budgetMs !== undefined && !(budgetMs > 0)) usage(cmd, '--budget must be a positive number of seconds');

  const message = buildMessage(flags, channel);
  if (typeof message === 'string') usage(cmd, message);
  const secret = flags.secret ?? process.env.KUBE_AIOPS_NOTIFY_SECRET;
  const config: NotifyConfig = {
    webhook,
    ...(secret ? { secret } : {}),
    ...(flags.keyword?.length ? { keywords: flags.keyword } : {}),
    ...(flags.format ? { format: flags.format } : {}),
  };

  try {
    if (flags.dryRun) {
      const request = render(channel, config, message);
      const shown = { ...request, body: JSON.parse(request.body) as unknown };
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      return;
    }
    const result = await send(channel, config, message, budgetMs ? { budgetMs } : {});
    for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
    const tries = `${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`;
    process.stdout.write(`sent to ${result.channel} (${result.format}, ${result.bytes} bytes, ${tries})\n`);
  } catch (err) {
    if (err instanceof NotifyError && err.kind === 'config') usage(cmd, err.message);
    throw err;
  }
}

export const registerNotify: RegisterCommand = (program) => {
  program
    .command('notify')
    .description('send a message or an alert payload to Feishu/Lark, WeCom, DingTalk, Slack, Teams or a JSON webhook')
    .option('--channel <name>', CHANNEL_NAMES.join(' | '))
    .option('--webhook <url>', 'the bot webhook URL (env KUBE_AIOPS_NOTIFY_WEBHOOK)')
    .option(
      '--secret <secret>',
      'Feishu / DingTalk signing secret; generic webhook HMAC key (env KUBE_AIOPS_NOTIFY_SECRET)',
    )
    .option('--keyword <k>', "the bot's custom keyword (repeatable or comma list)", collect)
    .option(
      '--format <f>',
      Object.entries(CHANNEL_FORMATS)
        .map(([c, f]) => `${c}: ${f.join('/')}`)
        .join('; '),
    )
    .option('--alert <file>', 'Alertmanager / Grafana / PrometheusAlert JSON payload ("-" = stdin)')
    .option(
      '--text <markdown>',
      'the message as Markdown; a literal \\n is a newline (first line is the title unless --title)',
    )
    .option('--title <t>', 'message title')
    .option('--severity <s>', `for --text: ${NOTIFY_SEVERITIES.join(' | ')} (default info)`)
    .option('--mention <ids>', 'user ids to @ (comma list)')
    .option('--mention-mobile <mobiles>', 'mobile numbers to @ (WeCom text, DingTalk)')
    .option('--mention-all', '@ everyone')
    .option('--footer <text>', 'footer line')
    .option('--budget <seconds>', 'time for all retries (default 30)')
    .option('--dry-run', 'print the exact request (URL with signature, headers, body) instead of sending')
    .action(async function (this: Command, flags: NotifyFlags) {
      await run(flags, this);
    });
};
