/** Causes where one object names another that does not exist, or a key or port the other does not have. */
import type { Facts } from '../../types';
import { defineCauses, v } from './spec';

const missing = {
  en: (f: Facts) => `${v(f.kind)} ${v(f.name)} does not exist`,
  zh: (f: Facts) => `${v(f.kind)} ${v(f.name)} 不存在`,
};
const missingKey = {
  en: (f: Facts) => `${v(f.kind)} ${v(f.name)} has no key "${v(f.key)}"`,
  zh: (f: Facts) => `${v(f.kind)} ${v(f.name)} 中没有键 "${v(f.key)}"`,
  identity: ['key'],
};

export const referenceCauses = defineCauses({
  MissingConfigMap: missing,
  MissingSecret: missing,
  MissingServiceAccount: missing,
  MissingPersistentVolumeClaim: missing,
  MissingPersistentVolume: missing,
  MissingService: missing,
  MissingIngressClass: missing,
  MissingPriorityClass: missing,
  MissingObject: missing,
  MissingStorageClass: {
    en: (f) => `StorageClass "${v(f.name)}" does not exist`,
    zh: (f) => `StorageClass "${v(f.name)}" 不存在`,
  },
  MissingConfigMapKey: missingKey,
  MissingSecretKey: missingKey,
  MissingKey: missingKey,
  MissingPort: {
    en: (f) => `${v(f.kind)} ${v(f.name)} has no port ${v(f.port)}`,
    zh: (f) => `${v(f.kind)} ${v(f.name)} 没有端口 ${v(f.port)}`,
    identity: ['port'],
  },
  NotTLSSecret: {
    en: (f) => `Secret ${v(f.secret)} is not a TLS Secret (type ${v(f.type) || 'unknown'})`,
    zh: (f) => `Secret ${v(f.secret)} 不是 TLS 类型的 Secret（类型 ${v(f.type) || '未知'}）`,
  },
  NoDefaultIngressClass: {
    en: () => 'no ingressClassName and no default IngressClass',
    zh: () => '未设置 ingressClassName，且没有默认 IngressClass',
  },
  ProbePortNotDeclared: {
    en: (f) =>
      `${v(f.probe)} probe of container ${v(f.container)} checks port ${v(f.port)}, which the container does not declare (declares ${v(f.declared)})`,
    zh: (f) =>
      `容器 ${v(f.container)} 的 ${v(f.probe)} 探针检查端口 ${v(f.port)}，但容器未声明该端口（声明的是 ${v(f.declared)}）`,
    identity: ['container', 'probe'],
  },
  ProbePortNameUnknown: {
    en: (f) =>
      `${v(f.probe)} probe of container ${v(f.container)} uses port name "${v(f.port)}", which the container does not declare (declares ${v(f.declared)})`,
    zh: (f) =>
      `容器 ${v(f.container)} 的 ${v(f.probe)} 探针使用端口名 "${v(f.port)}"，但容器未声明该名称（声明的是 ${v(f.declared)}）`,
    identity: ['container', 'probe'],
  },
});
