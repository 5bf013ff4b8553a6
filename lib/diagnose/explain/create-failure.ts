/**
 * Why a controller cannot create pods (ReplicaSet, StatefulSet, DaemonSet, Job "FailedCreate"): a ResourceQuota
 * that is exceeded or demands limits, an admission webhook that denies or cannot be reached, Pod Security admission,
 * a LimitRange, or a missing ServiceAccount. The message is the API server's refusal, read from the ReplicaFailure
 * condition or the FailedCreate event.
 */
import { cause, missingCause } from '../cause';
import type {
  KubernetesObject,
  V1MutatingWebhookConfiguration,
  V1ValidatingWebhookConfiguration,
} from '@kubernetes/client-node';
import type { AnalyzerContext, Evidence, ObjectRef } from '../types';
import { clip, ref, refText } from '../util';
import { webhookBackendProblem } from '../webhook-check';
import { admissionCause } from '../families/admission';
import { familyExplanation } from '../families/explanation';
import type { Explanation } from './explanation';

/** The finding reasons these refusals have always had, kept for readers of the JSON. */
const FAMILY_REASON: Record<string, string> = {
  ObjectCountQuotaExceeded: 'QuotaExceeded',
  MissingServiceAccount: 'ServiceAccountNotFound',
};

interface WithConditions {
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}

/** The refusal text, newest first: the ReplicaFailure condition, else the newest FailedCreate event. */
export function createFailureText(
  ctx: AnalyzerContext,
  kind: string,
  obj: KubernetesObject & WithConditions,
): { text: string; evidence: Evidence } | undefined {
  const me = ref(kind, obj);
  const cond = obj.status?.conditions?.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
  if (cond?.message)
    return {
      text: cond.message,
      evidence: {
        source: 'condition',
        object: me,
        text: `ReplicaFailure ${cond.reason ?? ''}: ${clip(cond.message, 400)}`,
      },
    };
  const ev = ctx
    .eventsFor(kind, obj.metadata?.namespace, obj.metadata?.name ?? '')
    .find((e) => e.reason === 'FailedCreate' || e.reason === 'FailedCreatePodSandBox');
  if (ev?.message)
    return {
      text: ev.message,
      evidence: { source: 'event', object: me, text: `FailedCreate: ${clip(ev.message, 400)}` },
    };
  return undefined;
}

type Webhook = NonNullable<(V1ValidatingWebhookConfiguration | V1MutatingWebhookConfiguration)['webhooks']>[number];

function findWebhook(ctx: AnalyzerContext, webhook: string): { ref: ObjectRef; webhook: Webhook } | undefined {
  const match = (cfgs: (V1ValidatingWebhookConfiguration | V1MutatingWebhookConfiguration)[], kind: string) => {
    for (const cfg of cfgs) {
      const w = (cfg.webhooks as Webhook[] | undefined)?.find((x) => x.name === webhook);
      if (w) return { ref: ref(kind, cfg), webhook: w };
    }
    return undefined;
  };
  return (
    match(ctx.snapshot.validatingWebhooks, 'ValidatingWebhookConfiguration') ??
    match(ctx.snapshot.mutatingWebhooks, 'MutatingWebhookConfiguration')
  );
}

