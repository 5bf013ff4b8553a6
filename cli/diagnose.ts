/**
 * `kube-aiops diagnose`: root causes across objects and a 0–100 health score, for the cluster, one namespace or one
 * object, through the same lib/diagnose call the n8n node and the MCP tool make.
 * Exit 0 when the diagnosis ran (findings or not), 1 with one line when the cluster could not be read, 2 on usage.
 */
import { redactText } from '../lib/kube/redact';
import { writeFileSync } from 'node:fs';
import { CommanderError, type Command } from 'commander';
import type { RegisterCommand } from './register';
import { budgetFlag, oneLine, usage } from './common';
import { connectOrUsage } from './kubeconfig';
import {
  ANALYZERS,
  checkAnalyzers,
  diagnose,
  RequestError,
  resolveScope,
  LANGUAGES,
  type DiagnosisResult,
  type Language,
  type ResolvedScope,
  type Severity,
} from '../lib/diagnose';
import { anonymize } from '../lib/diagnose/anonymize';
import { REPORT_FORMATS, renderReport, type ReportFormat, type ReportOptions } from '../lib/diagnose/report';
import type { KubeConnection } from '../lib/kube/connect';
import { KubeError } from '../lib/kube/errors';
import { attachOomCurves } from '../lib/capacity/oom-chain';
import { withCurveSection } from '../lib/capacity/curve-chart';
import { prometheusFromFlags, type PrometheusFlags } from './prometheus-flags';

export interface DiagnoseFlags extends PrometheusFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces?: boolean;
  resource?: string;
  analyzers?: string;
  minSeverity?: string;
  output?: string;
  budget?: string;
  anonymize?: boolean;
  mappingOut?: string;
  out?: string;
  language?: string;
}

const SEVERITIES: Severity[] = ['critical', 'warning', 'info'];

/** "Deployment/web", "deploy/web", "pod/ns/name" is not accepted: the namespace comes from -n (kubectl's way). */
function parseResource(cmd: Command, text: string): { kind: string; name: string } {
  const parts = text.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1])
    usage(cmd, `--resource must be Kind/name (e.g. Deployment/web, pod/web-0), got "${text}"`);
  return { kind: parts[0], name: parts[1] };
}

interface Plan {
  language: Language;
  format: ReportFormat;
  budget?: number;
  analyzers?: string[];
  minSeverity?: Severity;
}

/** Everything that can be checked before talking to the cluster. */
function plan(cmd: Command, flags: DiagnoseFlags): Plan {
  if (flags.namespace && flags.allNamespaces) usage(cmd, 'give -n NAMESPACE or -A, not both');
  if (flags.allNamespaces && flags.resource)
    usage(cmd, '--resource names one object; use -n for its namespace, not -A');
  const budget = budgetFlag(cmd, flags.budget, 200);
  const format = (flags.output ?? (budget !== undefined ? 'llm' : 'text')) as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) usage(cmd, `--output must be one of ${REPORT_FORMATS.join(', ')}`);
  if (budget !== undefined && format !== 'llm' && format !== 'markdown')
    usage(cmd, '--budget applies to --output llm or markdown');
  if (flags.mappingOut && !flags.anonymize) usage(cmd, '--mapping-out needs --anonymize');
  const minSeverity = flags.minSeverity as Severity | undefined;
  if (minSeverity !== undefined && !SEVERITIES.includes(minSeverity))
    usage(cmd, `--min-severity must be one of ${SEVERITIES.join(', ')}`);
  let analyzers: string[] | undefined;
  if (flags.analyzers !== undefined) {
    analyzers = flags.analyzers
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (analyzers.length === 0) usage(cmd, '--analyzers needs at least one name, or "all"');
    try {
      checkAnalyzers(analyzers);
    } catch (err) {
      if (err instanceof RequestError) usage(cmd, err.message);
      throw err;
    }
  }
  const language = (flags.language ?? 'en') as Language;
  if (!LANGUAGES.includes(language)) usage(cmd, `--language must be one of ${LANGUAGES.join(', ')}`);
  return { language, format, budget, analyzers, minSeverity };
}

/**
 * What to diagnose, through lib's request contract: --resource in -n or the context's namespace unless
 * cluster-scoped, and it must exist (a typo is an error with close matches, not "No problems found").
 */
async function scopeOf(cmd: Command, conn: KubeConnection, flags: DiagnoseFlags, p: Plan): Promise<ResolvedScope> {
  const one = flags.resource ? parseResource(cmd, flags.resource) : undefined;
  try {
    return await resolveScope(conn, { ...one, namespace: flags.namespace, analyzers: p.analyzers });
  } catch (err) {
    if (err instanceof KubeError && err.reason === 'UnknownKind') usage(cmd, oneLine(err.message));
    throw err;
  }
}

