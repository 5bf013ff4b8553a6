/**
 * ReplicaSet (k8sgpt core parity): the controller cannot create pods (ReplicaFailure / FailedCreate), with the
 * refusal followed to the quota, webhook, Pod Security level, LimitRange or ServiceAccount that causes it.
 * Scaled-down (old) ReplicaSets are skipped.
 */
import { explainCreateFailure } from '../explain/create-failure';
import { findingFor } from '../finding';
import type { Analyzer, Finding } from '../types';

export const replicaSetAnalyzer: Analyzer = {
  name: 'ReplicaSet',
  default: true,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const rs of ctx.snapshot.replicaSets) {
      const desired = rs.spec?.replicas ?? 1;
      if (desired === 0 || (rs.status?.replicas ?? 0) >= desired) continue;
      const e = explainCreateFailure(ctx, 'ReplicaSet', rs);
      if (!e) continue;
      // Some pods exist and serve: degraded, not down.
      const f = findingFor(
        ctx,
        'ReplicaSet',
        'ReplicaSet',
        rs,
        (rs.status?.readyReplicas ?? 0) > 0 ? { ...e, severity: 'warning' } : e,
      );
      f.message = `${f.message} (${rs.status?.replicas ?? 0}/${desired} pods exist)`;
      f.evidence = [
        {
          source: 'field',
          object: { kind: 'ReplicaSet', namespace: rs.metadata?.namespace, name: rs.metadata?.name ?? '' },
          text: `spec.replicas=${desired}, status.replicas=${rs.status?.replicas ?? 0}`,
        },
        ...f.evidence,
      ];
      out.push(f);
    }
    return out;
  },
};
