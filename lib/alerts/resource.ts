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
 *   8. resourcequota                  → ResourceQuota
 *   9. name on KubeAggregatedAPI*     → APIService
 *  10. persistentvolume               → PersistentVolume
 *  11. node                           → Node
 *  12. service, only when it is not a scrape-target label (no `job`/`endpoint` beside it) → Service (low)
 *  13. instance, unless the series comes from kube-state-metrics → Node by host name or InternalIP (low; the enricher resolves)
 * A namespace alone (e.g. TargetDown) maps to nothing.
 *
 * Exporters attach their own target labels: a kube-prometheus-stack kube-state-metrics or node-exporter series carries
 * `pod`, `container` naming the exporter itself. So on a series scraped from those exporters (`job` names one) a pod or
 * container naming the exporter is ignored — unless the series is per-pod (`uid` label), i.e. the alert is about the
 * exporter's own pod. When Prometheus renamed a clashing label to `exported_<name>` (honor_labels off), the exported one
 * is the object's.
 */
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

function candidates(labels: StringMap): Candidate[] {
  const out: Candidate[] = [];
  const scraper = fromScraper(labels);
  const add = (
    kind: ResourceKind,
    found: { value: string; label: string } | undefined,
    namespaced: boolean,
    extra: Partial<Candidate> = {},
  ): void => {
    if (found)
      out.push({ kind, name: found.value, namespaced, via: `label:${found.label}`, confidence: 'high', ...extra });
  };
  add('PersistentVolumeClaim', pick(labels, ['persistentvolumeclaim']), true);
  const pod = pick(labels, ['pod', 'pod_name', 'kubernetes_pod_name'], scraper);
  add('Pod', pod, true, { withContainer: true });
  add('Job', pick(labels, ['job_name']), true, { withContainer: true });
  add('CronJob', pick(labels, ['cronjob']), true);
  add('HorizontalPodAutoscaler', pick(labels, ['horizontalpodautoscaler', 'hpa']), true);
  const rs = pick(labels, ['replicaset']);
  if (rs) {
    const deployment = deploymentFromReplicaSet(rs.value);
    if (deployment)
      out.push({
        kind: 'Deployment',
        name: deployment,
        namespaced: true,
        via: `label:${rs.label}→Deployment`,
        confidence: 'medium',
      });
    add('ReplicaSet', rs, true);
  }
  add('Deployment', pick(labels, ['deployment']), true, { withContainer: true });
  add('StatefulSet', pick(labels, ['statefulset']), true, { withContainer: true });
  add('DaemonSet', pick(labels, ['daemonset']), true, { withContainer: true });
  add('ResourceQuota', pick(labels, ['resourcequota']), true);
  if (/^KubeAggregatedAPI/.test(labels.alertname ?? '')) add('APIService', pick(labels, ['name']), false);
  add('PersistentVolume', pick(labels, ['persistentvolume']), false);
  add('Node', pick(labels, ['node', 'kubernetes_node']), false);
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
  const node = nodeFromInstance(labels);
  if (node) out.push(node);
  return out;
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
  const host = hostOf(labels.instance.trim());
  if (!host || LOOPBACK.test(host)) return undefined;
  const confidence = NODE_JOBS.test(labels.job ?? '') ? 'medium' : 'low';
  if (IPV4.test(host) || (host.includes(':') && IPV6.test(host))) {
    return { kind: 'Node', name: host, namespaced: false, via: 'label:instance', confidence: 'low', nodeIP: host };
  }
  return HOSTNAME.test(host)
    ? { kind: 'Node', name: host, namespaced: false, via: 'label:instance', confidence }
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
    if (namespace) ref.namespace = namespace;
    else if (c.confidence === 'high') ref.confidence = 'medium';
  }
  if (c.withContainer && container) ref.container = container;
  if (c.nodeIP) ref.nodeIP = c.nodeIP;
  return ref;
}

/** The object the alert is about and the others its labels name; undefined when they name none. */
export function mapAlertToResource(labels: StringMap): ResourceMapping | undefined {
  const found = candidates(labels);
  if (found.length === 0) return undefined;
  const namespace = pick(labels, ['namespace', 'kubernetes_namespace'])?.value;
  const containerPick = pick(labels, ['container', 'container_name'], fromScraper(labels));
  const container = containerPick && !NOT_A_CONTAINER.has(containerPick.value) ? containerPick.value : undefined;
  const seen = new Set<string>();
  const unique = found.filter((c) => {
    const key = `${c.kind}/${c.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
