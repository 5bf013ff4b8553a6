/**
 * Causes read from the mechanism behind a Kubernetes message (lib/diagnose/families): the topology key and domains
 * of an anti-affinity rule, the zone a volume is pinned to, the architecture a binary was built for, the registry
 * and pull secrets of a refused pull, the seconds a liveness probe allows a slow starter, the bound a LimitRange
 * enforces, the nodes a DaemonSet's selector misses.
 */
import { defineCauses, opt, v } from './spec';

const n = (x: unknown) => Number(x ?? 0);

export const mechanismCauses = defineCauses({
  PodAntiAffinityUnsatisfiable: {
    en: (f) =>
      `required pod anti-affinity on topologyKey ${v(f.topologyKey)}: ${v(f.occupied)} of ${v(f.domains)} ${v(f.topologyKey)} domain(s)${opt(f.domainValues, (d) => ` (${d})`)} across ${v(f.eligibleNodes)} eligible node(s) already run a pod matching ${v(f.selector)} (${v(f.matchingPods)} such pods)`,
    zh: (f) =>
      `必需的 Pod 反亲和性（topologyKey ${v(f.topologyKey)}）：${v(f.eligibleNodes)} 个可用节点上的 ${v(f.domains)} 个 ${v(f.topologyKey)} 拓扑域${opt(f.domainValues, (d) => `（${d}）`)}中已有 ${v(f.occupied)} 个运行着匹配 ${v(f.selector)} 的 Pod（共 ${v(f.matchingPods)} 个）`,
    identity: ['topologyKey'],
  },
  PodAffinityUnsatisfiable: {
    en: (f) =>
      n(f.matchingPods) > 0
        ? `required pod affinity on topologyKey ${v(f.topologyKey)}: the ${v(f.matchingPods)} pod(s) matching ${v(f.selector)} run in ${v(f.domainValues)}, where no eligible node is`
        : `required pod affinity on topologyKey ${v(f.topologyKey)}: no running pod matches ${v(f.selector)}`,
    zh: (f) =>
      n(f.matchingPods) > 0
        ? `必需的 Pod 亲和性（topologyKey ${v(f.topologyKey)}）：匹配 ${v(f.selector)} 的 ${v(f.matchingPods)} 个 Pod 运行在 ${v(f.domainValues)}，那里没有可用节点`
        : `必需的 Pod 亲和性（topologyKey ${v(f.topologyKey)}）：没有运行中的 Pod 匹配 ${v(f.selector)}`,
    identity: ['topologyKey'],
  },
  ExistingPodAntiAffinity: {
    en: (f) => `running pod(s) ${v(f.pods)} forbid pods with these labels in their ${v(f.topologyKey)} domain`,
    zh: (f) => `运行中的 Pod ${v(f.pods)} 的反亲和性禁止带有这些标签的 Pod 进入其 ${v(f.topologyKey)} 拓扑域`,
  },
  TopologySpreadUnsatisfiable: {
    en: (f) =>
      f.nodesWithoutLabel
        ? `topologySpreadConstraint on ${v(f.topologyKey)} (DoNotSchedule): node(s) ${v(f.nodesWithoutLabel)} lack the ${v(f.topologyKey)} label`
        : `topologySpreadConstraint maxSkew=${v(f.maxSkew)} on ${v(f.topologyKey)} (DoNotSchedule): pods matching ${v(f.selector)} per domain ${v(f.spread) || '(no domains)'}`,
    zh: (f) =>
      f.nodesWithoutLabel
        ? `拓扑分布约束（${v(f.topologyKey)}，DoNotSchedule）：节点 ${v(f.nodesWithoutLabel)} 没有 ${v(f.topologyKey)} 标签`
        : `拓扑分布约束 maxSkew=${v(f.maxSkew)}（${v(f.topologyKey)}，DoNotSchedule）：各拓扑域中匹配 ${v(f.selector)} 的 Pod 数 ${v(f.spread) || '（无拓扑域）'}`,
    identity: ['topologyKey'],
  },
  VolumeZoneConflict: {
    en: (f) =>
      f.zone
        ? `PersistentVolume ${v(f.pv)} (claim ${v(f.claim)}) is pinned to zone ${v(f.zone)}; the ${v(f.eligibleNodes)} eligible node(s) are in ${v(f.nodeZones) || 'no labelled zone'}`
        : `PersistentVolume ${v(f.pv)} (claim ${v(f.claim)}) requires ${v(f.requirement)}, which none of the ${v(f.eligibleNodes)} eligible node(s) satisfies`,
    zh: (f) =>
      f.zone
        ? `PersistentVolume ${v(f.pv)}（PVC ${v(f.claim)}）固定在可用区 ${v(f.zone)}；${v(f.eligibleNodes)} 个可用节点位于 ${v(f.nodeZones) || '未标注的可用区'}`
        : `PersistentVolume ${v(f.pv)}（PVC ${v(f.claim)}）要求 ${v(f.requirement)}，${v(f.eligibleNodes)} 个可用节点都不满足`,
    identity: ['pv'],
  },
  HostPortInUse: {
    en: (f) => `hostPort ${v(f.hostPort)} is already taken on node(s) ${v(f.nodes) || '(every eligible node)'}`,
    zh: (f) => `hostPort ${v(f.hostPort)} 已被节点 ${v(f.nodes) || '（所有可用节点）'} 上的 Pod 占用`,
  },
  ExecFormatError: {
    en: (f) =>
      `container ${v(f.container)} cannot run ${v(f.executable) || 'its binary'}: exec format error — the image is built for another CPU architecture than node ${v(f.node) || '?'} (kubernetes.io/arch=${v(f.nodeArch) || 'unknown'})${f.imageArch && f.imageArch !== f.nodeArch ? ` (the image ${v(f.image)} is an ${v(f.imageArch)} build)` : ''}`,
    zh: (f) =>
      `容器 ${v(f.container)} 无法运行 ${v(f.executable) || '其程序'}：exec format error —— 镜像的 CPU 架构与节点 ${v(f.node) || '?'}（kubernetes.io/arch=${v(f.nodeArch) || '未知'}）不同${f.imageArch && f.imageArch !== f.nodeArch ? `（镜像 ${v(f.image)} 是 ${v(f.imageArch)} 构建）` : ''}`,
    identity: ['container'],
  },
  ConfigFileRejected: {
    en: (f) =>
      `container ${v(f.container)} rejects ${v(f.file)} (key ${v(f.key)} of ${v(f.source)} ${v(f.name)})${opt(f.line, (l) => ` at line ${l}`)}: ${v(f.error)}`,
    zh: (f) =>
      `容器 ${v(f.container)} 拒绝了配置文件 ${v(f.file)}（${v(f.source)} ${v(f.name)} 的键 ${v(f.key)}）${opt(f.line, (l) => `第 ${l} 行`)}：${v(f.error)}`,
    identity: ['key'],
  },
  ExecutableNotFound: {
    en: (f) =>
      `container ${v(f.container)} cannot start: executable "${v(f.executable)}" ${v(f.executable).startsWith('/') ? 'does not exist in' : 'is not in'} image ${v(f.image)}${v(f.executable).startsWith('/') ? '' : "'s $PATH"}${opt(f.command, (c) => ` (command: ${c})`)}`,
    zh: (f) =>
      `容器 ${v(f.container)} 无法启动：镜像 ${v(f.image)} ${v(f.executable).startsWith('/') ? '中不存在' : '的 $PATH 中没有'}可执行文件 "${v(f.executable)}"${opt(f.command, (c) => `（command：${c}）`)}`,
    identity: ['container'],
  },
  RegistryAuthFailed: {
    en: (f) =>
      `image "${v(f.image)}" cannot be pulled: registry ${v(f.registry)} denies access${opt(f.status, (s) => ` (HTTP ${s})`)} ${
        f.pullSecrets
          ? `with imagePullSecrets ${v(f.pullSecrets)}${opt(f.missingSecrets, (m) => ` — ${m} not found`)}`
          : `and the pod offers no imagePullSecrets (nor does ServiceAccount ${v(f.serviceAccount)})`
      }`,
    zh: (f) =>
      `镜像 "${v(f.image)}" 无法拉取：镜像仓库 ${v(f.registry)} 拒绝访问${opt(f.status, (s) => `（HTTP ${s}）`)}，${
        f.pullSecrets
          ? `使用的 imagePullSecrets 为 ${v(f.pullSecrets)}${opt(f.missingSecrets, (m) => `——其中 ${m} 不存在`)}`
          : `Pod 没有配置 imagePullSecrets（ServiceAccount ${v(f.serviceAccount)} 也没有）`
      }`,
    identity: ['container'],
  },
  LivenessKillsSlowStart: {
    en: (f) =>
      `liveness probe of container ${v(f.container)} fails${opt(f.probeOutput, (o) => ` (${o})`)} and kills it before it has started: it allows ${v(f.allowedSeconds)}s (initialDelaySeconds=${v(f.initialDelaySeconds)} + ${v(f.failureThreshold)}×${v(f.periodSeconds)}s) and there is no startupProbe, but ${
        f.startupSeconds !== undefined
          ? `the logs show start-up takes ${v(f.startupSeconds)}s`
          : `the killed run was still starting after ${v(f.startingForSeconds)}s${opt(f.lastLine, (l) => ` (last line: ${l})`)}`
      }`,
    zh: (f) =>
      `容器 ${v(f.container)} 的存活探针失败${opt(f.probeOutput, (o) => `（${o}）`)}，在其启动完成前就将其杀死：探针只允许 ${v(f.allowedSeconds)} 秒（initialDelaySeconds=${v(f.initialDelaySeconds)} + ${v(f.failureThreshold)}×${v(f.periodSeconds)} 秒），且没有 startupProbe，但${
        f.startupSeconds !== undefined
          ? `日志显示启动需要 ${v(f.startupSeconds)} 秒`
          : `被杀死的那次运行在 ${v(f.startingForSeconds)} 秒后仍在启动${opt(f.lastLine, (l) => `（最后一行：${l}）`)}`
      }`,
    identity: ['container'],
  },
  ObjectCountQuotaExceeded: {
    en: (f) =>
      `ResourceQuota ${v(f.quota)} caps the object count: ${v(f.detail)} (requested: ${v(f.requested)}, used: ${v(f.used)}, limited: ${v(f.limited)})`,
    zh: (f) =>
      `ResourceQuota ${v(f.quota)} 限制了对象数量：${v(f.detail)}（requested: ${v(f.requested)}, used: ${v(f.used)}, limited: ${v(f.limited)}）`,
  },
  LimitRangeViolation: {
    en: (f) =>
      `LimitRange in ${v(f.namespace)} rejects the pod: ${
        f.bound === 'ratio'
          ? `${v(f.resource)} limit/request ratio per ${v(f.scope)} is at most ${v(f.allowed)}, the template has ${v(f.actual)}`
          : `${v(f.bound)} ${v(f.resource)} per ${v(f.scope)} is ${v(f.allowed)}, the template ${f.bound === 'maximum' ? 'limit' : 'request'} is ${v(f.actual)}`
      }${opt(f.more, (m) => `; also ${m}`)}`,
    zh: (f) =>
      `${v(f.namespace)} 中的 LimitRange 拒绝了该 Pod：${
        f.bound === 'ratio'
          ? `每个 ${v(f.scope)} 的 ${v(f.resource)} limit/request 比例最多为 ${v(f.allowed)}，模板为 ${v(f.actual)}`
          : `每个 ${v(f.scope)} 的 ${v(f.resource)} ${f.bound === 'maximum' ? '上限' : '下限'}为 ${v(f.allowed)}，模板的 ${f.bound === 'maximum' ? 'limit' : 'request'} 为 ${v(f.actual)}`
      }${opt(f.more, (m) => `；另外 ${m}`)}`,
  },
  DaemonSetNoMatchingNode: {
    en: (f) =>
      `nodeSelector ${v(f.nodeSelector)} matches none of the ${v(f.nodes)} node(s)${opt(f.nodeValues, (x) => ` (the nodes have ${x})`)}`,
    zh: (f) =>
      `nodeSelector ${v(f.nodeSelector)} 不匹配 ${v(f.nodes)} 个节点中的任何一个${opt(f.nodeValues, (x) => `（节点上是 ${x}）`)}`,
  },
});
