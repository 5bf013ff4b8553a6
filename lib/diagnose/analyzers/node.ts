/**
 * Node (k8sgpt core parity, without its false positives): Ready False/Unknown (critical), MemoryPressure,
 * DiskPressure, PIDPressure, NetworkUnavailable True (warning), cordoned (info). Conditions we do not know
 * (node-problem-detector, cloud agents) are only reported as info when they read as a problem — types that look
 * positive ("…Ready", "…Healthy") when False, others when True — because their meaning is not ours to judge.
 */
import { cause } from '../cause';
import type { V1Node, V1NodeCondition } from '@kubernetes/client-node';
import type { Analyzer, Finding, Severity } from '../types';
import { clip, ref } from '../util';

const PRESSURE: Record<string, string> = {
  MemoryPressure: 'the node is low on memory; the kubelet evicts pods',
  DiskPressure:
    'the node is low on disk (image or root filesystem); the kubelet evicts pods and garbage-collects images',
  PIDPressure: 'the node is running out of process IDs',
  NetworkUnavailable: "the node's network (CNI / routes) is not configured",
};
const POSITIVE = /(Ready|Healthy|Available|Running|IsVoter|Ok|OK)$/;

function finding(node: V1Node, severity: Severity, c: V1NodeCondition, meaning: string): Finding {
  const name = node.metadata?.name ?? '';
  return {
    severity,
    analyzer: 'Node',
    kind: 'Node',
    name,
    reason: c.type === 'Ready' ? (c.status === 'Unknown' ? 'NodeUnreachable' : 'NodeNotReady') : c.type,
    message: `Node ${name}: ${meaning}${c.message ? ` (${clip(c.message, 200)})` : ''}.`,
    evidence: [
      {
        source: 'condition',
        object: ref('Node', node),
        text: `${c.type}=${c.status} reason=${c.reason ?? ''}: ${clip(c.message ?? '', 300)}`,
      },
    ],
    rootCause: cause(ref('Node', node), 'NodeCondition', {
      condition: c.type,
      status: c.status,
      reason: c.reason,
      detail: c.type === 'Ready' && c.message ? clip(c.message, 240) : meaning,
    }),
    suggestion:
      c.type === 'Ready'
        ? 'Check the kubelet and container runtime on the node (journalctl -u kubelet), its network and its resources; drain it if it cannot be fixed.'
        : c.type === 'NetworkUnavailable'
          ? 'Check the CNI plugin pods on this node.'
          : 'Free the resource (clean images/logs, find the pod using the most) or add capacity.',
    commands: [`kubectl describe node ${name}`, `kubectl get pods -A -o wide --field-selector spec.nodeName=${name}`],
  };
}

export const nodeAnalyzer: Analyzer = {
  name: 'Node',
  default: true,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const node of ctx.snapshot.nodes) {
      const conds = node.status?.conditions ?? [];
      const ready = conds.find((c) => c.type === 'Ready');
      if (ready && ready.status !== 'True') {
        const meaning =
          ready.status === 'Unknown' ? 'the kubelet stopped posting status (node unreachable)' : 'the node is NotReady';
        out.push(finding(node, 'critical', ready, meaning));
      }
      const healthy = ready?.status === 'True';
      for (const c of conds) {
        if (c.type === 'Ready') continue;
        if (c.type in PRESSURE) {
          // When Ready is Unknown every condition goes Unknown with it; the Ready finding already says so.
          if (c.status === 'True' || (c.status === 'Unknown' && healthy))
            out.push(finding(node, 'warning', c, PRESSURE[c.type]));
          continue;
        }
        const problem = POSITIVE.test(c.type) ? c.status === 'False' : c.status === 'True';
        if (problem)
          out.push(
            finding(
              node,
              'info',
              c,
              `condition ${c.type} reports a problem (reported by an agent such as node-problem-detector)`,
            ),
          );
      }
      if (node.spec?.unschedulable) {
        const name = node.metadata?.name ?? '';
        out.push({
          severity: 'info',
          analyzer: 'Node',
          kind: 'Node',
          name,
          reason: 'Cordoned',
          message: `Node ${name} is cordoned: no new pods are scheduled on it.`,
          evidence: [{ source: 'field', object: ref('Node', node), text: 'spec.unschedulable=true' }],
          suggestion: 'Uncordon it when maintenance is over.',
          commands: [`kubectl uncordon ${name}`],
        });
      }
    }
    return out;
  },
};
