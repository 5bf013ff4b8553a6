/**
 * What the Kubernetes API says: pods with their owners (Pod → ReplicaSet → Deployment, Pod → Job → CronJob),
 * requests and limits, OOMKilled history, placement on nodes, and the nodes themselves. A handful of list calls, not
 * one owner lookup per pod.
 */
import type { KubernetesObject, V1Container, V1LabelSelector, V1Node, V1Pod } from '@kubernetes/client-node';
import type { KubeConnection } from '../kube/connect';
import { KubeError } from '../kube/errors';
import { cpuMillicores, memoryBytes } from '../kube/quantity';
import { list } from '../kube/read';
import { oomKillOf } from './oom-chain';
import type { WorkloadContainer } from './types';

const MAX_ITEMS = 20_000;
const HOSTNAME = 'kubernetes.io/hostname';

export interface WorkloadKey {
  kind: string;
  namespace: string;
  name: string;
}

/** A scheduled pod as the bin-packing check sees it. */
export interface PlacedPod {
  namespace: string;
  name: string;
  node: string;
  workload: WorkloadKey;
  daemonSet: boolean;
  /** effective requests: max(sum of containers + sidecars, largest init container) + overhead */
  cpuMillicores: number;
  memoryBytes: number;
  labels: Record<string, string>;
  /** required pod anti-affinity on the hostname topology: no two matching pods on one node */
  antiAffinity: V1LabelSelector[];
}

export interface Inventory {
  containers: WorkloadContainer[];
  placed: PlacedPod[];
  nodes: V1Node[];
  /** name matchers for pods that are gone but left history (older ReplicaSets, restarted Job pods) */
  matchers: { workload: WorkloadKey; test: (podName: string) => boolean; specificity: number }[];
  gaps: string[];
}

export interface InventoryScope {
  namespaces: string[];
  /** also list nodes and every pod, for pools */
  pools: boolean;
}

interface Owned extends KubernetesObject {
  spec?: { replicas?: number };
  status?: { desiredNumberScheduled?: number };
}

async function listAll<T extends KubernetesObject>(
  conn: KubeConnection,
  kind: string,
  namespaces: string[],
  gaps: string[],
  required = false,
): Promise<T[]> {
  const scopes = namespaces.length ? namespaces.map((namespace) => ({ namespace })) : [{ allNamespaces: true }];
  const out: T[] = [];
  for (const scope of scopes) {
    try {
      const r = await list<T>(conn, { kind, ...scope, allPages: true, maxItems: MAX_ITEMS, raw: true });
      out.push(...r.items);
      if (r.truncated) gaps.push(`${kind} list stopped at ${MAX_ITEMS} items`);
    } catch (err) {
      // a kind this cluster does not serve (no batch/v1?) or may not list: say so, keep the rest
      if (required || !(err instanceof KubeError)) throw err;
      gaps.push(`cannot list ${kind}: ${err.message.split('\n')[0]}`);
    }
  }
  return out;
}

function controllerOf(obj: KubernetesObject): { kind: string; name: string } | undefined {
  const refs = obj.metadata?.ownerReferences ?? [];
  const ref = refs.find((r) => r.controller) ?? refs[0];
  return ref ? { kind: ref.kind, name: ref.name } : undefined;
}

function sumRequests(containers: V1Container[], key: 'cpu' | 'memory'): number {
  const parse = key === 'cpu' ? cpuMillicores : memoryBytes;
  return containers.reduce((n, c) => n + parse(c.resources?.requests?.[key]), 0);
}

