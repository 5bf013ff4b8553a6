/**
 * What the analysis asks of every pod, worked out as each page of pods arrives (IndexBuilder.add): the page has
 * just been parsed, slimmed and redacted, so its objects are still in the CPU's cache. The same questions asked
 * later, in a pass over 10k pods spread through the heap, cost several times as much (measured in bench:diagnose).
 * Only pod-local facts live here; what needs other objects (the node's condition, the top owner) is asked later.
 */
import type { V1Container, V1OwnerReference, V1Pod } from '@kubernetes/client-node';
import { controllerOf, cpuMillicores, quantity } from './util';

export function parseRequest(resource: string, v: string | undefined): number {
  return resource === 'cpu' ? cpuMillicores(v) : quantity(v);
}

/**
 * A container's request, or its limit when it sets none: the API server defaults requests to limits, and extended
 * resources (nvidia.com/gpu) are usually written as limits only. Manifests read offline have not been defaulted.
 */
function requestOf(c: V1Container, resource: string): string | undefined {
  return c.resources?.requests?.[resource] ?? c.resources?.limits?.[resource];
}

/**
 * What the scheduler counts a pod as requesting, as kubernetes' resource helpers (PodRequests) work it out: the
 * containers' sum, sidecars (init containers with restartPolicy Always) added to it; an init container that runs to
 * completion needs its own request plus the sidecars started before it, and the pod needs the larger of the two;
 * then the RuntimeClass's pod overhead on top.
 */
export function podRequest(pod: V1Pod, resource: string, parse: typeof parseRequest = parseRequest): number {
  const amount = (c: V1Container) => parse(resource, requestOf(c, resource)) || 0;
  let sum = 0;
  for (const c of pod.spec?.containers ?? []) sum += amount(c);
  let sidecars = 0;
  let init = 0;
  for (const c of pod.spec?.initContainers ?? []) {
    const own = amount(c);
    if (c.restartPolicy === 'Always') {
      sum += own;
      sidecars += own;
      init = Math.max(init, sidecars);
    } else init = Math.max(init, own + sidecars);
  }
  return Math.max(sum, init) + (parse(resource, pod.spec?.overhead?.[resource]) || 0);
}

/** A pod that holds its node's resources: bound and not finished. */
export function holdsNode(pod: V1Pod): boolean {
  const phase = pod.status?.phase;
  return !!pod.spec?.nodeName && phase !== 'Succeeded' && phase !== 'Failed';
}

/**
 * The pod-local half of explain/pod.ts's plainlyHealthy: Running on a node, not being deleted, every container
 * running and ready with no waiting state and no OOM kill behind it, init containers done.
 */
export function statusPlainlyHealthy(pod: V1Pod): boolean {
  const st = pod.status;
  if (st?.phase !== 'Running' || !pod.spec?.nodeName || pod.metadata?.deletionTimestamp) return false;
  for (const cs of st.containerStatuses ?? []) {
    const state = cs.state;
    if (!cs.ready || !state?.running || state.waiting || state.terminated) return false;
    if (cs.lastState?.terminated?.reason === 'OOMKilled') return false;
  }
  for (const cs of st.initContainerStatuses ?? []) {
    const state = cs.state;
    if (state?.waiting || state?.running || state?.terminated?.exitCode !== 0) return false;
    if (state.terminated.reason === 'ContainerStatusUnknown') return false;
  }
  return true;
}

/** Pod facts of a whole snapshot, fed page by page in list order. */
export class PodFacts {
  /** per node, how many pods hold it and what they request of cpu (millicores) and memory (bytes) */
  readonly requestsByNode = new Map<string, { pods: number; cpu: number; memory: number }>();
  /** pods whose status alone shows nothing wrong */
  readonly statusHealthy = new WeakSet<V1Pod>();
  /** the other pods, in list order: all the Pod check need look at while no node is NotReady (explain/pod.ts) */
  readonly statusUnhealthy: V1Pod[] = [];
  /**
   * Pods by controlling owner (uid, kind, name and namespace: fixtures reuse placeholder uids), in the order each
   * owner's first pod came; a pod without one is a group of its own.
   */
  readonly byController: V1Pod[][] = [];
  // A controller's uid finds its group with one lookup of a string the page already holds; the key of all four
  // parts, built for every pod, cost half of this class's time on 10k pods. It is built only when the uid is absent
  // or names a different owner than the group it found.
  private readonly groupByUid = new Map<string, OwnerGroup>();
  private readonly groupByOwner = new Map<string, OwnerGroup>();
  // a cluster's requests are a handful of distinct strings ("100m", "128Mi"): each is parsed once
  private readonly parsedCpu = new Map<string, number>();
  private readonly parsedMemory = new Map<string, number>();
  private readonly read = (resource: string, v: string | undefined): number => {
    if (v === undefined) return NaN;
    const cache = resource === 'cpu' ? this.parsedCpu : resource === 'memory' ? this.parsedMemory : undefined;
    let x = cache?.get(v);
    if (x === undefined) {
      x = parseRequest(resource, v);
      if (cache && cache.size < 10_000) cache.set(v, x);
    }
    return x;
  };

  add(pods: readonly V1Pod[]): void {
    for (const pod of pods) {
      if (statusPlainlyHealthy(pod)) this.statusHealthy.add(pod);
      else this.statusUnhealthy.push(pod);
      if (holdsNode(pod)) {
        const node = pod.spec?.nodeName ?? '';
        let sum = this.requestsByNode.get(node);
        if (!sum) this.requestsByNode.set(node, (sum = { pods: 0, cpu: 0, memory: 0 }));
        sum.pods++;
        sum.cpu += podRequest(pod, 'cpu', this.read);
        sum.memory += podRequest(pod, 'memory', this.read);
      }
      const owner = controllerOf(pod);
      if (owner) this.groupOf(owner, pod.metadata?.namespace ?? '').push(pod);
      else this.byController.push([pod]);
    }
  }

  private groupOf(owner: V1OwnerReference, namespace: string): V1Pod[] {
    const { uid, kind, name } = owner;
    const found = uid ? this.groupByUid.get(uid) : undefined;
    if (found && found.kind === kind && found.name === name && found.namespace === namespace) return found.pods;
    const key = `${uid ?? ''}\u0000${kind}\u0000${name}\u0000${namespace}`;
    let group = this.groupByOwner.get(key);
    if (!group) {
      group = { kind, name, namespace, pods: [] };
      this.groupByOwner.set(key, group);
      this.byController.push(group.pods);
      if (uid && !found) this.groupByUid.set(uid, group);
    }
    return group.pods;
  }
}

interface OwnerGroup {
  kind: string;
  name: string;
  namespace: string;
  pods: V1Pod[];
}
