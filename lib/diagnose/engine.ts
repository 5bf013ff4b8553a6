/**
 * Runs the analyzers over a snapshot and shapes the answer: fold, merge by root cause, scope, score, sort.
 * `diagnose(kc, opts)` is collect + run, the one call the faces (n8n node, MCP tool, CLI) make.
 */
import type { KubeConfig, V1Pod } from '@kubernetes/client-node';
import type { KubeConnection } from '../kube/connect';
import { selectAnalyzers } from './analyzers';
import { collectSnapshot, type CollectOptions } from './collect';
import { podUsage, SNAPSHOT_KINDS } from './context';
import { buildContext } from './run-context';
import { foldPods, mergeByRootCause, sortFindings } from './fold';
import { inNamespaceScope, inResourceScope, relatedKeys, resolveResource } from './scope';
import { computeScores } from './score';
import type { DiagnosisResult, FailedRead, Finding, ObjectRef, Severity, Snapshot } from './types';
import { SEVERITY_RANK } from './types';
import { unreadNotes } from './unread';
import { cpuMillicores, quantity } from './util';

export interface DiagnoseOptions {
  /** analyzer names (k8sgpt style, case-insensitive); none → the default set; ["all"] → every analyzer */
  analyzers?: string[];
  /** drop findings below this severity (the score still counts them) */
  minSeverity?: Severity;
  namespace?: string;
  /** one object: keep findings about it, its owners, dependents and what they reference */
  resource?: ObjectRef;
  /** pods of one owner failing the same way become one finding (default true) */
  fold?: boolean;
  /** usage rows kept for the report's chart (default 200, highest memory-to-limit first) */
  maxUsageRows?: number;
}

export function runDiagnosis(snapshot: Snapshot, opts: DiagnoseOptions = {}): DiagnosisResult {
  const ctx = buildContext(snapshot);
  const { analyzers, unknown } = selectAnalyzers(opts.analyzers);
  const warnings: string[] = unknown.map((n) => `analyzer "${n}" does not exist`);
  let findings: Finding[] = [];
  for (const a of analyzers) {
    try {
      findings.push(...a.analyze(ctx));
    } catch (err) {
      warnings.push(`analyzer ${a.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  findings = findings.map(withCauseEvidence);
  if (opts.fold !== false) findings = foldPods(findings);
  findings = mergeByRootCause(findings);

  const resource = opts.resource ? resolveResource(snapshot, opts.resource) : undefined;
  const namespace = resource?.namespace ?? opts.namespace;
  if (resource) {
    const keys = relatedKeys(snapshot, resource);
    findings = findings.filter((f) => inResourceScope(f, keys));
  } else if (namespace) {
    findings = inNamespaceScope(findings, namespace);
  }
  const scores = computeScores(snapshot, findings, namespace ? [namespace] : undefined);
  if (opts.minSeverity) {
    const min = SEVERITY_RANK[opts.minSeverity];
    findings = findings.filter((f) => SEVERITY_RANK[f.severity] >= min);
  }
  const failedReads: FailedRead[] = [];
  for (const list of snapshot.unavailable ?? []) {
    const forbidden = !!snapshot.stats?.[`forbidden.${list}`];
    const absent = !!snapshot.stats?.[`absent.${list}`];
    const why = forbidden ? 'forbidden' : absent ? 'not served by this cluster' : 'failed';
    warnings.push(`could not list ${list} (${why}); checks that need them are skipped`);
    // An API the cluster does not serve holds no objects; a list we were refused or that kept failing might.
    if (!absent)
      failedReads.push({
        list,
        kind: (SNAPSHOT_KINDS as Record<string, string>)[list] ?? list,
        reason: forbidden ? 'forbidden' : 'failed',
      });
  }
  const complete = failedReads.length === 0;
  warnings.push(...unreadNotes(snapshot));

  const stats: Record<string, number> = { ...(snapshot.stats ?? {}) };
  for (const list of Object.keys(SNAPSHOT_KINDS) as (keyof typeof SNAPSHOT_KINDS)[])
    stats[list] = snapshot[list].length;
  stats.podMetrics = snapshot.podMetrics.length;
  stats.logs = Object.keys(snapshot.logs).length;
  stats.findings = findings.length;

  const namespaces = complete
    ? scores.namespaces
    : Object.fromEntries(Object.entries(scores.namespaces).map(([n, v]) => [n, { ...v, score: null }]));
  const result: DiagnosisResult = {
    score: complete ? scores.score : null,
    namespaces,
    complete,
    ...(complete ? {} : { failedReads }),
    findings: sortFindings(findings),
    scope: {
      ...(namespace ? { namespace } : {}),
      ...(resource ? { resource } : {}),
      ...(opts.analyzers?.length ? { analyzers: analyzers.map((a) => a.name) } : {}),
    },
    generatedAt: new Date().toISOString(),
    stats,
  };
  const usage = usageRows(snapshot, namespace, opts.maxUsageRows ?? 200);
  if (usage.length) result.usage = usage;
  if (warnings.length) result.warnings = warnings;
  return result;
}

/** Events and log lines prove more than a spec field; the first of them stands as the cause's evidence. */
function withCauseEvidence(f: Finding): Finding {
  if (!f.rootCause || f.rootCause.evidence || f.evidence.length === 0) return f;
  const proof = f.evidence.find((e) => e.source === 'event' || e.source === 'log') ?? f.evidence[0];
  return { ...f, rootCause: { ...f.rootCause, evidence: proof } };
}

function usageRows(s: Snapshot, namespace: string | undefined, max: number): NonNullable<DiagnosisResult['usage']> {
  if (s.podMetrics.length === 0) return [];
  const rows: NonNullable<DiagnosisResult['usage']> = [];
  const pods = namespace ? s.pods.filter((p) => p.metadata?.namespace === namespace) : s.pods;
  for (const pod of pods as V1Pod[]) {
    const ns = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const u = podUsage(s, ns, name);
    if (!u) continue;
    for (const c of u.containers) {
      const spec = pod.spec?.containers?.find((x) => x.name === c.name);
      const r = spec?.resources;
      const num = (v: number) => (Number.isFinite(v) ? v : undefined);
      rows.push({
        namespace: ns,
        pod: name,
        container: c.name,
        cpuMillicores: c.cpuMillicores,
        memoryBytes: c.memoryBytes,
        cpuRequest: num(cpuMillicores(r?.requests?.cpu)),
        cpuLimit: num(cpuMillicores(r?.limits?.cpu)),
        memoryRequest: num(quantity(r?.requests?.memory)),
        memoryLimit: num(quantity(r?.limits?.memory)),
      });
    }
  }
  const pressure = (x: (typeof rows)[number]) => (x.memoryLimit ? x.memoryBytes / x.memoryLimit : 0);
  return rows.sort((a, b) => pressure(b) - pressure(a) || b.memoryBytes - a.memoryBytes).slice(0, max);
}

export interface DiagnoseRunOptions extends DiagnoseOptions {
  collect?: CollectOptions;
}

/** Collects what the scope needs and diagnoses it. Logs of running pods are read only when the Logs analyzer runs. */
export async function diagnose(
  kc: KubeConfig | KubeConnection,
  opts: DiagnoseRunOptions = {},
): Promise<DiagnosisResult> {
  const wantsLogs = (opts.analyzers ?? []).some((a) => /^(logs?|all)$/i.test(a));
  const snapshot = await collectSnapshot(
    kc,
    { namespace: opts.namespace, resource: opts.resource },
    { logs: wantsLogs ? 'all' : 'failing', ...opts.collect },
  );
  return runDiagnosis(snapshot, opts);
}
