/**
 * The scheduler's FailedScheduling message (and the PodScheduled=False condition that carries it), as the
 * framework builds it: "0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient
 * memory. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling."
 *
 * The head is `FitError.Error()` (pkg/scheduler/framework/types.go): "<n>/<total> nodes are available: " followed by
 * "<count> <reason>" items sorted by text and joined with ", ", then ".". Each reason is a plugin's status string;
 * the codes below follow the plugins that write them (tainttoleration, nodeaffinity, interpodaffinity,
 * podtopologyspread, volumebinding, volumezone, volumerestrictions, nodevolumelimits, noderesources, nodeports,
 * nodeunschedulable, nodename). What follows "preemption:" is the post-filter's verdict, kept apart.
 */

export type SchedulingCode =
  | 'UntoleratedTaint'
  | 'NodeAffinityMismatch'
  | 'EnforcedNodeAffinityMismatch'
  | 'PodAffinityMismatch'
  | 'PodAntiAffinityMismatch'
  | 'ExistingPodAntiAffinity'
  | 'TopologySpreadMismatch'
  | 'VolumeNodeAffinityConflict'
  | 'VolumeZoneConflict'
  | 'NoPersistentVolumeToBind'
  | 'NotEnoughFreeStorage'
  | 'BoundToMissingPV'
  | 'UnboundImmediatePVC'
  | 'PVCNotFound'
  | 'VolumeLimitExceeded'
  | 'DiskConflict'
  | 'ReadWriteOncePodConflict'
  | 'InsufficientResource'
  | 'TooManyPods'
  | 'NodeUnschedulable'
  | 'NoFreePorts'
  | 'NodeNameMismatch'
  | 'NoNodes'
  | 'Other';

export interface SchedulingReason {
  /** how many nodes gave this reason; absent when the message is a single pod-level reason */
  count?: number;
  code: SchedulingCode;
  /** the reason as the scheduler wrote it, without its count */
  text: string;
  /** UntoleratedTaint: the taint as printed, `{key: value}`; absent when the scheduler hid it ("taint(s)") */
  taint?: { key: string; value: string };
  /** InsufficientResource: "cpu", "memory", "pods", "ephemeral-storage", "nvidia.com/gpu" … */
  resource?: string;
  /** PVCNotFound: the claim's name */
  claim?: string;
  /** TopologySpreadMismatch: the nodes lack the constraint's topologyKey label */
  missingLabel?: boolean;
}

export interface SchedulingMessage {
  /** nodes that fit; 0 in every FailedScheduling */
  available?: number;
  totalNodes?: number;
  reasons: SchedulingReason[];
  /** the preemption verdict's items ("5 Preemption is not helpful for scheduling"), when present */
  preemption?: { count?: number; text: string }[];
}

interface Rule {
  re: RegExp;
  code: SchedulingCode;
  facts?: (m: RegExpExecArray) => Partial<SchedulingReason>;
}

