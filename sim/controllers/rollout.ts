/**
 * The deployment controller, as far as clients notice it: when a Deployment's pod template changes (set resources,
 * set image, rollout restart, rollout undo) its pods are replaced. A new ReplicaSet (or the old one whose template
 * matches, on undo) takes the revision and the replicas, the others are scaled to 0, their pods are deleted, fresh
 * Running and Ready pods appear, the Service endpoints follow and the Deployment's status says the rollout finished.
 * A change of `spec.replicas` alone resizes the current ReplicaSet.
 *
 * A scenario keeps a workload broken across rollouts with the hidden annotation
 * `sim.kube-aiops.io/keep-failing: "true"` on the Deployment: the new pods then copy the failing status (waiting
 * reason, last termination, restarts, logs) of the pods they replace, and the Deployment stays unavailable.
 *
 * Work is deferred to a microtask so the write that triggered it has been committed and seen by every watcher
 * first; it is done before the client could send its next request.
 */
import { createHash } from 'node:crypto';
import type { Cluster } from '../api/cluster';
import { generatedName, nowTimestamp } from '../api/meta';
import { arr, deepClone, obj, stableStringify, str, type JsonObject, type KubeObject } from '../model';
import type { ResourceDef } from '../registry/resource';
import type { StoredObject } from '../store/store';

export const KEEP_FAILING = 'sim.kube-aiops.io/keep-failing';
const REVISION = 'deployment.kubernetes.io/revision';
const HASH = 'pod-template-hash';
const MANAGER = 'kube-controller-manager';
const LOG_PREFIX = 'sim.kube-aiops.io/logs-';

interface Defs {
  deployments: ResourceDef;
  replicasets: ResourceDef;
  pods: ResourceDef;
  services?: ResourceDef;
  endpoints?: ResourceDef;
  endpointslices?: ResourceDef;
  podmetrics?: ResourceDef;
  events?: ResourceDef;
}

function lookupDefs(cluster: Cluster): Defs | undefined {
  const r = cluster.registry;
  const deployments = r.lookup('apps', 'v1', 'deployments');
  const replicasets = r.lookup('apps', 'v1', 'replicasets');
  const pods = r.lookup('', 'v1', 'pods');
  if (!deployments || !replicasets || !pods) return undefined;
  return {
    deployments,
    replicasets,
    pods,
    services: r.lookup('', 'v1', 'services'),
    endpoints: r.lookup('', 'v1', 'endpoints'),
    endpointslices: r.lookup('discovery.k8s.io', 'v1', 'endpointslices'),
    podmetrics: r.lookup('metrics.k8s.io', 'v1beta1', 'pods'),
    events: r.lookup('', 'v1', 'events'),
  };
}

/** A stable 10-character hash of the template in the apiserver's "safe" alphabet, like the controller's pod-template-hash. */
export function podTemplateHash(template: unknown): string {
  const digest = createHash('sha256').update(stableStringify(template)).digest();
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < 10; i++) out += alphabet[digest[i] % alphabet.length];
  return out;
}

function templateOf(o: KubeObject | undefined): JsonObject {
  return obj(obj(o?.spec).template) as JsonObject;
}

/** A ReplicaSet's template without the hash label, comparable with a Deployment's. */
function bareTemplate(template: JsonObject): string {
  const copy = deepClone(template);
  const labels = obj(obj(copy.metadata).labels);
  delete labels[HASH];
  return stableStringify(copy);
}

function replicasOf(o: KubeObject | undefined, fallback = 1): number {
  const n = obj(o?.spec).replicas;
  return typeof n === 'number' ? n : fallback;
}

function revisionOf(o: KubeObject): number {
  const n = Number(o.metadata.annotations?.[REVISION]);
  return Number.isFinite(n) ? n : 0;
}

function ownedBy(o: KubeObject, uid: string | undefined): boolean {
  return (o.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === uid);
}