export function explainCreateFailure(
  ctx: AnalyzerContext,
  kind: string,
  obj: KubernetesObject & WithConditions,
): Explanation | undefined {
  const found = createFailureText(ctx, kind, obj);
  if (!found) return undefined;
  const { text } = found;
  const ns = obj.metadata?.namespace;
  const name = obj.metadata?.name ?? '';
  const me = ref(kind, obj);
  const head = `${kind} ${ns ? `${ns}/` : ''}${name} cannot create pods`;
  const evidence = [found.evidence];
  const commands = [`kubectl describe ${kind.toLowerCase()} ${name}${ns ? ` -n ${ns}` : ''}`];
  const base = { severity: 'critical' as const, reason: 'FailedCreate', evidence };
  let m: RegExpExecArray | null;

  const fam = admissionCause(ctx.snapshot, me, text);
  if (fam)
    return familyExplanation(
      { ...base, reason: FAMILY_REASON[fam.rootCause.code] ?? fam.rootCause.code, commands },
      head,
      fam,
    );
  if ((m = /exceeded quota: ([\w.-]+)(?:, (requested: .*))?/i.exec(text))) {
    const quota: ObjectRef = { kind: 'ResourceQuota', namespace: ns, name: m[1] };
    const detail = m[2] ? clip(m[2], 220) : 'the request would exceed it';
    return {
      ...base,
      reason: 'QuotaExceeded',
      message: `${head}: ResourceQuota ${m[1]} is exceeded (${detail}).`,
      rootCause: cause(quota, 'QuotaExceeded', { quota: m[1], detail }),
      suggestion: `Raise ResourceQuota ${m[1]}, lower the pod requests/limits, or scale down other workloads in ${ns}.`,
      commands: [...commands, `kubectl describe resourcequota ${m[1]} -n ${ns}`],
    };
  }
  if ((m = /must specify ([\w.,\s]+)/i.exec(text)) && /quota|forbidden/i.test(text)) {
    const quota = ctx.snapshot.resourceQuotas.find((q) => q.metadata?.namespace === ns);
    return {
      ...base,
      reason: 'QuotaRequiresLimits',
      message: `${head}: a ResourceQuota in ${ns} requires ${m[1].trim()} on every container.`,
      rootCause: cause(quota ? ref('ResourceQuota', quota) : me, 'QuotaRequiresLimits', { resources: m[1].trim() }),
      suggestion: 'Set requests and limits for cpu and memory on every container (or add a LimitRange with defaults).',
      commands: [...commands, `kubectl get resourcequota,limitrange -n ${ns}`],
    };
  }
  if ((m = /admission webhook "([^"]+)" denied the request:?\s*(.*)/is.exec(text))) {
    const hook = findWebhook(ctx, m[1])?.ref ?? { kind: 'ValidatingWebhookConfiguration', name: m[1] };
    return {
      ...base,
      reason: 'AdmissionDenied',
      message: `${head}: admission webhook ${m[1]} denies them: ${clip(m[2], 200)}`,
      rootCause: cause(hook, 'WebhookDenied', { webhook: m[1], message: clip(m[2], 200) }),
      suggestion: 'Change the pod template to satisfy the policy, or ask the policy owner for an exception.',
      commands: [...commands, `kubectl get ${hook.kind.toLowerCase()} ${hook.name} -o yaml`],
    };
  }
  if ((m = /failed calling webhook "([^"]+)":?\s*(.*)/is.exec(text))) {
    const found = findWebhook(ctx, m[1]);
    const hook = found?.ref ?? { kind: 'ValidatingWebhookConfiguration', name: m[1] };
    const cmdHook = `kubectl get ${hook.kind.toLowerCase()} ${hook.name} -o yaml`;
    // Follow the webhook to its Service: the same root cause as the webhook configuration's own finding.
    const backend = found ? webhookBackendProblem(ctx, found.webhook) : undefined;
    if (backend) {
      return {
        ...base,
        reason: 'WebhookUnavailable',
        message: `${head}: admission webhook ${m[1]} cannot be reached: it calls ${refText(backend.service)}${backend.what}.`,
        evidence: [
          ...evidence,
          {
            source: 'field',
            object: hook,
            text: `webhooks[${m[1]}].clientConfig.service: ${backend.service.namespace}/${backend.service.name}; failurePolicy: ${found?.webhook.failurePolicy ?? 'Fail (default)'}`,
          },
          ...backend.evidence.slice(0, 2),
        ],
        rootCause: backend.rootCause,
        suggestion: `${backend.suggestion.replace(/\.?$/, '.')} Until then writes the webhook matches fail; set failurePolicy: Ignore or delete a stale webhook configuration as a last resort.`,
        commands: [...commands, ...backend.commands, cmdHook],
        via: `admission webhook ${m[1]}`,
      };
    }
    return {
      ...base,
      reason: 'WebhookUnavailable',
      message: `${head}: admission webhook ${m[1]} cannot be reached: ${clip(m[2], 200)}`,
      rootCause: cause(hook, 'WebhookUnreachable', { webhook: m[1], error: clip(m[2], 160) }),
      suggestion:
        "Bring the webhook's backend pods and Service back, or set failurePolicy: Ignore / remove the stale webhook configuration.",
      commands: [...commands, cmdHook],
    };
  }
  if ((m = /violates PodSecurity "([^"]+)":?\s*(.*)/is.exec(text))) {
    const nsRef: ObjectRef = { kind: 'Namespace', name: ns ?? '' };
    return {
      ...base,
      reason: 'PodSecurityViolation',
      message: `${head}: the pod template violates Pod Security level ${m[1]}: ${clip(m[2], 200)}`,
      rootCause: cause(nsRef, 'PodSecurityViolation', { level: m[1], detail: clip(m[2], 200) }),
      suggestion:
        "Harden the pod template (runAsNonRoot, drop capabilities, seccompProfile) or relax the namespace's pod-security.kubernetes.io/enforce label.",
      commands: [...commands, `kubectl get namespace ${ns} --show-labels`],
    };
  }
  if ((m = /serviceaccount "([\w.-]+)" not found/i.exec(text))) {
    return {
      ...base,
      reason: 'ServiceAccountNotFound',
      message: `${head}: ServiceAccount ${m[1]} does not exist.`,
      rootCause: missingCause({ kind: 'ServiceAccount', namespace: ns, name: m[1] }),
      suggestion: `Create ServiceAccount ${m[1]} in ${ns} or fix serviceAccountName in the pod template.`,
      commands: [...commands, `kubectl get serviceaccount -n ${ns}`],
    };
  }
  // cluster-scoped classes the pod names, refused by their admission plugins (plugin/pkg/admission/priority and
  // runtimeclass): "no PriorityClass with name high was found", "pod rejected: RuntimeClass \"gvisor\" not found"
  if ((m = /no PriorityClass with name "?([\w.-]+)"? was found|RuntimeClass "([\w.-]+)" not found/i.exec(text))) {
    const kind = m[1] ? 'PriorityClass' : 'RuntimeClass';
    const name = m[1] ?? m[2];
    const field = kind === 'PriorityClass' ? 'priorityClassName' : 'runtimeClassName';
    return {
      ...base,
      reason: `${kind}NotFound`,
      message: `${head}: ${kind} ${name} does not exist.`,
      rootCause: missingCause({ kind, name }),
      suggestion: `Create ${kind} ${name} or fix ${field} in the pod template (kubectl get ${kind.toLowerCase()} lists those that exist).`,
      commands: [...commands, `kubectl get ${kind.toLowerCase()}`],
    };
  }
  if (/maximum .* per (Container|Pod)|minimum .* per (Container|Pod)|LimitRange/i.test(text)) {
    const lr = /forbidden:\s*(.*)/is.exec(text)?.[1] ?? text;
    return {
      ...base,
      reason: 'LimitRangeViolation',
      message: `${head}: a LimitRange rejects them: ${clip(lr, 200)}`,
      rootCause: cause({ kind: 'LimitRange', namespace: ns, name: '*' }, 'LimitRangeRejected', {
        namespace: ns,
        message: clip(lr, 200),
      }),
      suggestion: 'Bring the container requests/limits within the LimitRange bounds.',
      commands: [...commands, `kubectl describe limitrange -n ${ns}`],
    };
  }
  return {
    ...base,
    message: `${head}: ${clip(text, 240)}`,
    rootCause: cause(me, 'PodCreateRefused', { message: clip(text, 240) }),
    suggestion: "Read the API server's refusal and fix the pod template or the policy that rejects it.",
    commands,
  };
}
