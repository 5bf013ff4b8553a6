/**
 * Alert triage: parse a webhook payload, keep the alerts worth looking at, and enrich each with a diagnosis of the
 * Kubernetes object it is about. The n8n Prometheus Alert node (Enrich), `kube-aiops triage` and the MCP bridge's
 * `triage_alert` tool all call `triageAlerts` (or `AlertEnricher` for alerts already parsed), so they agree.
 *
 *   const { alerts, errors } = await triageAlerts(conn, payload, { minSeverity: 'warning' });
 *   alerts[0].rootCause   // "Deployment shop/app-xyz: container app is OOMKilled: …"
 *
 * `triageObject` triages an object named directly (the bridge's `resource` argument); `targetFromItem` and
 * `diagnoseTarget` give a full diagnosis report for an alert item (the Kubernetes Diagnose node's "Alert Item" scope)
 * with the same gone-pod fallback.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import {
  ALERT_SEVERITY_RANK,
  dedupeAlerts,
  filterAlerts,
  parseAlertPayload,
  type NormalizedAlert,
  type ResourceKind,
} from '../alerts';
import type { KubeConnection } from '../kube/connect';
import { canonicalRef, type ObjectRef } from '../kube/target';
import { AlertEnricher } from './enrich';
import { unenrichedAlert } from './item';
import { triageLlmContext, triageMarkdown } from './render';
import type { EnrichOptions, TriageError, TriagedAlert, TriageOptions, TriageResult } from './types';

export * from './types';
export { AlertEnricher } from './enrich';
export { alertToItem, groupToItem, alertFromItem, alertsFromJson, unenrichedAlert } from './item';
export { triageMarkdown, triageLlmContext } from './render';
export { resolveTarget } from './extract';
export { targetFromItem, diagnoseTarget, type DiagnoseTarget, type TargetRun } from './target';

/** The alerts a triage keeps, in payload order: filters, then dedupe. */
export function selectAlerts(alerts: NormalizedAlert[], opts: TriageOptions = {}): NormalizedAlert[] {
  const kept = filterAlerts(alerts, {
    includeResolved: opts.includeResolved,
    minSeverity: opts.minSeverity,
    excludeAlertnames: opts.excludeAlertnames,
  });
  return opts.dedupe === false ? kept : dedupeAlerts(kept);
}

/** An alert that was not enriched because of `maxEnrich`. */
function notEnriched(alert: NormalizedAlert, why: string, budget: number | undefined): TriagedAlert {
  const t = { ...unenrichedAlert(alert), skipped: why };
  return { ...t, markdown: triageMarkdown(t), llmContext: triageLlmContext(t, budget) };
}

/**
 * Parse `payload` (any supported webhook body, raw text or parsed), filter and dedupe its alerts, and enrich each
 * against the cluster. Never throws for bad input: a payload that is not an alert gives `alerts: []` and the reason in
 * `errors`; an alert whose enrichment failed keeps its place with `error` set and is also listed in `errors`.
 */
export async function triageAlerts(
  conn: KubeConnection | KubeConfig,
  payload: unknown,
  opts: TriageOptions = {},
): Promise<TriageResult> {
  const parsed = parseAlertPayload(payload, opts.parse);
  const errors: TriageError[] = parsed.errors.map((e) => ({
    ...(e.index !== undefined ? { index: e.index } : {}),
    message: e.message,
  }));
  const selected = selectAlerts(parsed.alerts, opts);
  const maxEnrich = Math.max(0, opts.maxEnrich ?? 100);
  // the most severe are enriched first when there are more than maxEnrich
  const ranked = selected
    .map((a, i) => ({ a, i }))
    .sort((x, y) => ALERT_SEVERITY_RANK[y.a.severity] - ALERT_SEVERITY_RANK[x.a.severity] || x.i - y.i);
  const chosen = new Set(ranked.slice(0, maxEnrich).map((r) => r.i));
  const enricher = new AlertEnricher(conn, opts);
  const enriched = await enricher.enrichAll(selected.filter((_, i) => chosen.has(i)));
  let k = 0;
  const alerts = selected.map((a, i) =>
    chosen.has(i)
      ? enriched[k++]
      : notEnriched(
          a,
          `more than ${maxEnrich} alerts in the payload; only the ${maxEnrich} most severe were diagnosed`,
          opts.llmBudget,
        ),
  );
  for (const t of alerts)
    if (t.error) errors.push({ alertname: t.alertname, fingerprint: t.fingerprint, message: t.error });
  return { alerts, errors, format: parsed.format, received: parsed.alerts.length, stats: { ...enricher.stats } };
}

/**
 * Triage one object named directly instead of by an alert (`kind` as typed to kubectl): a synthetic alert mapped to
 * exactly that object goes through the same enrichment, so the answer has the shape an alert's triage has.
 */
export async function triageObject(
  conn: KubeConnection,
  ref: ObjectRef,
  opts: EnrichOptions = {},
): Promise<TriagedAlert> {
  const { kind, name, namespace } = await canonicalRef(conn, ref);
  const parsed = parseAlertPayload(
    {
      labels: { alertname: 'ResourceTriage', severity: 'warning', ...(namespace ? { namespace } : {}) },
      annotations: { summary: `triage of ${kind} ${namespace ? `${namespace}/` : ''}${name}` },
    },
    { mapResource: false },
  );
  const alert: NormalizedAlert = {
    ...parsed.alerts[0],
    // lib/alerts names the kinds labels can map to; an explicit reference may name any kind the snapshot holds
    resource: {
      kind: kind as ResourceKind,
      name,
      ...(namespace ? { namespace } : {}),
      confidence: 'high',
      via: 'argument:resource',
      related: [],
    },
  };
  return new AlertEnricher(conn, opts).enrich(alert);
}
