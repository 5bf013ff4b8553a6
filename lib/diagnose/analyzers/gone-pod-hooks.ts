/**
 * FailedPreStopHook events outlive their pods: the hook runs while a pod is deleted (a rollout, a scale-down, a
 * drain), so by the time anyone looks the pod is gone and only the event says its shutdown step failed. The pod's
 * name leads to its ReplicaSet (name minus the random suffix) and that to the workload whose template holds the
 * hook; the finding is on the workload, the event's pod cited as evidence.
 */
import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { preStopFailureCause } from '../families/prestop-hook';
import type { Analyzer, Finding, ObjectRef } from '../types';
import { refText } from '../util';

export const goneHookAnalyzer: Analyzer = {
  name: 'PreStopHook',
  default: true,
  analyze(ctx) {
    const s = ctx.snapshot;
    // the names of every live pod are gathered only for a cluster that has such an event (most have none)
    if (!s.events.some((e) => e.reason === 'FailedPreStopHook')) return [];
    const live = new Set(s.pods.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`));
    const byOwner = new Map<string, { owner: ObjectRef; pod: V1Pod; events: CoreV1Event[]; pods: Set<string> }>();
    for (const e of s.events) {
      const io = e.involvedObject;
      if (e.reason !== 'FailedPreStopHook' || io?.kind !== 'Pod' || !io.name || !io.namespace) continue;
      if (live.has(`${io.namespace}/${io.name}`)) continue; // the pod analyzer explains a pod that is still there
      // Deployment pods are named <replicaset>-<5 random characters>
      const rsName = io.name.replace(/-[a-z0-9]{5}$/, '');
      const rs = s.replicaSets.find((r) => r.metadata?.namespace === io.namespace && r.metadata?.name === rsName);
      const template = rs?.spec?.template;
      if (!rs || !template?.spec) continue;
      const owner = ctx.topOwner(rs) ?? { kind: 'ReplicaSet', namespace: io.namespace, name: rsName };
      const key = refText(owner);
      const g = byOwner.get(key) ?? {
        owner,
        // the pod as its template described it, to read the hook from
        pod: { metadata: { name: io.name, namespace: io.namespace }, spec: template.spec },
        events: [],
        pods: new Set<string>(),
      };
      g.events.push(e);
      g.pods.add(io.name);
      byOwner.set(key, g);
    }
    const out: Finding[] = [];
    for (const g of byOwner.values()) {
      const c = preStopFailureCause(g.pod, g.owner, g.events);
      if (!c) continue;
      const pods = [...g.pods];
      out.push({
        severity: 'warning',
        analyzer: 'PreStopHook',
        kind: g.owner.kind,
        namespace: g.owner.namespace,
        name: g.owner.name,
        reason: 'PreStopHookFailed',
        message: `${refText(g.owner)}: the preStop hook failed as ${pods.length === 1 ? `pod ${pods[0]} was` : `${pods.length} pods were`} stopped (the pod${pods.length === 1 ? ' is' : 's are'} gone): ${c.rootCause.fact}.`,
        // every gone pod's event, so each is cited
        evidence: [
          ...c.evidence,
          ...g.events
            .filter((e) => e !== g.events[0])
            .slice(0, 5)
            .map((e) => ({
              source: 'event' as const,
              object: { kind: 'Pod', namespace: e.involvedObject?.namespace, name: e.involvedObject?.name ?? '' },
              text: `FailedPreStopHook: ${(e.message ?? '').slice(0, 300)}`,
            })),
        ],
        rootCause: c.rootCause,
        suggestion: c.suggestion,
        // the pod is gone: read the hook from the workload's template
        commands: [
          `kubectl get ${g.owner.kind.toLowerCase()} ${g.owner.name} -n ${g.owner.namespace} -o jsonpath='{.spec.template.spec.containers[*].lifecycle.preStop}'`,
          `kubectl get events -n ${g.owner.namespace} --field-selector reason=FailedPreStopHook`,
        ],
        ...(pods.length > 1 ? { count: pods.length } : {}),
        related: pods.map((name) => ({ kind: 'Pod', namespace: g.owner.namespace, name })),
      });
    }
    return out;
  },
};
