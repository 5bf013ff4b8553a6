/**
 * Pod-spec escalations in any object: a Pod, the template of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 * CronJob, or of a custom resource that embeds one (Argo Rollout, Knative Service…). Any object holding a
 * `containers` list is read as a pod spec, so the check follows the shape rather than a list of kinds. What counts
 * follows the Pod Security "baseline" level: what it forbids lets a container reach the node.
 */
import { podAccess } from './pod-access';
import type { Escalation } from './policy';

export interface FoundEscalation {
  escalation: Escalation;
  /** a field path: spec.template.spec.containers[app].securityContext.privileged */
  where: string;
  /** what before and after are compared by, when not the escalation and its place (a Secret, a ServiceAccount) */
  key?: string;
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

/** Sysctls the baseline level allows: namespaced per pod, so they cannot reach the node or other pods. */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

/** SELinux types the baseline level allows; any other type (spc_t: "super privileged container"), user or role escapes. */
const SAFE_SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** Annotations that predate the securityContext fields and still turn the profile off on older kubelets. */
const SECCOMP_ANNOTATION =
  /^(seccomp\.security\.alpha\.kubernetes\.io\/pod|container\.seccomp\.security\.alpha\.kubernetes\.io\/.+)$/;
const APPARMOR_ANNOTATION = /^container\.apparmor\.security\.beta\.kubernetes\.io\/.+$/;

/** The namespace labels Pod Security Admission enforces, strictest last; an absent label means privileged. */
const PSA_ENFORCE = 'pod-security.kubernetes.io/enforce';
const PSA_LEVELS = ['privileged', 'baseline', 'restricted'];

/** ingress-nginx annotations that inject raw configuration: server-snippet, configuration-snippet, auth-snippet… */
const INGRESS_SNIPPET = /^nginx\.ingress\.kubernetes\.io\/[a-z-]*snippets?$/;

const MAX_DEPTH = 24;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

export function findEscalations(obj: unknown): FoundEscalation[] {
  const out: FoundEscalation[] = [];
  walk(obj, '', 0, out);
  if (isRec(obj) && isRec(obj.spec)) byKind(obj.kind, obj.spec, obj.metadata, out);
  return out;
}

/**
 * Objects that are no pod but give one the same reach: a hostPath PersistentVolume is mounted by any pod that claims
 * it (the pod itself shows only a PVC), and a Service's externalIPs capture traffic the cluster sends to those
 * addresses, whoever owns them (CVE-2020-8554); an ingress-nginx snippet annotation is configuration the controller
 * runs with its own token, which reads every Secret (CVE-2021-25742, CVE-2025-1974).
 */
function byKind(kind: unknown, spec: Rec, metadata: unknown, out: FoundEscalation[]): void {
  if (kind === 'PersistentVolume' && isRec(spec.hostPath)) out.push({ escalation: 'hostPath', where: 'spec.hostPath' });
  if (kind === 'Ingress' && isRec(metadata) && isRec(metadata.annotations))
    for (const key of Object.keys(metadata.annotations))
      if (INGRESS_SNIPPET.test(key))
        out.push({ escalation: 'ingressSnippets', where: `metadata.annotations["${key}"]` });
  if (kind === 'Service' && Array.isArray(spec.externalIPs))
    for (const ip of spec.externalIPs)
      out.push({ escalation: 'externalIPs', where: `spec.externalIPs[${String(ip)}]` });
}

/**
 * Escalations in `after` that `before` did not already have (a hostNetwork DaemonSet may still be restarted), and a
 * Namespace whose Pod Security enforcement the write lowers or removes: that lifts the cluster's own fence for every
 * pod created in it later.
 */
export function addedEscalations(before: unknown, after: unknown): FoundEscalation[] {
  const keyOf = (e: FoundEscalation) => e.key ?? `${e.escalation} ${e.where}`;
  const had = new Set(findEscalations(before).map(keyOf));
  const added = findEscalations(after).filter((e) => !had.has(keyOf(e)));
  const lowered = loweredPodSecurity(before, after);
  return lowered ? [...added, lowered] : added;
}

function loweredPodSecurity(before: unknown, after: unknown): FoundEscalation | undefined {
  if (!isRec(before) || !isRec(after) || after.kind !== 'Namespace') return undefined;
  const level = (obj: Rec): number => {
    const labels = isRec(obj.metadata) && isRec(obj.metadata.labels) ? obj.metadata.labels : {};
    const value = labels[PSA_ENFORCE];
    // an unknown level is refused by admission; read it as the strictest so that replacing it is a lowering
    return typeof value === 'string' ? (PSA_LEVELS.includes(value) ? PSA_LEVELS.indexOf(value) : 2) : 0;
  };
  return level(after) < level(before)
    ? { escalation: 'podSecurity', where: `metadata.labels["${PSA_ENFORCE}"]` }
    : undefined;
}

function walk(value: unknown, path: string, depth: number, out: FoundEscalation[]): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, depth + 1, out));
    return;
  }
  if (!isRec(value)) return;
  if (Array.isArray(value.containers)) podSpec(value, path, out);
  // a pod's (or template's) annotations sit beside its spec
  if (isRec(value.spec) && Array.isArray(value.spec.containers) && isRec(value.metadata))
    podAnnotations(value.metadata, path ? `${path}.metadata` : 'metadata', out);
  for (const [key, child] of Object.entries(value)) {
    if (key === 'containers' || key === 'initContainers' || key === 'ephemeralContainers') continue;
    if (typeof child === 'object' && child !== null) walk(child, path ? `${path}.${key}` : key, depth + 1, out);
  }
}

