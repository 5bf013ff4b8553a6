/**
 * What the NetworkPolicies block, evaluated once per snapshot: DNS egress to kube-dns, and the Services each
 * workload calls (read from its env and logs). The NetworkPolicy analyzer reports these findings; explain/connect.ts
 * reads which workload each one cuts off, so a pod that logs timeouts to a blocked Service ends at the same policy.
 */
import { cause } from './cause';
import type { V1NetworkPolicy, V1Service } from '@kubernetes/client-node';
import { CONNECT_FAILURE, DNS_FAILURE, logLinesMatching, serviceCalls, type ServiceCall } from './callers';
import { blamed, rulesSummary, verdict, type Direction, type Endpoint } from './net-policy';
import { podSpecHolders, type PodSpecHolder } from './pod-specs';
import { podPorts, resolvePort } from './ports';
import { matchesMap } from './selectors';
import type { AnalyzerContext, Evidence, Finding } from './types';
import { nsFlag, ref, refText } from './util';

/** A Service call a policy drops, with the finding that reports it. */
export interface BlockedCall {
  service: V1Service;
  finding: Finding;
}

export interface PolicyBlocks {
  findings: Finding[];
  /** workload → the finding about the policy that drops its DNS lookups */
  dns: Map<PodSpecHolder, Finding>;
  /** workload → the Service calls policies drop */
  calls: Map<PodSpecHolder, BlockedCall[]>;
}

export function policyBlocks(ctx: AnalyzerContext): PolicyBlocks {
  return ctx.memo('net-blocks.policyBlocks', () => computeBlocks(ctx));
}

function computeBlocks(ctx: AnalyzerContext): PolicyBlocks {
  const dns = new Map<PodSpecHolder, Finding>();
  const calls = new Map<PodSpecHolder, BlockedCall[]>();
  let findings: Finding[] = [];
  if (ctx.snapshot.networkPolicies.length) {
    const holders = podSpecHolders(ctx);
    findings = [...dnsFindings(ctx, holders, dns), ...policyFindings(ctx, callerBlocks(ctx, holders), calls)];
  }
  return { findings, dns, calls };
}

const HASH_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'batch.kubernetes.io/controller-uid',
  'controller-uid',
  'batch.kubernetes.io/job-name',
  'job-name',
  'pod-template-generation',
  'apps.kubernetes.io/pod-index',
]);

function endpointOf(h: PodSpecHolder): Endpoint {
  return {
    namespace: h.ref.namespace ?? '',
    labels: h.labels,
    ip: h.pods.find((p) => p.status?.podIP)?.status?.podIP,
    ports: podPorts(h.spec),
  };
}

/** Labels that identify a workload's pods across rollouts (no hashes): what a rule should select. */
function stableLabels(h: PodSpecHolder): Record<string, string> {
  return Object.fromEntries(Object.entries(h.labels).filter(([k]) => !HASH_LABELS.has(k)));
}

export function pNs(p: V1NetworkPolicy): string {
  return p.metadata?.namespace ?? '';
}

function addRuleCommand(p: V1NetworkPolicy, dir: Direction, rule: object): string {
  const field = dir === 'Ingress' ? 'ingress' : 'egress';
  const has = dir === 'Ingress' ? p.spec?.ingress !== undefined : p.spec?.egress !== undefined;
  const op = has
    ? { op: 'add', path: `/spec/${field}/-`, value: rule }
    : { op: 'add', path: `/spec/${field}`, value: [rule] };
  return `kubectl${nsFlag(pNs(p))} patch networkpolicy ${p.metadata?.name} --type=json -p '${JSON.stringify([op])}'`;
}

