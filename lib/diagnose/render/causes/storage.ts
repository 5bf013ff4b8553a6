/** Causes around volumes: claims that do not bind, classes and provisioners, volumes that are gone. */
import { defineCauses, opt, v } from './spec';

export const storageCauses = defineCauses({
  BoundVolumeMissing: {
    en: (f) => `PersistentVolume ${v(f.volume)} bound to the claim is gone`,
    zh: (f) => `与该 PVC 绑定的 PersistentVolume ${v(f.volume)} 已不存在`,
  },
  NoMatchingVolume: {
    en: () => 'storageClassName is "" and no available PersistentVolume matches the claim\'s size and access modes',
    zh: () => 'storageClassName 为空字符串，且没有可用的 PersistentVolume 匹配该 PVC 的容量和访问模式',
  },
  NoDefaultStorageClass: {
    en: (f) =>
      f.template
        ? `volumeClaimTemplate ${v(f.template)} has no storageClassName and no default StorageClass exists`
        : 'no storageClassName and no default StorageClass in the cluster',
    zh: (f) =>
      `${opt(f.template, (t) => `volumeClaimTemplate ${t} `)}未设置 storageClassName，且集群中没有默认 StorageClass`,
  },
  ProvisioningFailed: {
    en: (f) => `provisioner ${v(f.provisioner)} failed: ${v(f.message)}`,
    zh: (f) => `存储供应器 ${v(f.provisioner)} 失败：${v(f.message)}`,
  },
  NoStaticVolume: {
    en: (f) =>
      `StorageClass ${v(f.storageClass)} needs pre-created PersistentVolumes and none matches the claim${opt(f.claim, (c) => ` ${c}`)}${opt(f.request, (r) => ` (${r})`)}${f.volumesOfClass !== undefined ? `: ${v(f.freeVolumes)} of ${v(f.volumesOfClass)} volume(s) of the class are Available` : ''}`,
    zh: (f) =>
      `StorageClass ${v(f.storageClass)} 需要预先创建的 PersistentVolume，但没有匹配该 PVC${opt(f.claim, (c) => ` ${c}`)}${opt(f.request, (r) => `（${r}）`)}的卷${f.volumesOfClass !== undefined ? `：该类的 ${v(f.volumesOfClass)} 个卷中 ${v(f.freeVolumes)} 个为 Available` : ''}`,
  },
  ExternalProvisionerIdle: {
    en: (f) => `external provisioner ${v(f.provisioner)} has not provisioned the claim (is its controller running?)`,
    zh: (f) => `外部存储供应器 ${v(f.provisioner)} 尚未为该 PVC 供应卷（其控制器是否在运行？）`,
  },
  ClaimNotBound: {
    en: (f) => v(f.message) || 'not bound',
    zh: (f) => `PVC 未绑定：${v(f.message)}`,
  },
  MultipleDefaultStorageClasses: {
    en: (f) => `several default StorageClasses: ${v(f.storageClasses)}`,
    zh: (f) => `存在多个默认 StorageClass：${v(f.storageClasses)}`,
  },
  VolumeReclaimFailed: {
    en: (f) => `reclaim failed: ${v(f.message) || 'unknown'}`,
    zh: (f) => `回收失败：${v(f.message) || '未知'}`,
  },
  VolumeMultiAttach: {
    en: (f) =>
      `volume ${v(f.volume)}${opt(f.claim, (c) => ` (claim ${c}${opt(f.accessModes, (m) => `, ${m}`)})`)} is attached to another node${opt(f.otherNodes, (n) => ` (${n})`)}${opt(f.usedBy, (p) => ` for pod(s) ${p}`)}, so it cannot attach to node ${v(f.node)}`,
    zh: (f) =>
      `卷 ${v(f.volume)}${opt(f.claim, (c) => `（PVC ${c}${opt(f.accessModes, (m) => `，${m}`)}）`)}已挂载到另一个节点${opt(f.otherNodes, (n) => `（${n}）`)}${opt(f.usedBy, (p) => `，供 Pod ${p} 使用`)}，无法再挂载到节点 ${v(f.node)}`,
    identity: ['volume'],
  },
  CSIDriverNotOnNode: {
    en: (f) =>
      `CSI driver ${v(f.driver)} is not registered on node ${v(f.node)}, so its volumes cannot attach or mount there`,
    zh: (f) => `节点 ${v(f.node)} 上没有注册 CSI 驱动 ${v(f.driver)}，其卷无法在该节点挂载`,
  },
  VolumeReleased: {
    en: (f) =>
      `${v(f.phase) || 'reserved'} with claimRef${opt(f.claimRefUid, (u) => ` uid ${u}`)} of the deleted claim (reclaimPolicy ${v(f.reclaimPolicy)}), so claim ${v(f.claim)} cannot bind to PersistentVolume ${v(f.volume)}`,
    zh: (f) =>
      `处于 ${v(f.phase) || '保留'} 状态，claimRef${opt(f.claimRefUid, (u) => `（uid ${u}）`)} 仍指向已删除的 claim（reclaimPolicy ${v(f.reclaimPolicy)}），因此 claim ${v(f.claim)} 无法绑定到 PersistentVolume ${v(f.volume)}`,
  },
  StorageClassTopologyMismatch: {
    en: (f) =>
      `allowedTopologies ${v(f.allowedTopologies)} excludes every node the pod may use (nodes in ${v(f.nodeZones) || 'no zone'}), so StorageClass ${v(f.storageClass)} cannot provision claim ${v(f.claim)}`,
    zh: (f) =>
      `allowedTopologies ${v(f.allowedTopologies)} 排除了该 Pod 可用的所有节点（节点位于 ${v(f.nodeZones) || '无可用区'}），StorageClass ${v(f.storageClass)} 因此无法为 PVC ${v(f.claim)} 供应卷`,
  },
});