function podSpec(spec: Rec, path: string, out: FoundEscalation[]): void {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  out.push(...podAccess(spec, path));
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
  if (isRec(spec.securityContext)) {
    const sc = spec.securityContext;
    profiles(sc, at('securityContext'), out);
    if (Array.isArray(sc.sysctls)) {
      for (const s of sc.sysctls) {
        const name = isRec(s) && typeof s.name === 'string' ? s.name : '?';
        if (!SAFE_SYSCTLS.has(name.replace(/\//g, '.')))
          out.push({ escalation: 'sysctls', where: at(`securityContext.sysctls[${name}]`) });
      }
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
  profiles(sc, `${path}.securityContext`, out);
  const add = isRec(sc.capabilities) ? sc.capabilities.add : undefined;
  if (Array.isArray(add)) {
    for (const cap of add) {
      const name = String(cap).toUpperCase().replace(/^CAP_/, '');
      if (!BASELINE_CAPABILITIES.has(name))
        out.push({ escalation: 'capabilities', where: `${path}.securityContext.capabilities.add[${name}]` });
    }
  }
}

/** Seccomp and AppArmor switched off, SELinux labels outside the container types, Windows host processes. */
function profiles(sc: Rec, path: string, out: FoundEscalation[]): void {
  if (isRec(sc.seccompProfile) && sc.seccompProfile.type === 'Unconfined')
    out.push({ escalation: 'seccomp', where: `${path}.seccompProfile.type` });
  if (isRec(sc.appArmorProfile) && sc.appArmorProfile.type === 'Unconfined')
    out.push({ escalation: 'appArmor', where: `${path}.appArmorProfile.type` });
  const se = sc.seLinuxOptions;
  if (isRec(se)) {
    const type = typeof se.type === 'string' ? se.type : '';
    if (!SAFE_SELINUX_TYPES.has(type)) out.push({ escalation: 'seLinux', where: `${path}.seLinuxOptions.type` });
    for (const field of ['user', 'role'] as const)
      if (typeof se[field] === 'string' && se[field] !== '')
        out.push({ escalation: 'seLinux', where: `${path}.seLinuxOptions.${field}` });
  }
  if (isRec(sc.windowsOptions) && sc.windowsOptions.hostProcess === true)
    out.push({ escalation: 'hostProcess', where: `${path}.windowsOptions.hostProcess` });
}

function podAnnotations(metadata: Rec, path: string, out: FoundEscalation[]): void {
  if (!isRec(metadata.annotations)) return;
  for (const [key, value] of Object.entries(metadata.annotations)) {
    if (typeof value !== 'string' || value.trim().toLowerCase() !== 'unconfined') continue;
    if (SECCOMP_ANNOTATION.test(key)) out.push({ escalation: 'seccomp', where: `${path}.annotations["${key}"]` });
    else if (APPARMOR_ANNOTATION.test(key))
      out.push({ escalation: 'appArmor', where: `${path}.annotations["${key}"]` });
  }
}
