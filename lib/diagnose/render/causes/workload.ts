/** Causes on workloads and their controllers: Jobs, CronJobs, HPAs, DaemonSets, ConfigMaps, nodes, posture. */
import { defineCauses, opt, v } from './spec';

export const workloadCauses = defineCauses({
  ConfigMapEmpty: { en: () => 'is empty', zh: () => '为空' },
  ConfigMapTooLarge: { en: (f) => `is ${v(f.size)}`, zh: (f) => `大小为 ${v(f.size)}` },
  ConfigMapUnused: { en: () => 'is referenced by no pod', zh: () => '没有任何 Pod 引用' },
  PDBSelectsNoPods: {
    en: (f) => `selector ${v(f.selector)} matches no pod in ${v(f.namespace)}`,
    zh: (f) => `选择器 ${v(f.selector)} 不匹配 ${v(f.namespace)} 中的任何 Pod`,
  },
  PDBAllowsNoDisruption: {
    en: (f) =>
      `${f.maxUnavailable !== undefined ? `maxUnavailable=${v(f.maxUnavailable)}` : `minAvailable=${v(f.minAvailable)}`} leaves disruptionsAllowed=0 with all ${v(f.currentHealthy)} of ${v(f.expectedPods)} pod(s) healthy (desiredHealthy=${v(f.desiredHealthy)}): every eviction and node drain is refused`,
    zh: (f) =>
      `${f.maxUnavailable !== undefined ? `maxUnavailable=${v(f.maxUnavailable)}` : `minAvailable=${v(f.minAvailable)}`} 使得在 ${v(f.expectedPods)} 个 Pod 中 ${v(f.currentHealthy)} 个全部健康时 disruptionsAllowed 仍为 0（desiredHealthy=${v(f.desiredHealthy)}）：所有驱逐和节点排空都会被拒绝`,
  },
  DaemonSetMisscheduled: {
    en: (f) => `${v(f.count)} pod(s) on nodes outside the DaemonSet's nodeSelector/affinity/tolerations`,
    zh: (f) => `${v(f.count)} 个 Pod 运行在 DaemonSet 的 nodeSelector/亲和性/容忍 之外的节点上`,
  },
  JobDeadlineExceeded: {
    en: (f) =>
      `the Job ran longer than activeDeadlineSeconds=${v(f.activeDeadlineSeconds) || '?'}${opt(f.ranSeconds, (s) => ` (active ${s}s)`)}${f.completions !== undefined ? ` and was stopped with ${v(f.succeeded) || '0'}/${v(f.completions)} completions` : ''}`,
    zh: (f) =>
      `Job 运行时间超过 activeDeadlineSeconds=${v(f.activeDeadlineSeconds) || '?'}${opt(f.ranSeconds, (s) => `（已运行 ${s} 秒）`)}${f.completions !== undefined ? `，停止时完成 ${v(f.succeeded) || '0'}/${v(f.completions)}` : ''}`,
  },
  MetricsUnavailable: {
    en: (f) =>
      `${f.external ? 'the custom/external metrics adapter' : 'metrics-server'} does not serve the metrics the HPA needs: ${v(f.message)}${f.metricsServer === 'not found' ? ' (no metrics-server pod runs in the cluster)' : ''}`,
    zh: (f) =>
      `${f.external ? '自定义/外部指标适配器' : 'metrics-server'} 没有提供 HPA 所需的指标：${v(f.message)}${f.metricsServer === 'not found' ? '（集群中没有运行 metrics-server Pod）' : ''}`,
  },
  APIServiceUnavailable: {
    en: (f) =>
      `APIService ${v(f.apiService)} is not Available (${v(f.reason) || 'no reason'})${opt(f.service, (x) => `, served by Service ${x}`)}: ${v(f.message) || 'the aggregator gives no message'}${opt(f.backend, (b) => ` (behind it: ${b})`)} — requests for ${v(f.group) || 'its group'} fail (kubectl top, HPAs, namespace deletion)`,
    zh: (f) =>
      `APIService ${v(f.apiService)} 不可用（${v(f.reason) || '无原因'}）${opt(f.service, (x) => `，后端 Service ${x}`)}：${v(f.message) || '聚合层没有给出信息'}${opt(f.backend, (b) => `（其后端：${b}）`)}——对 ${v(f.group) || '该组'} 的请求都会失败（kubectl top、HPA、命名空间删除）`,
    identity: ['apiService'],
  },
  MissingResourceRequest: {
    en: (f) =>
      `container ${v(f.container) || '(some)'} of ${v(f.targetKind)} ${v(f.targetName)} has no ${v(f.resource)} request, so utilization cannot be computed`,
    zh: (f) =>
      `${v(f.targetKind)} ${v(f.targetName)} 的容器 ${v(f.container) || '（部分）'} 没有设置 ${v(f.resource)} requests，无法计算利用率`,
  },
  HPAConditionFailed: {
    en: (f) => v(f.message),
    zh: (f) => `HPA 无法工作：${v(f.message)}`,
  },
  HPAAtMaxReplicas: {
    en: (f) =>
      f.current
        ? `maxReplicas=${v(f.maxReplicas)} reached while ${v(f.metric)} is ${v(f.current)} against a target of ${v(f.target)}`
        : `maxReplicas=${v(f.maxReplicas)} reached while the load wants more`,
    zh: (f) =>
      f.current
        ? `已达到 maxReplicas=${v(f.maxReplicas)}，而 ${v(f.metric)} 为 ${v(f.current)}，目标为 ${v(f.target)}`
        : `已达到 maxReplicas=${v(f.maxReplicas)}，但负载需要更多副本`,
  },
  SecurityRisk: {
    en: (f) => v(f.issue) || 'security risk',
    zh: (f) => `安全风险：${v(f.issue)}`,
  },
  InvalidSchedule: {
    en: (f) => `schedule "${v(f.schedule)}" is invalid: ${v(f.error)}`,
    zh: (f) => `调度表达式 "${v(f.schedule)}" 无效：${v(f.error)}`,
  },
  NegativeStartingDeadline: {
    en: (f) => `startingDeadlineSeconds=${v(f.startingDeadlineSeconds)} is negative`,
    zh: (f) => `startingDeadlineSeconds=${v(f.startingDeadlineSeconds)} 为负数`,
  },
  MissedSchedules: {
    en: (f) => v(f.message) || 'scheduled runs were missed',
    zh: (f) => `错过了计划运行：${v(f.message)}`,
  },
  NodeCondition: {
    en: (f) => `${v(f.condition)}=${v(f.status)}${opt(f.reason, (r) => ` (${r})`)}: ${v(f.detail)}`,
    zh: (f) => `节点状况 ${v(f.condition)}=${v(f.status)}${opt(f.reason, (r) => `（${r}）`)}：${v(f.detail)}`,
    identity: ['condition'],
  },
  NodeNotReady: {
    en: (f) =>
      `node ${v(f.node)} is ${f.status === 'Unknown' ? 'unreachable (Ready=Unknown)' : 'NotReady'}${opt(f.message, (m) => `: ${m}`)}`,
    zh: (f) =>
      `节点 ${v(f.node)} ${f.status === 'Unknown' ? '失联（Ready=Unknown）' : '未就绪（NotReady）'}${opt(f.message, (m) => `：${m}`)}`,
  },
  NamespaceDiscoveryFailure: {
    en: (f) =>
      `APIService ${v(f.apiService)} is unavailable: discovery of ${v(f.groupVersion)} fails, so namespace ${v(f.namespace)} cannot finish deleting`,
    zh: (f) =>
      `APIService ${v(f.apiService)} 不可用：${v(f.groupVersion)} 的 API 发现失败，命名空间 ${v(f.namespace)} 因此无法完成删除`,
  },
  NamespaceFinalizersRemaining: {
    en: (f) =>
      `finalizer(s) ${v(f.finalizers)} remain${opt(f.objects, (o) => ` on ${o}`)}${opt(f.resources, (r) => ` (${r})`)}, so namespace ${v(f.namespace)} cannot finish deleting`,
    zh: (f) =>
      `finalizer ${v(f.finalizers)} 仍未移除${opt(f.objects, (o) => `（在 ${o} 上）`)}${opt(f.resources, (r) => `（${r}）`)}，命名空间 ${v(f.namespace)} 因此无法完成删除`,
  },
  NamespaceContentDeleteFailed: {
    en: (f) => `namespace ${v(f.namespace)} cannot finish deleting: deleting its content fails: ${v(f.error)}`,
    zh: (f) => `命名空间 ${v(f.namespace)} 无法完成删除：删除其中的资源失败：${v(f.error)}`,
  },
  NamespaceContentRemaining: {
    en: (f) => `namespace ${v(f.namespace)} is still deleting its content: ${v(f.resources)} remain`,
    zh: (f) => `命名空间 ${v(f.namespace)} 仍在删除其中的资源：剩余 ${v(f.resources)}`,
  },
  NamespaceStuckTerminating: {
    en: (f) =>
      `namespace ${v(f.namespace)} has been Terminating since ${v(f.deletionTimestamp)}${opt(f.finalizers, (x) => ` (spec.finalizers ${x})`)}`,
    zh: (f) =>
      `命名空间 ${v(f.namespace)} 自 ${v(f.deletionTimestamp)} 起一直处于 Terminating${opt(f.finalizers, (x) => `（spec.finalizers ${x}）`)}`,
  },
  PodStuckOnFinalizer: {
    en: (f) =>
      `finalizer(s) ${v(f.finalizers)} keep the deleted pod (deleted at ${v(f.deletionTimestamp)}, ${v(f.overdueMinutes)} min past its grace period)`,
    zh: (f) =>
      `finalizer ${v(f.finalizers)} 使已删除的 Pod 无法移除（删除于 ${v(f.deletionTimestamp)}，已超过宽限期 ${v(f.overdueMinutes)} 分钟）`,
  },
  PodStuckTerminatingOnNode: {
    en: (f) =>
      `node ${v(f.node)} is ${v(f.nodeState)}, so no kubelet confirms the deleted pod stopped (deleted at ${v(f.deletionTimestamp)}, ${v(f.overdueMinutes)} min past its grace period)`,
    zh: (f) =>
      `节点 ${v(f.node)} 处于 ${v(f.nodeState)} 状态，没有 kubelet 确认已删除的 Pod 已停止（删除于 ${v(f.deletionTimestamp)}，已超过宽限期 ${v(f.overdueMinutes)} 分钟）`,
  },
  PodStuckTerminating: {
    en: (f) =>
      `the pod was deleted at ${v(f.deletionTimestamp)} and is still stopping ${v(f.overdueMinutes)} min past its grace period${opt(f.node, (n) => ` on node ${n}`)}`,
    zh: (f) =>
      `该 Pod 已于 ${v(f.deletionTimestamp)} 被删除，超过宽限期 ${v(f.overdueMinutes)} 分钟仍未停止${opt(f.node, (n) => `（节点 ${n}）`)}`,
  },
  RunsBlockedByActiveJob: {
    en: (f) =>
      `Job ${v(f.job)} of CronJob ${v(f.cronJob)} is still running${f.startedAt ? ` since ${v(f.startedAt)}` : ''}, and concurrencyPolicy ${v(f.policy)} skips every new run (${v(f.skipped)} so far)`,
    zh: (f) =>
      `CronJob ${v(f.cronJob)} 的 Job ${v(f.job)}${f.startedAt ? ` 自 ${v(f.startedAt)} 起` : ''}仍在运行，concurrencyPolicy ${v(f.policy)} 使每次新调度都被跳过（已 ${v(f.skipped)} 次）`,
    identity: ['job'],
  },
  DeploymentPaused: {
    en: (f) =>
      `paused (spec.paused): template ${v(f.templateImages)} is not rolled out; ${opt(f.runningReplicaSet, (r) => `ReplicaSet ${r} `)}still runs ${v(f.runningImages)} (${v(f.updatedReplicas)}/${v(f.replicas)} updated)`,
    zh: (f) =>
      `已暂停（spec.paused）：模板 ${v(f.templateImages)} 未发布；${opt(f.runningReplicaSet, (r) => `ReplicaSet ${r} `)}仍在运行 ${v(f.runningImages)}（已更新 ${v(f.updatedReplicas)}/${v(f.replicas)}）`,
  },
});
