/**
 * PodDisruptionBudget (k8sgpt optional parity): the budget blocks disruptions because pods are unhealthy
 * (currentHealthy < desiredHealthy; the unhealthy pods' cause is attached), the selector matches no pod, or the
 * budget allows no disruption even when everything is healthy (minAvailable = the replicas, maxUnavailable: 0):
 * node drains hang on it.
 */
import { cause } from '../cause';
import type { V1PodDisruptionBudget } from '@kubernetes/client-node';
import { podsInNamespace } from '../context';
import { dominantPodCause } from '../explain/workload';
import { labelSelectorText as selectorText, matchesSelector } from '../selectors';
import type { Analyzer, AnalyzerContext, Evidence, Finding } from '../types';
import { ref } from '../util';

function analyzeOne(ctx: AnalyzerContext, pdb: V1PodDisruptionBudget): Finding | undefined {
  const ns = pdb.metadata?.namespace ?? '';
  const name = pdb.metadata?.name ?? '';
  const me = ref('PodDisruptionBudget', pdb);
  const sel = pdb.spec?.selector;
  const base = { analyzer: 'PodDisruptionBudget', kind: 'PodDisruptionBudget', namespace: ns, name };
  const commands = [`kubectl describe pdb ${name} -n ${ns}`];
  const st = pdb.status;
  const field: Evidence = {
    source: 'field',
    object: me,
    text: `minAvailable=${pdb.spec?.minAvailable ?? '-'}, maxUnavailable=${pdb.spec?.maxUnavailable ?? '-'}, expectedPods=${st?.expectedPods ?? 0}, currentHealthy=${st?.currentHealthy ?? 0}, desiredHealthy=${st?.desiredHealthy ?? 0}, disruptionsAllowed=${st?.disruptionsAllowed ?? 0}`,
  };
  const pods = sel
    ? podsInNamespace(ctx.snapshot, ns).filter(
        (p) =>
          p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && matchesSelector(p.metadata?.labels, sel),
      )
    : [];
  if (pods.length === 0) {
    return {
      ...base,
      severity: 'warning',
      reason: 'SelectorMatchesNoPods',
      message: `PodDisruptionBudget ${ns}/${name} selects no pods (${selectorText(sel) || 'no selector'}); it protects nothing.`,
      evidence: [field, { source: 'field', object: me, text: `selector: ${selectorText(sel) || '(none)'}` }],
      rootCause: cause(me, 'PDBSelectsNoPods', { selector: selectorText(sel) || '(none)', namespace: ns }),
      suggestion: "Fix the selector to match the workload's pod labels, or delete the unused budget.",
      commands: [...commands, `kubectl get pods -n ${ns} --show-labels`],
    };
  }
  if ((st?.disruptionsAllowed ?? 0) > 0) return undefined;
  const healthy = st?.currentHealthy ?? 0;
  const wanted = st?.desiredHealthy ?? 0;
  if (healthy < wanted) {
    const cause = dominantPodCause(ctx, pods);
    return {
      ...base,
      severity: 'warning',
      reason: 'InsufficientPods',
      message: `PodDisruptionBudget ${ns}/${name} allows no disruption: ${healthy} healthy pod(s), ${wanted} required${cause ? `; ${cause.problem.rootCause.fact}` : ''}.`,
      evidence: cause ? [field, ...cause.problem.evidence] : [field],
      ...(cause ? { rootCause: cause.problem.rootCause } : {}),
      suggestion:
        cause?.problem.suggestion ??
        'Make the selected pods healthy; until then evictions and node drains are blocked.',
      commands: [...commands, ...(cause?.problem.commands ?? [])],
    };
  }
  const bound =
    pdb.spec?.maxUnavailable !== undefined
      ? { maxUnavailable: String(pdb.spec.maxUnavailable) }
      : { minAvailable: String(pdb.spec?.minAvailable ?? '') };
  return {
    ...base,
    // a drain (cluster upgrade, node repair) blocks on it until someone edits the budget: worth a warning
    severity: 'warning',
    reason: 'NoDisruptionsAllowed',
    message: `PodDisruptionBudget ${ns}/${name} allows no voluntary disruption even with all ${healthy} pod(s) healthy; node drains will wait forever.`,
    evidence: [field],
    rootCause: cause(
      me,
      'PDBAllowsNoDisruption',
      { ...bound, expectedPods: st?.expectedPods ?? pods.length, currentHealthy: healthy, desiredHealthy: wanted },
      field,
    ),
    suggestion:
      'Use maxUnavailable: 1 (or minAvailable below the replica count) so drains can proceed one pod at a time.',
    commands,
  };
}

export const pdbAnalyzer: Analyzer = {
  name: 'PodDisruptionBudget',
  default: true,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const pdb of ctx.snapshot.pdbs) {
      const f = analyzeOne(ctx, pdb);
      if (f) out.push(f);
    }
    return out;
  },
};