function matches(labels: Record<string, string> | undefined, selector: Record<string, unknown>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

function podReady(pod: KubeObject): boolean {
  const conditions = arr(obj(pod.status).conditions).map(obj);
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function startRolloutController(cluster: Cluster): () => void {
  const defs = lookupDefs(cluster);
  if (!defs) return () => undefined;
  const pending = new Set<string>();

  const reconcileLater = (namespace: string, name: string, templateChanged: boolean): void => {
    const key = `${namespace}/${name}/${templateChanged ? 't' : 'r'}`;
    if (pending.has(key)) return;
    pending.add(key);
    queueMicrotask(() => {
      pending.delete(key);
      try {
        reconcile(cluster, defs, namespace, name, templateChanged);
      } catch (err) {
        // a controller never takes the apiserver down; the next write retries
        process.stderr.write(
          `[sim] rollout of deployment ${namespace}/${name} failed: ${err instanceof Error ? err.message : String(err)}\n`,
        );
      }
    });
  };

  return cluster.store.onWrite((e) => {
    if (e.type !== 'MODIFIED' || e.def.storage !== defs.deployments.storage || !e.previous) return;
    const templateChanged = stableStringify(templateOf(e.previous)) !== stableStringify(templateOf(e.object));
    const replicasChanged = replicasOf(e.previous) !== replicasOf(e.object);
    if (!templateChanged && !replicasChanged) return;
    reconcileLater(e.object.metadata.namespace ?? 'default', e.object.metadata.name ?? '', templateChanged);
  });
}

function reconcile(cluster: Cluster, defs: Defs, namespace: string, name: string, templateChanged: boolean): void {
  const stored = cluster.find(defs.deployments, namespace, name);
  if (!stored || obj(stored.object.spec).paused === true) return;
  const dep = stored.object;
  const keepFailing = stored.hidden[KEEP_FAILING] === 'true';
  const template = templateOf(dep);
  const replicas = replicasOf(dep);
  const owned = [...cluster.list(defs.replicasets, namespace, {}).items].filter((s) =>
    ownedBy(s.object, dep.metadata.uid),
  );
  const wanted = bareTemplate(template);
  let current = owned.find((s) => bareTemplate(templateOf(s.object)) === wanted);
  const maxRevision = Math.max(revisionOf(dep), ...owned.map((s) => revisionOf(s.object)));
  const oldPods = podsOf(
    cluster,
    defs,
    namespace,
    owned.map((s) => s.object.metadata.uid ?? ''),
  );
  const sample = oldPods[0];

  if (!templateChanged && current) {
    // a scale: resize the ReplicaSet that runs the template
    resize(cluster, defs, dep, current, replicas, keepFailing, sample);
    finish(cluster, defs, dep, current.object, keepFailing);
    return;
  }

  const revision = String(current && revisionOf(current.object) === maxRevision ? maxRevision : maxRevision + 1);
  if (!current) {
    const hash = podTemplateHash(template);
    const rsTemplate = deepClone(template);
    const meta = obj(rsTemplate.metadata) as JsonObject;
    rsTemplate.metadata = meta;
    meta.labels = { ...(obj(meta.labels) as Record<string, string>), [HASH]: hash };
    const selector = obj(obj(dep.spec).selector);
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${name}-${hash}`,
        namespace,
        labels: { ...(meta.labels as Record<string, string>) },
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(replicas),
          'deployment.kubernetes.io/max-replicas': String(replicas + Math.max(1, Math.ceil(replicas / 4))),
          [REVISION]: revision,
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name,
            uid: dep.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
        creationTimestamp: nowTimestamp(),
        generation: 1,
      },
      spec: {
        replicas: 0,
        selector: { ...selector, matchLabels: { ...obj(selector.matchLabels), [HASH]: hash } },
        template: rsTemplate,
      },
      status: { replicas: 0, observedGeneration: 1 },
    };
    cluster.load(rs);
    current = cluster.find(defs.replicasets, namespace, rs.metadata.name ?? '');
    if (!current) return;
    event(
      cluster,
      defs,
      dep,
      'ScalingReplicaSet',
      `Scaled up replica set ${rs.metadata.name} to ${replicas}`,
      'deployment-controller',
    );
  } else if (String(revisionOf(current.object)) !== revision) {
    cluster.patch(
      defs.replicasets,
      namespace,
      current.object.metadata.name ?? '',
      'merge',
      { metadata: { annotations: { [REVISION]: revision } } },
      { fieldManager: MANAGER },
    );
    event(
      cluster,
      defs,
      dep,
      'ScalingReplicaSet',
      `Scaled up replica set ${current.object.metadata.name} to ${replicas}`,
      'deployment-controller',
    );
  }

  // surge first, like a rolling update: the new pods exist before the old ones go
  resize(cluster, defs, dep, current, replicas, keepFailing, sample);
  for (const old of owned) {
    if (old.object.metadata.uid === current.object.metadata.uid) continue;
    if (
      replicasOf(old.object, 0) === 0 &&
      podsOf(cluster, defs, namespace, [old.object.metadata.uid ?? '']).length === 0
    )
      continue;
    resize(cluster, defs, dep, old, 0, keepFailing, sample);
    event(
      cluster,
      defs,
      dep,
      'ScalingReplicaSet',
      `Scaled down replica set ${old.object.metadata.name} to 0 from ${replicasOf(old.object, 0)}`,
      'deployment-controller',
    );
  }
  const dAnn = dep.metadata.annotations ?? {};
  if (dAnn[REVISION] !== revision) {
    cluster.patch(
      defs.deployments,
      namespace,
      name,
      'merge',
      { metadata: { annotations: { [REVISION]: revision } } },
      { fieldManager: MANAGER },
    );
  }
  finish(cluster, defs, dep, current.object, keepFailing);
}

function podsOf(cluster: Cluster, defs: Defs, namespace: string, rsUids: string[]): KubeObject[] {
  const uids = new Set(rsUids);
  return cluster
    .list(defs.pods, namespace, {})
    .items.map((s) => s.object)
    .filter((p) => (p.metadata.ownerReferences ?? []).some((r) => r.controller && uids.has(r.uid)));
}

/** Make `rs` run exactly `replicas` pods: delete the surplus (newest first), create the missing ones. */
function resize(
  cluster: Cluster,
  defs: Defs,
  dep: KubeObject,
  rs: StoredObject,
  replicas: number,
  keepFailing: boolean,
  sample: KubeObject | undefined,
): void {
  const namespace = rs.object.metadata.namespace ?? 'default';
  const rsName = rs.object.metadata.name ?? '';
  const pods = podsOf(cluster, defs, namespace, [rs.object.metadata.uid ?? '']).sort((a, b) =>
    String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)),
  );
  const touched = new Set<string>();
  for (const pod of pods.slice(0, Math.max(0, pods.length - replicas))) {
    const podName = pod.metadata.name ?? '';
    cluster.delete(defs.pods, namespace, podName);
    if (defs.podmetrics && cluster.find(defs.podmetrics, namespace, podName))
      cluster.delete(defs.podmetrics, namespace, podName);
    event(cluster, defs, rs.object, 'SuccessfulDelete', `Deleted pod: ${podName}`, 'replicaset-controller');
    touched.add(podName);
  }
  for (let i = pods.length; i < replicas; i++) {
    const pod = newPod(cluster, defs, rs.object, keepFailing ? sample : undefined, i);
    if (!pod) continue;
    event(cluster, defs, rs.object, 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'replicaset-controller');
    touched.add(pod.metadata.name ?? '');
  }
  const running = podsOf(cluster, defs, namespace, [rs.object.metadata.uid ?? '']);
  const ready = running.filter(podReady).length;
  cluster.patch(
    defs.replicasets,
    namespace,
    rsName,
    'merge',
    {
      spec: { replicas },
      metadata: { annotations: { 'deployment.kubernetes.io/desired-replicas': String(replicasOf(dep)) } },
    },
    { fieldManager: MANAGER },
  );
  const rsNow = cluster.get(defs.replicasets, namespace, rsName).object;
  cluster.patch(
    defs.replicasets,
    namespace,
    rsName,
    'merge',
    {
      status: {
        replicas: running.length,
        fullyLabeledReplicas: running.length,
        readyReplicas: ready || null,
        availableReplicas: ready || null,
        observedGeneration: rsNow.metadata.generation ?? 1,
      },
    },
    { fieldManager: MANAGER, subresource: 'status' },
  );
  if (touched.size) syncEndpoints(cluster, defs, namespace);
}

const NODES = ['node-1', 'node-2', 'node-3'];

function newPod(
  cluster: Cluster,
  defs: Defs,
  rs: KubeObject,
  failing: KubeObject | undefined,
  index: number,
): KubeObject | undefined {
  const namespace = rs.metadata.namespace ?? 'default';
  const rsName = rs.metadata.name ?? '';
  const template = templateOf(rs);
  const tMeta = obj(template.metadata);
  const spec = deepClone(obj(template.spec)) as JsonObject;
  const name = generatedName(`${rsName}-`);
  const nodeName = pickNode(cluster, failing, index);
  const now = nowTimestamp();
  const containers = arr(spec.containers).map(obj);
  spec.nodeName = nodeName;
  if (spec.serviceAccountName && !spec.serviceAccount) spec.serviceAccount = spec.serviceAccountName;
  const hidden: Record<string, string> = {};
  let status: JsonObject;
  if (failing) {
    status = deepClone(obj(failing.status)) as JsonObject;
    status.startTime = now;
    const failingStored = cluster.find(defs.pods, namespace, failing.metadata.name ?? '');
    for (const [k, v] of Object.entries(failingStored?.hidden ?? {})) hidden[k] = v;
    status.containerStatuses = arr(status.containerStatuses).map((cs) => {
      const c = obj(cs);
      const spec = containers.find((x) => x.name === c.name);
      return { ...c, image: str(spec?.image) ?? c.image, containerID: `containerd://${randomHex(64)}` } as JsonObject;
    });
  } else {
    const condition = (type: string): JsonObject => ({
      type,
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: now,
    });
    status = {
      phase: 'Running',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(
        condition,
      ),
      hostIP: nodeIP(cluster, nodeName),
      hostIPs: [{ ip: nodeIP(cluster, nodeName) }],
      podIP: podIP(cluster, nodeName),
      startTime: now,
      qosClass: qosClass(containers),
      containerStatuses: containers.map((c) => ({
        name: str(c.name) ?? 'app',
        image: str(c.image) ?? '',
        imageID: `${str(c.image)?.split(':')[0] ?? 'image'}@sha256:${randomHex(64)}`,
        containerID: `containerd://${randomHex(64)}`,
        ready: true,
        started: true,
        restartCount: 0,
        lastState: {},
        state: { running: { startedAt: now } },
      })),
    };
    status.podIPs = [{ ip: status.podIP ?? null }];
    for (const c of containers) {
      const cname = str(c.name) ?? 'app';
      hidden[`${LOG_PREFIX}${cname}`] =
        `${new Date().toISOString()} container ${cname} started (image ${str(c.image) ?? ''})\n`;
    }
  }
  if (failing) {
    status.podIP = podIP(cluster, nodeName);
    status.podIPs = [{ ip: status.podIP }];
    status.hostIP = nodeIP(cluster, nodeName);
    status.hostIPs = [{ ip: status.hostIP }];
  }
  const annotations: Record<string, string> = { ...(obj(tMeta.annotations) as Record<string, string>), ...hidden };
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${rsName}-`,
      namespace,
      creationTimestamp: now,
      labels: { ...(obj(tMeta.labels) as Record<string, string>) },
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: rsName,
          uid: rs.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec,
    status,
  };
  const loaded = cluster.load(pod);
  if (!failing)
    event(
      cluster,
      defs,
      loaded,
      'Scheduled',
      `Successfully assigned ${namespace}/${name} to ${nodeName}`,
      'default-scheduler',
    );
  if (failing && defs.podmetrics) copyMetrics(cluster, defs, failing, loaded);
  return loaded;
}

function copyMetrics(cluster: Cluster, defs: Defs, from: KubeObject, to: KubeObject): void {
  if (!defs.podmetrics) return;
  const m = cluster.find(defs.podmetrics, from.metadata.namespace, from.metadata.name ?? '');
  if (!m) return;
  const copy = deepClone(m.object);
  copy.metadata = {
    name: to.metadata.name,
    namespace: to.metadata.namespace,
    labels: to.metadata.labels,
    creationTimestamp: nowTimestamp(),
  };
  copy.timestamp = nowTimestamp();
  cluster.load(copy);
}

function pickNode(cluster: Cluster, failing: KubeObject | undefined, index: number): string {
  const fromFailing = str(obj(failing?.spec).nodeName);
  if (fromFailing) return fromFailing;
  const nodes = cluster.registry.lookup('', 'v1', 'nodes');
  const names = nodes
    ? [...cluster.list(nodes, undefined, {}).items].map((s) => s.object.metadata.name ?? '').filter(Boolean)
    : [];
  const pool = names.length ? names : NODES;
  return pool[(index + Math.floor(Math.random() * pool.length)) % pool.length];
}

function nodeIP(cluster: Cluster, nodeName: string): string {
  const nodes = cluster.registry.lookup('', 'v1', 'nodes');
  const node = nodes ? cluster.find(nodes, undefined, nodeName)?.object : undefined;
  const address = arr(obj(node?.status).addresses)
    .map(obj)
    .find((a) => a.type === 'InternalIP');
  return str(address?.address) ?? '10.0.0.11';
}

function podIP(cluster: Cluster, nodeName: string): string {
  const nodes = cluster.registry.lookup('', 'v1', 'nodes');
  const node = nodes ? cluster.find(nodes, undefined, nodeName)?.object : undefined;
  const cidr = str(obj(node?.spec).podCIDR) ?? '10.244.0.0/24';
  const base = cidr.split('/')[0].split('.').slice(0, 3).join('.');
  return `${base}.${100 + Math.floor(Math.random() * 150)}`;
}

function qosClass(containers: Record<string, unknown>[]): string {
  const res = containers.map((c) => obj(c.resources));
  const guaranteed =
    res.length > 0 &&
    res.every((r) => {
      const limits = obj(r.limits);
      const requests = { ...limits, ...obj(r.requests) };
      return (
        limits.cpu !== undefined &&
        limits.memory !== undefined &&
        requests.cpu === limits.cpu &&
        requests.memory === limits.memory
      );
    });
  if (guaranteed) return 'Guaranteed';
  return res.some((r) => Object.keys(obj(r.limits)).length || Object.keys(obj(r.requests)).length)
    ? 'Burstable'
    : 'BestEffort';
}

function randomHex(n: number): string {
  return createHash('sha256').update(`${Math.random()}${Date.now()}`).digest('hex').slice(0, n);
}

/** The Deployment's status after the rollout. */
function finish(cluster: Cluster, defs: Defs, dep: KubeObject, rs: KubeObject, keepFailing: boolean): void {
  const namespace = dep.metadata.namespace ?? 'default';
  const name = dep.metadata.name ?? '';
  const latest = cluster.find(defs.deployments, namespace, name)?.object;
  if (!latest) return;
  const replicas = replicasOf(latest);
  const pods = podsOf(cluster, defs, namespace, [rs.metadata.uid ?? '']);
  const ready = pods.filter(podReady).length;
  const now = nowTimestamp();
  const available = ready >= replicas;
  const conditions: JsonObject[] = [
    available
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
          lastTransitionTime: now,
          lastUpdateTime: now,
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
          lastTransitionTime: now,
          lastUpdateTime: now,
        },
    available || !keepFailing
      ? {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.`,
          lastTransitionTime: now,
          lastUpdateTime: now,
        }
      : {
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: `ReplicaSet "${rs.metadata.name}" is progressing.`,
          lastTransitionTime: now,
          lastUpdateTime: now,
        },
  ];
  cluster.patch(
    defs.deployments,
    namespace,
    name,
    'merge',
    {
      status: {
        observedGeneration: latest.metadata.generation ?? 1,
        replicas: pods.length,
        updatedReplicas: pods.length,
        readyReplicas: ready || null,
        availableReplicas: ready || null,
        unavailableReplicas: Math.max(0, replicas - ready) || null,
        conditions,
      },
    },
    { fieldManager: MANAGER, subresource: 'status' },
  );
}

