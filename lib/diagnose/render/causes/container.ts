/** Causes inside a pod: containers that crash, cannot start, cannot pull, fail probes; pods the node rejects. */
import type { Facts } from '../../types';
import { defineCauses, opt, v } from './spec';

/** "init container setup" / "container api" */
export function ctrEn(f: Facts): string {
  return `${f.init ? 'init container' : 'container'} ${v(f.container)}`;
}
export function ctrZh(f: Facts): string {
  return `${f.init ? '初始化容器' : '容器'} ${v(f.container)}`;
}

const PROBE_ZH: Record<string, string> = { liveness: '存活', readiness: '就绪', startup: '启动' };

const PULL_EN: Record<string, string> = {
  ImageNotFound: 'not found: the repository or tag does not exist in the registry',
  ImagePullUnauthorized:
    'cannot be pulled: the registry denies access (missing or wrong imagePullSecrets, or a private repository)',
  RegistryUnreachable: 'cannot be pulled: the registry cannot be reached from the node (DNS, network, proxy or TLS)',
  RegistryCertificateUntrusted: "cannot be pulled: the node does not trust the registry's TLS certificate",
  PullRateLimited: "cannot be pulled: the registry's pull rate limit is exhausted",
  InvalidImageName: 'is not a valid image reference',
  ImageNeverPull: 'is not on the node and imagePullPolicy is Never',
  ImagePullFailed: 'cannot be pulled',
};
const PULL_ZH: Record<string, string> = {
  ImageNotFound: '不存在：镜像仓库中没有该仓库或标签',
  ImagePullUnauthorized: '无法拉取：镜像仓库拒绝访问（imagePullSecrets 缺失或错误，或仓库为私有）',
  RegistryUnreachable: '无法拉取：节点无法连接镜像仓库（DNS、网络、代理或 TLS）',
  RegistryCertificateUntrusted: '无法拉取：节点不信任镜像仓库的 TLS 证书',
  PullRateLimited: '无法拉取：镜像仓库的拉取频率限制已用尽',
  InvalidImageName: '不是合法的镜像引用',
  ImageNeverPull: '不在节点上，且 imagePullPolicy 为 Never',
  ImagePullFailed: '无法拉取',
};

/** The registry when the image does not spell it ("redis:7.2" pulls from docker.io); undefined when it does. */
function implicitRegistry(f: Facts): string | undefined {
  const r = v(f.registry);
  return r && !v(f.image).startsWith(`${r}/`) ? r : undefined;
}

function pull(code: string) {
  return {
    en: (f: Facts) =>
      `image "${v(f.image)}" ${PULL_EN[code]}${opt(implicitRegistry(f), (r) => ` (registry ${r})`)}${opt(f.detail, (d) => `: ${d}`)}`,
    zh: (f: Facts) =>
      `镜像 "${v(f.image)}" ${PULL_ZH[code]}${opt(implicitRegistry(f), (r) => `（镜像仓库 ${r}）`)}${opt(f.detail, (d) => `：${d}`)}`,
    identity: ['image'],
  };
}

