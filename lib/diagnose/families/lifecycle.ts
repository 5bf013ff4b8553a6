/**
 * Workload lifecycles that stop on a spec value: a Job killed at activeDeadlineSeconds, a DaemonSet whose
 * nodeSelector matches no node. The facts quote the value and what the cluster has instead.
 */
import type { V1DaemonSet, V1Job } from '@kubernetes/client-node';
import { parseJobFailure } from '../messages/controllers';
import type { ObjectRef, Snapshot } from '../types';
import { millis, ref } from '../util';
import { type FamilyCause, family } from './cause-data';
import { distinct, termsMatch } from './node-fit';

export function jobDeadlineCause(job: V1Job): FamilyCause | undefined {
  const cond = job.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
  if (!cond || parseJobFailure(cond.reason, cond.message).code !== 'DeadlineExceeded') return undefined;
  const me = ref('Job', job);
  const deadline = job.spec?.activeDeadlineSeconds;
  const start = millis(job.status?.startTime);
  const end = millis(cond.lastTransitionTime);
  const ran = start && end && end > start ? Math.round((end - start) / 1000) : undefined;
  return family({
    object: me,
    code: 'JobDeadlineExceeded',
    facts: {
      ...(deadline !== undefined ? { activeDeadlineSeconds: deadline } : {}),
      ...(ran !== undefined ? { ranSeconds: ran } : {}),
      succeeded: job.status?.succeeded ?? 0,
      completions: job.spec?.completions ?? 1,
    },
    evidence: [{ source: 'condition', object: me, text: `Failed DeadlineExceeded: ${cond.message ?? ''}` }],
    suggestion: `Raise activeDeadlineSeconds above the run time the work needs${ran !== undefined ? ` (more than ${ran}s)` : ''}, or split the work into smaller Jobs.`,
    commands: [`kubectl get job ${me.name} -n ${me.namespace} -o jsonpath='{.spec.activeDeadlineSeconds}'`],
  });
}

/** A DaemonSet that schedules nowhere: the selector's pairs and the values the nodes carry for those keys. */
export function daemonSetNoNodeCause(s: Snapshot, ds: V1DaemonSet): FamilyCause | undefined {
  if (!s.nodes.length || (ds.status?.desiredNumberScheduled ?? 0) > 0) return undefined;
  const me: ObjectRef = ref('DaemonSet', ds);
  const sel = ds.spec?.template?.spec?.nodeSelector ?? {};
  const terms =
    ds.spec?.template?.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const pairs = Object.entries(sel);
  const unmatched = pairs.filter(([k, v]) => !s.nodes.some((n) => n.metadata?.labels?.[k] === v));
  if (!unmatched.length && !(terms && !s.nodes.some((n) => termsMatch(n, terms)))) return undefined;
  const present = unmatched.map(([k]) => ({
    key: k,
    values: distinct(s.nodes.map((n) => n.metadata?.labels?.[k])),
  }));
  const nearMiss = present.some((p) => p.values.length > 0);
  const selText = pairs.map(([k, v]) => `${k}=${v}`).join(', ') || '(node affinity)';
  return family({
    object: me,
    code: 'DaemonSetNoMatchingNode',
    facts: {
      nodeSelector: selText,
      nodes: s.nodes.length,
      ...(present.length ? { nodeValues: present.map((p) => `${p.key}=${p.values.join('|') || '(absent)'}`) } : {}),
      nearMiss,
    },
    evidence: [{ source: 'field', object: me, text: `nodeSelector: ${selText}; desiredNumberScheduled=0` }],
    suggestion: nearMiss
      ? `Fix the DaemonSet's nodeSelector to the value the nodes carry, or label the intended nodes (kubectl label node <node> ${unmatched[0]?.[0]}=${unmatched[0]?.[1]}).`
      : `Label the nodes that should run it (kubectl label node <node> ${unmatched[0]?.[0] ?? 'key'}=${unmatched[0]?.[1] ?? 'value'}), or drop the selector.`,
    commands: [`kubectl get nodes -L ${unmatched.map(([k]) => k).join(',') || 'kubernetes.io/hostname'}`],
  });
}
