/**
 * Makes the result compact: pods of one owner failing the same way fold into one finding with a count, and findings
 * that name the same root cause (the pod, its Deployment, its ReplicaSet, the claim it waits on) merge into one that
 * lists the others as `related`. A model or a person then reads each cause once.
 */
import type { Evidence, Finding, ObjectRef, RootCause } from './types';
import { SEVERITY_RANK } from './types';
import { causeKey } from './render/cause-text';
import { refKey } from './util';

const MAX_RELATED = 20;
const MAX_EVIDENCE = 15;
const MAX_COMMANDS = 8;

/** Which member of a merged group speaks for it: the one closest to the cause with the most specific evidence. */
const KIND_RANK = [
  'PersistentVolumeClaim',
  'Pod',
  'Job',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'CronJob',
];

/**
 * Analyzers that report a cause (a probe on the wrong port, a missing reference, a policy) rather than a state
 * (replicas unavailable): between otherwise equal members their finding says more, so it speaks for the group.
 */
const CAUSE_ANALYZERS = new Set([
  'Probe',
  'References',
  'NetworkPolicy',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'Storage',
  'ConfigMap',
]);

function causeRank(f: Finding): number {
  return CAUSE_ANALYZERS.has(f.analyzer) ? 0 : 1;
}

function kindRank(kind: string): number {
  const i = KIND_RANK.indexOf(kind);
  return i < 0 ? KIND_RANK.length : i;
}

function selfRef(f: Finding): ObjectRef {
  return f.namespace ? { kind: f.kind, namespace: f.namespace, name: f.name } : { kind: f.kind, name: f.name };
}

function foldKey(f: Finding): string | undefined {
  if (f.kind !== 'Pod' || !f.owner) return undefined;
  // The code and its identity facts name the container and the failure; other facts (a log line) may differ
  // between pods of the same owner without being a different problem.
  const head = f.rootCause ? causeKey(f.rootCause) : f.message.split(f.name).join('*');
  return [f.analyzer, refKey(f.owner), f.reason, f.severity, head].join('|');
}

export function foldPods(findings: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const out: (Finding | string)[] = [];
  for (const f of findings) {
    const k = foldKey(f);
    if (!k) {
      out.push(f);
      continue;
    }
    const g = groups.get(k);
    if (g) g.push(f);
    else {
      groups.set(k, [f]);
      out.push(k);
    }
  }
  return out.map((x) => {
    if (typeof x !== 'string') return x;
    const g = groups.get(x) as Finding[];
    if (g.length === 1) return g[0];
    const first = g[0];
    const owner = first.owner as ObjectRef;
    return {
      ...first,
      count: g.reduce((n, f) => n + (f.count ?? 1), 0),
      message: `${g.length} pods of ${owner.kind} ${owner.name} fail the same way. ${first.message}`,
      related: [...(first.related ?? []), ...g.slice(1).map(selfRef)].slice(0, MAX_RELATED),
    };
  });
}

function mergeGroup(g: Finding[]): Finding {
  const sorted = [...g].sort((a, b) => {
    const sev = SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];
    if (sev) return sev;
    // A finding about the root-cause object itself (a Node, a StorageClass) speaks for the rest.
    const selfA = a.rootCause && refKey(a.rootCause.object) === refKey(selfRef(a)) ? 0 : 1;
    const selfB = b.rootCause && refKey(b.rootCause.object) === refKey(selfRef(b)) ? 0 : 1;
    return selfA - selfB || kindRank(a.kind) - kindRank(b.kind) || causeRank(a) - causeRank(b);
  });
  const primary = sorted[0];
  const seenEvidence = new Set<string>();
  const evidence: Evidence[] = [];
  for (const f of sorted)
    for (const e of f.evidence) {
      const k = `${e.source}|${e.text}`;
      if (seenEvidence.has(k) || evidence.length >= MAX_EVIDENCE) continue;
      seenEvidence.add(k);
      evidence.push(e);
    }
  const primaryKey = refKey(selfRef(primary));
  const related = new Map<string, ObjectRef>();
  for (const f of sorted)
    for (const r of [selfRef(f), ...(f.related ?? [])]) {
      const k = refKey(r);
      if (k !== primaryKey && !related.has(k) && related.size < MAX_RELATED) related.set(k, r);
    }
  const commands = [...new Set(sorted.flatMap((f) => f.commands ?? []))].slice(0, MAX_COMMANDS);
  return {
    ...primary,
    evidence,
    commands,
    count: sorted.reduce((n, f) => n + (f.count ?? 1), 0),
    ...(related.size ? { related: [...related.values()] } : {}),
  };
}

/**
 * Kinds whose finding is a capability of its own that a failing dependency takes away, not one more view of the
 * failing thing: an HPA that cannot read metrics stops autoscaling its target while metrics-server's pods are down.
 * Merged into the metrics-server pod's finding it would vanish from its namespace (its score, a scoped report) and
 * read as a kube-system problem only; it keeps its own row, keyed on (its object, the cause).
 */
const OWN_ROW_KINDS = new Set(['HorizontalPodAutoscaler']);

/** The group a finding merges into: its root cause's (object, code, identity facts), and its own object for OWN_ROW_KINDS. */
function mergeKey(f: Finding & { rootCause: RootCause }): string {
  const k = causeKey(f.rootCause);
  return OWN_ROW_KINDS.has(f.kind) ? `${k}|for ${refKey(selfRef(f))}` : k;
}

export function mergeByRootCause(findings: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const order: (Finding | string)[] = [];
  for (const f of findings) {
    if (!f.rootCause || f.severity === 'info') {
      order.push(f);
      continue;
    }
    const k = mergeKey(f as Finding & { rootCause: RootCause });
    const g = groups.get(k);
    if (g) g.push(f);
    else {
      groups.set(k, [f]);
      order.push(k);
    }
  }
  return order.map((x) => {
    if (typeof x !== 'string') return x;
    const g = groups.get(x) as Finding[];
    return g.length === 1 ? g[0] : mergeGroup(g);
  });
}

/** Severity, then findings that name a root cause, then how many objects they stand for. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      (b.rootCause ? 1 : 0) - (a.rootCause ? 1 : 0) ||
      (b.count ?? 1) - (a.count ?? 1) ||
      kindRank(a.kind) - kindRank(b.kind) ||
      (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
      a.name.localeCompare(b.name),
  );
}
