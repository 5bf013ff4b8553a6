/**
 * Enrich alerts with a diagnosis of the object they are about. One AlertEnricher per batch: it collects one Snapshot
 * per namespace (cluster-wide for node and cluster-scoped alerts) and reuses it for every alert of that namespace, so a
 * 50-alert group costs one collection per namespace, not 50. Collection failures are cached too: an unreachable cluster
 * fails each alert at once instead of timing out 50 times.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { alertNamespace, isHeartbeat, type NormalizedAlert } from '../alerts';
import {
  collectSnapshot,
  runDiagnosis,
  SEVERITY_RANK,
  type DiagnosisResult,
  type Evidence,
  type Finding,
  type Language,
  type Snapshot,
} from '../diagnose';
import type { KubeConnection } from '../kube/connect';
import { refKey, refText } from '../diagnose/util';
import { unreadLogNote } from '../diagnose/unread';
import { eventsFor, logLinesFor, ownersOf, podsFor, resolveTarget } from './extract';
import { unenrichedAlert } from './item';
import { triageLlmContext, triageMarkdown } from './render';
import type { EnrichOptions, TriagedAlert } from './types';

const CLUSTER_KINDS = new Set(['Node', 'PersistentVolume', 'APIService', 'StorageClass', 'Namespace']);

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The namespace whose snapshot an alert needs; '' = cluster-wide; undefined = nothing to diagnose. */
function scopeOf(alert: NormalizedAlert): string | undefined {
  const r = alert.resource;
  if (r) {
    if (CLUSTER_KINDS.has(r.kind)) return '';
    return r.namespace ?? alertNamespace(alert.labels) ?? '';
  }
  // only a valid namespace name becomes a scope: a label "../kube-system" must not turn into a request
  return alertNamespace(alert.labels);
}