/** kube-dns as listed, or as every cluster labels it when kube-system was not read. */
function dnsEndpoints(ctx: AnalyzerContext): Endpoint[] {
  const pods = ctx.snapshot.pods.filter(
    (p) =>
      p.metadata?.namespace === 'kube-system' &&
      (p.metadata?.labels?.['k8s-app'] === 'kube-dns' || p.metadata?.labels?.['k8s-app'] === 'coredns'),
  );
  if (pods.length)
    return [
      {
        namespace: 'kube-system',
        labels: pods[0].metadata?.labels ?? {},
        ip: pods[0].status?.podIP,
        ports: podPorts(pods[0].spec),
      },
    ];
  return [
    {
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns' },
      ports: [
        { container: 'coredns', name: 'dns', port: 53, protocol: 'UDP' },
        { container: 'coredns', name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    },
  ];
}

/** The policy to fix: one that already tries to allow DNS (port 53), else the namespace-wide default deny. */
function dnsCulprit(policies: V1NetworkPolicy[]): V1NetworkPolicy {
  const triesDns = policies.filter((p) =>
    (p.spec?.egress ?? []).some((r) => (r.ports ?? []).some((x) => String(x.port) === '53' || x.port === 'dns')),
  );
  if (triesDns.length) return blamed(triesDns);
  const nsWide = policies.filter(
    (p) =>
      Object.keys(p.spec?.podSelector?.matchLabels ?? {}).length === 0 &&
      !(p.spec?.podSelector?.matchExpressions ?? []).length,
  );
  return blamed(nsWide.length ? nsWide : policies);
}

function dnsFindings(ctx: AnalyzerContext, holders: PodSpecHolder[], byClient: Map<PodSpecHolder, Finding>): Finding[] {
  const dns = dnsEndpoints(ctx)[0];
  const groups = new Map<
    string,
    { policy: V1NetworkPolicy; others: V1NetworkPolicy[]; holders: PodSpecHolder[]; tcp: boolean }
  >();
  for (const h of holders) {
    if (h.spec.hostNetwork || h.ref.namespace === 'kube-system') continue;
    const ep = endpointOf(h);
    const udp = verdict(ctx, 'Egress', ep, dns, 53, 'UDP');
    if (!udp.isolated || udp.allowed || udp.uncertain) continue;
    const tcp = verdict(ctx, 'Egress', ep, dns, 53, 'TCP');
    const p = dnsCulprit(udp.policies);
    const k = `${pNs(p)}/${p.metadata?.name}`;
    const g = groups.get(k);
    if (g) g.holders.push(h);
    else groups.set(k, { policy: p, others: udp.policies.filter((x) => x !== p), holders: [h], tcp: tcp.allowed });
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    const p = g.policy;
    const ns = pNs(p);
    const pRef = ref('NetworkPolicy', p);
    const who = g.holders.map((h) => refText(h.ref));
    const evidence: Evidence[] = [
      {
        source: 'field',
        object: pRef,
        text: `policyTypes: ${(p.spec?.policyTypes ?? []).join(',') || 'implicit'}; egress: ${rulesSummary(p, 'Egress')}`,
      },
    ];
    for (const h of g.holders) {
      for (const line of logLinesMatching(ctx, h, DNS_FAILURE, 1))
        evidence.push({ source: 'log', object: h.pods[0] ? ref('Pod', h.pods[0]) : h.ref, text: line });
      if (evidence.length >= 3) break;
    }
    const gap = g.tcp
      ? 'allows TCP 53 but not UDP 53 (a port without protocol means TCP)'
      : 'allows no DNS traffic (UDP/TCP 53 to kube-dns in kube-system)';
    const rule = {
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        },
      ],
      ports: [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    };
    const f: Finding = {
      severity: 'critical',
      analyzer: 'NetworkPolicy',
      kind: 'NetworkPolicy',
      namespace: ns,
      name: p.metadata?.name ?? '',
      reason: 'NetworkPolicyBlocksDNS',
      message: `NetworkPolicy ${ns}/${p.metadata?.name} restricts egress of ${who.slice(0, 3).join(', ')}${who.length > 3 ? ` and ${who.length - 3} more` : ''} and ${gap}${g.others.length ? ` (nor do ${g.others.map((o) => o.metadata?.name).join(', ')})` : ''}: every name lookup times out.`,
      evidence,
      rootCause: cause(pRef, 'DNSEgressBlocked', { gap }),
      suggestion: `Add an egress rule to ${p.metadata?.name} allowing UDP and TCP 53 to kube-dns in kube-system.`,
      commands: [`kubectl${nsFlag(ns)} describe networkpolicy ${p.metadata?.name}`, addRuleCommand(p, 'Egress', rule)],
      count: g.holders.length,
    };
    out.push(f);
    for (const h of g.holders) byClient.set(h, f);
  }
  return out;
}

interface Block {
  dir: Direction;
  policy: V1NetworkPolicy;
  service: V1Service;
  port: number;
  protocol: string;
  server: PodSpecHolder;
  clients: { h: PodSpecHolder; call: ServiceCall }[];
}

/** Target ports (on the server pods) a call can reach: the named Service port, or all of them. */
function targetPorts(svc: V1Service, call: ServiceCall, server: PodSpecHolder): { port: number; protocol: string }[] {
  const ports = svc.spec?.ports ?? [];
  const chosen =
    call.port !== undefined ? ports.filter((p) => p.port === call.port || p.targetPort === call.port) : ports;
  const out: { port: number; protocol: string }[] = [];
  for (const sp of chosen.length ? chosen : ports) {
    const r = resolvePort(podPorts(server.spec), sp.targetPort ?? sp.port, sp.protocol ?? 'TCP');
    if (r?.ok) out.push({ port: r.port, protocol: sp.protocol ?? 'TCP' });
  }
  return out;
}

function callerBlocks(ctx: AnalyzerContext, holders: PodSpecHolder[]): Block[] {
  const blocks = new Map<string, Block>();
  const holdersByNs = new Map<string, PodSpecHolder[]>();
  for (const h of holders) {
    const k = h.ref.namespace ?? '';
    const arr = holdersByNs.get(k);
    if (arr) arr.push(h);
    else holdersByNs.set(k, [h]);
  }
  for (const client of holders) {
    if (client.spec.hostNetwork) continue;
    for (const call of serviceCalls(ctx, client)) {
      const svc = call.service;
      const sel = svc.spec?.selector;
      if (!sel || !Object.keys(sel).length) continue;
      const servers = (holdersByNs.get(svc.metadata?.namespace ?? '') ?? []).filter(
        (h) => matchesMap(h.labels, sel) && !h.spec.hostNetwork,
      );
      for (const server of servers) {
        const ports = targetPorts(svc, call, server);
        if (!ports.length) continue;
        const from = endpointOf(client);
        const to = endpointOf(server);
        const verdicts = ports.map((pt) => ({
          pt,
          ing: verdict(ctx, 'Ingress', from, to, pt.port, pt.protocol),
          eg: verdict(ctx, 'Egress', from, to, pt.port, pt.protocol),
        }));
        if (verdicts.some((v) => v.ing.allowed && v.eg.allowed)) continue;
        const v = verdicts[0];
        for (const [dir, ver] of [
          ['Ingress', v.ing],
          ['Egress', v.eg],
        ] as const) {
          if (ver.allowed || ver.uncertain) continue;
          const policy = blamed(ver.policies);
          const k = `${dir}/${pNs(policy)}/${policy.metadata?.name}/${svc.metadata?.namespace}/${svc.metadata?.name}`;
          const b = blocks.get(k);
          if (b) {
            if (!b.clients.some((c) => c.h === client)) b.clients.push({ h: client, call });
          } else {
            blocks.set(k, {
              dir,
              policy,
              service: svc,
              port: v.pt.port,
              protocol: v.pt.protocol,
              server,
              clients: [{ h: client, call }],
            });
          }
        }
      }
    }
  }
  return [...blocks.values()];
}

function blockFinding(ctx: AnalyzerContext, b: Block): Finding {
  const p = b.policy;
  const ns = pNs(p);
  const pRef = ref('NetworkPolicy', p);
  const svcText = `Service ${b.service.metadata?.namespace}/${b.service.metadata?.name}`;
  const portText = `${b.port}/${b.protocol}`;
  const clients = b.clients.map((c) => refText(c.h.ref));
  const evidence: Evidence[] = [
    { source: 'field', object: pRef, text: `${b.dir.toLowerCase()}: ${rulesSummary(p, b.dir)}` },
  ];
  let failing = false;
  for (const c of b.clients) {
    evidence.push({ source: c.call.fromLog ? 'log' : 'field', object: c.h.ref, text: c.call.source });
    const fails = logLinesMatching(ctx, c.h, CONNECT_FAILURE, 1);
    for (const line of fails)
      if (!evidence.some((e) => e.text === line))
        evidence.push({ source: 'log', object: c.h.pods[0] ? ref('Pod', c.h.pods[0]) : c.h.ref, text: line });
    failing ||= fails.length > 0;
    if (evidence.length >= 4) break;
  }
  const first = b.clients[0].h;
  const clientLabels = stableLabels(first);
  const sameNs = first.ref.namespace === ns;
  const peer =
    b.dir === 'Ingress'
      ? {
          ...(sameNs
            ? {}
            : { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': first.ref.namespace } } }),
          podSelector: { matchLabels: clientLabels },
        }
      : {
          ...(b.server.ref.namespace === ns
            ? {}
            : { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': b.server.ref.namespace } } }),
          podSelector: { matchLabels: stableLabels(b.server) },
        };
  const rule =
    b.dir === 'Ingress'
      ? { from: [peer], ports: [{ protocol: b.protocol, port: b.port }] }
      : { to: [peer], ports: [{ protocol: b.protocol, port: b.port }] };
  const message =
    b.dir === 'Ingress'
      ? `NetworkPolicy ${ns}/${p.metadata?.name} isolates the pods behind ${svcText} (${refText(b.server.ref)}) but does not admit ${clients.join(', ')}, which call${clients.length > 1 ? '' : 's'} it on port ${portText}; those connections are dropped.`
      : `NetworkPolicy ${ns}/${p.metadata?.name} restricts egress of ${clients.join(', ')} and does not allow ${clients.length > 1 ? 'their' : 'its'} calls to ${svcText} (${refText(b.server.ref)}) on port ${portText}; those connections are dropped.`;
  return {
    severity: failing ? 'critical' : 'warning',
    analyzer: 'NetworkPolicy',
    kind: 'NetworkPolicy',
    namespace: ns,
    name: p.metadata?.name ?? '',
    reason: b.dir === 'Ingress' ? 'NetworkPolicyBlocksCaller' : 'NetworkPolicyBlocksEgress',
    message,
    evidence,
    rootCause:
      b.dir === 'Ingress'
        ? cause(pRef, 'IngressNotAdmitted', { client: clients[0], port: portText }, evidence[0])
        : cause(pRef, 'EgressNotAllowed', { client: clients[0], service: svcText, port: portText }, evidence[0]),
    suggestion: `Add a rule to ${p.metadata?.name} that ${b.dir === 'Ingress' ? `admits ${clients[0]}` : `lets ${clients[0]} reach ${refText(b.server.ref)}`} on ${portText}, or fix the labels the existing rules expect.`,
    commands: [`kubectl${nsFlag(ns)} describe networkpolicy ${p.metadata?.name}`, addRuleCommand(p, b.dir, rule)],
    count: b.clients.length,
  };
}

/**
 * One finding per policy and direction: a namespace-wide default deny that cuts twenty callers is one cause, not
 * twenty. The connection with failures in its logs leads; the others are listed.
 */
function policyFindings(ctx: AnalyzerContext, blocks: Block[], calls: Map<PodSpecHolder, BlockedCall[]>): Finding[] {
  const groups = new Map<string, Block[]>();
  for (const b of blocks) {
    const k = `${b.dir}/${pNs(b.policy)}/${b.policy.metadata?.name}`;
    const g = groups.get(k);
    if (g) g.push(b);
    else groups.set(k, [b]);
  }
  const out: Finding[] = [];
  const record = (g: Block[], f: Finding): void => {
    out.push(f);
    for (const b of g)
      for (const c of b.clients) {
        const arr = calls.get(c.h);
        if (arr) arr.push({ service: b.service, finding: f });
        else calls.set(c.h, [{ service: b.service, finding: f }]);
      }
  };
  for (const g of groups.values()) {
    const single = g
      .map((b) => blockFinding(ctx, b))
      .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1));
    if (single.length === 1) {
      record(g, single[0]);
      continue;
    }
    const lead = single[0];
    const conns = g.map(
      (b) =>
        `${b.clients.map((c) => refText(c.h.ref)).join(', ')} → Service ${b.service.metadata?.namespace}/${b.service.metadata?.name} (${b.port}/${b.protocol})`,
    );
    const p = g[0].policy;
    record(g, {
      ...lead,
      message: `NetworkPolicy ${pNs(p)}/${p.metadata?.name} drops ${conns.length} connections its ${g[0].dir.toLowerCase()} rules do not allow: ${conns.slice(0, 3).join('; ')}${conns.length > 3 ? `; and ${conns.length - 3} more` : ''}.`,
      evidence: [...lead.evidence, ...single.slice(1).flatMap((f) => f.evidence.slice(1, 2))].slice(0, 6),
      rootCause: cause(
        ref('NetworkPolicy', p),
        'PolicyDropsConnections',
        {
          direction: g[0].dir.toLowerCase(),
          connections: conns.length,
          client: lead.rootCause?.facts.client,
          service: lead.rootCause?.facts.service,
          port: lead.rootCause?.facts.port,
        },
        lead.rootCause?.evidence,
      ),
      count: single.reduce((n, f) => n + (f.count ?? 1), 0),
    });
  }
  return out;
}
