/**
 * Follows an unschedulable pod's scheduler message to the fact behind it: requests larger than any node's free
 * capacity, a nodeSelector no node satisfies, a taint from a node condition, cordoned nodes.
 */
import { cause, type CauseCode } from '../cause';
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { indexes } from '../context';
import { holdsNode, podRequest } from '../pod-facts';
import type { AnalyzerContext, Evidence, ObjectRef, Snapshot } from '../types';
import { bytesText, clip, cpuMillicores, quantity } from '../util';
import type { Explanation } from './explanation';
import { familyExplanation } from '../families/explanation';
import { schedulingFamilyForMessage } from '../families/scheduling';
import { parseSchedulingMessage, type SchedulingMessage, type SchedulingReason } from './scheduling';

/** Taints the node lifecycle controller sets from a node condition: the node, not the pod, is the cause. */
const CONDITION_TAINTS: Record<string, string> = {
  'node.kubernetes.io/not-ready': 'NotReady',
  'node.kubernetes.io/unreachable': 'unreachable',
  'node.kubernetes.io/memory-pressure': 'MemoryPressure',
  'node.kubernetes.io/disk-pressure': 'DiskPressure',
  'node.kubernetes.io/pid-pressure': 'PIDPressure',
  'node.kubernetes.io/network-unavailable': 'NetworkUnavailable',
  'node.kubernetes.io/unschedulable': 'cordoned',
};
const CONTROL_PLANE = /node-role\.kubernetes\.io\/(control-plane|master)/;

/** what PodFacts sums as the pods arrive, and what every node advertises */
const NODE_RESOURCES: readonly string[] = ['cpu', 'memory'];

/**
 * What the pods already on each node request of one resource. CPU and memory were summed as the pods arrived; any
 * other resource (the scheduler message names one or two) is summed once per run when first asked.
 */
function requestedOnNode(ctx: AnalyzerContext, node: string, resource: string): number {
  if (resource === 'cpu' || resource === 'memory') return podsOnNode(ctx, node)?.[resource] ?? 0;
  const byResource = ctx.memo('unschedulable.requestedByNode', () => new Map<string, Map<string, number>>());
  let byNode = byResource.get(resource);
  if (!byNode) {
    byNode = new Map<string, number>();
    byResource.set(resource, byNode);
    for (const p of ctx.snapshot.pods)
      if (holdsNode(p)) {
        const n = p.spec?.nodeName ?? '';
        byNode.set(n, (byNode.get(n) ?? 0) + podRequest(p, resource));
      }
  }
  return byNode.get(node) ?? 0;
}

function podsOnNode(ctx: AnalyzerContext, node: string): { pods: number; cpu: number; memory: number } | undefined {
  return indexes(ctx.snapshot).podFacts.requestsByNode.get(node);
}

/**
 * A node's allocatable amount of a resource and what is left of it, once per run, node and resource: every
 * unschedulable pod asks it of every node it may use.
 */
function nodeRoom(ctx: AnalyzerContext, n: V1Node, resource: string): { node: string; alloc: number; free: number } {
  const rooms = ctx.memo('unschedulable.nodeRoom', () => new Map<string, Map<V1Node, NodeRoom>>());
  let byNode = rooms.get(resource);
  if (!byNode) rooms.set(resource, (byNode = new Map<V1Node, NodeRoom>()));
  let room = byNode.get(n);
  if (!room) {
    const allocatable = n.status?.allocatable?.[resource];
    const alloc = (resource === 'cpu' ? cpuMillicores(allocatable) : quantity(allocatable)) || 0;
    const node = n.metadata?.name ?? '';
    room = { node, alloc, free: alloc - requestedOnNode(ctx, node, resource) };
    byNode.set(n, room);
  }
  return room;
}

interface NodeRoom {
  node: string;
  alloc: number;
  free: number;
}

function amount(resource: string, v: number): string {
  if (resource === 'cpu') return v >= 1000 ? `${+(v / 1000).toFixed(2)} CPU` : `${Math.round(v)}m CPU`;
  if (resource === 'memory' || resource.includes('storage')) return bytesText(v);
  return String(v);
}

/**
 * The reason that matters. Some reasons only describe nodes the pod never wanted: the control-plane taint, and
 * "didn't match node selector" when the selector does match other nodes. Those are set aside so that the reason
 * that excluded the wanted nodes (a taint on them, their free memory) comes out on top.
 */
function meaningfulReasons(reasons: SchedulingReason[], selectorMatchesSomeNode: boolean): SchedulingReason[] {
  return reasons.filter(
    (r) =>
      !(r.category === 'taint' && CONTROL_PLANE.test(r.detail ?? r.text)) &&
      !(r.category === 'node-selector' && selectorMatchesSomeNode),
  );
}

