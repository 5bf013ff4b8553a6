/**
 * Deletions that do not finish. A namespace stays Terminating while the namespace controller cannot list every
 * API group (an aggregated APIService that is down) or while objects in it keep finalizers nobody removes; its
 * conditions say which. A pod stays Terminating past its grace period when a finalizer is left on it or its node's
 * kubelet is not there to confirm the containers stopped.
 */
import type { V1Namespace, V1Pod } from '@kubernetes/client-node';
import { parseDiscoveryFailure, parseRemainingFinalizers, parseRemainingResources } from '../messages/namespace';
import type { Evidence, ObjectRef, Snapshot } from '../types';
import { millis } from '../util';
import { type FamilyCause, family } from './cause-data';

/**
 * The time the snapshot describes: its newest event or node heartbeat. Fixtures and offline dumps are judged as of
 * when they were taken, not as of the wall clock.
 */
export function snapshotClock(s: Snapshot): number {
  let t = 0;
  for (const e of s.events) t = Math.max(t, millis(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp));
  for (const n of s.nodes) for (const c of n.status?.conditions ?? []) t = Math.max(t, millis(c.lastHeartbeatTime));
  return t || Date.now();
}

function builtIn(finalizer: string): boolean {
  return /(^|\.)(kubernetes|k8s)\.io\//.test(finalizer) || finalizer === 'foregroundDeletion' || finalizer === 'orphan';
}

const GRACE_SLACK_MS = 5 * 60_000;

function objectsWithFinalizer(s: Snapshot, ns: string, finalizer: string): ObjectRef[] {
  const out: ObjectRef[] = [];
  const lists: [string, { metadata?: { namespace?: string; name?: string; finalizers?: string[] } }[]][] = [
    ['Pod', s.pods],
    ['PersistentVolumeClaim', s.pvcs],
    ['Service', s.services],
    ['ConfigMap', s.configMaps],
    ['Secret', s.secrets],
    ['Job', s.jobs],
    ['Deployment', s.deployments],
    ['StatefulSet', s.statefulSets],
  ];
  for (const [kind, items] of lists)
    for (const o of items)
      if (o.metadata?.namespace === ns && o.metadata.finalizers?.includes(finalizer))
        out.push({ kind, namespace: ns, name: o.metadata.name ?? '' });
  return out;
}

/** Why a namespace is stuck Terminating, read from the namespace controller's conditions; undefined if it is not. */
export function namespaceTerminatingCause(s: Snapshot, ns: V1Namespace): FamilyCause | undefined {
  const name = ns.metadata?.name ?? '';
  if (ns.status?.phase !== 'Terminating' && !ns.metadata?.deletionTimestamp) return undefined;
  const me: ObjectRef = { kind: 'Namespace', name };
  const cond = (type: string) => ns.status?.conditions?.find((c) => c.type === type && c.status === 'True');
  const ev = (type: string, c: { reason?: string; message?: string }): Evidence => ({
    source: 'condition',
    object: me,
    text: `${type}=True reason=${c.reason ?? ''}: ${(c.message ?? '').slice(0, 400)}`,
  });
  const deletedAt = millis(ns.metadata?.deletionTimestamp);
  const sinceFact = deletedAt ? { deletionTimestamp: new Date(deletedAt).toISOString() } : {};
  const remaining = cond('NamespaceContentRemaining');
  const resources = parseRemainingResources(remaining?.message ?? '').map((r) => `${r.name} (${r.count})`);

  const discovery = cond('NamespaceDeletionDiscoveryFailure');
  const failing = discovery ? parseDiscoveryFailure(discovery.message ?? '') : [];
  if (discovery && failing.length)
    return family({
      object: { kind: 'APIService', name: failing[0].apiService },
      code: 'NamespaceDiscoveryFailure',
      facts: {
        namespace: name,
        apiService: failing.map((f) => f.apiService),
        groupVersion: failing.map((f) => f.groupVersion),
        ...sinceFact,
      },
      evidence: [ev('NamespaceDeletionDiscoveryFailure', discovery)],
      suggestion: `The namespace controller cannot list ${failing.map((f) => f.groupVersion).join(', ')}, so it cannot finish deleting ${name}: make APIService ${failing[0].apiService} Available again (its backing Service and pods), or delete the APIService if the add-on is gone.`,
      commands: [
        `kubectl get apiservice ${failing[0].apiService} -o yaml`,
        `kubectl get namespace ${name} -o jsonpath='{.status.conditions}'`,
      ],
    });

  const fin = cond('NamespaceFinalizersRemaining');
  // the built-in finalizers (kubernetes.io/pvc-protection…) clear themselves once their objects go; a third-party
  // one whose controller is gone is what holds the namespace, so it comes first
  const finalizers = parseRemainingFinalizers(fin?.message ?? '').sort(
    (a, b) => Number(builtIn(a.name)) - Number(builtIn(b.name)),
  );
  if (fin && finalizers.length) {
    const holders = finalizers.flatMap((f) => objectsWithFinalizer(s, name, f.name));
    return family({
      object: holders[0] ?? me,
      code: 'NamespaceFinalizersRemaining',
      facts: {
        namespace: name,
        finalizers: finalizers.map((f) => f.name),
        ...(resources.length ? { resources } : {}),
        ...(holders.length ? { objects: holders.map((h) => `${h.kind}/${h.name}`) } : {}),
        ...sinceFact,
      },
      evidence: [
        ev('NamespaceFinalizersRemaining', fin),
        ...(remaining ? [ev('NamespaceContentRemaining', remaining)] : []),
      ],
      suggestion: `Objects in ${name} keep finalizer(s) ${finalizers.map((f) => f.name).join(', ')}: start the controller that owns them (an operator removed before its resources) so it can clean up, or, when the external resources are already gone, remove the finalizer from each object with kubectl patch --type=merge -p '{"metadata":{"finalizers":null}}'.`,
      commands: [
        `kubectl api-resources --verbs=list --namespaced -o name | xargs -n1 kubectl get -n ${name} --ignore-not-found --show-kind`,
        `kubectl get namespace ${name} -o jsonpath='{.status.conditions}'`,
      ],
    });
  }

  const content = cond('NamespaceDeletionContentFailure');
  if (content)
    return family({
      object: me,
      code: 'NamespaceContentDeleteFailed',
      facts: {
        namespace: name,
        error: (content.message ?? '')
          .replace(/^Failed to delete all resource types, \d+ remaining:\s*/i, '')
          .slice(0, 240),
        ...sinceFact,
      },
      evidence: [ev('NamespaceDeletionContentFailure', content)],
      suggestion: `The namespace controller fails to delete some resources in ${name}: fix the error it quotes (an admission webhook that rejects deletes, an API that errors), then it retries.`,
      commands: [`kubectl get namespace ${name} -o jsonpath='{.status.conditions}'`],
    });

  if (remaining && resources.length)
    return family({
      object: me,
      code: 'NamespaceContentRemaining',
      facts: { namespace: name, resources, ...sinceFact },
      evidence: [ev('NamespaceContentRemaining', remaining)],
      suggestion: `Objects are still being deleted in ${name}: look at what keeps them (pods stuck Terminating on a lost node, finalizers).`,
      commands: [`kubectl get all -n ${name}`],
    });

  const specFinalizers = ns.spec?.finalizers ?? [];
  if (!deletedAt || snapshotClock(s) - deletedAt < GRACE_SLACK_MS) return undefined;
  return family({
    object: me,
    code: 'NamespaceStuckTerminating',
    facts: { namespace: name, ...(specFinalizers.length ? { finalizers: specFinalizers } : {}), ...sinceFact },
    evidence: [
      {
        source: 'field',
        object: me,
        text: `status.phase=Terminating, deletionTimestamp=${String(ns.metadata?.deletionTimestamp)}, spec.finalizers=${specFinalizers.join(',') || '(none)'}`,
      },
    ],
    suggestion: `Namespace ${name} has been Terminating for long without a condition saying why: check that kube-controller-manager runs and look for objects left in it.`,
    commands: [`kubectl get namespace ${name} -o yaml`],
  });
}