/** Endpoints and EndpointSlices of the namespace's Services follow their pods. */
function syncEndpoints(cluster: Cluster, defs: Defs, namespace: string): void {
  if (!defs.services) return;
  const pods = cluster.list(defs.pods, namespace, {}).items.map((s) => s.object);
  for (const svc of cluster.list(defs.services, namespace, {}).items.map((s) => s.object)) {
    const selector = obj(obj(svc.spec).selector);
    if (Object.keys(selector).length === 0) continue;
    const name = svc.metadata.name ?? '';
    const selected = pods.filter((p) => matches(p.metadata.labels, selector) && str(obj(p.status).podIP));
    const address = (p: KubeObject): JsonObject => ({
      ip: str(obj(p.status).podIP) ?? '',
      nodeName: str(obj(p.spec).nodeName) ?? null,
      targetRef: { kind: 'Pod', name: p.metadata.name ?? '', namespace, uid: p.metadata.uid ?? '' },
    });
    if (defs.endpoints) {
      const ep = cluster.find(defs.endpoints, namespace, name);
      if (ep) {
        const ports = endpointPorts(svc, selected, arr(obj(arr(ep.object.subsets)[0]).ports));
        const ready = selected.filter(podReady).map(address);
        const notReady = selected.filter((p) => !podReady(p)).map(address);
        const subset: JsonObject = { ports: ports };
        if (ready.length) subset.addresses = ready;
        if (notReady.length) subset.notReadyAddresses = notReady;
        const next = deepClone(ep.object);
        if (ready.length || notReady.length) next.subsets = [subset];
        else delete next.subsets;
        next.metadata.annotations = {
          ...(next.metadata.annotations ?? {}),
          'endpoints.kubernetes.io/last-change-trigger-time': nowTimestamp(),
        };
        cluster.update(defs.endpoints, namespace, name, next, { fieldManager: 'endpoint-controller' });
      }
    }
    if (defs.endpointslices) {
      for (const slice of cluster.list(defs.endpointslices, namespace, {
        labelSelector: `kubernetes.io/service-name=${name}`,
      }).items) {
        const next = deepClone(slice.object);
        next.endpoints = selected.map((p) => ({
          addresses: [str(obj(p.status).podIP) ?? ''],
          conditions: { ready: podReady(p), serving: podReady(p), terminating: false },
          nodeName: str(obj(p.spec).nodeName) ?? null,
          targetRef: { kind: 'Pod', name: p.metadata.name ?? '', namespace, uid: p.metadata.uid ?? '' },
        }));
        cluster.update(defs.endpointslices, namespace, slice.object.metadata.name ?? '', next, {
          fieldManager: 'endpointslice-controller',
        });
      }
    }
  }
}

