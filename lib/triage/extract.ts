/**
 * Reads what triage needs from a diagnosis Snapshot, without further API calls: which object the alert is really
 * about (the mapped one, or a related one when it is gone), its owner chain, its events and recent error log lines.
 */
import type { CoreV1Event, KubernetesObject, V1Node, V1Pod } from '@kubernetes/client-node';
import type { NormalizedAlert, ResourceRef } from '../alerts';
import { buildContext, lookup, type ObjectRef, type Snapshot } from '../diagnose';
import { eventTime, ownerChain, podsOf } from '../diagnose/context';
import { refKey, refText } from '../diagnose/util';
import type { TriageEvent, TriageLogLines } from './types';

/** Kinds a Snapshot holds; other kinds (APIService…) cannot be looked up and are diagnosed by name only. */
const SNAPSHOT_KINDS = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Service',
  'Ingress',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'ResourceQuota',
  'Node',
  'Namespace',
  'NetworkPolicy',
]);

const STAND_INS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);

export interface ResolvedTarget {
  ref: ObjectRef;
  obj?: KubernetesObject;
  /** What was substituted and why, for the alert's warnings. */
  note?: string;
}

function plainRef(r: { kind: string; namespace?: string; name: string }): ObjectRef {
  return r.namespace ? { kind: r.kind, namespace: r.namespace, name: r.name } : { kind: r.kind, name: r.name };
}

function nodeByAddress(s: Snapshot, ip: string): V1Node | undefined {
  return s.nodes.find((n) => (n.status?.addresses ?? []).some((a) => a.address === ip));
}

/** Snapshot lists of the namespaced kinds an alert can name. */
const NAMESPACED_LISTS: Partial<Record<string, keyof Snapshot>> = {
  Pod: 'pods',
  Deployment: 'deployments',
  ReplicaSet: 'replicaSets',
  StatefulSet: 'statefulSets',
  DaemonSet: 'daemonSets',
  Job: 'jobs',
  CronJob: 'cronJobs',
  Service: 'services',
  Ingress: 'ingresses',
  PersistentVolumeClaim: 'pvcs',
  HorizontalPodAutoscaler: 'hpas',
  PodDisruptionBudget: 'pdbs',
  ResourceQuota: 'resourceQuotas',
};

/**
 * A namespaced object an alert names without a namespace label (a rule that aggregated it away, a hand-made alert):
 * the cluster-wide snapshot has it; it is taken only when exactly one object of that kind carries the name.
 */