function uniqueEvidence(findings: Finding[], max: number): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const f of findings) {
    for (const e of f.evidence) {
      const key = `${e.source}|${e.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
      if (out.length >= max) return out;
    }
  }
  return out;
}

function finish(t: Omit<TriagedAlert, 'markdown' | 'llmContext'>, budget: number, language?: Language): TriagedAlert {
  return { ...t, markdown: triageMarkdown(t, language), llmContext: triageLlmContext(t, budget) };
}

export class AlertEnricher {
  private readonly snapshots = new Map<string, Promise<Snapshot>>();
  /** Diagnoses by snapshot and target: alerts about the same object (a crash-looping pod's several alerts) share one. */
  private readonly diagnoses = new WeakMap<Snapshot, Map<string, DiagnosisResult>>();
  private readonly opts: Required<
    Pick<EnrichOptions, 'maxFindings' | 'maxEvents' | 'maxLogLines' | 'llmBudget' | 'concurrency'>
  > &
    EnrichOptions;
  /** Counters for benches and the CLI: snapshots collected, ms collecting, ms diagnosing. */
  readonly stats: Record<string, number> = { snapshots: 0, 'ms.collect': 0, 'ms.diagnose': 0, enriched: 0 };

  constructor(
    private readonly conn: KubeConnection | KubeConfig,
    opts: EnrichOptions = {},
  ) {
    this.opts = { maxFindings: 5, maxEvents: 10, maxLogLines: 12, llmBudget: 6000, concurrency: 4, ...opts };
  }

  /** Set once an alert needs the whole cluster: from then on every alert reads that one snapshot. */
  private clusterWide = false;

  private snapshot(scope: string): Promise<Snapshot> {
    const namespace = this.clusterWide ? '' : scope;
    let pending = this.snapshots.get(namespace);
    if (!pending) {
      const started = Date.now();
      this.stats.snapshots += 1;
      pending = collectSnapshot(this.conn, namespace ? { namespace } : {}, {
        logs: 'failing',
        ...this.opts.collect,
      }).finally(() => {
        this.stats['ms.collect'] += Date.now() - started;
      });
      this.snapshots.set(namespace, pending);
    }
    return pending;
  }

  /** Never throws: a failure becomes `error` on the returned alert (and `enriched: false`). */
  async enrich(alert: NormalizedAlert): Promise<TriagedAlert> {
    const base = unenrichedAlert(alert);
    const budget = this.opts.llmBudget;
    if (alert.status === 'resolved' && !this.opts.enrichResolved)
      return finish({ ...base, skipped: 'the alert is resolved' }, budget, this.opts.language);
    // a heartbeat carries a namespace at most; diagnosing that namespace would present a working pipeline as a problem
    if (isHeartbeat(alert))
      return finish(
        { ...base, skipped: `${alert.alertname} is a heartbeat alert: it fires on purpose and reports no problem` },
        budget,
        this.opts.language,
      );
    const scope = scopeOf(alert);
    if (scope === undefined)
      return finish(
        { ...base, skipped: 'the alert names no Kubernetes object or namespace' },
        budget,
        this.opts.language,
      );
    try {
      const snap = await this.snapshot(scope);
      const started = Date.now();
      const out = this.diagnoseIn(snap, alert, base);
      this.stats['ms.diagnose'] += Date.now() - started;
      this.stats.enriched += 1;
      return finish(out, budget, this.opts.language);
    } catch (err) {
      return finish({ ...base, error: errorText(err) }, budget, this.opts.language);
    }
  }

  private diagnoseIn(
    snap: Snapshot,
    alert: NormalizedAlert,
    base: Omit<TriagedAlert, 'markdown' | 'llmContext'>,
  ): Omit<TriagedAlert, 'markdown' | 'llmContext'> {
    const warnings = [...base.warnings];
    const target = resolveTarget(snap, alert);
    let result: DiagnosisResult;
    if (target?.obj) {
      result = this.cached(snap, refKey(target.ref), () =>
        runDiagnosis(snap, { resource: target.ref, analyzers: this.opts.analyzers }),
      );
    } else if (!target && alertNamespace(alert.labels)) {
      // no object named, only a namespace (TargetDown, quota alerts): the namespace's most severe findings
      const namespace = alertNamespace(alert.labels) as string;
      result = this.cached(snap, `namespace/${namespace}`, () =>
        runDiagnosis(snap, { namespace, analyzers: this.opts.analyzers }),
      );
      warnings.push(`the alert names no object; showing the most severe findings of namespace ${namespace}`);
    } else {
      result = {
        score: 100,
        complete: true,
        namespaces: {},
        findings: [],
        scope: {},
        generatedAt: new Date().toISOString(),
        stats: {},
      };
    }
    if (target?.note) warnings.push(target.note);
    for (const w of result.warnings ?? []) if (!warnings.includes(w)) warnings.push(w);

    const owners = ownersOf(snap, target?.obj);
    const pods = target ? podsFor(snap, target) : [];
    const findings = result.findings.slice(0, this.opts.maxFindings);
    const top = findings[0];
    const events = target ? eventsFor(snap, target, owners, pods, this.opts.maxEvents) : [];
    const failing = pods.filter((p) =>
      Object.keys(snap.logs).some((k) => k.startsWith(`${p.metadata?.namespace}/${p.metadata?.name}/`)),
    );
    const logs = logLinesFor(snap, failing, alert.resource?.container, this.opts.maxLogLines);
    // a diagnosis without the logs it wanted must say so, not look complete
    for (const p of failing) {
      const prefix = `${p.metadata?.namespace}/${p.metadata?.name}/`;
      for (const [key, entry] of Object.entries(snap.logs)) {
        const note = key.startsWith(prefix) ? unreadLogNote(key, entry) : undefined;
        if (note && !warnings.includes(note)) warnings.push(note);
      }
    }
    for (const list of snap.unavailable ?? [])
      if (['pods', 'events', 'podMetrics'].includes(String(list)))
        warnings.push(`${String(list)} could not be read; the diagnosis is without them`);
    const out: Omit<TriagedAlert, 'markdown' | 'llmContext'> = {
      ...base,
      warnings,
      enriched: true,
      ownerChain: owners,
      findings,
      evidence: uniqueEvidence(findings.slice(0, 3), 10),
      events,
      logs,
    };
    if (target) {
      out.target = target.ref;
      out.targetFound = target.obj !== undefined;
      // An alert on a host names the node by its instance IP; once the cluster says which Node that is, name it.
      if (
        out.resource?.kind === 'Node' &&
        target.ref.kind === 'Node' &&
        target.obj &&
        target.ref.name !== out.resource.name
      ) {
        const ip = out.resource.nodeIP ?? out.resource.name;
        out.resource = { ...out.resource, name: target.ref.name, nodeIP: ip };
        warnings.push(`instance ${ip} is Node ${target.ref.name}`);
      }
      // …and an application's instance IP that is a pod's: the alert is about that Pod
      if (out.resource?.kind === 'Node' && out.resource.nodeIP && target.ref.kind === 'Pod' && target.obj) {
        out.resource = {
          kind: 'Pod',
          name: target.ref.name,
          ...(target.ref.namespace ? { namespace: target.ref.namespace } : {}),
          confidence: 'medium',
          via: 'label:instance→Pod IP',
        };
      }
      if (!target.obj) out.skipped = target.note ?? `${refText(target.ref)} cannot be looked up`;
    }
    if (top) {
      out.diagnosisSeverity = findings.reduce(
        (s, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[s] ? f.severity : s),
        top.severity,
      );
      const rc = findings.find((f) => f.rootCause)?.rootCause;
      out.rootCause = rc
        ? `${refText(rc.object)}: ${rc.fact}`
        : `${refText({ kind: top.kind, namespace: top.namespace, name: top.name })}: ${top.message}`;
      if (rc) out.rootCauseObject = rc.object;
      if (top.suggestion) out.suggestion = top.suggestion;
      if (top.commands?.length) out.commands = top.commands;
    }
    return out;
  }

  private cached(snap: Snapshot, key: string, run: () => DiagnosisResult): DiagnosisResult {
    let bySnap = this.diagnoses.get(snap);
    if (!bySnap) {
      bySnap = new Map();
      this.diagnoses.set(snap, bySnap);
    }
    let result = bySnap.get(key);
    if (!result) {
      result = run();
      bySnap.set(key, result);
    }
    return result;
  }

  /** Enrich many, `concurrency` at a time, keeping the input order. */
  async enrichAll(alerts: NormalizedAlert[]): Promise<TriagedAlert[]> {
    // a node (or other cluster-scoped) alert needs the cluster-wide snapshot anyway; it covers every namespace too
    if (
      alerts.some((a) => (a.status !== 'resolved' || this.opts.enrichResolved) && !isHeartbeat(a) && scopeOf(a) === '')
    )
      this.clusterWide = true;
    const out = new Array<TriagedAlert>(alerts.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < alerts.length) {
        const i = next++;
        out[i] = await this.enrich(alerts[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.opts.concurrency, alerts.length)) }, worker));
    return out;
  }
}
