/**
 * Which Kubernetes object an alert is about, read from its labels only (no API calls; the enricher confirms).
 *
 * Precedence — the most specific object the labels name wins, the others are returned as `related`:
 *   1. persistentvolumeclaim          → PersistentVolumeClaim  (kubelet volume series also carry the node)
 *   2. pod (+ container)              → Pod
 *   3. job_name                       → Job    (`job` is the Prometheus scrape job, never a Kubernetes Job)
 *   4. cronjob                        → CronJob
 *   5. horizontalpodautoscaler / hpa  → HorizontalPodAutoscaler
 *   6. replicaset                     → Deployment named by stripping the pod-template-hash (confidence medium)
 *   7. deployment, statefulset, daemonset
 *   8. resourcequota                  → ResourceQuota; poddisruptionbudget → PodDisruptionBudget; ingress → Ingress
 *   9. name on KubeAggregatedAPI*     → APIService
 *  10. persistentvolume               → PersistentVolume
 *  11. workload + workload_type (kube-prometheus recording rules), owner_kind + owner_name (kube_pod_owner),
 *      created_by_kind + created_by_name (kube_pod_info) → that kind (a ReplicaSet owner → its Deployment)
 *  12. node, kubernetes_node           → Node
 *  13. host, hostname, nodename       → Node (medium: a host name, usually the node's; node_uname_info joins add nodename)
 *  14. service, only when it is not a scrape-target label (no `job`/`endpoint` beside it) → Service (low)
 *  14b. instance / target that is a Service's cluster DNS name (`web.shop.svc[.cluster.local]`, blackbox probes)
 *      → that Service in the namespace the name says (medium)
 *  15. instance, unless the series comes from kube-state-metrics → Node by host name or InternalIP (low; the enricher resolves)
 * A namespace alone (e.g. TargetDown) maps to nothing. A Job named `<cronjob>-<minutes>` also names its CronJob
 * (related, low), so a Job the history limit already deleted is diagnosed through its CronJob.
 *
 * Label values are checked against Kubernetes' own name rules before they become a reference: a namespace
 * "../kube-system" or a pod "a/b" is no object name, and is dropped with a warning rather than turned into a request
 * for some other path. An invalid namespace drops the namespaced candidates (their namespace is unknown).
 *
 * Label names: Prometheus' (kube-state-metrics, cAdvisor, kubelet), older service discovery (`pod_name`,
 * `kubernetes_pod_name`), OpenTelemetry's k8sattributes as Prometheus labels (`k8s_pod_name`, `k8s_deployment_name`…)
 * and Datadog's (`kube_deployment`…) name the same objects.
 *
 * Exporters attach their own target labels: a kube-prometheus-stack kube-state-metrics or node-exporter series carries
 * `pod`, `container` naming the exporter itself. So on a series scraped from those exporters (`job` names one) a pod or
 * container naming the exporter is ignored — unless the series is per-pod (`uid` label), i.e. the alert is about the
 * exporter's own pod. The exporter's pod is recognised by its name, by its container (kube-state-metrics' container is
 * named so whatever the release is called), or — on a kube-state-metrics series — by another object label beside it:
 * kube_deployment_* series name no pod, so a `pod` there is the exporter's. When Prometheus renamed a clashing label to
 * `exported_<name>` (honor_labels off), the exported one is the object's.
 */
import { KubeError } from '../kube/errors';
import { validateContainerName, validateName, validateNamespace } from '../kube/names';
import type { ResourceKind, ResourceMapping, ResourceRef, StringMap } from './types';

const SCRAPER = /kube-state-metrics|node-exporter/i;
/** `POD` is the pause container cAdvisor reports; an empty container is the pod-level cgroup. */
const NOT_A_CONTAINER = new Set(['', 'POD']);

interface Candidate {
  kind: ResourceKind;
  name: string;
  namespaced: boolean;
  via: string;
  confidence: ResourceRef['confidence'];
  nodeIP?: string;
  withContainer?: boolean;
  /** The candidate's own namespace, when its name said it (a Service's cluster DNS name), not the alert's label. */
  namespace?: string;
}

function has(labels: StringMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key) && labels[key].trim() !== '';
}

