/**
 * `kube-aiops capacity`: rightsizing per workload container, node-pool sizing and savings from Prometheus history,
 * through the same lib/capacity call the n8n node and the MCP tool make.
 * Exit 0 when the report ran, 1 with one line when the cluster or Prometheus could not be read, 2 on usage.
 */
import { writeFileSync } from 'node:fs';
import { CommanderError, type Command } from 'commander';
import type { RegisterCommand } from './register';
import { oneLine, readInput, usage } from './common';
import { connectOrUsage } from './kubeconfig';
import {
  capacityReport,
  parsePriceTable,
  renderCapacityMarkdown,
  renderCapacityText,
  toCapacityJson,
  validateCapacityOptions,
  type CapacityOptions,
  type CapacityReport,
} from '../lib/capacity';
import { renderCapacityHtml } from '../lib/capacity/html';
import { prometheusFromFlags } from './prometheus-flags';

const FORMATS = ['text', 'json', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

export interface CapacityFlags {
  kubeconfig?: string;
  context?: string;
  prometheusUrl?: string;
  prometheusCa?: string;
  prometheusInsecure?: boolean;
  window?: string;
  namespace?: string[];
  allNamespaces?: boolean;
  prices?: string;
  poolLabel?: string;
  headroom?: string;
  queries?: string;
  strategy?: string;
  output?: string;
  out?: string;
}

function jsonFile(cmd: Command, flag: string, path: string): unknown {
  let text: string;
  try {
    text = readInput(path);
  } catch (err) {
    usage(cmd, `${flag}: cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    usage(cmd, `${flag}: ${path} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function plan(cmd: Command, flags: CapacityFlags): { format: Format; opts: CapacityOptions } {
  if (flags.namespace?.length && flags.allNamespaces) usage(cmd, 'give -n NAMESPACE or -A, not both');
  const format = (flags.output ?? 'text') as Format;
  if (!FORMATS.includes(format)) usage(cmd, `--output must be one of ${FORMATS.join(', ')}`);
  const opts: CapacityOptions = { window: flags.window ?? '7d' };
  if (flags.namespace?.length)
    opts.namespaces = flags.namespace.flatMap((n) => n.split(',').map((s) => s.trim())).filter(Boolean);
  if (flags.poolLabel) opts.poolLabel = flags.poolLabel;
  if (flags.headroom !== undefined) {
    const h = Number(flags.headroom);
    opts.headroom = h > 1 ? h / 100 : h;
  }
  try {
    if (flags.prices) opts.prices = parsePriceTable(jsonFile(cmd, '--prices', flags.prices));
    if (flags.queries) opts.queries = jsonFile(cmd, '--queries', flags.queries) as CapacityOptions['queries'];
    if (flags.strategy) opts.strategy = jsonFile(cmd, '--strategy', flags.strategy) as CapacityOptions['strategy'];
    validateCapacityOptions(opts);
  } catch (err) {
    if (err instanceof CommanderError) throw err;
    usage(cmd, err instanceof Error ? err.message : String(err));
  }
  return { format, opts };
}

export function renderCapacity(report: CapacityReport, format: Format): string {
  switch (format) {
    case 'json':
      return JSON.stringify(toCapacityJson(report), null, 2);
    case 'markdown':
      return renderCapacityMarkdown(report);
    case 'html':
      return renderCapacityHtml(report);
    default:
      return renderCapacityText(report);
  }
}

async function run(flags: CapacityFlags, cmd: Command): Promise<void> {
  const { format, opts } = plan(cmd, flags);
  const ep = prometheusFromFlags(cmd, flags, 'capacity reads usage history from Prometheus');
  const conn = connectOrUsage(cmd, flags);
  let report: CapacityReport;
  try {
    report = await capacityReport(conn, ep, opts);
  } catch (err) {
    if (err instanceof CommanderError) throw err;
    // queries, strategy and price table were checked in plan(); what is left is the cluster or Prometheus
    throw new Error(oneLine(err instanceof Error ? err.message : String(err)));
  }
  for (const w of conn.warnings) process.stderr.write(`warning: ${w}\n`);
  if (ep.skipTlsVerify) process.stderr.write('warning: Prometheus certificate not verified (--prometheus-insecure)\n');
  const text = renderCapacity(report, format);
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (flags.out) {
    writeFileSync(flags.out, body);
    process.stderr.write(`wrote ${flags.out} (${Buffer.byteLength(body)} bytes)\n`);
  } else process.stdout.write(body);
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const registerCapacity: RegisterCommand = (program) => {
  program
    .command('capacity')
    .description('rightsizing per container, node-pool size and monthly savings from Prometheus usage history')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context (default: current-context)')
    .option(
      '--prometheus-url <url>',
      'Prometheus HTTP API base URL (default $PROMETHEUS_URL); auth from $PROMETHEUS_TOKEN or $PROMETHEUS_USERNAME/$PROMETHEUS_PASSWORD',
    )
    .option('--prometheus-ca <file>', 'PEM CA for an https Prometheus')
    .option('--prometheus-insecure', 'do not verify the Prometheus certificate (throwaway set-ups only)')
    .option('--window <duration>', 'history to read, 1h to 90d (default 7d)')
    .option(
      '-n, --namespace <ns>',
      'only this namespace (repeat or comma-separate); pools need all namespaces',
      collect,
    )
    .option('-A, --all-namespaces', 'every namespace, and node pools (the default)')
    .option('--prices <file>', 'price table JSON {"currency":"CNY","instanceTypes":{"ecs.g7.large":{"hourly":0.62}}}')
    .option('--pool-label <key>', 'node label pools are grouped by (default node.kubernetes.io/instance-type)')
    .option('--headroom <fraction>', 'share of each node kept free when sizing pools (default 0.1)')
    .option('--queries <file>', 'JSON overrides for the query set: labels, selector, metric names, preset "legacy"')
    .option('--strategy <file>', 'JSON overrides for the strategy: cpuPercentile, memoryLimitBuffer, overRatio…')
    .option('-o, --output <format>', `${FORMATS.join(' | ')} (default text)`)
    .option('--out <file>', 'write the report to this file instead of stdout')
    .action(async function (this: Command, flags: CapacityFlags) {
      await run(flags, this);
    });
};