function pick(reasons: SchedulingReason[], selectorMatchesSomeNode: boolean): SchedulingReason | undefined {
  const meaningful = meaningfulReasons(reasons, selectorMatchesSomeNode);
  const pool = meaningful.length ? meaningful : reasons;
  return [...pool].sort((a, b) => (b.count ?? 0) - (a.count ?? 0))[0];
}

function tolerates(pod: V1Pod, node: V1Node): boolean {
  return (node.spec?.taints ?? []).every(
    (t) =>
      t.effect === 'PreferNoSchedule' ||
      (pod.spec?.tolerations ?? []).some(
        (tol) =>
          (tol.key === undefined || tol.key === t.key || (tol.operator === 'Exists' && !tol.key)) &&
          (tol.operator === 'Exists' || (tol.value ?? '') === (t.value ?? '')) &&
          (!tol.effect || tol.effect === t.effect),
      ),
  );
}

/** Nodes the pod could land on if capacity allowed: schedulable, matching its nodeSelector, tolerated taints. */
function candidateNodes(s: Snapshot, pod: V1Pod): V1Node[] {
  const sel = Object.entries(pod.spec?.nodeSelector ?? {});
  return s.nodes.filter(
    (n) => !n.spec?.unschedulable && sel.every(([k, v]) => selectorMatches(n, k, v)) && tolerates(pod, n),
  );
}

function selectorMatches(node: V1Node, key: string, value: string): boolean {
  return node.metadata?.labels?.[key] === value;
}

export function explainUnschedulable(
  ctx: AnalyzerContext,
  pod: V1Pod,
  specRef: ObjectRef,
  message: string,
): Explanation {
  const s = ctx.snapshot;
  // the pods of one workload, and often all pods that do not fit, carry the same scheduler message: parsed once
  const parsedMessages = ctx.memo('unschedulable.parsed', () => new Map<string, SchedulingMessage>());
  let parsed = parsedMessages.get(message);
  if (!parsed) parsedMessages.set(message, (parsed = parseSchedulingMessage(message)));
  const sel = Object.entries(pod.spec?.nodeSelector ?? {});
  const selectorMatchesSomeNode =
    sel.length > 0 && s.nodes.some((n) => sel.every(([k, v]) => selectorMatches(n, k, v)));
  const top = pick(parsed.reasons, selectorMatchesSomeNode);
  const e = explainReason(ctx, pod, specRef, message, top);
  // "2 node(s) had untolerated taint {…}, 3 Insufficient memory": the nodes the picked reason does not cover were
  // excluded for the others, which a fix of the picked one alone leaves in place (the nodes the pod never wanted,
  // control plane and deliberately deselected ones, are not worth saying)
  const others = meaningfulReasons(parsed.reasons, selectorMatchesSomeNode)
    .filter((r) => r !== top && r.count !== undefined)
    .map((r) => `${r.count} ${r.text}`);
  if (!others.length) return e;
  const rc = e.rootCause;
  return {
    ...e,
    message: `${e.message.replace(/\.?$/, '.')} The other nodes: ${others.join('; ')}.`,
    rootCause: cause(rc.object, rc.code as CauseCode, { ...rc.facts, otherReasons: others }, rc.evidence),
  };
}