/** First present label among `exported_<name>`, `<name>`, then the fallbacks; with the label it came from. */
function pick(labels: StringMap, names: string[], skipScraper = false): { value: string; label: string } | undefined {
  const order = [`exported_${names[0]}`, ...names];
  for (const label of order) {
    if (!has(labels, label)) continue;
    const value = labels[label].trim();
    if (skipScraper && SCRAPER.test(value)) continue;
    return { value, label };
  }
  return undefined;
}

// pod-template-hash: rand.SafeEncodeString alphabet (no vowels, no 0/1/3), older clusters a decimal hash.
const RS_HASH = /^(.+)-(?:[bcdfghjklmnpqrstvwxz2456789]{5,10}|\d{5,10})$/;
// Deployment pod: <deployment>-<pod-template-hash>-<5 random>.
const DEPLOYMENT_POD = /^(.+)-(?:[bcdfghjklmnpqrstvwxz2456789]{6,10}|\d{6,10})-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

export function deploymentFromReplicaSet(replicaset: string): string | undefined {
  const m = RS_HASH.exec(replicaset);
  return m ? m[1] : undefined;
}

export function deploymentFromPodName(pod: string): string | undefined {
  const m = DEPLOYMENT_POD.exec(pod);
  return m ? m[1] : undefined;
}

/** True when pod/container labels may be the exporter's own target labels rather than the subject's. */
function fromScraper(labels: StringMap): boolean {
  return SCRAPER.test(labels.job ?? '') && !has(labels, 'uid');
}

/** Labels that name an object other than a pod; on an exporter's series they make a plain `pod` the exporter's own. */
const OBJECT_LABELS = [
  'deployment',
  'statefulset',
  'daemonset',
  'replicaset',
  'job_name',
  'cronjob',
  'horizontalpodautoscaler',
  'hpa',
  'persistentvolumeclaim',
  'persistentvolume',
  'resourcequota',
  'poddisruptionbudget',
  'ingress',
  'node',
];

/**
 * Whether the plain `pod` / `container` labels are the exporter's target labels: the series comes from an exporter,
 * is not per-pod, and the pod or container is recognisably the exporter's, or another object is what the series is
 * about. node-exporter series are about hosts, never about a pod; ingress-nginx series about the Ingress they name.
 */
function podIsScraper(labels: StringMap): boolean {
  // ingress-nginx names its own pod `controller_pod`; the target's `pod` label beside it is the same controller
  if (has(labels, 'pod') && has(labels, 'controller_pod') && labels.pod.trim() === labels.controller_pod.trim())
    return true;
  if (!fromScraper(labels)) return false;
  if (/node-exporter|node_exporter/i.test(labels.job ?? '')) return true;
  if (SCRAPER.test(labels.pod ?? '') || SCRAPER.test(labels.container ?? '')) return true;
  return OBJECT_LABELS.some((l) => has(labels, l) || has(labels, `exported_${l}`));
}

type Warn = (message: string) => void;

/** Kubernetes' own verdict on a name for a kind, as an error sentence; undefined when the name is valid. */
function nameProblem(kind: ResourceKind | 'namespace' | 'container', name: string): string | undefined {
  try {
    if (kind === 'namespace') validateNamespace(name);
    else if (kind === 'container') validateContainerName(name);
    else validateName(name, kind);
    return undefined;
  } catch (error) {
    return error instanceof KubeError ? error.message : 'not a valid Kubernetes name';
  }
}

/** A pod label, skipping the plain `pod` when it is the exporter's (exported_pod and older names still count). */
function pickPod(labels: StringMap): { value: string; label: string } | undefined {
  const names = ['pod', 'pod_name', 'kubernetes_pod_name', 'k8s_pod_name'];
  if (!podIsScraper(labels)) return pick(labels, names, fromScraper(labels));
  if (has(labels, 'exported_pod')) return { value: labels.exported_pod.trim(), label: 'exported_pod' };
  return pick(labels, names.slice(1), true);
}

/** workload_type / owner_kind values → kinds; kube-prometheus writes them lower-case, kube-state-metrics as the Kind. */
const OWNER_KINDS = new Map<string, ResourceKind>([
  ['deployment', 'Deployment'],
  ['statefulset', 'StatefulSet'],
  ['daemonset', 'DaemonSet'],
  ['replicaset', 'ReplicaSet'],
  ['job', 'Job'],
  ['cronjob', 'CronJob'],
]);

