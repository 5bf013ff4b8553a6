/**
 * One row per object with the columns kubectl shows for its kind, as plain strings: what people read in tables
 * and what a model needs without the whole object. Unknown kinds get name, namespace, kind and age.
 */
import type {
  CoreV1Event,
  KubernetesObject,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1HorizontalPodAutoscaler,
  V1Ingress,
  V1Job,
  V1Namespace,
  V1Node,
  V1PersistentVolumeClaim,
  V1Pod,
  V1PodSpec,
  V1ReplicaSet,
  V1Service,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { age, humanDuration, toDate } from './age';
import { podStatus } from './pod-status';

export type SummaryRow = Record<string, string>;

type Summarizer = (obj: KubernetesObject, now: Date) => SummaryRow;

const SUMMARIZERS: Record<string, Summarizer> = {
  Pod: (o, now) => pod(o, now),
  Deployment: (o, now) => deployment(o, now),
  StatefulSet: (o, now) => statefulSet(o, now),
  DaemonSet: (o, now) => daemonSet(o, now),
  ReplicaSet: (o, now) => replicaSet(o, now),
  Job: (o, now) => job(o, now),
  CronJob: (o, now) => cronJob(o, now),
  Service: (o, now) => service(o, now),
  Node: (o, now) => node(o, now),
  Event: (o, now) => event(o as CoreV1Event, now),
  Namespace: (o, now) => ({
    name: nameOf(o),
    status: (o as V1Namespace).status?.phase ?? '',
    age: age(o.metadata?.creationTimestamp, now),
  }),
  PersistentVolumeClaim: (o, now) => pvc(o, now),
  Ingress: (o, now) => ingress(o, now),
  ConfigMap: (o, now) => ({
    ...base(o),
    data: String(Object.keys((o as { data?: object }).data ?? {}).length),
    age: age(o.metadata?.creationTimestamp, now),
  }),
  Secret: (o, now) => ({
    ...base(o),
    type: (o as { type?: string }).type ?? '',
    data: String(Object.keys((o as { data?: object }).data ?? {}).length),
    age: age(o.metadata?.creationTimestamp, now),
  }),
  HorizontalPodAutoscaler: (o, now) => hpa(o, now),
};

export function summarize(obj: KubernetesObject, now: Date = new Date()): SummaryRow {
  const fn = obj.kind ? SUMMARIZERS[obj.kind] : undefined;
  if (fn) return fn(obj, now);
  return { ...base(obj), kind: obj.kind ?? '', age: age(obj.metadata?.creationTimestamp, now) };
}

export function summarizeAll(objs: KubernetesObject[], now: Date = new Date()): SummaryRow[] {
  return objs.map((o) => summarize(o, now));
}

function base(o: KubernetesObject): SummaryRow {
  return o.metadata?.namespace ? { name: nameOf(o), namespace: o.metadata.namespace } : { name: nameOf(o) };
}

function nameOf(o: KubernetesObject): string {
  return o.metadata?.name ?? '';
}

export function imagesOf(spec: V1PodSpec | undefined): string {
  return (spec?.containers ?? []).map((c) => c.image ?? '').join(',');
}

function pod(p: V1Pod, now: Date): SummaryRow {
  const s = podStatus(p);
  const restarts =
    s.restarts > 0 && s.lastRestart
      ? `${s.restarts} (${humanDuration(now.getTime() - s.lastRestart.getTime())} ago)`
      : String(s.restarts);
  return {
    ...base(p),
    status: s.status,
    ready: s.ready,
    restarts,
    age: age(p.metadata?.creationTimestamp, now),
    node: p.spec?.nodeName ?? '',
    ip: p.status?.podIP ?? '',
    image: imagesOf(p.spec),
  };
}

function deployment(d: V1Deployment, now: Date): SummaryRow {
  return {
    ...base(d),
    ready: `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
    upToDate: String(d.status?.updatedReplicas ?? 0),
    available: String(d.status?.availableReplicas ?? 0),
    age: age(d.metadata?.creationTimestamp, now),
    images: imagesOf(d.spec?.template?.spec),
  };
}

function statefulSet(s: V1StatefulSet, now: Date): SummaryRow {
  return {
    ...base(s),
    ready: `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 1}`,
    age: age(s.metadata?.creationTimestamp, now),
    images: imagesOf(s.spec?.template?.spec),
  };
}

function daemonSet(d: V1DaemonSet, now: Date): SummaryRow {
  return {
    ...base(d),
    desired: String(d.status?.desiredNumberScheduled ?? 0),
    current: String(d.status?.currentNumberScheduled ?? 0),
    ready: String(d.status?.numberReady ?? 0),
    upToDate: String(d.status?.updatedNumberScheduled ?? 0),
    available: String(d.status?.numberAvailable ?? 0),
    age: age(d.metadata?.creationTimestamp, now),
    images: imagesOf(d.spec?.template?.spec),
  };
}

function replicaSet(r: V1ReplicaSet, now: Date): SummaryRow {
  return {
    ...base(r),
    desired: String(r.spec?.replicas ?? 1),
    current: String(r.status?.replicas ?? 0),
    ready: String(r.status?.readyReplicas ?? 0),
    age: age(r.metadata?.creationTimestamp, now),
    images: imagesOf(r.spec?.template?.spec),
  };
}

function job(j: V1Job, now: Date): SummaryRow {
  const conditions = j.status?.conditions ?? [];
  const has = (type: string): boolean => conditions.some((c) => c.type === type && c.status === 'True');
  const status = has('Complete') ? 'Complete' : has('Failed') ? 'Failed' : j.spec?.suspend ? 'Suspended' : 'Running';
  const start = toDate(j.status?.startTime);
  const end = toDate(j.status?.completionTime) ?? now;
  return {
    ...base(j),
    status,
    completions: `${j.status?.succeeded ?? 0}/${j.spec?.completions ?? 1}`,
    duration: start ? humanDuration(end.getTime() - start.getTime()) : '',
    age: age(j.metadata?.creationTimestamp, now),
  };
}

function cronJob(c: V1CronJob, now: Date): SummaryRow {
  const last = c.status?.lastScheduleTime;
  return {
    ...base(c),
    schedule: c.spec?.schedule ?? '',
    suspend: String(c.spec?.suspend ?? false),
    active: String(c.status?.active?.length ?? 0),
    lastSchedule: last ? `${age(last, now)} ago` : '',
    age: age(c.metadata?.creationTimestamp, now),
  };
}

function service(s: V1Service, now: Date): SummaryRow {
  const ports = (s.spec?.ports ?? [])
    .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
    .join(',');
  const ingress = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean);
  const external = [...ingress, ...(s.spec?.externalIPs ?? [])];
  return {
    ...base(s),
    type: s.spec?.type ?? 'ClusterIP',
    clusterIP: s.spec?.clusterIP ?? '',
    externalIP:
      s.spec?.type === 'ExternalName'
        ? (s.spec.externalName ?? '')
        : external.length
          ? external.join(',')
          : s.spec?.type === 'LoadBalancer'
            ? '<pending>'
            : '',
    ports,
    age: age(s.metadata?.creationTimestamp, now),
    selector: Object.entries(s.spec?.selector ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  };
}

export function nodeStatus(n: V1Node): string {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  const parts = [ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown'];
  if (n.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function node(n: V1Node, now: Date): SummaryRow {
  const labels = n.metadata?.labels ?? {};
  const roles = Object.keys(labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .concat(labels['kubernetes.io/role'] ? [labels['kubernetes.io/role']] : []);
  return {
    name: nameOf(n),
    status: nodeStatus(n),
    roles: roles.join(',') || '<none>',
    age: age(n.metadata?.creationTimestamp, now),
    version: n.status?.nodeInfo?.kubeletVersion ?? '',
    internalIP: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
    taints: (n.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(','),
  };
}

/** When an event last happened: series, lastTimestamp, eventTime or creation, whichever is set. */
export function eventTime(e: CoreV1Event): Date | undefined {
  return (
    toDate(e.series?.lastObservedTime) ??
    toDate(e.lastTimestamp) ??
    toDate(e.eventTime) ??
    toDate(e.firstTimestamp) ??
    toDate(e.metadata?.creationTimestamp)
  );
}

function event(e: CoreV1Event, now: Date): SummaryRow {
  const when = eventTime(e);
  const count = e.series?.count ?? e.count ?? 1;
  return {
    namespace: e.metadata?.namespace ?? '',
    lastSeen: when ? humanDuration(now.getTime() - when.getTime()) : '<unknown>',
    type: e.type ?? '',
    reason: e.reason ?? '',
    object: `${(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`,
    message: (e.message ?? '').trim(),
    count: String(count),
  };
}

function pvc(p: V1PersistentVolumeClaim, now: Date): SummaryRow {
  return {
    ...base(p),
    status: p.status?.phase ?? '',
    volume: p.spec?.volumeName ?? '',
    capacity: p.status?.capacity?.storage ?? '',
    accessModes: (p.status?.accessModes ?? p.spec?.accessModes ?? []).map((m) => m.replace(/[a-z]/g, '')).join(','),
    storageClass: p.spec?.storageClassName ?? '',
    age: age(p.metadata?.creationTimestamp, now),
  };
}

function ingress(i: V1Ingress, now: Date): SummaryRow {
  const hosts = (i.spec?.rules ?? []).map((r) => r.host ?? '*');
  const address = (i.status?.loadBalancer?.ingress ?? []).map((x) => x.ip ?? x.hostname ?? '').filter(Boolean);
  return {
    ...base(i),
    class: i.spec?.ingressClassName ?? '',
    hosts: hosts.join(',') || '*',
    address: address.join(','),
    ports: i.spec?.tls?.length ? '80, 443' : '80',
    age: age(i.metadata?.creationTimestamp, now),
  };
}

function hpa(h: V1HorizontalPodAutoscaler, now: Date): SummaryRow {
  const ref = h.spec?.scaleTargetRef;
  return {
    ...base(h),
    reference: ref ? `${ref.kind}/${ref.name}` : '',
    minPods: String(h.spec?.minReplicas ?? 1),
    maxPods: String(h.spec?.maxReplicas ?? ''),
    replicas: String(h.status?.currentReplicas ?? 0),
    age: age(h.metadata?.creationTimestamp, now),
  };
}