function explainReason(
  ctx: AnalyzerContext,
  pod: V1Pod,
  specRef: ObjectRef,
  message: string,
  top: SchedulingReason | undefined,
): Explanation {
  const s = ctx.snapshot;
  const ns = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const base = {
    severity: 'critical' as const,
    reason: 'FailedScheduling',
    commands: ['kubectl get nodes -o wide'],
  };
  const evidence: Evidence[] = [];
  const head = `Pod ${ns}/${name} cannot be scheduled`;

  switch (top?.category) {
    case 'insufficient-resource': {
      const resource = top.detail ?? 'cpu';
      const need = podRequest(pod, resource);
      const workers = candidateNodes(s, pod);
      const free = workers.map((n) => ({ ...nodeRoom(ctx, n, resource) }));
      const best = free.sort((a, b) => b.free - a.free)[0];
      const largest = Math.max(0, ...free.map((f) => f.alloc));
      evidence.push({ source: 'field', object: specRef, text: `pod requests ${resource}=${amount(resource, need)}` });
      if (best)
        evidence.push({
          source: 'field',
          object: { kind: 'Node', name: best.node },
          text: `most free ${resource}: ${amount(resource, Math.max(0, best.free))} of ${amount(resource, best.alloc)} allocatable`,
        });
      const tooBig = need > 0 && largest > 0 && need > largest;
      if (need > 0 && largest === 0 && !NODE_RESOURCES.includes(resource)) {
        // an extended resource no candidate node advertises: its device plugin is not running there, or the
        // nodes that have the hardware are not among those the pod may use
        const offering = s.nodes.filter((n) => quantity(n.status?.allocatable?.[resource]) > 0);
        return {
          ...base,
          message: `${head}: no node it may use offers ${resource} (it requests ${amount(resource, need)}).`,
          evidence,
          rootCause: cause(specRef, 'NoNodeOffersResource', {
            resource,
            request: amount(resource, need),
            ...(offering.length ? { offeredBy: offering.map((n) => n.metadata?.name ?? '') } : {}),
          }),
          suggestion: offering.length
            ? `Only ${offering.map((n) => n.metadata?.name).join(', ')} advertise ${resource}, and the pod's nodeSelector/tolerations exclude them: let the pod on those nodes.`
            : `No node advertises ${resource}: check the device plugin DaemonSet (e.g. the NVIDIA device plugin) runs on the nodes with the hardware, or add such nodes.`,
          commands: [
            ...base.commands,
            `kubectl get nodes -o custom-columns='NAME:.metadata.name,${resource.toUpperCase()}:.status.allocatable.${resource.replace(/\./g, '\\.')}'`,
          ],
        };
      }
      return {
        ...base,
        message: `${head}: ${top.count ?? 'all'} node(s) have insufficient ${resource} for its request of ${amount(resource, need)}.`,
        evidence,
        rootCause: tooBig
          ? cause(specRef, 'RequestExceedsNodeCapacity', {
              resource,
              request: amount(resource, need),
              largest: amount(resource, largest),
            })
          : cause(specRef, 'InsufficientResources', {
              resource,
              request: amount(resource, need),
              bestNode: best?.node,
              bestFree: best ? amount(resource, Math.max(0, best.free)) : undefined,
            }),
        suggestion: tooBig
          ? `Lower the ${resource} request to fit a node, or add larger nodes.`
          : `Lower the ${resource} request, free capacity (scale down other workloads) or add nodes / enable the cluster autoscaler.`,
        commands: [...base.commands, 'kubectl describe nodes | grep -A8 "Allocated resources"'],
      };
    }
    case 'node-selector': {
      const sel = Object.entries(pod.spec?.nodeSelector ?? {});
      const unmatched = sel.filter(([k, v]) => !s.nodes.some((n) => selectorMatches(n, k, v)));
      const affinity = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
      const rc = unmatched.length
        ? cause(specRef, 'NodeSelectorMismatch', { selector: unmatched.map(([k, v]) => `${k}=${v}`) })
        : affinity
          ? cause(specRef, 'NodeAffinityMismatch', { terms: clip(JSON.stringify(affinity.nodeSelectorTerms), 200) })
          : cause(specRef, 'NodeSelectorMismatch', {
              selector: sel.map(([k, v]) => `${k}=${v}`),
              schedulable: true,
            });
      const fact = rc.fact;
      evidence.push({
        source: 'field',
        object: specRef,
        text: sel.length
          ? `nodeSelector: ${sel.map(([k, v]) => `${k}=${v}`).join(', ')}`
          : 'nodeAffinity required terms set',
      });
      return {
        ...base,
        message: `${head}: ${fact}.`,
        evidence,
        rootCause: rc,
        suggestion:
          'Fix the nodeSelector / node affinity, or label the intended nodes (kubectl label node <node> key=value).',
        commands: [...base.commands, 'kubectl get nodes --show-labels'],
      };
    }
    case 'taint': {
      const taint = top.detail ?? top.text;
      const key = /\{([^:}]+)/.exec(taint)?.[1]?.trim() ?? '';
      const condition = CONDITION_TAINTS[key];
      const tainted = s.nodes
        .filter((n) => n.spec?.taints?.some((t) => t.key === key))
        .map((n) => n.metadata?.name ?? '');
      if (condition && tainted.length) {
        return {
          ...base,
          message: `${head}: ${top.count ?? tainted.length} node(s) are tainted ${key} because they are ${condition}.`,
          evidence: [
            {
              source: 'field',
              object: { kind: 'Node', name: tainted[0] },
              text: `taint ${key} on ${tainted.join(', ')}`,
            },
          ],
          rootCause: cause({ kind: 'Node', name: tainted[0] }, 'NodeConditionTaint', {
            nodes: tainted,
            condition,
            taint: key,
          }),
          suggestion: 'Fix the node condition behind the taint; the pod needs no toleration for it.',
          commands: [...base.commands, `kubectl describe node ${tainted[0]}`],
        };
      }
      return {
        ...base,
        message: `${head}: ${top.count ?? 'all'} node(s) have taint ${taint} that the pod does not tolerate.`,
        evidence: [
          {
            source: 'field',
            object: specRef,
            text: `tolerations: ${(pod.spec?.tolerations ?? []).map((t) => `${t.key ?? '*'}${t.value ? `=${t.value}` : ''}:${t.effect ?? '*'}`).join(', ') || '(none)'}`,
          },
        ],
        rootCause: cause(specRef, 'UntoleratedTaint', {
          taint,
          nodes: tainted.length ? tainted.slice(0, 5) : undefined,
        }),
        suggestion:
          'Add a matching toleration to the pod template, or remove the taint if the nodes should accept this workload.',
        commands: [...base.commands, 'kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints'],
      };
    }
    case 'unschedulable-node': {
      const cordoned = s.nodes.filter((n) => n.spec?.unschedulable).map((n) => n.metadata?.name ?? '');
      return {
        ...base,
        message: `${head}: the nodes that could run it are cordoned.`,
        evidence: [
          {
            source: 'field',
            object: { kind: 'Node', name: cordoned[0] ?? '' },
            text: `spec.unschedulable=true on ${cordoned.join(', ') || '(unknown)'}`,
          },
        ],
        rootCause: cause({ kind: 'Node', name: cordoned[0] ?? '*' }, 'NodesCordoned', { nodes: cordoned }),
        suggestion: 'Uncordon the nodes when maintenance is done (kubectl uncordon <node>) or add capacity.',
        commands: [...base.commands, ...cordoned.slice(0, 1).map((n) => `kubectl uncordon ${n}`)],
      };
    }
    case 'too-many-pods': {
      // every usable node runs as many pods as its kubelet allows (status.allocatable.pods, maxPods)
      const full = candidateNodes(s, pod)
        .map((n) => ({
          node: n.metadata?.name ?? '',
          max: Number(n.status?.allocatable?.pods ?? 0),
          pods: podsOnNode(ctx, n.metadata?.name ?? '')?.pods ?? 0,
        }))
        .filter((x) => x.max > 0);
      return {
        ...base,
        message: `${head}: ${top.count ?? 'all'} node(s) already run their maximum number of pods.`,
        evidence: full.slice(0, 5).map((x) => ({
          source: 'field' as const,
          object: { kind: 'Node', name: x.node },
          text: `${x.pods} pods running, allocatable pods=${x.max}`,
        })),
        rootCause: cause(specRef, 'NodesAtMaxPods', {
          nodeCount: top.count,
          ...(full.length ? { maxPods: [...new Set(full.map((x) => x.max))].join(', ') } : {}),
          ...(full.length ? { nodes: full.slice(0, 5).map((x) => `${x.node} (${x.pods}/${x.max})`) } : {}),
        }),
        suggestion:
          "Add nodes (or let the autoscaler), raise the kubelet's maxPods where the CNI has addresses for it, or remove finished and idle pods.",
        commands: [
          ...base.commands,
          'kubectl get nodes -o custom-columns=NAME:.metadata.name,PODS:.status.allocatable.pods',
        ],
      };
    }
    case 'no-nodes':
      return {
        ...base,
        message: `${head}: the cluster has no nodes available.`,
        evidence,
        rootCause: cause({ kind: 'Node', name: '*' }, 'NoNodes', {}),
        suggestion: 'Add nodes or fix the ones that are NotReady.',
      };
    default: {
      const fam = schedulingFamilyForMessage(s, pod, specRef, message, top?.text);
      if (fam) return familyExplanation(base, head, fam);
      const text = top ? top.text : message;
      return {
        ...base,
        message: `${head}: ${clip(text, 240)}`,
        evidence,
        rootCause: cause(specRef, 'Unschedulable', {
          category: top?.category,
          nodeCount: top?.count,
          message: clip(top ? top.text : message, 240),
        }),
        suggestion: suggestionFor(top?.category),
      };
    }
  }
}

function suggestionFor(category: string | undefined): string {
  switch (category) {
    case 'host-port':
      return 'Drop hostPort from the pod template or make sure each node runs at most one such pod.';
    case 'too-many-pods':
      return 'Nodes reached their max pods; add nodes or raise the kubelet maxPods.';
    case 'pod-affinity':
      return 'Relax the pod (anti-)affinity rules or add nodes in the required topology.';
    case 'topology-spread':
      return 'Relax topologySpreadConstraints (whenUnsatisfiable: ScheduleAnyway) or add nodes in the missing zones.';
    case 'volume-affinity':
      return 'The volume lives in another zone than the schedulable nodes; use WaitForFirstConsumer binding or add nodes in that zone.';
    default:
      return 'Read the scheduler message and adjust the pod constraints or the cluster capacity.';
  }
}
