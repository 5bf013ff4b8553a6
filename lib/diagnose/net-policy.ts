/**
 * NetworkPolicy semantics, evaluated for one connection (source workload → destination workload, port, protocol):
 * a pod is isolated in a direction once any policy selecting it lists that type; then traffic passes only if some
 * rule of those policies admits the peer and the port. Peers combine namespaceSelector AND podSelector; a podSelector
 * alone means the policy's own namespace; ports compare with the destination pod's port (after Service DNAT).
 */
import type {
  V1NetworkPolicy,
  V1NetworkPolicyIngressRule,
  V1NetworkPolicyPeer,
  V1NetworkPolicyPort,
} from '@kubernetes/client-node';
import type { DeclaredPort } from './ports';
import { normalizePort } from './ports';
import { matchesSelector } from './selectors';
import type { AnalyzerContext } from './types';

export type Direction = 'Ingress' | 'Egress';

/** A workload as the policy engine sees it: namespace, labels, maybe an IP, its declared ports. */
export interface Endpoint {
  namespace: string;
  labels: Record<string, string>;
  ip?: string;
  ports: DeclaredPort[];
}

/** client-node's typed reads rename `from` to `_from`; plain JSON (fixtures, generic reads) keeps `from`. */
function fromPeers(r: V1NetworkPolicyIngressRule): V1NetworkPolicyPeer[] | undefined {
  return r._from ?? (r as { from?: V1NetworkPolicyPeer[] }).from;
}

interface Rule {
  peers?: V1NetworkPolicyPeer[];
  ports?: V1NetworkPolicyPort[];
}