/** A Job a CronJob created is `<cronjob>-<scheduled time in minutes>` (8+ digits since 1990). */
const CRONJOB_JOB = /^(.+)-\d{8,10}$/;

function candidates(labels: StringMap): Candidate[] {
  const out: Candidate[] = [];
  const add = (
    kind: ResourceKind,
    found: { value: string; label: string } | undefined,
    namespaced: boolean,
    extra: Partial<Candidate> = {},
  ): void => {
    if (found)
      out.push({ kind, name: found.value, namespaced, via: `label:${found.label}`, confidence: 'high', ...extra });
  };
  /** A ReplicaSet name: the Deployment its pod-template-hash suffix names (medium), and the ReplicaSet itself. */
  const replicaSet = (found: { value: string; label: string }, via: string): void => {
    const deployment = deploymentFromReplicaSet(found.value);
    if (deployment)
      out.push({
        kind: 'Deployment',
        name: deployment,
        namespaced: true,
        via: `${via}→Deployment`,
        confidence: 'medium',
      });
    add('ReplicaSet', found, true);
  };
  add('PersistentVolumeClaim', pick(labels, ['persistentvolumeclaim']), true);
  const pod = pickPod(labels);
  add('Pod', pod, true, { withContainer: true });
  const job = pick(labels, ['job_name', 'k8s_job_name', 'kube_job']);
  add('Job', job, true, { withContainer: true });
  add('CronJob', pick(labels, ['cronjob', 'k8s_cronjob_name', 'kube_cronjob']), true);
  add('HorizontalPodAutoscaler', pick(labels, ['horizontalpodautoscaler', 'hpa']), true);
  const rs = pick(labels, ['replicaset', 'k8s_replicaset_name', 'kube_replica_set']);
  if (rs) replicaSet(rs, `label:${rs.label}`);
  add('Deployment', pick(labels, ['deployment', 'k8s_deployment_name', 'kube_deployment']), true, {
    withContainer: true,
  });
  add('StatefulSet', pick(labels, ['statefulset', 'k8s_statefulset_name', 'kube_stateful_set']), true, {
    withContainer: true,
  });
  add('DaemonSet', pick(labels, ['daemonset', 'k8s_daemonset_name', 'kube_daemon_set']), true, {
    withContainer: true,
  });
  add('ResourceQuota', pick(labels, ['resourcequota']), true);
  add('PodDisruptionBudget', pick(labels, ['poddisruptionbudget']), true);
  // ingress-nginx's controller series name the Ingress a request matched (`ingress`, beside `service`)
  add('Ingress', pick(labels, ['ingress']), true);
  if (/^KubeAggregatedAPI/.test(labels.alertname ?? '')) add('APIService', pick(labels, ['name']), false);
  add('PersistentVolume', pick(labels, ['persistentvolume']), false);
  for (const [kindLabel, nameLabel] of [
    ['workload_type', 'workload'],
    ['owner_kind', 'owner_name'],
    ['created_by_kind', 'created_by_name'],
  ]) {
    const kind = OWNER_KINDS.get((labels[kindLabel] ?? '').trim().toLowerCase());
    const owner = kind ? pick(labels, [nameLabel]) : undefined;
    if (!kind || !owner) continue;
    if (kind === 'ReplicaSet') replicaSet(owner, `label:${owner.label}`);
    else add(kind, owner, true, { withContainer: kind !== 'CronJob' });
  }
  add('Node', pick(labels, ['node', 'kubernetes_node', 'k8s_node_name']), false);
  const host = pick(labels, ['host', 'hostname', 'nodename']);
  const hostNode = host ? nodeFromHost(host.value, `label:${host.label}`, 'medium') : undefined;
  if (hostNode) out.push(hostNode);
  const cronJob = job ? CRONJOB_JOB.exec(job.value) : null;
  if (cronJob)
    out.push({
      kind: 'CronJob',
      name: cronJob[1],
      namespaced: true,
      via: `${job?.label} name pattern`,
      confidence: 'low',
    });
  const service = pick(labels, ['service'], true);
  if (service && !has(labels, 'job') && !has(labels, 'endpoint') && service.value !== 'kubelet') {
    add('Service', service, true, { confidence: 'low' });
  }
  if (pod && !out.some((c) => c.kind === 'Deployment')) {
    const deployment = deploymentFromPodName(pod.value);
    if (deployment)
      out.push({
        kind: 'Deployment',
        name: deployment,
        namespaced: true,
        via: `${pod.label} name pattern`,
        confidence: 'low',
      });
  }
  const probed = serviceFromTarget(labels);
  if (probed) out.push(probed);
  const node = nodeFromInstance(labels);
  if (node) out.push(node);
  return out;
}