/** Most specific first; every pattern is anchored at the start of the reason text. */
const RULES: Rule[] = [
  {
    // v1.24+: "node(s) had untolerated taint {k: v}"; before: "node(s) had taint {k: v}, that the pod didn't tolerate"
    re: /^node\(s\) had (?:untolerated )?taint \{([^:{}]*):\s?([^{}]*)\}/i,
    code: 'UntoleratedTaint',
    facts: (m) => ({ taint: { key: m[1].trim(), value: m[2].trim() } }),
  },
  { re: /^node\(s\) had untolerated taint\(s\)/i, code: 'UntoleratedTaint' },
  { re: /^node\(s\) didn't match scheduler-enforced node affinity/i, code: 'EnforcedNodeAffinityMismatch' },
  {
    re: /^node\(s\) didn't match (?:Pod's )?node (?:affinity\/selector|selector|affinity)|^MatchNodeSelector$/i,
    code: 'NodeAffinityMismatch',
  },
  { re: /^node\(s\) didn't match pod anti-affinity rules/i, code: 'PodAntiAffinityMismatch' },
  { re: /^node\(s\) didn't match pod affinity rules|^pod affinity terms conflict/i, code: 'PodAffinityMismatch' },
  { re: /^node\(s\) didn't satisfy existing pods anti-affinity rules/i, code: 'ExistingPodAntiAffinity' },
  {
    re: /^node\(s\) didn't match pod topology spread constraints( \(missing required label\))?|^node\(s\) didn't match PodTopologySpread/i,
    code: 'TopologySpreadMismatch',
    facts: (m) => (m[1] ? { missingLabel: true } : {}),
  },
  { re: /^node\(s\) had volume node affinity conflict/i, code: 'VolumeNodeAffinityConflict' },
  { re: /^node\(s\) had no available volume zone/i, code: 'VolumeZoneConflict' },
  { re: /^node\(s\) didn't find available persistent volumes to bind/i, code: 'NoPersistentVolumeToBind' },
  { re: /^node\(s\) did not have enough free storage/i, code: 'NotEnoughFreeStorage' },
  { re: /^node\(s\) unavailable due to one or more pvc\(s\) bound to non-existent pv\(s\)/i, code: 'BoundToMissingPV' },
  { re: /^pod has unbound immediate PersistentVolumeClaims/i, code: 'UnboundImmediatePVC' },
  {
    re: /^persistentvolumeclaim "([^"]+)" not found/i,
    code: 'PVCNotFound',
    facts: (m) => ({ claim: m[1] }),
  },
  { re: /^node\(s\) exceed max volume count/i, code: 'VolumeLimitExceeded' },
  { re: /^node\(s\) had no available disk/i, code: 'DiskConflict' },
  {
    re: /^node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod/i,
    code: 'ReadWriteOncePodConflict',
  },
  { re: /^Insufficient ([\w./-]+)/i, code: 'InsufficientResource', facts: (m) => ({ resource: m[1] }) },
  { re: /^Too many pods/i, code: 'TooManyPods' },
  { re: /^node\(s\) (?:were|was) unschedulable/i, code: 'NodeUnschedulable' },
  { re: /^node\(s\) didn't have free ports for the requested pod ports/i, code: 'NoFreePorts' },
  { re: /^node\(s\) didn't match the requested node name/i, code: 'NodeNameMismatch' },
  { re: /^no nodes available to schedule pods/i, code: 'NoNodes' },
];

/** One reason's text (without its count) → its code and facts. */
export function classifySchedulingReason(text: string): Omit<SchedulingReason, 'count'> {
  const t = text.trim().replace(/\.$/, '');
  for (const r of RULES) {
    const m = r.re.exec(t);
    if (m) return { code: r.code, text: t, ...(r.facts?.(m) ?? {}) };
  }
  return { code: 'Other', text: t };
}

/**
 * Splits "2 node(s) had untolerated taint {a: b}, 3 Insufficient memory" into items. An item starts with a count;
 * commas inside a taint's braces, or inside the free text of an item, do not start a new one.
 */
function items(body: string): { count?: number; text: string }[] {
  const out: { count?: number; text: string }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0 && /^\s*\d+\s/.test(body.slice(i + 1))) {
      out.push(item(body.slice(start, i)));
      start = i + 1;
    }
  }
  out.push(item(body.slice(start)));
  return out.filter((x) => x.text.length > 0);
}

function item(raw: string): { count?: number; text: string } {
  const m = /^\s*(\d+)\s+([\s\S]*)$/.exec(raw);
  const text = (m ? m[2] : raw).trim().replace(/\.$/, '');
  return m ? { count: Number(m[1]), text } : { text };
}

const HEAD = /^(\d+)\/(\d+) nodes are available(?::\s*([\s\S]*))?$/i;

export function parseSchedulingMessage(message: string): SchedulingMessage {
  const raw = (message ?? '').trim();
  const cut = raw.search(/\.?\s*preemption:/i);
  const main = (cut >= 0 ? raw.slice(0, cut) : raw).trim().replace(/\.$/, '');
  const pre = cut >= 0 ? raw.slice(cut).replace(/^\.?\s*preemption:\s*/i, '') : undefined;
  const out: SchedulingMessage = { reasons: [] };
  if (pre !== undefined) {
    const ph = HEAD.exec(pre.trim().replace(/\.$/, ''));
    out.preemption = items(ph ? (ph[3] ?? '') : pre.replace(/\.$/, ''));
  }
  const head = HEAD.exec(main);
  if (!head) {
    if (main) out.reasons.push(classifySchedulingReason(main));
    return out;
  }
  out.available = Number(head[1]);
  out.totalNodes = Number(head[2]);
  const body = (head[3] ?? '').trim();
  if (!body) {
    if (out.totalNodes === 0) out.reasons.push({ code: 'NoNodes', text: 'no nodes available to schedule pods' });
    return out;
  }
  out.reasons = items(body).map((it) => ({
    ...(it.count !== undefined ? { count: it.count } : {}),
    ...classifySchedulingReason(it.text),
  }));
  return out;
}