export function rulesOf(p: V1NetworkPolicy, dir: Direction): Rule[] {
  return dir === 'Ingress'
    ? (p.spec?.ingress ?? []).map((r) => ({ peers: fromPeers(r), ports: r.ports }))
    : (p.spec?.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
}

export function policyTypes(p: V1NetworkPolicy): Direction[] {
  const declared = p.spec?.policyTypes as Direction[] | undefined;
  if (declared && declared.length) return declared;
  // Without policyTypes the API server assumes Ingress, plus Egress when egress rules are present.
  return p.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

export function namespaceLabels(ctx: AnalyzerContext, namespace: string): Record<string, string> {
  const ns = ctx.snapshot.namespaces.find((n) => n.metadata?.name === namespace);
  // Since 1.21 every namespace carries this label even when the snapshot did not list Namespaces.
  return { 'kubernetes.io/metadata.name': namespace, ...(ns?.metadata?.labels ?? {}) };
}

function policiesIn(ctx: AnalyzerContext, namespace: string): V1NetworkPolicy[] {
  const m = ctx.memo('net-policy.byNamespace', () => {
    const out = new Map<string, V1NetworkPolicy[]>();
    for (const p of ctx.snapshot.networkPolicies) {
      const k = p.metadata?.namespace ?? '';
      const arr = out.get(k);
      if (arr) arr.push(p);
      else out.set(k, [p]);
    }
    return out;
  });
  return m.get(namespace) ?? [];
}

export function policiesSelecting(ctx: AnalyzerContext, ep: Endpoint, dir: Direction): V1NetworkPolicy[] {
  return policiesIn(ctx, ep.namespace).filter(
    (p) => policyTypes(p).includes(dir) && matchesSelector(ep.labels, p.spec?.podSelector ?? {}),
  );
}

function ipv4(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((x) => x > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function inCidr(ip: string, cidr: string): boolean | undefined {
  const [base, bitsText] = cidr.split('/');
  const a = ipv4(ip);
  const b = ipv4(base);
  if (a === undefined || b === undefined) return undefined;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (bits === 0) return true;
  const mask = (~0 << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

/** `undefined` when it cannot be decided (an ipBlock and a peer whose IP we do not know). */
export function peerMatches(
  ctx: AnalyzerContext,
  peer: V1NetworkPolicyPeer,
  policyNs: string,
  other: Endpoint,
): boolean | undefined {
  if (peer.ipBlock) {
    if (peer.ipBlock.cidr === '0.0.0.0/0' && !(peer.ipBlock.except ?? []).length) return true;
    if (!other.ip) return undefined;
    const inside = inCidr(other.ip, peer.ipBlock.cidr);
    if (inside === undefined) return undefined;
    return inside && !(peer.ipBlock.except ?? []).some((e) => inCidr(other.ip ?? '', e));
  }
  const nsOk = peer.namespaceSelector
    ? matchesSelector(namespaceLabels(ctx, other.namespace), peer.namespaceSelector)
    : other.namespace === policyNs;
  if (!nsOk) return false;
  return peer.podSelector ? matchesSelector(other.labels, peer.podSelector) : true;
}

export function portMatches(
  ports: V1NetworkPolicyPort[] | undefined,
  port: number,
  protocol: string,
  destination: Endpoint,
): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    const want = normalizePort(p.port);
    if (want === undefined) return true;
    if (typeof want === 'string')
      return destination.ports.some((d) => d.name === want && d.port === port && d.protocol === protocol);
    return p.endPort ? port >= want && port <= p.endPort : port === want;
  });
}

export interface Verdict {
  /** some policy selects the pod for this direction */
  isolated: boolean;
  allowed: boolean;
  /** the policies that isolate the pod in this direction */
  policies: V1NetworkPolicy[];
  /** true when an ipBlock rule could not be evaluated (unknown IP); callers should not report a block then */
  uncertain: boolean;
}

/** Can `from` open a connection to `to` on `port`/`protocol`? Evaluated for one direction at one end. */
export function verdict(
  ctx: AnalyzerContext,
  dir: Direction,
  from: Endpoint,
  to: Endpoint,
  port: number,
  protocol: string,
): Verdict {
  const self = dir === 'Ingress' ? to : from;
  const peer = dir === 'Ingress' ? from : to;
  const policies = policiesSelecting(ctx, self, dir);
  if (policies.length === 0) return { isolated: false, allowed: true, policies, uncertain: false };
  let uncertain = false;
  for (const p of policies) {
    const rules = rulesOf(p, dir);
    for (const r of rules) {
      if (!portMatches(r.ports, port, protocol, to)) continue;
      if (!r.peers || r.peers.length === 0) return { isolated: true, allowed: true, policies, uncertain: false };
      for (const pr of r.peers) {
        const m = peerMatches(ctx, pr, p.metadata?.namespace ?? '', peer);
        if (m === true) return { isolated: true, allowed: true, policies, uncertain: false };
        if (m === undefined) uncertain = true;
      }
    }
  }
  return { isolated: true, allowed: false, policies, uncertain };
}

/** The one policy a finding is filed under: the first by name, so repeated runs agree. */
export function blamed(policies: V1NetworkPolicy[]): V1NetworkPolicy {
  return [...policies].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))[0];
}

export function rulesSummary(p: V1NetworkPolicy, dir: Direction): string {
  const rules = rulesOf(p, dir);
  if (rules.length === 0) return `no ${dir.toLowerCase()} rules (deny all)`;
  return rules
    .map((r) => {
      const peers = (r.peers ?? []).map(peerText).join(' | ') || 'anywhere';
      const ports =
        (r.ports ?? [])
          .map((x) => `${x.port ?? '*'}${x.endPort ? `-${x.endPort}` : ''}/${x.protocol ?? 'TCP'}`)
          .join(',') || 'all ports';
      return `${dir === 'Ingress' ? 'from' : 'to'} ${peers} on ${ports}`;
    })
    .join('; ');
}

function peerText(peer: V1NetworkPolicyPeer): string {
  if (peer.ipBlock) return `ipBlock ${peer.ipBlock.cidr}`;
  const ns = peer.namespaceSelector
    ? `ns{${Object.entries(peer.namespaceSelector.matchLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',')}}`
    : '';
  const pod = peer.podSelector
    ? `pods{${Object.entries(peer.podSelector.matchLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',')}}`
    : '';
  return [ns, pod].filter(Boolean).join(' ') || 'all';
}