/** `<service>.<namespace>.svc[.cluster.local]`, the cluster DNS name of a Service. */
const SERVICE_DNS =
  /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)\.([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)\.svc(?:\.cluster\.local)?\.?$/;

/**
 * A blackbox probe's `instance` (or `target`) is the URL or host:port it probed; when that is a Service's cluster DNS
 * name, the probe is about that Service, in the namespace its name says.
 */
function serviceFromTarget(labels: StringMap): Candidate | undefined {
  for (const label of ['instance', 'target']) {
    if (!has(labels, label)) continue;
    const text = labels[label].trim().toLowerCase();
    let host: string | undefined;
    if (text.includes('://')) {
      try {
        host = new URL(text).hostname;
      } catch {
        host = undefined;
      }
    } else host = hostOf(text);
    const m = host ? SERVICE_DNS.exec(host) : null;
    if (m)
      return {
        kind: 'Service',
        name: m[1],
        namespace: m[3],
        namespaced: true,
        via: `label:${label}`,
        confidence: 'medium',
      };
  }
  return undefined;
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:.]+$/i;
const HOSTNAME = /^[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?$/i;
const LOOPBACK = /^(?:localhost|127\.\d+\.\d+\.\d+|::1)$/i;
const NODE_JOBS = /node-exporter|node_exporter|kubelet|cadvisor|node/i;

/**
 * `instance` names the scraped target: for node-exporter, kubelet and friends that is the node (kube-prometheus even
 * relabels it to the node name), for kube-state-metrics it is the exporter pod, so that case is skipped. URL-shaped
 * values (blackbox probes) and loopback are never nodes.
 */
function nodeFromInstance(labels: StringMap): Candidate | undefined {
  if (!has(labels, 'instance')) return undefined;
  if (/kube-state-metrics/i.test(labels.job ?? '')) return undefined;
  return nodeFromHost(labels.instance.trim(), 'label:instance', NODE_JOBS.test(labels.job ?? '') ? 'medium' : 'low');
}

/** `host`, `host:port`, `[v6]:port` → a Node by name, or by InternalIP (low) for an address. Host names are lower-cased. */
function nodeFromHost(value: string, via: string, confidence: Candidate['confidence']): Candidate | undefined {
  // a fully qualified name may end with the root's dot
  const host = hostOf(value)?.replace(/\.$/, '');
  // a Service's cluster DNS name is no host (serviceFromTarget maps it)
  if (!host || LOOPBACK.test(host) || SERVICE_DNS.test(host.toLowerCase())) return undefined;
  if (IPV4.test(host) || (host.includes(':') && IPV6.test(host))) {
    return { kind: 'Node', name: host, namespaced: false, via, confidence: 'low', nodeIP: host };
  }
  return HOSTNAME.test(host)
    ? { kind: 'Node', name: host.toLowerCase(), namespaced: false, via, confidence }
    : undefined;
}

function hostOf(instance: string): string | undefined {
  if (instance.includes('/') || instance.includes('@')) return undefined;
  if (instance.startsWith('[')) {
    const end = instance.indexOf(']');
    return end > 1 ? instance.slice(1, end) : undefined;
  }
  const colons = instance.split(':').length - 1;
  if (colons > 1) return instance; // bare IPv6
  if (colons === 1) {
    const [host, port] = instance.split(':');
    return /^\d{1,5}$/.test(port) ? host : undefined;
  }
  return instance;
}

function toRef(c: Candidate, namespace: string | undefined, container: string | undefined): ResourceRef {
  const ref: ResourceRef = { kind: c.kind, name: c.name, confidence: c.confidence, via: c.via };
  if (c.namespaced) {
    if (c.namespace ?? namespace) ref.namespace = c.namespace ?? namespace;
    else if (c.confidence === 'high') ref.confidence = 'medium';
  }
  if (c.withContainer && container) ref.container = container;
  if (c.nodeIP) ref.nodeIP = c.nodeIP;
  return ref;
}

/** Why a reference built elsewhere (an edited n8n item) names no valid object; undefined when it does. */
export function refProblem(ref: {
  kind: ResourceKind;
  name: string;
  namespace?: string;
  container?: string;
  nodeIP?: string;
}): string | undefined {
  return (
    (ref.namespace !== undefined ? nameProblem('namespace', ref.namespace) : undefined) ??
    (ref.container !== undefined ? nameProblem('container', ref.container) : undefined) ??
    (ref.kind === 'Node' && ref.nodeIP === ref.name ? undefined : nameProblem(ref.kind, ref.name))
  );
}

/**
 * Namespace labels: Prometheus' own, the older service-discovery name, OpenTelemetry's k8sattributes
 * (`k8s.namespace.name` as a Prometheus label) and Datadog's.
 */
const NAMESPACE_LABELS = ['namespace', 'kubernetes_namespace', 'k8s_namespace_name', 'kube_namespace'];

/** The namespace label (exported_namespace first), when it is a valid namespace name; an invalid one is warned about. */
export function alertNamespace(labels: StringMap, warn: Warn = () => undefined): string | undefined {
  const found = pick(labels, NAMESPACE_LABELS);
  if (!found) return undefined;
  const problem = nameProblem('namespace', found.value);
  if (!problem) return found.value;
  warn(`label ${found.label} ignored: ${problem}`);
  return undefined;
}

function containerOf(labels: StringMap, warn: Warn): string | undefined {
  // the plain `container` beside the exporter's pod is the exporter's container too
  const found = !podIsScraper(labels)
    ? pick(labels, ['container', 'container_name', 'k8s_container_name'], fromScraper(labels))
    : has(labels, 'exported_container')
      ? { value: labels.exported_container.trim(), label: 'exported_container' }
      : pick(labels, ['container_name'], true);
  if (!found || NOT_A_CONTAINER.has(found.value)) return undefined;
  const problem = nameProblem('container', found.value);
  if (!problem) return found.value;
  warn(`label ${found.label} ignored: ${problem}`);
  return undefined;
}

/**
 * The object the alert is about and the others its labels name; undefined when they name none. `warn` hears about
 * label values that are no valid Kubernetes name (they are dropped, never mapped).
 */
export function mapAlertToResource(labels: StringMap, warn: Warn = () => undefined): ResourceMapping | undefined {
  const namespace = alertNamespace(labels, warn);
  const badNamespace = namespace === undefined && pick(labels, NAMESPACE_LABELS) !== undefined;
  const found = candidates(labels).filter((c) => {
    if (c.namespaced && badNamespace && !c.namespace) return false;
    // an address stands for a Node the enricher finds by InternalIP; it was checked to be an IP
    const problem = c.nodeIP ? undefined : nameProblem(c.kind, c.name);
    if (problem) warn(`${c.via} ignored: ${problem}`);
    return !problem;
  });
  if (found.length === 0) return undefined;
  const container = containerOf(labels, warn);
  // one object named twice keeps its first place and its surest reading (a ReplicaSet's hash guess confirmed by
  // kube_replicaset_owner's owner_name is high, not medium)
  const RANK = { high: 3, medium: 2, low: 1 } as const;
  const byKey = new Map<string, Candidate>();
  for (const c of found) {
    const key = `${c.kind}/${c.name}`;
    const prev = byKey.get(key);
    if (!prev) byKey.set(key, c);
    else if (RANK[c.confidence] > RANK[prev.confidence]) Object.assign(prev, { confidence: c.confidence, via: c.via });
  }
  const unique = [...byKey.values()];
  const [subject, ...rest] = unique;
  const hasNodeLabel =
    rest.some((c) => c.kind === 'Node' && c.via !== 'label:instance') ||
    (subject.kind === 'Node' && subject.via !== 'label:instance');
  const related = rest
    // a node named by label makes the instance guess redundant
    .filter((c) => !(hasNodeLabel && c.via === 'label:instance'))
    .map((c) => toRef(c, namespace, undefined));
  return { ...toRef(subject, namespace, container), related };
}
