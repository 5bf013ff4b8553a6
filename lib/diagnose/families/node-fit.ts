/**
 * Which nodes a pod could run on, by the same filters the scheduler applies before the one that rejected it:
 * not cordoned, nodeSelector and required node affinity, tolerated NoSchedule / NoExecute taints. The family
 * checks use it to count the nodes a constraint really had to choose from.
 */
import type { V1Node, V1NodeSelectorRequirement, V1NodeSelectorTerm, V1Pod, V1Taint } from '@kubernetes/client-node';

export function tolerates(pod: V1Pod, taint: V1Taint): boolean {
  if (taint.effect === 'PreferNoSchedule') return true;
  return (pod.spec?.tolerations ?? []).some(
    (t) =>
      (!t.key ? t.operator === 'Exists' : t.key === taint.key) &&
      (t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '')) &&
      (!t.effect || t.effect === taint.effect),
  );
}

export function requirementMatches(labels: Record<string, string>, r: V1NodeSelectorRequirement): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const val = labels[r.key];
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(val);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(val);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(val) > Number(r.values?.[0]);
    case 'Lt':
      return has && Number(val) < Number(r.values?.[0]);
    default:
      return false;
  }
}

/** Terms are ORed, a term's expressions ANDed (an empty term matches nothing, as in the API). */
export function termsMatch(node: V1Node, terms: V1NodeSelectorTerm[] | undefined): boolean {
  if (!terms) return true;
  const labels = node.metadata?.labels ?? {};
  return terms.some(
    (t) =>
      (t.matchExpressions?.length ?? 0) > 0 && (t.matchExpressions ?? []).every((r) => requirementMatches(labels, r)),
  );
}

export function requirementText(r: V1NodeSelectorRequirement): string {
  if (r.operator === 'Exists' || r.operator === 'DoesNotExist') return `${r.key} ${r.operator}`;
  return `${r.key} ${r.operator.toLowerCase()} (${(r.values ?? []).join(', ')})`;
}

export function termsText(terms: V1NodeSelectorTerm[]): string {
  return terms.map((t) => (t.matchExpressions ?? []).map(requirementText).join(' and ')).join(' or ');
}

/** Nodes that pass every filter but the pod-to-pod and volume ones. */
export function eligibleNodes(nodes: V1Node[], pod: V1Pod): V1Node[] {
  const sel = Object.entries(pod.spec?.nodeSelector ?? {});
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return nodes.filter(
    (n) =>
      !n.spec?.unschedulable &&
      sel.every(([k, v]) => n.metadata?.labels?.[k] === v) &&
      termsMatch(n, terms) &&
      (n.spec?.taints ?? []).every((t) => tolerates(pod, t)),
  );
}

export function distinct(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((x): x is string => x !== undefined))].sort();
}