/** The ports an Endpoints subset lists: the ones it had, else the Service's target ports resolved on the pods. */
function endpointPorts(svc: KubeObject, pods: KubeObject[], existing: unknown[]): JsonObject[] {
  if (existing.length) return existing as JsonObject[];
  const containerPorts = pods.flatMap((p) => arr(obj(p.spec).containers).flatMap((c) => arr(obj(c).ports).map(obj)));
  return arr(obj(svc.spec).ports).map((raw) => {
    const port = obj(raw);
    const target = port.targetPort ?? port.port;
    const resolved = typeof target === 'string' ? containerPorts.find((c) => c.name === target)?.containerPort : target;
    const out: JsonObject = {
      port: typeof resolved === 'number' ? resolved : Number(port.port),
      protocol: str(port.protocol) ?? 'TCP',
    };
    if (str(port.name)) out.name = str(port.name);
    return out;
  });
}

/** A core/v1 Event as the controllers write them. */
function event(
  cluster: Cluster,
  defs: Defs,
  about: KubeObject,
  reason: string,
  message: string,
  component: string,
): void {
  if (!defs.events) return;
  const now = nowTimestamp();
  const namespace = about.metadata.namespace ?? 'default';
  const name = `${about.metadata.name}.${(BigInt(Date.now()) * 1000000n + BigInt(Math.floor(Math.random() * 1e6))).toString(16)}`;
  cluster.load({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace, creationTimestamp: now },
    involvedObject: {
      apiVersion: about.apiVersion,
      kind: about.kind,
      name: about.metadata.name ?? '',
      namespace,
      uid: about.metadata.uid ?? '',
      resourceVersion: about.metadata.resourceVersion ?? '',
    },
    reason,
    message,
    type: 'Normal',
    count: 1,
    firstTimestamp: now,
    lastTimestamp: now,
    eventTime: null,
    reportingComponent: component,
    reportingInstance: '',
    source: { component },
  });
}
