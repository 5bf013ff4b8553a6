/** Causes that make the API server or a controller refuse to create a pod. */
import { defineCauses, v } from './spec';

export const admissionCauses = defineCauses({
  QuotaExceeded: {
    en: (f) => `ResourceQuota ${v(f.quota)} exceeded: ${v(f.detail)}`,
    zh: (f) => `超出 ResourceQuota ${v(f.quota)}：${v(f.detail)}`,
  },
  QuotaRequiresLimits: {
    en: (f) => `quota requires ${v(f.resources)} and the pod template does not set them`,
    zh: (f) => `配额要求设置 ${v(f.resources)}，但 Pod 模板没有设置`,
  },
  WebhookDenied: {
    en: (f) => `admission webhook ${v(f.webhook)} denies the pod: ${v(f.message)}`,
    zh: (f) => `准入 Webhook ${v(f.webhook)} 拒绝了该 Pod：${v(f.message)}`,
  },
  WebhookUnreachable: {
    en: (f) =>
      `admission webhook ${v(f.webhook)} is unreachable (${v(f.error)}) and its failurePolicy rejects the request`,
    zh: (f) => `准入 Webhook ${v(f.webhook)} 无法访问（${v(f.error)}），且其 failurePolicy 会拒绝请求`,
  },
  PodSecurityViolation: {
    en: (f) => `namespace enforces Pod Security "${v(f.level)}" and the pod template violates it: ${v(f.detail)}`,
    zh: (f) => `命名空间强制执行 Pod Security "${v(f.level)}"，Pod 模板违反了它：${v(f.detail)}`,
  },
  LimitRangeRejected: {
    en: (f) => `LimitRange in ${v(f.namespace)} rejects the pod: ${v(f.message)}`,
    zh: (f) => `${v(f.namespace)} 中的 LimitRange 拒绝了该 Pod：${v(f.message)}`,
  },
  PodCreateRefused: {
    en: (f) => `pod creation refused: ${v(f.message)}`,
    zh: (f) => `Pod 创建被拒绝：${v(f.message)}`,
  },
});
