/**
 * Everything relevant to one resource: the resource, its owner chain, its dependents (ReplicaSets, pods), what they
 * reference (claims → volumes → StorageClasses, ConfigMaps, Secrets, ServiceAccount, node), and what points at them
 * (Services selecting the pods, Ingresses of those Services, HPAs, PDBs). Findings outside this set are dropped.
 */
import type {
  KubernetesObject,
  V1HorizontalPodAutoscaler,
  V1Ingress,
  V1PersistentVolumeClaim,
  V1Pod,
  V1PodDisruptionBudget,
  V1Service,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { indexes, lookup, ownerChain, SNAPSHOT_KINDS } from './context';
import { matchesMap, matchesSelector } from './selectors';
import type { Finding, ObjectRef, Snapshot } from './types';
import { refKey } from './util';

const ALIASES: Record<string, string> = {
  po: 'Pod',
  deploy: 'Deployment',
  rs: 'ReplicaSet',
  sts: 'StatefulSet',
  ds: 'DaemonSet',
  cj: 'CronJob',
  svc: 'Service',
  ing: 'Ingress',
  pvc: 'PersistentVolumeClaim',
  pv: 'PersistentVolume',
  sc: 'StorageClass',
  cm: 'ConfigMap',
  sa: 'ServiceAccount',
  hpa: 'HorizontalPodAutoscaler',
  pdb: 'PodDisruptionBudget',
  no: 'Node',
  ns: 'Namespace',
  netpol: 'NetworkPolicy',
  ep: 'Endpoints',
};

/** "deployments", "deploy", "Deployment", "deployment.apps" → "Deployment". Unknown kinds pass through. */
export function canonicalKind(kind: string): string {
  const k = kind.split('.')[0].toLowerCase();
  if (ALIASES[k]) return ALIASES[k];
  for (const known of Object.values(SNAPSHOT_KINDS)) {
    const lower = known.toLowerCase();
    if (
      k === lower ||
      k === `${lower}s` ||
      k === `${lower}es` ||
      (lower.endsWith('y') && k === `${lower.slice(0, -1)}ies`)
    )
      return known;
  }
  return kind;
}

function podRefs(s: Snapshot, pod: V1Pod, add: (r: ObjectRef) => void): void {
  const ns = pod.metadata?.namespace;
  const spec = pod.spec;
  if (!spec) return;
  if (spec.nodeName) add({ kind: 'Node', name: spec.nodeName });
  add({ kind: 'ServiceAccount', namespace: ns, name: spec.serviceAccountName ?? 'default' });
  for (const s2 of spec.imagePullSecrets ?? []) if (s2.name) add({ kind: 'Secret', namespace: ns, name: s2.name });
  for (const v of spec.volumes ?? []) {
    if (v.configMap?.name) add({ kind: 'ConfigMap', namespace: ns, name: v.configMap.name });
    if (v.secret?.secretName) add({ kind: 'Secret', namespace: ns, name: v.secret.secretName });
    for (const p of v.projected?.sources ?? []) {
      if (p.configMap?.name) add({ kind: 'ConfigMap', namespace: ns, name: p.configMap.name });
      if (p.secret?.name) add({ kind: 'Secret', namespace: ns, name: p.secret.name });
    }
    if (v.persistentVolumeClaim?.claimName) claimRefs(s, ns, v.persistentVolumeClaim.claimName, add);
  }
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef?.name)
        add({ kind: 'ConfigMap', namespace: ns, name: e.valueFrom.configMapKeyRef.name });
      if (e.valueFrom?.secretKeyRef?.name) add({ kind: 'Secret', namespace: ns, name: e.valueFrom.secretKeyRef.name });
    }
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef?.name) add({ kind: 'ConfigMap', namespace: ns, name: e.configMapRef.name });
      if (e.secretRef?.name) add({ kind: 'Secret', namespace: ns, name: e.secretRef.name });
    }
  }
}

function claimRefs(s: Snapshot, ns: string | undefined, claim: string, add: (r: ObjectRef) => void): void {
  add({ kind: 'PersistentVolumeClaim', namespace: ns, name: claim });
  const pvc = lookup<V1PersistentVolumeClaim>(s, 'PersistentVolumeClaim', ns, claim);
  if (pvc?.spec?.volumeName) add({ kind: 'PersistentVolume', name: pvc.spec.volumeName });
  if (pvc?.spec?.storageClassName) add({ kind: 'StorageClass', name: pvc.spec.storageClassName });
}

/**
 * Canonical kind, and the namespace filled in when the caller named a namespaced object without one and exactly
 * one namespace holds an object of that kind and name.
 */
export function resolveResource(s: Snapshot, resource: ObjectRef): ObjectRef {
  const kind = canonicalKind(resource.kind);
  if (resource.namespace || lookup(s, kind, undefined, resource.name)) return { ...resource, kind };
  const list = (Object.entries(SNAPSHOT_KINDS) as [keyof typeof SNAPSHOT_KINDS, string][]).find(
    ([, k]) => k === kind,
  )?.[0];
  const hits = list ? (s[list] as KubernetesObject[]).filter((o) => o.metadata?.name === resource.name) : [];
  return hits.length === 1 && hits[0].metadata?.namespace
    ? { kind, namespace: hits[0].metadata.namespace, name: resource.name }
    : { ...resource, kind };
}

