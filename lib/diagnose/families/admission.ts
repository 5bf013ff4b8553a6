/**
 * Admission refusals a controller records (FailedCreate, ReplicaFailure): a ServiceAccount that does not exist, the
 * namespace's Pod Security level and the checks the template fails, a LimitRange bound, a quota on object counts or
 * compute. The values come from the refusal (lib/diagnose/messages/admission) and the namespace's objects.
 */
import { parseAdmissionRefusal } from '../messages/admission';
import type { ObjectRef, Snapshot } from '../types';
import { type FamilyCause, family, list } from './cause-data';

function kv(r: Record<string, string>): string {
  return Object.entries(r)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** `owner` is the controller that cannot create pods; `text` the API server's refusal. */
export function admissionCause(s: Snapshot, owner: ObjectRef, text: string): FamilyCause | undefined {
  const a = parseAdmissionRefusal(text);
  const ns = owner.namespace;
  const describe = `kubectl describe ${owner.kind.toLowerCase()} ${owner.name}${ns ? ` -n ${ns}` : ''}`;
  const ev = { source: 'event' as const, object: owner, text: `FailedCreate: ${text.slice(0, 400)}` };
  switch (a.code) {
    case 'QuotaExceeded': {
      const quota: ObjectRef = { kind: 'ResourceQuota', namespace: ns, name: a.quota };
      const over = a.resources.map(
        (r) => `${r} ${a.used[r] ?? '?'}/${a.limited[r] ?? '?'} used, ${a.requested[r] ?? '?'} more requested`,
      );
      return family({
        object: quota,
        code: a.objectCount ? 'ObjectCountQuotaExceeded' : 'QuotaExceeded',
        facts: {
          quota: a.quota,
          resources: a.resources,
          requested: kv(a.requested),
          used: kv(a.used),
          limited: kv(a.limited),
          objectCount: a.objectCount,
          detail: a.objectCount
            ? list(over)
            : `${list(over)} (requested: ${kv(a.requested)}, used: ${kv(a.used)}, limited: ${kv(a.limited)})`,
        },
        evidence: [ev],
        suggestion: a.objectCount
          ? `ResourceQuota ${a.quota} caps the number of ${list(a.resources)} in ${ns}: delete finished or unused ones (completed Job pods count until deleted) or raise the quota.`
          : `Raise ResourceQuota ${a.quota}, lower the pod requests/limits, or scale down other workloads in ${ns}.`,
        commands: [describe, `kubectl describe resourcequota ${a.quota} -n ${ns}`],
      });
    }
    case 'ServiceAccountNotFound': {
      const sa: ObjectRef = { kind: 'ServiceAccount', namespace: a.namespace ?? ns, name: a.serviceAccount };
      const others = s.serviceAccounts
        .filter((x) => x.metadata?.namespace === sa.namespace)
        .map((x) => x.metadata?.name ?? '');
      return family({
        object: sa,
        // the code and sentence of a missing reference (References analyzer), so both findings merge on one cause
        code: 'MissingServiceAccount',
        facts: { kind: 'ServiceAccount', name: a.serviceAccount, namespace: sa.namespace ?? '', existing: others },
        evidence: [ev],
        suggestion: `Create ServiceAccount ${a.serviceAccount} in ${sa.namespace} or fix serviceAccountName in the pod template.`,
        commands: [describe, `kubectl get serviceaccount -n ${sa.namespace}`],
      });
    }
    case 'PodSecurityViolation': {
      const nsObj = s.namespaces.find((n) => n.metadata?.name === ns);
      const enforce = nsObj?.metadata?.labels?.['pod-security.kubernetes.io/enforce'];
      const checks = a.violations.map((v) => v.check);
      return family({
        object: { kind: 'Namespace', name: ns ?? '' },
        code: 'PodSecurityViolation',
        facts: {
          level: a.level,
          version: a.version,
          checks,
          detail: list(checks, 8),
          ...(enforce ? { enforceLabel: enforce } : {}),
        },
        evidence: [ev],
        suggestion: `Harden the pod template for "${a.level}" (${a.violations
          .map((v) => v.detail)
          .filter(Boolean)
          .slice(0, 2)
          .join('; ')}) or relax the namespace's pod-security.kubernetes.io/enforce label.`,
        commands: [describe, `kubectl get namespace ${ns} --show-labels`],
      });
    }
    case 'LimitRangeViolation': {
      const items = a.items.map((i) =>
        i.bound === 'ratio'
          ? `${i.resource} limit/request ratio per ${i.scope} is at most ${i.allowed}, the template has ${i.actual}`
          : `${i.bound} ${i.resource} per ${i.scope} is ${i.allowed}, the template ${i.bound === 'maximum' ? 'limit' : 'request'} is ${i.actual}`,
      );
      const first = a.items[0];
      return family({
        object: { kind: 'LimitRange', namespace: ns, name: '*' },
        code: 'LimitRangeViolation',
        facts: {
          bound: first.bound,
          resource: first.resource,
          scope: first.scope,
          allowed: first.allowed,
          actual: first.actual,
          namespace: ns,
          ...(items.length > 1 ? { more: items.slice(1).join('; ') } : {}),
        },
        evidence: [ev],
        suggestion: `Bring the ${first.resource} ${first.bound === 'minimum' ? 'request' : 'limit'} within ${first.allowed} per ${first.scope}, or change the LimitRange.`,
        commands: [describe, `kubectl describe limitrange -n ${ns}`],
      });
    }
    default:
      return undefined;
  }
}