/**
 * A pod whose deletion is past its grace period (plus slack): a finalizer left on it, or a node that is NotReady or
 * gone so no kubelet confirms the containers stopped.
 */
export function podTerminatingCause(s: Snapshot, pod: V1Pod, specRef: ObjectRef): FamilyCause | undefined {
  const deletedAt = millis(pod.metadata?.deletionTimestamp);
  if (!deletedAt) return undefined;
  const grace = (pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
  const overdue = snapshotClock(s) - (deletedAt + grace);
  if (overdue < GRACE_SLACK_MS) return undefined;
  const me: ObjectRef = { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name ?? '' };
  const ns = me.namespace ?? '';
  const deletionTimestamp = new Date(deletedAt).toISOString();
  const overdueMinutes = Math.round(overdue / 60_000);
  const field: Evidence = {
    source: 'field',
    object: me,
    text: `deletionTimestamp=${deletionTimestamp}, deletionGracePeriodSeconds=${grace / 1000}, finalizers=${(pod.metadata?.finalizers ?? []).join(',') || '(none)'}, nodeName=${pod.spec?.nodeName ?? ''}`,
  };
  const finalizers = pod.metadata?.finalizers ?? [];
  if (finalizers.length)
    return family({
      object: me,
      code: 'PodStuckOnFinalizer',
      facts: { finalizers, deletionTimestamp, overdueMinutes },
      evidence: [field],
      suggestion: `Pod ${me.name} is deleted but keeps finalizer(s) ${finalizers.join(', ')}: the controller that set them must remove them (is it running?); if it is gone for good, remove them by hand with kubectl patch pod ${me.name} -n ${ns} --type=merge -p '{"metadata":{"finalizers":null}}'.`,
      commands: [`kubectl get pod ${me.name} -n ${ns} -o jsonpath='{.metadata.finalizers}'`],
    });
  const nodeName = pod.spec?.nodeName;
  const node = nodeName ? s.nodes.find((n) => n.metadata?.name === nodeName) : undefined;
  const ready = node?.status?.conditions?.find((c) => c.type === 'Ready');
  if (nodeName && (!node || ready?.status !== 'True'))
    return family({
      object: { kind: 'Node', name: nodeName },
      code: 'PodStuckTerminatingOnNode',
      facts: { node: nodeName, nodeState: node ? 'NotReady' : 'gone', deletionTimestamp, overdueMinutes },
      evidence: [field],
      suggestion: `No kubelet on ${nodeName} confirms the pod stopped: bring the node back, or if it is gone for good delete the Node object (the pods go with it) or force-delete: kubectl delete pod ${me.name} -n ${ns} --grace-period=0 --force.`,
      commands: [`kubectl describe node ${nodeName}`],
    });
  return family({
    object: specRef,
    code: 'PodStuckTerminating',
    facts: { deletionTimestamp, overdueMinutes, ...(nodeName ? { node: nodeName } : {}) },
    evidence: [field],
    suggestion: `The kubelet on ${nodeName ?? 'its node'} has not finished stopping the pod: check its preStop hook and the container runtime on the node (kubelet logs).`,
    commands: [`kubectl describe pod ${me.name} -n ${ns}`],
  });
}
