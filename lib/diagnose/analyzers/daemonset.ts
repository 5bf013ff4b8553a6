/**
 * DaemonSet (k8sgpt core parity): fewer ready pods than nodes it should run on, with the cause from the failing
 * pods or the FailedCreate refusal; pods running on nodes they no longer belong to (misscheduled); and a DaemonSet
 * that selects no node at all while the cluster has nodes (info: often intended, sometimes a label typo).
 */
import { cause } from '../cause';
import { familyRootCause } from '../families/explanation';
import { daemonSetNoNodeCause } from '../families/lifecycle';
import type { V1DaemonSet, V1Pod } from '@kubernetes/client-node';
import { childrenOf } from '../context';
import { workloadCause } from '../explain/workload';
import type { Analyzer, AnalyzerContext, Evidence, Finding } from '../types';
import { ref } from '../util';

function analyzeOne(ctx: AnalyzerContext, ds: V1DaemonSet): Finding[] {
  const ns = ds.metadata?.namespace ?? '';
  const name = ds.metadata?.name ?? '';
  const st = ds.status;
  const desired = st?.desiredNumberScheduled ?? 0;
  const ready = st?.numberReady ?? 0;
  const mis = st?.numberMisscheduled ?? 0;
  const me = ref('DaemonSet', ds);
  const field: Evidence = {
    source: 'field',
    object: me,
    text: `desiredNumberScheduled=${desired}, numberReady=${ready}, numberAvailable=${st?.numberAvailable ?? 0}, numberMisscheduled=${mis}`,
  };
  const describe = `kubectl describe daemonset ${name} -n ${ns}`;
  const out: Finding[] = [];
  if (ready < desired) {
    const pods = childrenOf<V1Pod>(ctx.snapshot, ds, 'Pod');
    const cause = workloadCause(ctx, [{ kind: 'DaemonSet', obj: ds }], pods);
    out.push({
      severity: ready === 0 ? 'critical' : 'warning',
      analyzer: 'DaemonSet',
      kind: 'DaemonSet',
      namespace: ns,
      name,
      reason: 'PodsUnavailable',
      message: `DaemonSet ${ns}/${name}: ${ready}/${desired} pods ready${cause ? `; ${cause.via}: ${cause.rootCause.fact}` : ''}.`,
      evidence: cause ? [field, ...cause.evidence] : [field],
      ...(cause
        ? { rootCause: cause.rootCause, suggestion: cause.suggestion }
        : { suggestion: 'Find the nodes whose DaemonSet pod is not ready and describe those pods.' }),
      commands: [
        ...new Set([
          describe,
          `kubectl get pods -n ${ns} -o wide -l ${Object.entries(ds.spec?.selector?.matchLabels ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(',')}`,
          ...(cause?.commands ?? []),
        ]),
      ],
    });
  }
  if (mis > 0) {
    out.push({
      severity: 'warning',
      analyzer: 'DaemonSet',
      kind: 'DaemonSet',
      namespace: ns,
      name,
      reason: 'Misscheduled',
      message: `DaemonSet ${ns}/${name} runs ${mis} pod(s) on nodes it should not run on (node labels or taints changed since).`,
      evidence: [field],
      rootCause: cause(me, 'DaemonSetMisscheduled', { count: mis }),
      suggestion:
        "Check node labels and taints against the DaemonSet's nodeSelector/affinity; the controller removes such pods when it can.",
      commands: [describe, 'kubectl get nodes --show-labels'],
    });
  }
  if (desired === 0 && ctx.snapshot.nodes.length > 0) {
    const fam = daemonSetNoNodeCause(ctx.snapshot, ds);
    out.push({
      // a selector value no node carries while nodes have that key is a mismatch; no node with the key may be intended
      severity: fam?.rootCause.facts.nearMiss ? 'warning' : 'info',
      ...(fam ? { rootCause: familyRootCause(fam), suggestion: fam.suggestion } : {}),
      analyzer: 'DaemonSet',
      kind: 'DaemonSet',
      namespace: ns,
      name,
      reason: 'NoNodesSelected',
      message: `DaemonSet ${ns}/${name} selects none of the ${ctx.snapshot.nodes.length} node(s)${fam ? `: ${fam.rootCause.fact}` : ''}.`,
      evidence: [
        field,
        {
          source: 'field',
          object: me,
          text: `nodeSelector: ${JSON.stringify(ds.spec?.template?.spec?.nodeSelector ?? {})}`,
        },
      ],
      ...(fam
        ? {}
        : { suggestion: 'If it should run somewhere, check its nodeSelector/affinity against the node labels.' }),
      commands: [describe, 'kubectl get nodes --show-labels'],
    });
  }
  return out;
}

export const daemonSetAnalyzer: Analyzer = {
  name: 'DaemonSet',
  default: true,
  analyze(ctx) {
    return ctx.snapshot.daemonSets.flatMap((ds) => analyzeOne(ctx, ds));
  },
};