function findAnywhere(s: Snapshot, kind: string, name: string): KubernetesObject | undefined {
  const list = NAMESPACED_LISTS[kind];
  if (!list) return undefined;
  const matches = (s[list] as KubernetesObject[]).filter((o) => o.metadata?.name === name);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * An application's own metrics name the scraped pod only by `instance` (its pod IP and port). A running pod holds its
 * IP alone; pods that finished may have left theirs to a successor, so they do not count. The alert's namespace, when
 * it has one, must match.
 */
function podByIP(s: Snapshot, ip: string, labels: Record<string, string>): V1Pod | undefined {
  const namespace = labels.exported_namespace || labels.namespace;
  return s.pods.find(
    (p) =>
      !p.spec?.hostNetwork &&
      p.status?.phase !== 'Succeeded' &&
      p.status?.phase !== 'Failed' &&
      (p.status?.podIP === ip || (p.status?.podIPs ?? []).some((x) => x.ip === ip)) &&
      (!namespace || p.metadata?.namespace === namespace),
  );
}

function find(s: Snapshot, r: ResourceRef): KubernetesObject | undefined {
  if (r.kind === 'Node' && r.nodeIP) return nodeByAddress(s, r.nodeIP) ?? lookup(s, 'Node', undefined, r.name);
  return lookup(s, r.kind, r.namespace, r.name);
}

/**
 * The mapped object when it exists, else the first related one that does (a crash-looping pod replaced by a new one
 * still has its Deployment), else the mapped ref without an object.
 */
export function resolveTarget(s: Snapshot, alert: NormalizedAlert): ResolvedTarget | undefined {
  const mapping = alert.resource;
  if (!mapping) return undefined;
  const owned = ownerOfReplicaSet(s, mapping);
  if (owned) return owned;
  const subject = find(s, mapping);
  if (subject) return { ref: refFromObject(mapping.kind, subject, mapping), obj: subject };
  const anywhere = mapping.namespace === undefined ? findAnywhere(s, mapping.kind, mapping.name) : undefined;
  if (anywhere) {
    const ref = refFromObject(mapping.kind, anywhere, mapping);
    return {
      ref,
      obj: anywhere,
      note: `the alert has no namespace label; ${refText(ref)} is the only ${mapping.kind} of that name`,
    };
  }
  const pod = mapping.kind === 'Node' && mapping.nodeIP ? podByIP(s, mapping.nodeIP, alert.labels) : undefined;
  if (pod) {
    const ref = refFromObject('Pod', pod, { name: pod.metadata?.name ?? '' });
    return { ref, obj: pod, note: `instance ${mapping.nodeIP} is no node's address but ${refText(ref)}'s` };
  }
  // only a workload that owns the missing object stands in for it (a gone pod → its Deployment); the node a PVC's
  // kubelet series came from is related, but diagnosing it instead would answer another question
  for (const r of mapping.related.filter((x) => STAND_INS.has(x.kind) && x.namespace === mapping.namespace)) {
    const obj = find(s, r);
    if (obj) {
      return {
        ref: refFromObject(r.kind, obj, r),
        obj,
        note: `${refText(plainRef(mapping))} was not found; diagnosed ${refText(refFromObject(r.kind, obj, r))} instead`,
      };
    }
  }
  // a gone pod's name still says its controller: a StatefulSet's is <name>-<ordinal>, a DaemonSet's or Job's
  // <name>-<5 random>, a CronJob's Job's <cronjob>-<minutes>-<5 random>
  if (mapping.kind === 'Pod' && mapping.namespace) {
    const namespace = mapping.namespace;
    const random = /^(.+)-[bcdfghjklmnpqrstvwxz2456789]{5}$/.exec(mapping.name)?.[1];
    const guesses: Array<[string, string | undefined]> = [
      ['StatefulSet', /^(.+)-\d+$/.exec(mapping.name)?.[1]],
      ['DaemonSet', random],
      ['Job', random],
      ['CronJob', random ? /^(.+)-\d{8,10}$/.exec(random)?.[1] : undefined],
    ];
    for (const [kind, name] of guesses) {
      const obj = name ? lookup(s, kind, namespace, name) : undefined;
      if (!obj || !name) continue;
      const ref = plainRef({ kind, namespace, name });
      return { ref, obj, note: `${refText(plainRef(mapping))} was not found; diagnosed ${refText(ref)} instead` };
    }
  }
  const known = SNAPSHOT_KINDS.has(mapping.kind);
  const namespaceGone = mapping.namespace && !s.namespaces.some((n) => n.metadata?.name === mapping.namespace);
  const note = namespaceGone
    ? `namespace "${mapping.namespace}" does not exist, so ${refText(plainRef(mapping))} cannot be found (another cluster?)`
    : known
      ? `${refText(plainRef(mapping))} was not found in the cluster (deleted, renamed, or another cluster?)`
      : undefined;
  return { ref: plainRef(mapping), ...(note ? { note } : {}) };
}

/**
 * A Deployment read off a ReplicaSet's name is a guess (an Argo Rollout or a hand-made ReplicaSet has the same shape):
 * when the cluster has the ReplicaSet, its controller owner says which object it really is.
 */
function ownerOfReplicaSet(s: Snapshot, mapping: NonNullable<NormalizedAlert['resource']>): ResolvedTarget | undefined {
  if (!mapping.via.endsWith('→Deployment')) return undefined;
  const rsRef = mapping.related.find((r) => r.kind === 'ReplicaSet');
  const rs = rsRef ? find(s, rsRef) : undefined;
  const owner = rs?.metadata?.ownerReferences?.find((o) => o.controller);
  if (!rs || !owner) return undefined;
  const namespace = rs.metadata?.namespace ?? mapping.namespace;
  const obj = lookup(s, owner.kind, namespace, owner.name);
  const ref = plainRef({ kind: owner.kind, namespace, name: owner.name });
  if (!obj) {
    // the owner is of a kind the snapshot does not hold (a Rollout): the ReplicaSet is what can be diagnosed
    if (owner.kind === mapping.kind && owner.name === mapping.name) return undefined;
    return {
      ref: refFromObject('ReplicaSet', rs, rsRef as ResourceRef),
      obj: rs,
      note: `ReplicaSet ${rs.metadata?.name} is owned by ${owner.kind} ${owner.name}; diagnosed the ReplicaSet`,
    };
  }
  const guessed = owner.kind === mapping.kind && owner.name === mapping.name;
  return guessed
    ? { ref, obj }
    : {
        ref,
        obj,
        note: `ReplicaSet ${rs.metadata?.name} belongs to ${owner.kind} ${owner.name}, not ${mapping.kind} ${mapping.name}`,
      };
}

function refFromObject(kind: string, obj: KubernetesObject, fallback: { namespace?: string; name: string }): ObjectRef {
  return plainRef({
    kind,
    namespace: obj.metadata?.namespace ?? fallback.namespace,
    name: obj.metadata?.name ?? fallback.name,
  });
}

export function ownersOf(s: Snapshot, obj: KubernetesObject | undefined): ObjectRef[] {
  return obj ? ownerChain(s, obj) : [];
}

/** Pods behind the target: itself, a workload's pods, a node's pods, a claim's pods. */
export function podsFor(s: Snapshot, target: ResolvedTarget): V1Pod[] {
  const { ref, obj } = target;
  if (!obj) return [];
  switch (ref.kind) {
    case 'Pod':
      return [obj];
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return podsOf(s, obj);
    case 'CronJob':
      return s.jobs
        .filter(
          (j) =>
            j.metadata?.namespace === ref.namespace &&
            ownerChain(s, j).some((o) => o.kind === 'CronJob' && o.name === ref.name),
        )
        .flatMap((j) => podsOf(s, j));
    case 'Node':
      return s.pods.filter((p) => p.spec?.nodeName === ref.name);
    case 'PersistentVolumeClaim':
      return s.pods.filter(
        (p) =>
          p.metadata?.namespace === ref.namespace &&
          (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === ref.name),
      );
    default:
      return [];
  }
}

function eventRow(e: CoreV1Event): TriageEvent {
  const t = eventTime(e);
  const o = e.involvedObject;
  return {
    time: t > 0 ? new Date(t).toISOString() : '',
    type: e.type ?? '',
    reason: e.reason ?? '',
    object: `${o?.kind ?? '?'}/${o?.name ?? '?'}`,
    message: (e.message ?? '').trim().replace(/\s+/g, ' ').slice(0, 500),
    count: e.count ?? e.series?.count ?? 1,
  };
}

/**
 * Events of the target, its owners and (for workloads and nodes, at most 20) its pods; also the mapped name when the
 * object is gone, since events outlive their pods for about an hour. Warnings first, then newest first.
 */
export function eventsFor(
  s: Snapshot,
  target: ResolvedTarget,
  owners: ObjectRef[],
  pods: V1Pod[],
  max: number,
): TriageEvent[] {
  const ctx = buildContext(s);
  const refs: ObjectRef[] = [
    target.ref,
    ...owners,
    ...pods
      .slice(0, 20)
      .map((p) => plainRef({ kind: 'Pod', namespace: p.metadata?.namespace, name: p.metadata?.name ?? '' })),
  ];
  const seen = new Set<string>();
  const found: CoreV1Event[] = [];
  for (const r of refs) {
    const key = refKey(r);
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(...ctx.eventsFor(r.kind, r.namespace, r.name));
  }
  return found
    .sort((a, b) => Number(b.type === 'Warning') - Number(a.type === 'Warning') || eventTime(b) - eventTime(a))
    .slice(0, Math.max(0, max))
    .map(eventRow);
}

/** Error-ish lines: plain words, structured `level` fields, Go/Java/Python crash shapes. */
const ERROR_LINE =
  /\b(error|errors|err|fatal|panic|exception|traceback|oom|out of memory|killed|failed|failure|refused|denied|timed? ?out|unavailable|crash\w*)\b|"(level|severity|lvl)"\s*:\s*"(error|err|fatal|panic|crit\w*|warn\w*)"|\b(level|lvl)=(error|err|fatal|panic|warn\w*)\b|^\s*(E\d{4}|W\d{4})\s/i;

function cut(line: string): string {
  const text = line.trim();
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** Matching lines of one log text; the last 3 lines when none match. */
function pick(text: string, max: number): { lines: string[]; kind: 'errors' | 'tail' } {
  const all = text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
  const errors = all.filter((l) => ERROR_LINE.test(l));
  if (errors.length) return { lines: errors.slice(-max).map(cut), kind: 'errors' };
  return { lines: all.slice(-Math.min(3, max)).map(cut), kind: 'tail' };
}

/**
 * Recent error lines from the logs the snapshot fetched (lib/diagnose reads them for failing pods): the previous
 * (crashed) container first, since that is where a crash's cause is. At most `max` lines over all pods.
 */
export function logLinesFor(s: Snapshot, pods: V1Pod[], container: string | undefined, max: number): TriageLogLines[] {
  const out: TriageLogLines[] = [];
  let left = max;
  for (const pod of pods) {
    const ns = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const prefix = `${ns}/${name}/`;
    for (const [key, entry] of Object.entries(s.logs)) {
      if (left <= 0) return out;
      if (!key.startsWith(prefix)) continue;
      const c = key.slice(prefix.length);
      if (container && c !== container && pods.length === 1) continue;
      for (const [previous, text] of [
        [true, entry.previous],
        [false, entry.current],
      ] as const) {
        if (left <= 0 || !text) continue;
        const picked = pick(text, Math.min(left, 8));
        if (!picked.lines.length) continue;
        // a tail adds little once error lines were found elsewhere
        if (picked.kind === 'tail' && out.some((o) => o.kind === 'errors')) continue;
        out.push({ pod: name, container: c, previous, lines: picked.lines, kind: picked.kind });
        left -= picked.lines.length;
      }
    }
  }
  return out;
}