/** The scheduler's view of a pod's requests. */
export function effectiveRequests(pod: V1Pod): { cpuMillicores: number; memoryBytes: number } {
  const spec = pod.spec;
  const sidecars = (spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  const inits = (spec?.initContainers ?? []).filter((c) => c.restartPolicy !== 'Always');
  const main = [...(spec?.containers ?? []), ...sidecars];
  const pick = (key: 'cpu' | 'memory') =>
    Math.max(sumRequests(main, key), ...inits.map((c) => sumRequests([c], key))) +
    (key === 'cpu' ? cpuMillicores(spec?.overhead?.cpu) : memoryBytes(spec?.overhead?.memory));
  return { cpuMillicores: pick('cpu'), memoryBytes: pick('memory') };
}

function hostnameAntiAffinity(pod: V1Pod): V1LabelSelector[] {
  const terms = pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  return terms
    .filter((t) => t.topologyKey === HOSTNAME && t.labelSelector && !t.namespaces?.length && !t.namespaceSelector)
    .map((t) => t.labelSelector as V1LabelSelector);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Pod names a controller gives its pods, so history of replaced pods is counted for the workload. */
function nameMatcher(kind: string, name: string, replicaSets: string[]): RegExp | undefined {
  const n = escape(name);
  switch (kind) {
    case 'Deployment':
      return new RegExp(
        `^(?:${[...replicaSets.map(escape), `${n}-[a-z0-9]{5,10}`].map((p) => `${p}-[a-z0-9]{5}`).join('|')})$`,
      );
    case 'StatefulSet':
      return new RegExp(`^${n}-\\d+$`);
    case 'DaemonSet':
    case 'Job':
    case 'ReplicaSet':
      return new RegExp(`^${n}-[a-z0-9]{5}$`);
    case 'CronJob':
      return new RegExp(`^${n}-\\d+-[a-z0-9]{5}$`);
    default:
      return undefined;
  }
}

function isTerminal(pod: V1Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export async function readInventory(conn: KubeConnection, scope: InventoryScope): Promise<Inventory> {
  const gaps: string[] = [];
  const ns = scope.pools ? [] : scope.namespaces;
  const [pods, replicaSets, deployments, statefulSets, daemonSets, jobs, cronJobs, nodes] = await Promise.all([
    listAll<V1Pod>(conn, 'Pod', ns, gaps, true),
    listAll<Owned>(conn, 'ReplicaSet', scope.namespaces, gaps),
    listAll<Owned>(conn, 'Deployment', scope.namespaces, gaps),
    listAll<Owned>(conn, 'StatefulSet', scope.namespaces, gaps),
    listAll<Owned>(conn, 'DaemonSet', scope.pools ? [] : scope.namespaces, gaps),
    listAll<Owned>(conn, 'Job', scope.namespaces, gaps),
    listAll<Owned>(conn, 'CronJob', scope.namespaces, gaps),
    scope.pools ? listAll<V1Node>(conn, 'Node', [], gaps, true) : Promise.resolve([] as V1Node[]),
  ]);
  const key = (kind: string, namespace: string | undefined, name: string) => `${kind}/${namespace ?? ''}/${name}`;
  const parents = new Map<string, { kind: string; name: string } | undefined>();
  for (const o of [...replicaSets, ...jobs])
    parents.set(key(o.kind ?? '', o.metadata?.namespace, o.metadata?.name ?? ''), controllerOf(o));
  const workloads = new Map<string, Owned>();
  for (const o of [...deployments, ...statefulSets, ...daemonSets, ...cronJobs, ...replicaSets, ...jobs])
    workloads.set(key(o.kind ?? '', o.metadata?.namespace, o.metadata?.name ?? ''), o);

  /** the top of the controller chain, at most two hops (ReplicaSet → Deployment, Job → CronJob) */
  const workloadOf = (pod: V1Pod): WorkloadKey => {
    const namespace = pod.metadata?.namespace ?? '';
    let owner = controllerOf(pod);
    if (!owner) return { kind: 'Pod', namespace, name: pod.metadata?.name ?? '' };
    for (let hop = 0; hop < 2; hop++) {
      const up = parents.get(key(owner.kind, namespace, owner.name));
      if (!up) break;
      owner = up;
    }
    return { kind: owner.kind, namespace, name: owner.name };
  };

  const wanted = new Set(scope.namespaces);
  const inScope = (namespace: string) => wanted.size === 0 || wanted.has(namespace);
  const groups = new Map<string, { workload: WorkloadKey; pods: V1Pod[] }>();
  const placed: PlacedPod[] = [];
  for (const pod of pods) {
    if (isTerminal(pod)) continue;
    const workload = workloadOf(pod);
    if (pod.spec?.nodeName)
      placed.push({
        namespace: workload.namespace,
        name: pod.metadata?.name ?? '',
        node: pod.spec.nodeName,
        workload,
        daemonSet: workload.kind === 'DaemonSet',
        ...effectiveRequests(pod),
        labels: pod.metadata?.labels ?? {},
        antiAffinity: hostnameAntiAffinity(pod),
      });
    if (!inScope(workload.namespace)) continue;
    const k = key(workload.kind, workload.namespace, workload.name);
    const g = groups.get(k) ?? { workload, pods: [] };
    g.pods.push(pod);
    groups.set(k, g);
  }

  const containers: WorkloadContainer[] = [];
  for (const [k, { workload, pods: group }] of groups) {
    const owner = workloads.get(k);
    const replicas = owner?.spec?.replicas ?? owner?.status?.desiredNumberScheduled ?? (group.length || 0);
    // the newest pod's spec is what the controller creates now
    const newest = [...group].sort((a, b) =>
      String(b.metadata?.creationTimestamp ?? '').localeCompare(String(a.metadata?.creationTimestamp ?? '')),
    )[0];
    for (const c of newest.spec?.containers ?? []) {
      let oomKills = 0;
      let restarts = 0;
      let oomPod: string | undefined;
      let oomKilledAt: string | undefined;
      for (const pod of group) {
        const st = pod.status?.containerStatuses?.find((s) => s.name === c.name);
        if (!st) continue;
        restarts += st.restartCount ?? 0;
        const t = oomKillOf(st);
        if (t) {
          // the kubelet keeps only the last termination: every restart of a container last killed for memory is
          // counted as one, since the restarts before it cannot be told apart
          oomKills += Math.max(1, st.restartCount ?? 0);
          const at = t?.finishedAt ? new Date(t.finishedAt).toISOString() : undefined;
          // the newest kill: its run is the one the memory curve reads
          if (!oomPod || (at && (!oomKilledAt || at > oomKilledAt))) {
            oomPod = pod.metadata?.name;
            oomKilledAt = at;
          }
        }
      }
      const req = c.resources?.requests ?? {};
      const lim = c.resources?.limits ?? {};
      containers.push({
        ...workload,
        container: c.name,
        replicas,
        pods: group.map((p) => p.metadata?.name ?? ''),
        requestMillicores: req.cpu !== undefined ? cpuMillicores(req.cpu) : undefined,
        limitMillicores: lim.cpu !== undefined ? cpuMillicores(lim.cpu) : undefined,
        // Kubernetes defaults a missing request to the limit
        requestBytes:
          req.memory !== undefined
            ? memoryBytes(req.memory)
            : lim.memory !== undefined
              ? memoryBytes(lim.memory)
              : undefined,
        limitBytes: lim.memory !== undefined ? memoryBytes(lim.memory) : undefined,
        oomKills,
        restarts,
        oomPod,
        ...(oomKilledAt ? { oomKilledAt } : {}),
      });
      if (req.cpu === undefined && lim.cpu !== undefined)
        containers[containers.length - 1].requestMillicores = cpuMillicores(lim.cpu);
    }
  }

  const rsByDeployment = new Map<string, string[]>();
  for (const rs of replicaSets) {
    const up = controllerOf(rs);
    if (up?.kind !== 'Deployment') continue;
    const k = key('Deployment', rs.metadata?.namespace, up.name);
    rsByDeployment.set(k, [...(rsByDeployment.get(k) ?? []), rs.metadata?.name ?? '']);
  }
  const matchers: Inventory['matchers'] = [];
  for (const { workload } of groups.values()) {
    const re = nameMatcher(
      workload.kind,
      workload.name,
      rsByDeployment.get(key(workload.kind, workload.namespace, workload.name)) ?? [],
    );
    if (re) matchers.push({ workload, test: (pod) => re.test(pod), specificity: workload.name.length });
  }
  matchers.sort((a, b) => b.specificity - a.specificity);
  return { containers, placed, nodes, matchers, gaps };
}