function emit(text: string, file: string | undefined): void {
  const clean = redactText(text);
  const body = clean.endsWith('\n') ? clean : `${clean}\n`;
  if (!file) {
    process.stdout.write(body);
    return;
  }
  writeFileSync(file, body);
  process.stderr.write(`wrote ${file} (${Buffer.byteLength(body)} bytes)\n`);
}

async function run(flags: DiagnoseFlags, cmd: Command): Promise<void> {
  const p = plan(cmd, flags);
  const conn = connectOrUsage(cmd, flags);
  const prometheus = prometheusFromFlags(cmd, flags);
  let result: DiagnosisResult;
  let oom: Awaited<ReturnType<typeof attachOomCurves>> | undefined;
  try {
    const scope = await scopeOf(cmd, conn, flags, p);
    result = await diagnose(conn, { ...scope, ...(p.minSeverity ? { minSeverity: p.minSeverity } : {}) });
    // with Prometheus, an OOMKilled root cause also says whether memory climbed (a leak) or jumped (a spike)
    if (prometheus) {
      oom = await attachOomCurves(conn, prometheus, result.findings, { timeoutMs: 10_000 });
      for (const e of oom.errors) process.stderr.write(`warning: memory curve: ${oneLine(e)}\n`);
    }
  } catch (err) {
    if (err instanceof CommanderError) throw err;
    // main() prints the message as one line and exits 1; no stack for a cluster that cannot be read
    throw new Error(oneLine(err instanceof Error ? err.message : String(err)));
  }
  for (const w of conn.warnings) process.stderr.write(`warning: ${w}\n`);
  if (flags.anonymize) {
    const masked = anonymize(result);
    result = masked.result;
    if (flags.mappingOut)
      writeFileSync(flags.mappingOut, `${JSON.stringify(masked.mapping, null, 2)}\n`, { mode: 0o600 });
  }
  const tty = !flags.out && process.stdout.isTTY === true;
  const opts: ReportOptions = {
    // markdown defaults to an IM-sized digest (3800 chars, 5 findings); on the command line it is the whole report
    ...(p.format === 'markdown' ? { maxChars: p.budget ?? 1_000_000, top: 1000 } : {}),
    ...(p.format === 'llm' && p.budget !== undefined ? { budget: p.budget } : {}),
    ...(tty ? { color: true, width: process.stdout.columns || 120 } : {}),
    ...(p.language !== 'en' ? { language: p.language } : {}),
  };
  const report = renderReport(result, p.format, opts);
  // the HTML report shows the memory curve behind each OOM kill, as the node's does; anonymized, it is left out
  const curves = p.format === 'html' && !flags.anonymize ? (oom?.curves.map((c) => c.curve) ?? []) : [];
  emit(curves.length ? withCurveSection(report, curves) : report, flags.out);
}

export const registerDiagnose: RegisterCommand = (program) => {
  program
    .command('diagnose')
    .description(
      'find root causes across objects (pod → workload → volume → StorageClass, image, memory limit…) and score the cluster 0–100',
    )
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context (default: current-context)')
    .option('-n, --namespace <ns>', 'only this namespace (and, with --resource, the namespace of that object)')
    .option('-A, --all-namespaces', 'every namespace (the default without -n)')
    .option('--resource <Kind/name>', 'one object and what it depends on, e.g. Deployment/web, pvc/data, node/node-1')
    .option(
      '--analyzers <names>',
      `comma list, or "all" (default: the default set): ${ANALYZERS.map((a) => a.name).join(', ')}`,
    )
    .option(
      '--min-severity <level>',
      `leave out findings below ${SEVERITIES.join(' | ')} (the score still counts them)`,
    )
    .option('-o, --output <format>', `${REPORT_FORMATS.join(' | ')} (default text; llm when --budget is given)`)
    .option(
      '--budget <chars>',
      'length cap in characters for --output llm (default 6000) or markdown (default: no cap)',
    )
    .option('--anonymize', 'replace namespaces, names, images, hosts and IPs with stable placeholders')
    .option(
      '--mapping-out <file>',
      'with --anonymize: write the placeholder → real value mapping here (to unmask an answer later)',
    )
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option(
      '--prometheus-url <url>',
      'Prometheus HTTP API (or PROMETHEUS_URL; token from PROMETHEUS_TOKEN): OOMKilled root causes get the memory curve, leak or spike',
    )
    .option('--prometheus-ca <file>', 'PEM CA for an https Prometheus')
    .option('--prometheus-insecure', 'do not verify the Prometheus certificate (throwaway set-ups only)')
    .option(
      '--language <lang>',
      'en | zh: our words and root causes in Simplified Chinese (names, cluster messages and commands stay as they are)',
    )
    .action(async function (this: Command, flags: DiagnoseFlags) {
      await run(flags, this);
    });
};
