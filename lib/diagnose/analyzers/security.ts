/**
 * Security (optional, info, k8sgpt parity): risky pod settings per workload template — privileged or root
 * containers, host namespaces and hostPath, added capabilities, the default ServiceAccount with its token mounted.
 * One finding per workload listing everything, so 30 replicas do not make 30 lines.
 */
import { cause } from '../cause';
import type { V1Container, V1ServiceAccount } from '@kubernetes/client-node';
import { lookup } from '../context';
import { podSpecHolders, type PodSpecHolder } from '../pod-specs';
import type { Analyzer, AnalyzerContext, Finding } from '../types';
import { nsFlag } from '../util';

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);
/** The risk a finding leads with: the one that hands over the node first. */
const PRIORITY = [/is privileged/, /adds capabilities/, /hostPath/, /host PID|host network|host IPC/, /runs as root/];
const DANGEROUS_CAPS = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'DAC_READ_SEARCH',
  'NET_RAW',
]);

function containerIssues(
  c: V1Container,
  podRunAsNonRoot: boolean | undefined,
  podRunAsUser: number | undefined,
): string[] {
  const out: string[] = [];
  const sc = c.securityContext ?? {};
  if (sc.privileged) out.push(`container ${c.name} is privileged`);
  const user = sc.runAsUser ?? podRunAsUser;
  const nonRoot = sc.runAsNonRoot ?? podRunAsNonRoot;
  if (user === 0) out.push(`container ${c.name} runs as root (runAsUser 0)`);
  else if (user === undefined && !nonRoot) out.push(`container ${c.name} may run as root (no runAsNonRoot/runAsUser)`);
  if (sc.allowPrivilegeEscalation === true) out.push(`container ${c.name} allows privilege escalation`);
  const caps = (sc.capabilities?.add ?? []).filter((x) => DANGEROUS_CAPS.has(x.replace(/^CAP_/, '')));
  if (caps.length) out.push(`container ${c.name} adds capabilities ${caps.join(', ')}`);
  return out;
}

function holderIssues(ctx: AnalyzerContext, h: PodSpecHolder): string[] {
  const spec = h.spec;
  const out: string[] = [];
  if (spec.hostNetwork) out.push('uses the host network');
  if (spec.hostPID) out.push('shares the host PID namespace');
  if (spec.hostIPC) out.push('shares the host IPC namespace');
  for (const v of spec.volumes ?? []) if (v.hostPath) out.push(`mounts hostPath ${v.hostPath.path} (volume ${v.name})`);
  const psc = spec.securityContext ?? {};
  for (const c of [...(spec.initContainers ?? []), ...spec.containers])
    out.push(...containerIssues(c, psc.runAsNonRoot, psc.runAsUser));
  const saName = spec.serviceAccountName || spec.serviceAccount || 'default';
  if (saName === 'default') {
    const sa = lookup<V1ServiceAccount>(ctx.snapshot, 'ServiceAccount', h.ref.namespace, 'default');
    const automount = spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true;
    if (automount) out.push('runs as the default ServiceAccount with its API token mounted');
  }
  return out;
}

export const securityAnalyzer: Analyzer = {
  name: 'Security',
  default: false,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const h of podSpecHolders(ctx)) {
      const ns = h.ref.namespace;
      if (SYSTEM_NAMESPACES.has(ns ?? '')) continue;
      const issues = holderIssues(ctx, h);
      if (!issues.length) continue;
      const top = PRIORITY.map((re) => issues.find((i) => re.test(i))).find(Boolean) ?? issues[0];
      out.push({
        severity: 'info',
        analyzer: 'Security',
        kind: h.ref.kind,
        namespace: ns,
        name: h.ref.name,
        reason: 'PodSecurityRisk',
        message: `${h.ref.kind} ${ns}/${h.ref.name}: ${issues.length} security risk${issues.length > 1 ? 's' : ''} — ${[top, ...issues.filter((i) => i !== top)].slice(0, 3).join('; ')}${issues.length > 3 ? '; …' : ''}.`,
        evidence: issues.map((text) => ({ source: 'field' as const, object: h.ref, text })),
        rootCause: cause(h.ref, 'SecurityRisk', { issue: top }),
        suggestion:
          'Set runAsNonRoot: true and a non-zero runAsUser, drop privileged and added capabilities, avoid host namespaces and hostPath, and use a dedicated ServiceAccount (automountServiceAccountToken: false when the app does not call the API).',
        commands: [`kubectl${nsFlag(ns)} get ${h.ref.kind.toLowerCase()} ${h.ref.name} -o yaml`],
      });
    }
    return out;
  },
};
