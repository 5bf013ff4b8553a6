/**
 * Pod-spec escalations in any object: a Pod, the template of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 * CronJob, or of a custom resource that embeds one (Argo Rollout, Knative Service…). Any object holding a
 * `containers` list is read as a pod spec, so the check follows the shape rather than a list of kinds. What counts
 * follows the Pod Security "baseline" level: what it forbids lets a container reach the node.
 */
import type { Escalation } from './policy';

export interface FoundEscalation {
  escalation: Escalation;
  /** a field path: spec.template.spec.containers[app].securityContext.privileged */
  where: string;
}

/** Capabilities the baseline level lets a container add; anything else (SYS_ADMIN, NET_ADMIN, ALL…) escalates. */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

const MAX_DEPTH = 24;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

export function findEscalations(obj: unknown): FoundEscalation[] {
  const out: FoundEscalation[] = [];
  walk(obj, '', 0, out);
  return out;
}

/** Escalations in `after` that `before` did not already have (a hostNetwork DaemonSet may still be restarted). */
export function addedEscalations(before: unknown, after: unknown): FoundEscalation[] {
  const had = new Set(findEscalations(before).map((e) => `${e.escalation} ${e.where}`));
  return findEscalations(after).filter((e) => !had.has(`${e.escalation} ${e.where}`));
}

function walk(value: unknown, path: string, depth: number, out: FoundEscalation[]): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, depth + 1, out));
    return;
  }
  if (!isRec(value)) return;
  if (Array.isArray(value.containers)) podSpec(value, path, out);
  for (const [key, child] of Object.entries(value)) {
    if (key === 'containers' || key === 'initContainers' || key === 'ephemeralContainers') continue;
    if (typeof child === 'object' && child !== null) walk(child, path ? `${path}.${key}` : key, depth + 1, out);
  }
}

function podSpec(spec: Rec, path: string, out: FoundEscalation[]): void {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  for (const field of ['hostPID', 'hostNetwork', 'hostIPC'] as const) {
    if (spec[field] === true) out.push({ escalation: field, where: at(field) });
  }
  if (Array.isArray(spec.volumes)) {
    for (const v of spec.volumes) {
      if (isRec(v) && v.hostPath !== undefined && v.hostPath !== null)
        out.push({
          escalation: 'hostPath',
          where: at(`volumes[${typeof v.name === 'string' ? v.name : '?'}].hostPath`),
        });
    }
  }
  for (const list of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (const c of containers)
      if (isRec(c)) container(c, at(`${list}[${typeof c.name === 'string' ? c.name : '?'}]`), out);
  }
}

function container(c: Rec, path: string, out: FoundEscalation[]): void {
  if (Array.isArray(c.ports) && c.ports.some((p) => isRec(p) && typeof p.hostPort === 'number' && p.hostPort > 0))
    out.push({ escalation: 'hostPorts', where: `${path}.ports.hostPort` });
  const sc = c.securityContext;
  if (!isRec(sc)) return;
  if (sc.privileged === true) out.push({ escalation: 'privileged', where: `${path}.securityContext.privileged` });
  if (sc.allowPrivilegeEscalation === true)
    out.push({ escalation: 'allowPrivilegeEscalation', where: `${path}.securityContext.allowPrivilegeEscalation` });
  if (typeof sc.procMount === 'string' && sc.procMount !== 'Default')
    out.push({ escalation: 'procMount', where: `${path}.securityContext.procMount` });
  const add = isRec(sc.capabilities) ? sc.capabilities.add : undefined;
  if (Array.isArray(add)) {
    for (const cap of add) {
      const name = String(cap).toUpperCase().replace(/^CAP_/, '');
      if (!BASELINE_CAPABILITIES.has(name))
        out.push({ escalation: 'capabilities', where: `${path}.securityContext.capabilities.add[${name}]` });
    }
  }
}
