/**
 * Every pod template in the snapshot, once: the top-level workloads' templates plus pods nobody listed owns.
 * Static checks (references, probes, security) read templates so that a Deployment scaled to zero, or one whose
 * pods could not even be created, is still checked, and so that 30 replicas yield one finding, not 30.
 */
import type { CoreV1Event, KubernetesObject, V1Pod, V1PodSpec } from '@kubernetes/client-node';
import { childrenOf, indexes, memoised } from './context';
import type { AnalyzerContext, ObjectRef } from './types';
import { ref, refKey } from './util';

export interface PodSpecHolder {
  ref: ObjectRef;
  obj: KubernetesObject;
  spec: V1PodSpec;
  /** labels the pods get */
  labels: Record<string, string>;
  /** the live pods that came from this template */
  pods: V1Pod[];
}

function podsByTop(ctx: AnalyzerContext): Map<string, { top: ObjectRef; pods: V1Pod[] }> {
  const out = new Map<string, { top: ObjectRef; pods: V1Pod[] }>();
  // the pods of one controller share its top owner: it is asked for once per controller, not once per pod
  for (const pods of indexes(ctx.snapshot).podFacts.byController) {
    const top = ctx.topOwner(pods[0]) ?? ref('Pod', pods[0]);
    const k = refKey(top);
    const g = out.get(k);
    if (g) for (const p of pods) g.pods.push(p);
    else out.set(k, { top, pods: [...pods] });
  }
  return out;
}

export function podSpecHolders(ctx: AnalyzerContext): PodSpecHolder[] {
  return ctx.memo('pod-specs.holders', () => computeHolders(ctx));
}

function computeHolders(ctx: AnalyzerContext): PodSpecHolder[] {
  const s = ctx.snapshot;
  const groups = podsByTop(ctx);
  const holders: PodSpecHolder[] = [];
  const add = (
    kind: string,
    obj: KubernetesObject,
    spec: V1PodSpec | undefined,
    labels: Record<string, string> | undefined,
  ): void => {
    if (!spec) return;
    const r = ref(kind, obj);
    const k = refKey(r);
    holders.push({ ref: r, obj, spec, labels: labels ?? {}, pods: groups.get(k)?.pods ?? [] });
    groups.delete(k);
  };
  const owned = (o: KubernetesObject): boolean => (o.metadata?.ownerReferences ?? []).length > 0;
  for (const d of s.deployments) add('Deployment', d, d.spec?.template?.spec, d.spec?.template?.metadata?.labels);
  for (const st of s.statefulSets) add('StatefulSet', st, st.spec?.template?.spec, st.spec?.template?.metadata?.labels);
  for (const ds of s.daemonSets) add('DaemonSet', ds, ds.spec?.template?.spec, ds.spec?.template?.metadata?.labels);
  for (const cj of s.cronJobs) {
    const t = cj.spec?.jobTemplate?.spec?.template;
    add('CronJob', cj, t?.spec, t?.metadata?.labels);
  }
  for (const j of s.jobs) if (!owned(j)) add('Job', j, j.spec?.template?.spec, j.spec?.template?.metadata?.labels);
  for (const rs of s.replicaSets)
    if (!owned(rs)) add('ReplicaSet', rs, rs.spec?.template?.spec, rs.spec?.template?.metadata?.labels);
  // Pods whose top owner we did not list (a bare pod, a CRD such as an Argo Rollout): their own spec stands in.
  for (const g of groups.values()) {
    const first = g.pods[0];
    holders.push({
      ref: g.top,
      obj: first,
      spec: first.spec ?? { containers: [] },
      labels: first.metadata?.labels ?? {},
      pods: g.pods,
    });
  }
  return holders;
}

/** The template a live pod came from. */
export function holderOf(ctx: AnalyzerContext, pod: V1Pod): PodSpecHolder | undefined {
  const byPod = ctx.memo('pod-specs.holderByPod', () => {
    const m = new Map<V1Pod, PodSpecHolder>();
    for (const h of podSpecHolders(ctx)) for (const p of h.pods) m.set(p, h);
    return m;
  });
  return byPod.get(pod);
}

/**
 * Events about a holder and everything it made (its ReplicaSets or Jobs, its pods), newest first.
 * FailedMount lands on the pod, FailedCreate on the ReplicaSet, so evidence for one template is spread over both.
 */
export function holderEvents(ctx: AnalyzerContext, h: PodSpecHolder): CoreV1Event[] {
  // asked by the References, Probe and Service checks for every template: gathered once per run
  return ctx.memo('pod-specs.holderEvents', () => memoised((x: PodSpecHolder) => gatherHolderEvents(ctx, x), []))(h);
}

function gatherHolderEvents(ctx: AnalyzerContext, h: PodSpecHolder): CoreV1Event[] {
  const ns = h.ref.namespace;
  const out: CoreV1Event[] = [...ctx.eventsFor(h.ref.kind, ns, h.ref.name)];
  if (h.obj.metadata?.uid && h.ref.kind !== 'Pod') {
    for (const kind of ['ReplicaSet', 'Job']) {
      for (const child of childrenOf(ctx.snapshot, h.obj, kind))
        out.push(...ctx.eventsFor(kind, ns, child.metadata?.name ?? ''));
    }
  }
  for (const p of h.pods)
    if (h.ref.kind !== 'Pod' || p.metadata?.name !== h.ref.name)
      out.push(...ctx.eventsFor('Pod', ns, p.metadata?.name ?? ''));
  return out;
}

/** Waiting/terminated messages of a pod's containers: "CreateContainerConfigError: configmap \"x\" not found". */
export function containerStateTexts(pod: V1Pod): string[] {
  const out: string[] = [];
  for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const w = cs.state?.waiting;
    if (w?.reason) out.push(w.message ? `${w.reason}: ${w.message}` : w.reason);
  }
  return out;
}

/** JSONPath prefix of the pod spec inside an object of this kind, for kubectl commands. */
export function podSpecPath(kind: string): string {
  if (kind === 'Pod') return '.spec';
  if (kind === 'CronJob') return '.spec.jobTemplate.spec.template.spec';
  return '.spec.template.spec';
}
