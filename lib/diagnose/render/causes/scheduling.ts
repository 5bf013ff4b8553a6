/** Causes that keep a pod from being scheduled, read from the scheduler's message and the nodes. */
import type { Facts } from '../../types';
import { type CauseSpec, defineCauses, opt, v } from './spec';

/**
 * A scheduler message often gives several reasons ("1 node(s) had untolerated taint {…}, 3 Insufficient memory");
 * the cause is built from the one that matters and quotes the others, so every cause here says them too.
 */
function withOtherReasons<T extends Record<string, CauseSpec>>(table: T): T {
  const out: Record<string, CauseSpec> = {};
  for (const [code, spec] of Object.entries(table))
    out[code] = {
      ...spec,
      en: (f: Facts) => `${spec.en(f)}${opt(f.otherReasons, (o) => `; other nodes: ${o}`)}`,
      zh: (f: Facts) => `${spec.zh(f)}${opt(f.otherReasons, (o) => `；其他节点：${o}`)}`,
    };
  return out as T;
}

export const schedulingCauses = withOtherReasons(
  defineCauses({
    RequestExceedsNodeCapacity: {
      en: (f) => `requests ${v(f.request)} ${v(f.resource)}, more than any node can allocate (largest ${v(f.largest)})`,
      zh: (f) => `请求 ${v(f.request)} ${v(f.resource)}，超过任何节点的可分配量（最大 ${v(f.largest)}）`,
      identity: ['resource'],
    },
    InsufficientResources: {
      en: (f) =>
        `requests ${v(f.request)} ${v(f.resource)}; no node has that much unrequested${f.bestNode ? ` (best: ${v(f.bestNode)} with ${v(f.bestFree)} free)` : ''}`,
      zh: (f) =>
        `请求 ${v(f.request)} ${v(f.resource)}；没有节点有这么多未被请求的容量${f.bestNode ? `（最多的是 ${v(f.bestNode)}，空闲 ${v(f.bestFree)}）` : ''}`,
      identity: ['resource'],
    },
    NoNodeOffersResource: {
      en: (f) =>
        `requests ${v(f.request)} ${v(f.resource)}, which no node it may use offers${opt(f.offeredBy, (n) => ` (only ${n} advertise it)`)}`,
      zh: (f) =>
        `请求 ${v(f.request)} ${v(f.resource)}，但它可用的节点都不提供该资源${opt(f.offeredBy, (n) => `（只有 ${n} 提供）`)}`,
      identity: ['resource'],
    },
    NodeSelectorMismatch: {
      en: (f) => `nodeSelector ${v(f.selector)} matches no ${f.schedulable ? 'schedulable ' : ''}node`,
      zh: (f) => `nodeSelector ${v(f.selector)} 不匹配任何${f.schedulable ? '可调度的' : ''}节点`,
    },
    NodeAffinityMismatch: {
      en: (f) => `required node affinity ${v(f.terms)} matches no schedulable node`,
      zh: (f) => `必需的节点亲和性 ${v(f.terms)} 不匹配任何可调度节点`,
    },
    NodeConditionTaint: {
      en: (f) => `node ${v(f.nodes)} is ${v(f.condition)} (taint ${v(f.taint)})`,
      zh: (f) => `节点 ${v(f.nodes)} 处于 ${v(f.condition)} 状态（污点 ${v(f.taint)}）`,
    },
    UntoleratedTaint: {
      en: (f) => `no toleration for taint ${v(f.taint)}${opt(f.nodes, (n) => ` on node(s) ${n}`)}`,
      zh: (f) => `没有容忍${opt(f.nodes, (n) => `节点 ${n} 上的`)}污点 ${v(f.taint)}`,
      identity: ['taint'],
    },
    NodesCordoned: {
      en: (f) => `node(s) ${v(f.nodes)} are cordoned (unschedulable)`,
      zh: (f) => `节点 ${v(f.nodes)} 已被封锁（cordon，不可调度）`,
    },
    NodesAtMaxPods: {
      en: (f) =>
        `${v(f.nodeCount) || 'every'} node(s) run their maximum number of pods${opt(f.maxPods, (m) => ` (maxPods ${m})`)}${opt(f.nodes, (n) => `: ${n}`)}`,
      zh: (f) =>
        `${v(f.nodeCount) || '所有'} 个节点的 Pod 数已达上限${opt(f.maxPods, (m) => `（maxPods ${m}）`)}${opt(f.nodes, (n) => `：${n}`)}`,
    },
    NoNodes: {
      en: () => 'no schedulable nodes in the cluster',
      zh: () => '集群中没有可调度的节点',
    },
    Unschedulable: {
      en: (f) => `${f.nodeCount !== undefined ? `${v(f.nodeCount)} node(s): ` : ''}${v(f.message)}`,
      zh: (f) => `无法调度：${f.nodeCount !== undefined ? `${v(f.nodeCount)} 个节点：` : ''}${v(f.message)}`,
    },
  }),
);
