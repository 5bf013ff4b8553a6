/**
 * Static reference resolution: which names an object points at that do not exist. This needs no event and no
 * failing pod, so a typo in a ConfigMap name is caught before the rollout, and it is the end of many causal chains
 * (Service without ready endpoints → pods in CreateContainerConfigError → Secret missing).
 *
 * Only lists that were actually read count: a list named in `snapshot.unavailable`, or a namespace the snapshot holds
 * nothing from, makes a reference "unknown" rather than "missing".
 */
import type {
  KubernetesObject,
  V1ConfigMap,
  V1Ingress,
  V1IngressBackend,
  V1PodSpec,
  V1Secret,
  V1Service,
  V1ServiceAccount,
} from '@kubernetes/client-node';
import { missingCause } from './cause';
import { lookup } from './context';
import type { PodSpecHolder } from './pod-specs';
import type { AnalyzerContext, Evidence, ObjectRef, RootCause, Severity, Snapshot } from './types';

export interface MissingRef {
  /** the object holding the reference */
  from: ObjectRef;
  /** the object referenced; `key` set when the object exists but the key does not */
  target: ObjectRef;
  key?: string;
  /** where the reference sits, e.g. `volume "config"`, `env DB_PASSWORD (container api)` */
  where: string[];
  severity: Severity;
  reason: string;
  /** what breaks because of it */
  effect: string;
  /** an existing object with a similar name, when there is one */
  didYouMean?: string;
  /** what does exist instead, e.g. "the Service exposes http:80" */
  detail?: string;
}

/** A list was read (not forbidden or absent). */
export function listRead(s: Snapshot, key: keyof Snapshot): boolean {
  return !(s.unavailable ?? []).includes(key);
}

const NS_PROBES: (keyof Snapshot)[] = ['serviceAccounts', 'configMaps', 'pods', 'services', 'secrets', 'deployments'];

