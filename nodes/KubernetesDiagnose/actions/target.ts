/**
 * Which object, namespace or cluster an item asks to diagnose, and running the diagnosis for it. An alert item (from
 * the Prometheus Alert node, or anything carrying `resource: { kind, namespace, name }`) is resolved against the
 * collected snapshot the way triage does: a crash-looping pod that has been replaced falls back to its Deployment.
 */
import type { IDataObject } from 'n8n-workflow';
import { collectSnapshot, diagnose, runDiagnosis, type DiagnoseOptions, type DiagnosisResult, type ObjectRef } from '../../../lib/diagnose';
import type { KubeConnection } from '../../../lib/kube/connect';
import { resolveKind } from '../../../lib/kube/resolve';
import { alertFromItem, resolveTarget } from '../../../lib/triage';
import type { NormalizedAlert } from '../../../lib/alerts';

export type Target =
  | { scope: 'cluster' }
  | { scope: 'namespace'; namespace?: string }
  | { scope: 'resource'; kind: string; name: string; namespace?: string }
  | { scope: 'alert'; alert: NormalizedAlert }
  | { scope: 'alert-resource'; kind: string; name: string; namespace?: string }
  | { scope: 'alert-namespace'; namespace: string; alertname: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * The target an alert item names. Undefined when the item names nothing (then the caller explains what it expected).
 * Order: an alert item whose resource (or labels) map to an object; a plain `resource` object; the alert's namespace.
 */
export function targetFromItem(json: IDataObject): Target | undefined {
  const resource = isRecord(json.resource) ? json.resource : undefined;
  const alert = alertFromItem(json) ?? (resource ? alertFromItem({ alertname: 'resource', labels: {}, resource }) : undefined);
  if (alert?.resource) return { scope: 'alert', alert };
  const kind = str(resource?.kind);
  const name = str(resource?.name);
  if (kind && name) return { scope: 'alert-resource', kind, name, ...(str(resource?.namespace) ? { namespace: str(resource?.namespace) } : {}) };
  const labels = isRecord(json.labels) ? json.labels : {};
  const namespace = str(labels.namespace) ?? str(labels.exported_namespace);
  if (namespace) return { scope: 'alert-namespace', namespace, alertname: str(json.alertname) ?? 'the alert' };
  return undefined;
}

export interface TargetRun {
  result: DiagnosisResult;
  /** what was substituted or assumed, in words (an alert's pod was gone, only its namespace was known…) */
  notes: string[];
}

/** Kind as the cluster serves it; the namespace only for namespaced kinds. */
async function objectRef(conn: KubeConnection, kind: string, name: string, namespace: string | undefined): Promise<ObjectRef> {
  const type = await resolveKind(conn, kind);
  return type.namespaced ? { kind: type.kind, namespace: namespace || conn.namespace, name } : { kind: type.kind, name };
}

export async function diagnoseTarget(conn: KubeConnection, target: Target, opts: DiagnoseOptions): Promise<TargetRun> {
  switch (target.scope) {
    case 'cluster':
      return { result: await diagnose(conn, opts), notes: [] };
    case 'namespace':
    case 'alert-namespace': {
      const namespace = target.namespace || conn.namespace;
      const notes = target.scope === 'alert-namespace' ? [`${target.alertname} names no Kubernetes object; diagnosed its namespace ${namespace}`] : [];
      return { result: await diagnose(conn, { ...opts, namespace }), notes };
    }
    case 'resource':
    case 'alert-resource':
      return { result: await diagnose(conn, { ...opts, resource: await objectRef(conn, target.kind, target.name, target.namespace) }), notes: [] };
    case 'alert': {
      const mapping = target.alert.resource as NonNullable<NormalizedAlert['resource']>;
      const wantsLogs = (opts.analyzers ?? []).some((a) => /^(logs?|all)$/i.test(a));
      const scope = { resource: { kind: mapping.kind, name: mapping.name, ...(mapping.namespace ? { namespace: mapping.namespace } : {}) } };
      const snapshot = await collectSnapshot(conn, scope, { logs: wantsLogs ? 'all' : 'failing' });
      const resolved = resolveTarget(snapshot, target.alert);
      const resource = resolved?.ref ?? scope.resource;
      return { result: runDiagnosis(snapshot, { ...opts, resource }), notes: resolved?.note ? [resolved.note] : [] };
    }
  }
}