/** Keys (`Kind/namespace/name`) of every object related to `resource`. */
export function relatedKeys(s: Snapshot, resource: ObjectRef): Set<string> {
  const keys = new Set<string>();
  const add = (r: ObjectRef) => keys.add(refKey(r.namespace ? r : { kind: r.kind, name: r.name }));
  const root: ObjectRef = { ...resource, kind: canonicalKind(resource.kind) };
  add(root);
  const obj = lookup(s, root.kind, root.namespace, root.name);
  if (!obj) return keys;
  for (const o of ownerChain(s, obj)) add(o);

  // Dependents, breadth first (Deployment → ReplicaSets → Pods, CronJob → Jobs → Pods).
  const ix = indexes(s);
  const queue: KubernetesObject[] = [obj];
  const pods: V1Pod[] = [];
  if (root.kind === 'Pod') pods.push(obj as V1Pod);
  while (queue.length) {
    const cur = queue.shift() as KubernetesObject;
    for (const child of ix.childrenByOwnerUid.get(cur.metadata?.uid ?? '') ?? []) {
      add({ kind: child.kind, namespace: child.obj.metadata?.namespace, name: child.obj.metadata?.name ?? '' });
      if (child.kind === 'Pod') pods.push(child.obj as V1Pod);
      else queue.push(child.obj);
    }
  }
  if (root.kind === 'Node')
    for (const p of s.pods)
      if (p.spec?.nodeName === root.name) {
        pods.push(p);
        add({ kind: 'Pod', namespace: p.metadata?.namespace, name: p.metadata?.name ?? '' });
      }
  if (root.kind === 'PersistentVolumeClaim') {
    claimRefs(s, root.namespace, root.name, add);
    for (const p of s.pods)
      if (
        p.metadata?.namespace === root.namespace &&
        p.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === root.name)
      ) {
        pods.push(p);
        add({ kind: 'Pod', namespace: root.namespace, name: p.metadata?.name ?? '' });
      }
  }
  if (root.kind === 'StatefulSet') {
    const sts = obj as V1StatefulSet;
    for (const t of sts.spec?.volumeClaimTemplates ?? [])
      if (t.spec?.storageClassName) add({ kind: 'StorageClass', name: t.spec.storageClassName });
  }
  for (const p of pods) {
    podRefs(s, p, add);
    for (const o of ownerChain(s, p)) add(o);
  }

  // What points at the pods or the workload.
  const ns = root.namespace;
  const services = s.services.filter(
    (svc) =>
      svc.metadata?.namespace === ns &&
      (root.kind === 'Service'
        ? svc.metadata?.name === root.name
        : pods.some((p) => matchesMap(p.metadata?.labels, (svc as V1Service).spec?.selector))),
  );
  for (const svc of services) add({ kind: 'Service', namespace: ns, name: svc.metadata?.name ?? '' });
  if (root.kind === 'Service') {
    const sel = services[0]?.spec?.selector;
    for (const p of s.pods)
      if (p.metadata?.namespace === ns && matchesMap(p.metadata?.labels, sel)) {
        add({ kind: 'Pod', namespace: ns, name: p.metadata?.name ?? '' });
        for (const o of ownerChain(s, p)) add(o);
      }
  }
  const svcNames = new Set(services.map((x) => x.metadata?.name));
  for (const ing of s.ingresses as V1Ingress[]) {
    if (ing.metadata?.namespace !== ns) continue;
    const backends = (ing.spec?.rules ?? []).flatMap((r) => r.http?.paths ?? []).map((p) => p.backend?.service?.name);
    if (ing.spec?.defaultBackend?.service?.name) backends.push(ing.spec.defaultBackend.service.name);
    if (backends.some((b) => svcNames.has(b))) add({ kind: 'Ingress', namespace: ns, name: ing.metadata?.name ?? '' });
  }
  for (const h of s.hpas as V1HorizontalPodAutoscaler[]) {
    const t = h.spec?.scaleTargetRef;
    if (h.metadata?.namespace === ns && t && keys.has(refKey({ kind: t.kind, namespace: ns, name: t.name })))
      add({ kind: 'HorizontalPodAutoscaler', namespace: ns, name: h.metadata?.name ?? '' });
  }
  for (const pdb of s.pdbs as V1PodDisruptionBudget[]) {
    if (pdb.metadata?.namespace === ns && pods.some((p) => matchesSelector(p.metadata?.labels, pdb.spec?.selector)))
      add({ kind: 'PodDisruptionBudget', namespace: ns, name: pdb.metadata?.name ?? '' });
  }
  return keys;
}

function findingKeys(f: Finding): string[] {
  const out = [refKey({ kind: f.kind, namespace: f.namespace, name: f.name })];
  if (f.owner) out.push(refKey(f.owner));
  if (f.rootCause) out.push(refKey(f.rootCause.object));
  for (const r of f.related ?? []) out.push(refKey(r));
  return out;
}

export function inResourceScope(f: Finding, keys: Set<string>): boolean {
  return findingKeys(f).some((k) => keys.has(k));
}

/**
 * A namespace's findings, plus cluster-scoped findings that are the root cause of one of them, plus findings from
 * elsewhere that objects of this namespace were merged into (its pods fail on a Service or policy in another one).
 */
export function inNamespaceScope(findings: Finding[], namespace: string): Finding[] {
  const hits = (f: Finding) => f.namespace === namespace || (f.related ?? []).some((r) => r.namespace === namespace);
  const mine = findings.filter(hits);
  const causes = new Set(mine.flatMap((f) => (f.rootCause ? [refKey(f.rootCause.object)] : [])));
  return findings.filter((f) => hits(f) || (!f.namespace && causes.has(refKey({ kind: f.kind, name: f.name }))));
}