/** The snapshot holds anything from this namespace (every namespace has a default ServiceAccount and kube-root-ca.crt). */
export function namespaceRead(s: Snapshot, namespace: string | undefined): boolean {
  if (!namespace) return true;
  // The Namespace object alone is not enough: a namespaced collection still lists Namespaces cluster-wide.
  return NS_PROBES.some((k) => (s[k] as KubernetesObject[]).some((o) => o.metadata?.namespace === namespace));
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The existing name closest to a missing one, when it is close enough to be a typo. */
export function closestName(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const d = levenshtein(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor(name.length / 4));
  if (best !== undefined && bestD <= limit) return best;
  // "api-svc" for "api", "web-config" for "web-configs": one name is the other plus a dash-separated word.
  return candidates.find(
    (c) =>
      c.length >= 3 &&
      c !== name &&
      (name.startsWith(`${c}-`) || c.startsWith(`${name}-`) || name.endsWith(`-${c}`) || c.endsWith(`-${name}`)),
  );
}

function namesIn(list: KubernetesObject[], namespace: string | undefined): string[] {
  return list.filter((o) => o.metadata?.namespace === namespace).map((o) => o.metadata?.name ?? '');
}

function keysOf(obj: V1ConfigMap | V1Secret): string[] | undefined {
  const data = obj.data as Record<string, unknown> | undefined;
  const bin = (obj as V1ConfigMap).binaryData as Record<string, unknown> | undefined;
  const sd = (obj as V1Secret).stringData as Record<string, unknown> | undefined;
  if (!data && !bin && !sd) return undefined;
  return [...Object.keys(data ?? {}), ...Object.keys(bin ?? {}), ...Object.keys(sd ?? {})];
}

type Collector = (m: Omit<MissingRef, 'where'> & { where: string }) => void;

function collector(out: MissingRef[]): Collector {
  return (m) => {
    const same = out.find(
      (o) =>
        o.target.kind === m.target.kind &&
        o.target.name === m.target.name &&
        o.target.namespace === m.target.namespace &&
        o.key === m.key &&
        o.from.name === m.from.name &&
        o.from.kind === m.from.kind,
    );
    if (same) {
      if (!same.where.includes(m.where)) same.where.push(m.where);
      if (m.severity === 'critical') same.severity = 'critical';
      return;
    }
    out.push({ ...m, where: [m.where] });
  };
}

const MOUNT_EFFECT = 'its pods stay in ContainerCreating (FailedMount)';
const ENV_EFFECT = 'its containers cannot start (CreateContainerConfigError)';

/** ConfigMaps, Secrets, PVCs, ServiceAccounts and imagePullSecrets a pod template names but the namespace lacks. */
export function podSpecMissingRefs(ctx: AnalyzerContext, h: PodSpecHolder): MissingRef[] {
  const s = ctx.snapshot;
  const ns = h.ref.namespace;
  const spec: V1PodSpec = h.spec;
  const out: MissingRef[] = [];
  const add = collector(out);
  const cmOk = listRead(s, 'configMaps');
  const secOk = listRead(s, 'secrets');

  // ConfigMaps and Secrets fail a pod the same way; they differ only in where to look and in that a Secret's data
  // may arrive stripped to nothing, in which case its keys cannot be judged.
  const checkSource = (
    kind: 'ConfigMap' | 'Secret',
    name: string | undefined,
    optional: boolean | undefined,
    where: string,
    effect: string,
    keys: string[] = [],
  ): void => {
    const isCm = kind === 'ConfigMap';
    if (!name || optional || !(isCm ? cmOk : secOk)) return;
    const found = isCm ? lookup<V1ConfigMap>(s, kind, ns, name) : lookup<V1Secret>(s, kind, ns, name);
    const target = { kind, namespace: ns, name };
    if (!found) {
      add({
        from: h.ref,
        target,
        where,
        severity: 'critical',
        reason: isCm ? 'MissingConfigMap' : 'MissingSecret',
        effect,
        didYouMean: closestName(name, namesIn(isCm ? s.configMaps : s.secrets, ns)),
      });
      return;
    }
    const have = isCm ? (keysOf(found) ?? []) : keysOf(found);
    if (!have) return;
    for (const key of keys) {
      if (!have.includes(key))
        add({
          from: h.ref,
          target,
          key,
          where,
          severity: 'critical',
          reason: isCm ? 'MissingConfigMapKey' : 'MissingSecretKey',
          effect,
          didYouMean: closestName(key, have),
        });
    }
  };
  const checkConfigMap = (...a: [string | undefined, boolean | undefined, string, string, string[]?]): void =>
    checkSource('ConfigMap', ...a);
  const checkSecret = (...a: [string | undefined, boolean | undefined, string, string, string[]?]): void =>
    checkSource('Secret', ...a);

  for (const v of spec.volumes ?? []) {
    const where = `volume "${v.name}"`;
    if (v.configMap)
      checkConfigMap(
        v.configMap.name,
        v.configMap.optional,
        where,
        MOUNT_EFFECT,
        (v.configMap.items ?? []).map((i) => i.key),
      );
    if (v.secret)
      checkSecret(
        v.secret.secretName,
        v.secret.optional,
        where,
        MOUNT_EFFECT,
        (v.secret.items ?? []).map((i) => i.key),
      );
    for (const src of v.projected?.sources ?? []) {
      if (src.configMap)
        checkConfigMap(
          src.configMap.name,
          src.configMap.optional,
          where,
          MOUNT_EFFECT,
          (src.configMap.items ?? []).map((i) => i.key),
        );
      if (src.secret)
        checkSecret(
          src.secret.name,
          src.secret.optional,
          where,
          MOUNT_EFFECT,
          (src.secret.items ?? []).map((i) => i.key),
        );
    }
    const claim = v.persistentVolumeClaim?.claimName;
    if (claim && listRead(s, 'pvcs') && !lookup(s, 'PersistentVolumeClaim', ns, claim)) {
      add({
        from: h.ref,
        target: { kind: 'PersistentVolumeClaim', namespace: ns, name: claim },
        where,
        severity: 'critical',
        reason: 'MissingPersistentVolumeClaim',
        effect: 'its pods stay Pending (persistentvolumeclaim not found)',
        didYouMean: closestName(claim, namesIn(s.pvcs, ns)),
      });
    }
  }

  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  for (const c of containers) {
    for (const e of c.env ?? []) {
      const where = `env ${e.name} (container ${c.name})`;
      const cmk = e.valueFrom?.configMapKeyRef;
      if (cmk) checkConfigMap(cmk.name, cmk.optional, where, ENV_EFFECT, [cmk.key]);
      const sk = e.valueFrom?.secretKeyRef;
      if (sk) checkSecret(sk.name, sk.optional, where, ENV_EFFECT, [sk.key]);
    }
    for (const ef of c.envFrom ?? []) {
      const where = `envFrom (container ${c.name})`;
      if (ef.configMapRef) checkConfigMap(ef.configMapRef.name, ef.configMapRef.optional, where, ENV_EFFECT);
      if (ef.secretRef) checkSecret(ef.secretRef.name, ef.secretRef.optional, where, ENV_EFFECT);
    }
  }

  // Whether the pods fail to pull is asked only about a pull secret (the template's or its ServiceAccount's) that
  // is missing: every other template skips reading its pods.
  let pullingKnown: boolean | undefined;
  const pulling = (): boolean =>
    (pullingKnown ??= h.pods.some((p) =>
      [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])].some((cs) =>
        /ImagePull|ErrImage/.test(cs.state?.waiting?.reason ?? ''),
      ),
    ));
  const pullEffect = (): string =>
    pulling()
      ? 'its images cannot be pulled (ImagePullBackOff)'
      : 'pulls from a private registry will fail (ImagePullBackOff)';
  for (const ps of spec.imagePullSecrets ?? []) {
    if (ps.name) checkSecret(ps.name, false, 'imagePullSecrets', pullEffect());
  }
  for (const m of out)
    if (m.reason === 'MissingSecret' && m.where.includes('imagePullSecrets') && m.where.length === 1) {
      m.reason = 'MissingImagePullSecret';
      if (!pulling()) m.severity = 'warning';
    }

  // Every namespace has a "default" ServiceAccount; if the snapshot holds none from this namespace it was not read.
  const saName = spec.serviceAccountName || spec.serviceAccount;
  // (looked up first: a ServiceAccount found is one from this namespace, so the scan for one is left to a miss)
  const sa =
    saName && listRead(s, 'serviceAccounts') ? lookup<V1ServiceAccount>(s, 'ServiceAccount', ns, saName) : undefined;
  const saRead =
    !!saName &&
    listRead(s, 'serviceAccounts') &&
    (sa?.metadata?.namespace === ns || s.serviceAccounts.some((x) => x.metadata?.namespace === ns));
  if (saName && saRead) {
    if (!sa) {
      add({
        from: h.ref,
        target: { kind: 'ServiceAccount', namespace: ns, name: saName },
        where: 'serviceAccountName',
        severity: 'critical',
        reason: 'MissingServiceAccount',
        effect: 'the controller cannot create its pods (FailedCreate: serviceaccount not found)',
        didYouMean: closestName(saName, namesIn(s.serviceAccounts, ns)),
      });
    } else if (secOk) {
      for (const ps of sa.imagePullSecrets ?? []) {
        if (ps.name && !lookup(s, 'Secret', ns, ps.name)) {
          add({
            from: h.ref,
            target: { kind: 'Secret', namespace: ns, name: ps.name },
            where: `imagePullSecrets of ServiceAccount ${saName}`,
            severity: pulling() ? 'critical' : 'warning',
            reason: 'MissingImagePullSecret',
            effect: pullEffect(),
            didYouMean: closestName(ps.name, namesIn(s.secrets, ns)),
          });
        }
      }
    }
  }
  return out;
}

