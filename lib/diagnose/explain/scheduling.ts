/**
 * Reads the scheduler's FailedScheduling / Unschedulable message
 * ("0/3 nodes are available: 1 node(s) had untolerated taint {…}, 2 Insufficient memory. preemption: …")
 * into counted, categorised reasons, so the chain can follow the one that matters.
 */

export type SchedulingCategory =
  | 'insufficient-resource'
  | 'node-selector'
  | 'taint'
  | 'unbound-pvc'
  | 'pvc-missing'
  | 'volume-affinity'
  | 'host-port'
  | 'too-many-pods'
  | 'unschedulable-node'
  | 'pod-affinity'
  | 'topology-spread'
  | 'no-nodes'
  | 'other';

export interface SchedulingReason {
  count?: number;
  text: string;
  category: SchedulingCategory;
  /** the resource for insufficient-resource ("cpu", "memory", "nvidia.com/gpu"), the taint for taint */
  detail?: string;
}

export interface SchedulingMessage {
  totalNodes?: number;
  reasons: SchedulingReason[];
}

function categorise(text: string): Pick<SchedulingReason, 'category' | 'detail'> {
  let m: RegExpExecArray | null;
  if ((m = /Insufficient ([\w./-]+)/i.exec(text))) return { category: 'insufficient-resource', detail: m[1] };
  if (/node affinity\/selector|didn't match node selector|node\(s\) didn't match Pod's node affinity/i.test(text))
    return { category: 'node-selector' };
  if ((m = /(?:untolerated taint|taint) (\{.*?\})/i.exec(text))) return { category: 'taint', detail: m[1] };
  if (/taint/i.test(text)) return { category: 'taint' };
  if ((m = /persistentvolumeclaim "([^"]+)" not found/i.exec(text))) return { category: 'pvc-missing', detail: m[1] };
  if (/unbound (immediate )?PersistentVolumeClaims|unbound PVC|waiting for.*volume.*to be (created|bound)/i.test(text))
    return { category: 'unbound-pvc' };
  if (/volume node affinity conflict/i.test(text)) return { category: 'volume-affinity' };
  if (/free ports/i.test(text)) return { category: 'host-port' };
  if (/too many pods/i.test(text)) return { category: 'too-many-pods' };
  if (/were unschedulable|node\(s\) (was|were) unschedulable|unschedulable: true/i.test(text))
    return { category: 'unschedulable-node' };
  if (/pod (anti-)?affinity/i.test(text)) return { category: 'pod-affinity' };
  if (/topology spread/i.test(text)) return { category: 'topology-spread' };
  if (/no nodes available/i.test(text)) return { category: 'no-nodes' };
  return { category: 'other' };
}

export function parseSchedulingMessage(message: string): SchedulingMessage {
  // What follows "preemption:" repeats the node count with preemption outcomes; it says nothing about the cause.
  const main = message.split(/\.?\s*preemption:/i)[0].trim();
  const head = /^(\d+)\/(\d+) nodes are available:?\s*(.*)$/is.exec(main);
  if (!head) return { reasons: [{ text: main.replace(/\.$/, ''), ...categorise(main) }] };
  const totalNodes = Number(head[2]);
  const body = head[3].replace(/\.\s*$/, '');
  if (!body)
    return { totalNodes, reasons: totalNodes === 0 ? [{ text: 'no nodes available', category: 'no-nodes' }] : [] };
  // Items are separated by ", " before a count; a taint's braces may hold commas of their own.
  const parts = body
    .split(/,\s*(?=\d+\s)|\.\s+(?=[a-z])/i)
    .map((p) => p.trim())
    .filter(Boolean);
  const reasons = parts.map((p) => {
    const m = /^(\d+)\s+(.*)$/s.exec(p);
    const text = (m ? m[2] : p).replace(/\.$/, '');
    return { count: m ? Number(m[1]) : undefined, text, ...categorise(text) };
  });
  return { totalNodes: totalNodes === 0 ? 0 : totalNodes, reasons };
}
