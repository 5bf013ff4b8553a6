/**
 * `kube-aiops triage`: read an alert webhook payload (Alertmanager, Grafana, PrometheusAlert, Alertmanager API), map each
 * alert to the Kubernetes object it names and diagnose that object — the same lib/triage call the n8n Prometheus Alert
 * node (Enrich) and the MCP bridge make. Exit 0 when triaged, 1 with one line when the input is not an alert payload or
 * the cluster cannot be read, 2 on usage.
 */
import type { Command } from 'commander';
import type { RegisterCommand } from './register';
import { budgetFlag, oneLine, readInput, usage } from './common';
import { connectOrUsage } from './kubeconfig';
import type { AlertSeverity } from '../lib/alerts';
import { triageAlerts, type TriageOptions } from '../lib/triage';

export interface TriageFlags {
  alert?: string;
  kubeconfig?: string;
  context?: string;
  output?: string;
  minSeverity?: string;
  resolved?: boolean;
  budget?: string;
}

const OUTPUTS = ['json', 'markdown'];
const SEVERITIES: AlertSeverity[] = ['critical', 'warning', 'info', 'none'];

async function run(flags: TriageFlags, cmd: Command): Promise<void> {
  if (!flags.alert) usage(cmd, '--alert FILE (or - for stdin) is required');
  const output = flags.output ?? 'json';
  if (!OUTPUTS.includes(output)) usage(cmd, `--output must be one of ${OUTPUTS.join(', ')}`);
  const minSeverity = flags.minSeverity as AlertSeverity | undefined;
  if (minSeverity !== undefined && !SEVERITIES.includes(minSeverity))
    usage(cmd, `--min-severity must be one of ${SEVERITIES.join(', ')}`);
  const llmBudget = budgetFlag(cmd, flags.budget, 500);
  let text: string;
  try {
    text = readInput(flags.alert);
  } catch (err) {
    usage(cmd, `cannot read --alert ${flags.alert}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const conn = connectOrUsage(cmd, flags);
  const opts: TriageOptions = {
    ...(minSeverity ? { minSeverity } : {}),
    ...(flags.resolved ? { enrichResolved: true } : {}),
    ...(llmBudget ? { llmBudget } : {}),
  };
  const result = await triageAlerts(conn, text, opts);
  if (result.received === 0 && result.errors.length > 0) {
    // the payload as a whole is unusable: one line, exit 1 (main prints it)
    throw new Error(oneLine(result.errors[0].message));
  }
  for (const w of conn.warnings) process.stderr.write(`warning: ${w}\n`);
  if (output === 'markdown') {
    const parts = result.alerts.map((a) => a.markdown);
    if (result.errors.length)
      parts.push(
        `**Errors**\n${result.errors.map((e) => `- ${e.alertname ? `${e.alertname}: ` : e.index !== undefined ? `alert #${e.index}: ` : ''}${e.message}`).join('\n')}`,
      );
    process.stdout.write(`${parts.join('\n\n---\n\n') || 'No alerts left after the filters.'}\n`);
  } else {
    process.stdout.write(`${JSON.stringify({ alerts: result.alerts, errors: result.errors }, null, 2)}\n`);
  }
  // every alert failed on the cluster: the diagnosis did not happen, say so by the exit code
  if (result.alerts.length > 0 && result.alerts.every((a) => a.error)) {
    throw new Error(`no alert could be diagnosed: ${oneLine(result.alerts[0].error ?? '')}`);
  }
}

export const registerTriage: RegisterCommand = (program) => {
  program
    .command('triage')
    .description(
      'map each alert of an Alertmanager / Grafana / PrometheusAlert payload to its Kubernetes object and diagnose it',
    )
    .option('--alert <file>', 'the webhook payload (JSON file), or - for stdin')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context (default: current-context)')
    .option('-o, --output <format>', `${OUTPUTS.join(' | ')} (default json)`)
    .option('--min-severity <level>', `leave out alerts below ${SEVERITIES.join(' | ')}`)
    .option('--resolved', 'diagnose resolved alerts too (default: they are listed, not diagnosed)')
    .option('--budget <chars>', "length cap of each alert's llmContext (default 6000)")
    .action(async function (this: Command, flags: TriageFlags) {
      await run(flags, this);
    });
};