/** A backend service and port of an Ingress, with the path it serves. */
export interface IngressBackendRef {
  service: string;
  port?: number | string;
  /** "shop.example.com/api" or "(default backend)" */
  route: string;
}

export function ingressBackends(ing: V1Ingress): IngressBackendRef[] {
  const out: IngressBackendRef[] = [];
  const push = (b: V1IngressBackend | undefined, route: string): void => {
    const svc = b?.service;
    if (!svc?.name) return;
    out.push({ service: svc.name, port: svc.port?.number ?? svc.port?.name, route });
  };
  push(ing.spec?.defaultBackend, '(default backend)');
  for (const rule of ing.spec?.rules ?? []) {
    for (const p of rule.http?.paths ?? []) push(p.backend, `${rule.host ?? '*'}${p.path ?? '/'}`);
  }
  return out;
}

/** Ingress references: backend Services (and their ports) and TLS Secrets. The IngressClass is the Ingress analyzer's. */
export function ingressMissingRefs(ctx: AnalyzerContext, ing: V1Ingress): MissingRef[] {
  const s = ctx.snapshot;
  const ns = ing.metadata?.namespace;
  const from = { kind: 'Ingress', namespace: ns, name: ing.metadata?.name ?? '' };
  const out: MissingRef[] = [];
  const add = collector(out);
  if (listRead(s, 'services')) {
    for (const b of ingressBackends(ing)) {
      const svc = lookup<V1Service>(s, 'Service', ns, b.service);
      const target = { kind: 'Service', namespace: ns, name: b.service };
      if (!svc) {
        add({
          from,
          target,
          where: b.route,
          severity: 'critical',
          reason: 'IngressBackendServiceMissing',
          effect: 'requests for these routes get 503 from the ingress controller',
          didYouMean: closestName(b.service, namesIn(s.services, ns)),
        });
        continue;
      }
      if (b.port === undefined) continue;
      const ports = svc.spec?.ports ?? [];
      const hit =
        typeof b.port === 'number' ? ports.some((p) => p.port === b.port) : ports.some((p) => p.name === b.port);
      if (!hit) {
        const known = ports.map((p) => (p.name ? `${p.name}:${p.port}` : String(p.port))).join(', ') || 'none';
        add({
          from,
          target,
          key: `port ${b.port}`,
          where: b.route,
          severity: 'critical',
          reason: 'IngressBackendPortMissing',
          effect: 'requests for these routes get 503 from the ingress controller',
          detail: `the Service exposes ${known}`,
        });
      }
    }
  }
  if (listRead(s, 'secrets')) {
    for (const tls of ing.spec?.tls ?? []) {
      if (!tls.secretName) continue;
      if (!lookup(s, 'Secret', ns, tls.secretName)) {
        add({
          from,
          target: { kind: 'Secret', namespace: ns, name: tls.secretName },
          where: `tls for ${(tls.hosts ?? []).join(', ') || 'all hosts'}`,
          severity: 'warning',
          reason: 'IngressTLSSecretMissing',
          effect: 'the controller serves its default certificate for these hosts, so clients see TLS errors',
          didYouMean: closestName(tls.secretName, namesIn(s.secrets, ns)),
        });
      }
    }
  }
  return out;
}

/** The Service a webhook calls; undefined when it calls a URL. */
export function webhookService(w: {
  clientConfig?: { service?: { name?: string; namespace?: string; port?: number } };
}): ObjectRef | undefined {
  const svc = w.clientConfig?.service;
  if (!svc?.name || !svc.namespace) return undefined;
  return { kind: 'Service', namespace: svc.namespace, name: svc.name };
}

/**
 * The root-cause fact for a missing reference, worded exactly as the Pod analyzer words it for the same cause
 * ("Secret db does not exist", 'ConfigMap app has no key "x"'), so the engine merges the findings into one.
 */
export function refCause(m: Pick<MissingRef, 'target' | 'key'>, evidence?: Evidence): RootCause {
  return missingCause(m.target, m.key, evidence);
}
