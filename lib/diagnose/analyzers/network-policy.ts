/**
 * NetworkPolicy: what the policies actually block. k8sgpt only says a policy selects no pods; we evaluate the
 * connections the workloads need — DNS to kube-dns, and the Services each workload calls (read from its env and
 * logs) — and name the policy, the rule gap, and the caller it cuts off (net-blocks.ts, shared with the pod chain).
 */
import { cause } from '../cause';
import { pNs, policyBlocks } from '../net-blocks';
import { podSpecHolders, type PodSpecHolder } from '../pod-specs';
import { labelSelectorText, matchesSelector } from '../selectors';
import type { Analyzer, AnalyzerContext, Finding } from '../types';
import { nsFlag, ref } from '../util';

function unusedFindings(ctx: AnalyzerContext, holders: PodSpecHolder[]): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.snapshot.networkPolicies) {
    const ns = pNs(p);
    const sel = p.spec?.podSelector ?? {};
    const used =
      holders.some((h) => h.ref.namespace === ns && matchesSelector(h.labels, sel)) ||
      ctx.snapshot.pods.some((pod) => pod.metadata?.namespace === ns && matchesSelector(pod.metadata?.labels, sel));
    if (used) continue;
    const selText = labelSelectorText(sel) || '(all pods)';
    out.push({
      severity: 'info',
      analyzer: 'NetworkPolicy',
      kind: 'NetworkPolicy',
      namespace: ns,
      name: p.metadata?.name ?? '',
      reason: 'NetworkPolicyUnused',
      message: `NetworkPolicy ${ns}/${p.metadata?.name} selects ${selText}, which matches no pod or workload in ${ns}; it has no effect.`,
      evidence: [{ source: 'field', object: ref('NetworkPolicy', p), text: `spec.podSelector: ${selText}` }],
      rootCause: cause(ref('NetworkPolicy', p), 'PolicySelectsNoPods', { selector: selText }),
      suggestion: 'Fix the podSelector or delete the policy if it is left over.',
      commands: [
        `kubectl${nsFlag(ns)} get pods -l '${labelSelectorText(sel)}'`,
        `kubectl${nsFlag(ns)} describe networkpolicy ${p.metadata?.name}`,
      ],
    });
  }
  return out;
}

export const networkPolicyAnalyzer: Analyzer = {
  name: 'NetworkPolicy',
  // Default on, unlike k8sgpt: a policy that drops DNS or a caller is a common, silent root cause.
  default: true,
  analyze(ctx) {
    if (ctx.snapshot.networkPolicies.length === 0) return [];
    // Copies: the memoised findings are shared with explain/connect.ts and with later runs on the same snapshot.
    const blocked = policyBlocks(ctx).findings.map((f) => ({
      ...f,
      evidence: [...f.evidence],
      ...(f.commands ? { commands: [...f.commands] } : {}),
    }));
    return [...blocked, ...unusedFindings(ctx, podSpecHolders(ctx))];
  },
};
