/**
 * Ingress: routes that cannot be served. Class missing or unknown (no controller admits it), backend Services or
 * ports that do not exist, TLS Secrets that do not exist, and backends that exist but serve nothing — followed to
 * the Service's own root cause so the finding ends at the broken selector or the failing pods.
 */
import { cause, missingCause } from '../cause';
import type { V1Ingress, V1IngressClass, V1Secret } from '@kubernetes/client-node';
import { lookup } from '../context';
import { mentioning, missingRefFinding } from '../ref-finding';
import { closestName, ingressBackends, ingressMissingRefs, listRead } from '../ref-check';
import { findService } from '../service-health';
import type { Analyzer, AnalyzerContext, Finding } from '../types';
import { nsFlag, ref } from '../util';

const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
/** Classes served by a cloud controller without an IngressClass object. */
const IMPLICIT_CLASSES = new Set(['gce', 'gce-internal', 'alb']);

function classFindings(ctx: AnalyzerContext, ing: V1Ingress): Finding[] {
  const s = ctx.snapshot;
  if (!listRead(s, 'ingressClasses')) return [];
  const ns = ing.metadata?.namespace;
  const name = ing.metadata?.name ?? '';
  const ingRef = ref('Ingress', ing);
  const byField = ing.spec?.ingressClassName;
  const byAnnotation = ing.metadata?.annotations?.[CLASS_ANNOTATION];
  const className = byField ?? byAnnotation;
  const classes = s.ingressClasses.map((c) => c.metadata?.name ?? '');
  const base = { analyzer: 'Ingress', kind: 'Ingress', namespace: ns, name };
  if (!className) {
    const dflt = s.ingressClasses.find((c) => c.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
    if (dflt) return [];
    return [
      {
        ...base,
        severity: 'warning',
        reason: 'IngressClassNotSpecified',
        message: `Ingress ${ns}/${name} names no ingress class and no IngressClass is marked default, so no controller may pick it up.`,
        evidence: [
          {
            source: 'field',
            object: ingRef,
            text: `spec.ingressClassName unset; IngressClasses: ${classes.join(', ') || 'none'}`,
          },
        ],
        rootCause: cause(ingRef, 'NoDefaultIngressClass', {}),
        suggestion: classes.length
          ? `Set spec.ingressClassName to one of: ${classes.join(', ')}.`
          : 'Install an ingress controller, then set spec.ingressClassName.',
        commands: [
          'kubectl get ingressclass',
          ...(classes.length
            ? [
                `kubectl${nsFlag(ns)} patch ingress ${name} --type=merge -p '{"spec":{"ingressClassName":"${classes[0]}"}}'`,
              ]
            : []),
        ],
      },
    ];
  }
  if (IMPLICIT_CLASSES.has(className) || lookup<V1IngressClass>(s, 'IngressClass', undefined, className)) return [];
  const guess = closestName(className, classes);
  const viaField = byField !== undefined;
  return [
    {
      ...base,
      // The legacy annotation is matched by string by older controllers, so an absent IngressClass is not proof there.
      severity: viaField ? 'critical' : 'info',
      reason: 'IngressClassNotFound',
      message: `Ingress ${ns}/${name} uses ingress class "${className}", which does not exist${classes.length ? ` (classes: ${classes.join(', ')})` : ''}; no controller will serve its routes.${guess ? ` Did you mean "${guess}"?` : ''}`,
      evidence: [
        {
          source: 'field',
          object: ingRef,
          text: viaField ? `spec.ingressClassName: ${className}` : `annotation ${CLASS_ANNOTATION}: ${className}`,
        },
        ...mentioning(ctx.eventsFor('Ingress', ns, name), className),
      ],
      rootCause: missingCause({ kind: 'IngressClass', name: className }),
      suggestion: guess
        ? `Change the class to "${guess}".`
        : `Use an existing IngressClass (${classes.join(', ') || 'none installed'}) or install the controller for "${className}".`,
      commands: [
        'kubectl get ingressclass',
        ...(guess
          ? [`kubectl${nsFlag(ns)} patch ingress ${name} --type=merge -p '{"spec":{"ingressClassName":"${guess}"}}'`]
          : []),
      ],
    },
  ];
}

function tlsTypeFindings(ctx: AnalyzerContext, ing: V1Ingress): Finding[] {
  const ns = ing.metadata?.namespace;
  const out: Finding[] = [];
  for (const tls of ing.spec?.tls ?? []) {
    if (!tls.secretName) continue;
    const sec = lookup<V1Secret>(ctx.snapshot, 'Secret', ns, tls.secretName);
    if (!sec) continue;
    const keys = Object.keys(sec.data ?? {});
    const wrongType = sec.type && sec.type !== 'kubernetes.io/tls';
    const lacksKeys = keys.length > 0 && !(keys.includes('tls.crt') && keys.includes('tls.key'));
    if (!wrongType && !lacksKeys) continue;
    const secRef = ref('Secret', sec);
    out.push({
      severity: 'warning',
      analyzer: 'Ingress',
      kind: 'Ingress',
      namespace: ns,
      name: ing.metadata?.name ?? '',
      reason: 'IngressTLSSecretInvalid',
      message: `Ingress ${ns}/${ing.metadata?.name} uses Secret ${tls.secretName} for TLS, but it is of type ${sec.type ?? 'unknown'}${keys.length ? ` with keys ${keys.join(', ')}` : ''}, not a kubernetes.io/tls Secret with tls.crt and tls.key; the controller serves its default certificate.`,
      evidence: [
        { source: 'field', object: secRef, text: `type: ${sec.type ?? ''}; keys: ${keys.join(', ') || 'unknown'}` },
      ],
      rootCause: cause(secRef, 'NotTLSSecret', { secret: tls.secretName, type: sec.type }),
      suggestion: `Recreate ${tls.secretName} with kubectl create secret tls.`,
      commands: [
        `kubectl${nsFlag(ns)} describe secret ${tls.secretName}`,
        `kubectl${nsFlag(ns)} create secret tls ${tls.secretName} --cert=<cert.pem> --key=<key.pem> --dry-run=client -o yaml | kubectl apply -f -`,
      ],
    });
  }
  return out;
}

/** Backends that exist but cannot serve: the Ingress finding carries the Service's root cause. */
function backendFindings(ctx: AnalyzerContext, ing: V1Ingress, missingServices: Set<string>): Finding[] {
  const ns = ing.metadata?.namespace;
  const name = ing.metadata?.name ?? '';
  const out: Finding[] = [];
  const routesBySvc = new Map<string, string[]>();
  for (const b of ingressBackends(ing)) {
    if (missingServices.has(b.service)) continue;
    const r = routesBySvc.get(b.service) ?? [];
    r.push(b.route);
    routesBySvc.set(b.service, r);
  }
  for (const [svcName, routes] of routesBySvc) {
    const svc = findService(ctx, { kind: 'Service', namespace: ns, name: svcName });
    if (!svc) continue;
    const p = ctx.ask.serviceProblems(svc).find((x) => x.blocking && x.severity !== 'info');
    if (!p) continue;
    out.push({
      severity: 'critical',
      analyzer: 'Ingress',
      kind: 'Ingress',
      namespace: ns,
      name,
      reason: 'IngressBackendUnavailable',
      message: `Ingress ${ns}/${name} routes ${routes.join(', ')} to Service ${svcName}, which serves nothing: ${p.message}`,
      evidence: [
        { source: 'field', object: ref('Ingress', ing), text: `${routes.join(', ')} → service ${svcName}` },
        ...p.evidence.slice(0, 2),
      ],
      rootCause: p.rootCause,
      suggestion: p.suggestion,
      commands: p.commands,
    });
  }
  return out;
}

export const ingressAnalyzer: Analyzer = {
  name: 'Ingress',
  default: true,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const ing of ctx.snapshot.ingresses) {
      const ns = ing.metadata?.namespace;
      const name = ing.metadata?.name ?? '';
      out.push(...classFindings(ctx, ing));
      const missing = ingressMissingRefs(ctx, ing);
      const events = ctx.eventsFor('Ingress', ns, name);
      for (const m of missing) out.push(missingRefFinding('Ingress', m, mentioning(events, m.target.name)));
      const missingServices = new Set(missing.filter((m) => m.target.kind === 'Service').map((m) => m.target.name));
      out.push(...backendFindings(ctx, ing, missingServices));
      out.push(...tlsTypeFindings(ctx, ing));
    }
    return out;
  },
};
