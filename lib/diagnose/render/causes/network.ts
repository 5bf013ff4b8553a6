/** Causes on the serving path: Services without ready endpoints, selectors, target ports, NetworkPolicies. */
import { defineCauses, opt, v } from './spec';

export const networkCauses = defineCauses({
  ScaledToZero: { en: () => 'scaled to 0 replicas', zh: () => '副本数缩容为 0' },
  NoPods: {
    en: (f) => (f.message ? `no pods created: ${v(f.reason)}: ${v(f.message)}` : 'has no pods'),
    zh: (f) => (f.message ? `未创建 Pod：${v(f.reason)}：${v(f.message)}` : '没有 Pod'),
  },
  SelectorLabelMismatch: {
    en: (f) => `selector ${v(f.selector)} matches no pods; label ${v(f.label)} differs: ${v(f.diff)}`,
    zh: (f) => `选择器 ${v(f.selector)} 不匹配任何 Pod；标签 ${v(f.label)} 不一致：${v(f.diff)}`,
  },
  SelectorMatchesNoPods: {
    en: (f) => `selector ${v(f.selector)} matches no pods`,
    zh: (f) => `选择器 ${v(f.selector)} 不匹配任何 Pod`,
  },
  TargetPortNameUnknown: {
    en: (f) =>
      `targetPort "${v(f.targetPort)}" is not a port name of the selected pods (they declare ${v(f.declared)})`,
    zh: (f) => `targetPort "${v(f.targetPort)}" 不是所选 Pod 的端口名（它们声明的是 ${v(f.declared)}）`,
  },
  TargetPortNotExposed: {
    en: (f) => `targetPort ${v(f.targetPort)} is not among the pods' container ports (${v(f.declared)})`,
    zh: (f) => `targetPort ${v(f.targetPort)} 不在 Pod 的容器端口中（${v(f.declared)}）`,
  },
  PolicySelectsNoPods: {
    en: (f) => `podSelector ${v(f.selector)} matches no pods`,
    zh: (f) => `podSelector ${v(f.selector)} 不匹配任何 Pod`,
  },
  DNSEgressBlocked: {
    en: (f) => `egress to UDP 53 (kube-dns) is not allowed; ${v(f.gap)}`,
    zh: (f) => `不允许出站访问 UDP 53（kube-dns）；${v(f.gap)}`,
  },
  IngressNotAdmitted: {
    en: (f) => `ingress rules do not admit ${v(f.client)} on ${v(f.port)}`,
    zh: (f) => `入站规则不允许 ${v(f.client)} 访问 ${v(f.port)}`,
  },
  EgressNotAllowed: {
    en: (f) => `egress rules do not allow ${v(f.client)} to reach ${v(f.service)} on ${v(f.port)}`,
    zh: (f) => `出站规则不允许 ${v(f.client)} 访问 ${v(f.service)} 的 ${v(f.port)}`,
  },
  PolicyDropsConnections: {
    en: (f) =>
      `${v(f.direction)} rules drop ${v(f.connections)} connections workloads make, e.g. ${f.direction === 'egress' ? `do not allow ${v(f.client)} to reach ${v(f.service)}` : `do not admit ${v(f.client)}`} on ${v(f.port)}`,
    zh: (f) =>
      `${f.direction === 'egress' ? '出站' : '入站'}规则丢弃了工作负载发起的 ${v(f.connections)} 个连接，例如 ${v(f.client)}${f.direction === 'egress' ? ` 到 ${v(f.service)}` : ''} 的 ${v(f.port)}`,
  },
  LoadBalancerSyncFailed: {
    en: (f) =>
      `no load balancer: ${f.quota ? `quota ${v(f.quota)} exceeded${opt(f.limit, (l) => ` (limit ${l}${opt(f.region, (r) => ` in ${r}`)})`)}; ` : ''}${v(f.detail)} (${v(f.reason)}${opt(f.controller, (c) => ` from ${c}`)})`,
    zh: (f) =>
      `负载均衡器未创建：${f.quota ? `配额 ${v(f.quota)} 已用尽${opt(f.limit, (l) => `（上限 ${l}${opt(f.region, (r) => `，${r}`)}）`)}；` : ''}${v(f.detail)}（${v(f.reason)}${opt(f.controller, (c) => `，来自 ${c}`)}）`,
  },
});
