/**
 * What one item asks to diagnose — the cluster, a namespace, one object, or whatever an alert item is about — and
 * running that diagnosis. An alert is resolved against the collected snapshot the way `triageAlerts` resolves it, so
 * a crash-looping pod that has since been replaced is diagnosed through its Deployment, with a note saying so.
 */
import { alertNamespace as validNamespace, type NormalizedAlert } from '../alerts';
import {
  checkAnalyzers,
  collectSnapshot,
  diagnose,
  resolveScope,
  runDiagnosis,
  type DiagnoseOptions,
  type DiagnosisResult,
  type ObjectRef,
} from '../diagnose';
import type { KubeConnection } from '../kube/connect';
import { resolveTarget } from './extract';
import { alertFromItem } from './item';

export type DiagnoseTarget =
  | { scope: 'cluster' }
  /** `note`: why a namespace was diagnosed when the caller asked about something else */
  | { scope: 'namespace'; namespace?: string; note?: string }
  | { scope: 'resource'; kind: string; name: string; namespace?: string }
  | { scope: 'alert'; alert: NormalizedAlert & { resource: NonNullable<NormalizedAlert['resource']> } };

export interface TargetRun {
  result: DiagnosisResult;
  /** what was substituted or assumed, in words (an alert's pod was gone, only its namespace was known…) */
  notes: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The alert's namespace label when it is a valid namespace name (exported_namespace first, as the mapping reads it). */
function namespaceOf(labels: Record<string, unknown>): string | undefined {
  const strings: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') strings[k] = v;
  return validNamespace(strings);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * The target an item names: an alert item (Prometheus Alert node, `alertToItem`) or any object carrying
 * `resource: { kind, namespace, name }`; failing both, the namespace among its labels. Undefined when it names nothing.
 */
export function targetFromItem(json: unknown): DiagnoseTarget | undefined {
  if (!isRecord(json)) return undefined;
  const resource = isRecord(json.resource) ? json.resource : undefined;
  // a bare resource becomes an alert too, so a gone pod gets the same fallback to its owner
  const alert =
    alertFromItem(json) ?? (resource ? alertFromItem({ alertname: 'resource', labels: {}, resource }) : undefined);
  if (alert?.resource) return { scope: 'alert', alert: { ...alert, resource: alert.resource } };
  // a kind the alert model does not map (Ingress, a CRD…) is still worth diagnosing by name
  const kind = str(resource?.kind);
  const name = str(resource?.name);
  const namespace = str(resource?.namespace);
  if (kind && name) return { scope: 'resource', kind, name, ...(namespace ? { namespace } : {}) };
  const labels = isRecord(json.labels) ? json.labels : {};
  const alertNamespace = namespaceOf(labels);
  if (!alertNamespace) return undefined;
  return {
    scope: 'namespace',
    namespace: alertNamespace,
    note: `${str(json.alertname) ?? 'the alert'} names no Kubernetes object; diagnosed its namespace ${alertNamespace}`,
  };
}

export async function diagnoseTarget(
  conn: KubeConnection,
  target: DiagnoseTarget,
  opts: DiagnoseOptions = {},
): Promise<TargetRun> {
  switch (target.scope) {
    case 'cluster':
      checkAnalyzers(opts.analyzers);
      return { result: await diagnose(conn, opts), notes: [] };
    case 'namespace': {
      const scope = await resolveScope(conn, {
        namespace: target.namespace || conn.namespace,
        analyzers: opts.analyzers,
      });
      return { result: await diagnose(conn, { ...opts, ...scope }), notes: target.note ? [target.note] : [] };
    }
    case 'resource': {
      const scope = await resolveScope(conn, { ...target, analyzers: opts.analyzers });
      return { result: await diagnose(conn, { ...opts, ...scope }), notes: [] };
    }
    case 'alert': {
      checkAnalyzers(opts.analyzers);
      // collected here rather than through diagnose(): resolveTarget needs the snapshot to find a stand-in
      const { kind, name, namespace } = target.alert.resource;
      const mapped: ObjectRef = namespace ? { kind, namespace, name } : { kind, name };
      const wantsLogs = (opts.analyzers ?? []).some((a) => /^(logs?|all)$/i.test(a));
      const snapshot = await collectSnapshot(conn, { resource: mapped }, { logs: wantsLogs ? 'all' : 'failing' });
      const resolved = resolveTarget(snapshot, target.alert);
      return {
        result: runDiagnosis(snapshot, { ...opts, resource: resolved?.ref ?? mapped }),
        notes: resolved?.note ? [resolved.note] : [],
      };
    }
  }
}