export const containerCauses = defineCauses({
  OOMKilled: {
    en: (f) =>
      `${ctrEn(f)} is OOMKilled: memory use exceeds ${f.limit ? `its memory limit ${v(f.limit)}` : "the node's memory (no limit set)"}${opt(f.usage, (u) => ` (last seen ${u})`)}`,
    zh: (f) =>
      `${ctrZh(f)} 被 OOMKilled：内存用量超过${f.limit ? `其内存上限 ${v(f.limit)}` : '节点内存（未设置上限）'}${opt(f.usage, (u) => `（最近一次 ${u}）`)}`,
    identity: ['container'],
  },
  ProbeFailed: {
    en: (f) => `${v(f.probe)} probe of ${ctrEn(f)} fails: ${v(f.message)}${opt(f.logLine, (l) => `; its log: ${l}`)}`,
    zh: (f) =>
      `${ctrZh(f)} 的${PROBE_ZH[v(f.probe)] ?? v(f.probe)}探针失败：${v(f.message)}${opt(f.logLine, (l) => `；其日志：${l}`)}`,
    identity: ['container', 'probe'],
  },
  ContainerStartFailed: {
    en: (f) => `${ctrEn(f)} cannot start: ${v(f.message)}`,
    zh: (f) => `${ctrZh(f)} 无法启动：${v(f.message)}`,
    identity: ['container'],
  },
  ContainerExited: {
    en: (f) => `${ctrEn(f)} exits with code ${v(f.exitCode ?? '?')}${opt(f.reason, (r) => ` (${r})`)}: ${v(f.detail)}`,
    zh: (f) => `${ctrZh(f)} 以退出码 ${v(f.exitCode ?? '?')}${opt(f.reason, (r) => `（${r}）`)} 退出：${v(f.detail)}`,
    identity: ['container', 'exitCode'],
  },
  ExecPermissionDenied: {
    en: (f) =>
      `container ${v(f.container)} cannot execute ${v(f.executable)}: Permission denied (exit ${v(f.exitCode) || '126'}) — the file in image ${v(f.image)} is not executable`,
    zh: (f) =>
      `容器 ${v(f.container)} 无法执行 ${v(f.executable)}：Permission denied（退出码 ${v(f.exitCode) || '126'}）——镜像 ${v(f.image)} 中该文件没有执行权限`,
    identity: ['container'],
  },
  PostStartHookFailed: {
    en: (f) =>
      `postStart hook ${v(f.hook) ? `"${v(f.hook)}" ` : ''}of container ${v(f.container)} fails${opt(f.exitCode, (c) => ` with exit code ${c}`)}${opt(f.output, (o) => `: ${o}`)}, so the kubelet kills the container`,
    zh: (f) =>
      `容器 ${v(f.container)} 的 postStart 钩子${v(f.hook) ? ` "${v(f.hook)}"` : ''} 失败${opt(f.exitCode, (c) => `（退出码 ${c}）`)}${opt(f.output, (o) => `：${o}`)}，kubelet 因此杀掉容器`,
    identity: ['container'],
  },
  PreStopHookFailed: {
    en: (f) =>
      `preStop hook ${v(f.hook) ? `"${v(f.hook)}" ` : ''}of container ${v(f.container)} fails${opt(f.exitCode, (c) => ` with exit code ${c}`)}${opt(f.output ?? f.message, (o) => `: ${o}`)}, so the container stops without its shutdown step`,
    zh: (f) =>
      `容器 ${v(f.container)} 的 preStop 钩子${v(f.hook) ? ` "${v(f.hook)}"` : ''} 失败${opt(f.exitCode, (c) => `（退出码 ${c}）`)}${opt(f.output ?? f.message, (o) => `：${o}`)}，容器停止前的收尾步骤没有执行`,
    identity: ['container'],
  },
  PreStopSleepExceedsGrace: {
    en: (f) =>
      `preStop hook "${v(f.hook)}" of container ${v(f.container)} sleeps ${typeof f.sleepSeconds === 'number' ? `${f.sleepSeconds}s` : v(f.sleepSeconds)}, not less than terminationGracePeriodSeconds ${v(f.gracePeriodSeconds)}: the pod stays Terminating the whole grace period${opt(f.terminatingMinutes, (m) => ` (${m} min so far)`)} and the container is killed without ever getting SIGTERM`,
    zh: (f) =>
      `容器 ${v(f.container)} 的 preStop 钩子 "${v(f.hook)}" 休眠 ${typeof f.sleepSeconds === 'number' ? `${f.sleepSeconds} 秒` : v(f.sleepSeconds)}，不短于 terminationGracePeriodSeconds ${v(f.gracePeriodSeconds)}：Pod 在整个宽限期内保持 Terminating${opt(f.terminatingMinutes, (m) => `（已 ${m} 分钟）`)}，容器收不到 SIGTERM 就被强制杀掉`,
    identity: ['container'],
  },
  ContainerStatusUnknown: {
    en: (f) =>
      `container ${v(f.container)} could not be located when the pod was terminated (ContainerStatusUnknown, exit ${v(f.exitCode)})${opt(f.node, (n) => `: node ${n} is ${v(f.nodeState) || 'unknown'}${opt(f.nodeReason, (r) => ` (${r})`)}`)}`,
    zh: (f) =>
      `Pod 终止时找不到容器 ${v(f.container)}（ContainerStatusUnknown，退出码 ${v(f.exitCode)}）${opt(f.node, (n) => `：节点 ${n} 状态 ${v(f.nodeState) || '未知'}${opt(f.nodeReason, (r) => `（${r}）`)}`)}`,
    identity: ['container'],
  },
  LogError: {
    en: (f) => `container ${v(f.container)} logs: ${v(f.line)}`,
    zh: (f) => `容器 ${v(f.container)} 日志：${v(f.line)}`,
    identity: ['container'],
  },
  ImageNotFound: pull('ImageNotFound'),
  ImagePullUnauthorized: pull('ImagePullUnauthorized'),
  RegistryUnreachable: pull('RegistryUnreachable'),
  RegistryCertificateUntrusted: pull('RegistryCertificateUntrusted'),
  PullRateLimited: pull('PullRateLimited'),
  InvalidImageName: pull('InvalidImageName'),
  ImageNeverPull: pull('ImageNeverPull'),
  ImagePullFailed: pull('ImagePullFailed'),
  SandboxCreateFailed: {
    en: (f) =>
      f.plugin
        ? `CNI plugin ${v(f.plugin)} fails${f.ipExhausted ? ' (no free pod IP on the node)' : ''}${f.missingPlugin ? ' (its binary is missing on the node)' : ''}: ${v(f.error)} — no pod sandbox on node ${v(f.node)}`
        : `pod sandbox cannot be created on node ${v(f.node)}: ${v(f.message)}`,
    zh: (f) =>
      f.plugin
        ? `CNI 插件 ${v(f.plugin)} 失败${f.ipExhausted ? '（节点已无可用的 Pod IP）' : ''}${f.missingPlugin ? '（节点上缺少该插件程序）' : ''}：${v(f.error)}——无法在节点 ${v(f.node)} 上创建 Pod 沙箱`
        : `无法在节点 ${v(f.node)} 上创建 Pod 沙箱：${v(f.message)}`,
  },
  VolumeMountFailed: {
    en: (f) =>
      `volume ${v(f.volume)}${opt(f.source, (src) => ` (${v(f.fsType) ? `${v(f.fsType)} ` : ''}${src})`)} cannot be mounted: ${v(f.error)}${opt(f.node, (n) => ` (node ${n})`)}`,
    zh: (f) =>
      `卷 ${v(f.volume)}${opt(f.source, (src) => `（${v(f.fsType) ? `${v(f.fsType)} ` : ''}${src}）`)} 无法挂载：${v(f.error)}${opt(f.node, (n) => `（节点 ${n}）`)}`,
    identity: ['volume'],
  },
  VolumeAttachFailed: {
    en: (f) => `volume ${v(f.volume)} cannot be attached: ${v(f.error)}${opt(f.node, (n) => ` (node ${n})`)}`,
    zh: (f) => `卷 ${v(f.volume)} 无法挂接：${v(f.error)}${opt(f.node, (n) => `（节点 ${n}）`)}`,
    identity: ['volume'],
  },
  VolumeMountTimeout: {
    en: (f) =>
      `volume(s) ${v(f.volumes)} are not mounted${opt(f.node, (n) => ` on node ${n}`)} in time (timed out waiting for the condition)`,
    zh: (f) => `卷 ${v(f.volumes)} 未能${opt(f.node, (n) => `在节点 ${n} 上`)}按时挂载（等待超时）`,
  },
  PodSetupFailed: {
    en: (f) => `${v(f.reason)}: ${v(f.message)}`,
    zh: (f) => `Pod 准备失败（${v(f.reason)}）：${v(f.message)}`,
    identity: ['reason'],
  },
  EvictedOverRequest: {
    en: (f) =>
      `node ${v(f.node)} ran low on ${v(f.resource) || 'a resource'} and the pod used more than it requests, so it was evicted first`,
    zh: (f) => `节点 ${v(f.node)} 的 ${v(f.resource) || '某项资源'} 不足，而该 Pod 用量超过其 requests，因此最先被驱逐`,
  },
  RunAsNonRootViolation: {
    en: (f) =>
      f.why === 'non-numeric'
        ? `container ${v(f.container)} requires runAsNonRoot but image ${v(f.image)} runs as user "${v(f.user)}", a name the kubelet cannot verify is non-root`
        : f.why === 'runAsUser'
          ? `container ${v(f.container)} requires runAsNonRoot but sets runAsUser ${v(f.runAsUser)} (root)`
          : `container ${v(f.container)} requires runAsNonRoot but image ${v(f.image)} runs as root and no runAsUser is set`,
    zh: (f) =>
      f.why === 'non-numeric'
        ? `容器 ${v(f.container)} 要求 runAsNonRoot，但镜像 ${v(f.image)} 以用户名 "${v(f.user)}" 运行，kubelet 无法确认其非 root`
        : f.why === 'runAsUser'
          ? `容器 ${v(f.container)} 要求 runAsNonRoot，却设置 runAsUser ${v(f.runAsUser)}（root）`
          : `容器 ${v(f.container)} 要求 runAsNonRoot，但镜像 ${v(f.image)} 以 root 运行且未设置 runAsUser`,
    identity: ['container'],
  },
  RuntimeNameReserved: {
    en: (f) =>
      `the container runtime on node ${v(f.node)} still holds the name of container ${v(f.container)} for an earlier create (${v(f.reservedFor)}) it has not finished: the runtime is too slow`,
    zh: (f) =>
      `节点 ${v(f.node)} 的容器运行时仍占用容器 ${v(f.container)} 的名称（${v(f.reservedFor)}），上一次创建尚未完成：运行时过慢`,
    identity: ['container'],
  },
  SubPathPrepareFailed: {
    en: (f) =>
      `the kubelet cannot prepare subPath ${v(f.subPath)} of volume ${v(f.volume)} for container ${v(f.container)}${f.hostPath ? ` (hostPath ${v(f.hostPath)})` : ''}`,
    zh: (f) =>
      `kubelet 无法为容器 ${v(f.container)} 准备卷 ${v(f.volume)} 的 subPath ${v(f.subPath)}${f.hostPath ? `（hostPath ${v(f.hostPath)}）` : ''}`,
    identity: ['container', 'volume'],
  },
  MountTypeMismatch: {
    en: (f) =>
      `container ${v(f.container)} mounts volume ${v(f.volume)}${f.subPath ? ` subPath ${v(f.subPath)}` : ''} at ${v(f.mountPath)}, where the image has the other type (a directory onto a file or the reverse)`,
    zh: (f) =>
      `容器 ${v(f.container)} 将卷 ${v(f.volume)}${f.subPath ? ` 的 subPath ${v(f.subPath)}` : ''} 挂载到 ${v(f.mountPath)}，而镜像中该路径类型不同（目录挂到文件或反之）`,
    identity: ['container', 'mountPath'],
  },
  EphemeralStorageLimitExceeded: {
    en: (f) =>
      f.scope === 'emptyDir'
        ? `emptyDir volume ${v(f.volume)} grew past its sizeLimit ${v(f.limit)}, so the kubelet evicted the pod`
        : f.scope === 'container'
          ? `container ${v(f.container)} wrote more than its ephemeral-storage limit ${v(f.limit)}, so the kubelet evicted the pod`
          : `the pod's containers used more local ephemeral storage than their total limit ${v(f.limit)}, so the kubelet evicted the pod`,
    zh: (f) =>
      f.scope === 'emptyDir'
        ? `emptyDir 卷 ${v(f.volume)} 超过其 sizeLimit ${v(f.limit)}，kubelet 驱逐了该 Pod`
        : f.scope === 'container'
          ? `容器 ${v(f.container)} 写入超过其 ephemeral-storage 限额 ${v(f.limit)}，kubelet 驱逐了该 Pod`
          : `Pod 各容器的本地临时存储用量超过其总限额 ${v(f.limit)}，kubelet 驱逐了该 Pod`,
    identity: ['scope', 'container', 'volume'],
  },
  NodeResourcePressure: {
    en: (f) => `node ${v(f.node)} ran low on ${v(f.resource) || 'a resource'} and evicted pods`,
    zh: (f) => `节点 ${v(f.node)} 的 ${v(f.resource) || '某项资源'} 不足，驱逐了 Pod`,
  },
  PodRejected: {
    en: (f) => `${v(f.reason)}: ${v(f.message) || 'rejected by the node'}`,
    zh: (f) => `Pod 被节点拒绝（${v(f.reason)}）：${v(f.message)}`,
    identity: ['reason'],
  },
  NodeOutOfResource: {
    en: (f) =>
      `out of ${v(f.resource)} when the kubelet admitted the pod: requested ${v(f.requested)}, used ${v(f.used)}, capacity ${v(f.capacity)} on node ${v(f.node)}`,
    zh: (f) =>
      `kubelet 接纳 Pod 时 ${v(f.resource)} 不足：请求 ${v(f.requested)}，已用 ${v(f.used)}，容量 ${v(f.capacity)}（节点 ${v(f.node)}）`,
    identity: ['resource'],
  },
  DeviceAllocationFailed: {
    en: (f) =>
      `${v(f.resource)} could not be allocated${f.requested !== undefined ? `: requested ${v(f.requested)}, available ${v(f.available)}` : ''} (device plugin on node ${v(f.node)})`,
    zh: (f) =>
      `无法分配 ${v(f.resource)}${f.requested !== undefined ? `：请求 ${v(f.requested)}，可用 ${v(f.available)}` : ''}（节点 ${v(f.node)} 的设备插件）`,
    identity: ['resource'],
  },
  NodePredicateRejected: {
    en: (f) =>
      `${v(f.predicate) || 'a predicate'} failed on node ${v(f.node)}${opt(f.unmatched, (u) => `, which lacks ${u}`)}: the kubelet rejected the pod`,
    zh: (f) =>
      `节点 ${v(f.node)} 上 ${v(f.predicate) || '某项检查'} 未通过${opt(f.unmatched, (u) => `（节点缺少 ${u}）`)}：kubelet 拒绝了该 Pod`,
    identity: ['predicate'],
  },
  NodeShutdownTerminated: {
    en: (f) => `node ${v(f.node)} shut down and terminated the pod`,
    zh: (f) => `节点 ${v(f.node)} 关机并终止了该 Pod`,
  },
  SchedulingGated: {
    en: (f) => `scheduling gates ${v(f.gates) || '(unnamed)'} have not been removed`,
    zh: (f) => `调度门控 ${v(f.gates) || '（未命名）'} 尚未移除`,
  },
  PodNotScheduled: {
    en: (f) => `Pending: ${v(f.reason) || 'not scheduled'}${opt(f.message, (m) => `: ${m}`)}`,
    zh: (f) => `Pending：${v(f.reason) || '未调度'}${opt(f.message, (m) => `：${m}`)}`,
  },
  ContainerWaiting: {
    en: (f) =>
      `container ${v(f.container)}: ${v(f.reason)}${opt(f.message, (m) => `: ${m}`)}${f.lastExitCode !== undefined ? ` (last exit: ${v(f.lastReason) || 'Error'}, code ${v(f.lastExitCode)})` : ''}`,
    zh: (f) =>
      `容器 ${v(f.container)}：${v(f.reason)}${opt(f.message, (m) => `：${m}`)}${f.lastExitCode !== undefined ? `（上次退出：${v(f.lastReason) || 'Error'}，退出码 ${v(f.lastExitCode)}）` : ''}`,
    identity: ['container'],
  },
  PodProbeFailing: {
    en: (f) => v(f.message),
    zh: (f) => `探针失败：${v(f.message)}`,
  },
  PodPending: { en: () => 'Pending', zh: () => 'Pending（等待中）' },
  PodNotReady: {
    en: (f) => v(f.message) || 'not ready',
    zh: (f) => `未就绪：${v(f.message)}`,
  },
});
