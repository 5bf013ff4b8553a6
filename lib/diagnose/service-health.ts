/**
 * Whether a Service can deliver traffic, and if not the deepest reason: a selector one label off from the pods, a
 * targetPort the pods do not expose, or pods that are not ready (and why). Shared by the Service analyzer and by the
 * objects that depend on a Service (Ingress backends, admission webhooks), so their findings end at the same cause.
 */
import { cause } from './cause';
import { causeKey } from './render/cause-text';
import type { KubernetesObject, V1Pod, V1Service, V1ServicePort } from '@kubernetes/client-node';
import { childrenOf, lookup, podsInNamespace } from './context';
import type { Explanation } from './explain/explanation';
import { isReady, isServing, podCause } from './pod-cause';
import { holderEvents, podSpecHolders } from './pod-specs';
import { podPorts, portsText, resolvePort } from './ports';
import { podSpecMissingRefs, refCause } from './ref-check';
import { matchesMap, mismatchText, nearMisses, selectorText } from './selectors';
import type { AnalyzerContext, Evidence, ObjectRef, ServiceProblem } from './types';
import { clip, nsFlag, ref, refText } from './util';

export type { ServiceProblem } from './types';

interface EndpointSubset {
  addresses?: unknown[];
  notReadyAddresses?: unknown[];
}

/** "Endpoints prod/web: 0 ready, 2 not ready" when the Endpoints object was read. */
function endpointsEvidence(ctx: AnalyzerContext, svc: V1Service): Evidence[] {
  const ns = svc.metadata?.namespace;
  const name = svc.metadata?.name ?? '';
  const ep = lookup<KubernetesObject & { subsets?: EndpointSubset[] }>(ctx.snapshot, 'Endpoints', ns, name);
  const out: Evidence[] = [];
  if (ep) {
    const subsets = ep.subsets ?? [];
    const ready = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
    const notReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0);
    out.push({
      source: 'field',
      object: { kind: 'Endpoints', namespace: ns, name },
      text: `Endpoints ${ns}/${name}: ${ready} ready, ${notReady} not ready address(es)`,
    });
  }
  const ev = ctx.eventsFor('Endpoints', ns, name).find((e) => e.type !== 'Normal');
  if (ev?.message)
    out.push({
      source: 'event',
      object: { kind: 'Endpoints', namespace: ns, name },
      text: clip(`${ev.reason}: ${ev.message}`, 300),
    });
  return out;
}

function replicasWanted(obj: KubernetesObject): number | undefined {
  const spec = (obj as { spec?: { replicas?: number } }).spec;
  return spec?.replicas;
}

/** Why a workload's controller cannot create pods: its ReplicaSets that want pods (Deployment), else the workload. */
function createFailure(ctx: AnalyzerContext, obj: KubernetesObject, kind: string): Explanation | undefined {
  const creators =
    kind === 'Deployment'
      ? childrenOf(ctx.snapshot, obj, 'ReplicaSet')
          .filter((rs) => (replicasWanted(rs) ?? 1) > 0)
          .map((rs) => ({ kind: 'ReplicaSet', obj: rs }))
      : [];
  for (const c of [...creators, { kind, obj }]) {
    const e = ctx.ask.createFailure(c.obj, c.kind);
    if (e) return e;
  }
  return undefined;
}

function noPodsProblem(
  ctx: AnalyzerContext,
  svc: V1Service,
  svcRef: ObjectRef,
  sel: Record<string, string>,
  nsPods: V1Pod[],
): ServiceProblem {
  const ns = svc.metadata?.namespace;
  const name = svc.metadata?.name ?? '';
  const selText = selectorText(sel);
  const epEv = endpointsEvidence(ctx, svc);
  const holders = podSpecHolders(ctx).filter((h) => h.ref.namespace === ns && matchesMap(h.labels, sel));
  if (holders.length) {
    const h = holders[0];
    const wanted = replicasWanted(h.obj);
    if (wanted === 0) {
      return {
        severity: 'info',
        reason: 'ServiceBackendScaledToZero',
        blocking: true,
        message: `Service ${ns}/${name} has no endpoints because ${refText(h.ref)} is scaled to 0 replicas.`,
        rootCause: cause(h.ref, 'ScaledToZero', {}, epEv[0]),
        evidence: epEv,
        suggestion: `Scale ${h.ref.kind} ${h.ref.name} up if the Service should serve traffic.`,
        commands: [`kubectl${nsFlag(ns)} scale ${h.ref.kind.toLowerCase()} ${h.ref.name} --replicas=1`],
      };
    }
    // The template matches but no pod exists: whatever stops the controller from creating pods is the cause.
    const missing =
      podSpecMissingRefs(ctx, h).find((m) => m.reason === 'MissingServiceAccount') ??
      podSpecMissingRefs(ctx, h).find((m) => m.severity === 'critical');
    const warn = holderEvents(ctx, h).find((e) => e.type === 'Warning' && e.message);
    const evidence = [...epEv];
    if (warn?.message)
      evidence.push({
        source: 'event',
        object: {
          kind: warn.involvedObject?.kind ?? h.ref.kind,
          namespace: ns,
          name: warn.involvedObject?.name ?? h.ref.name,
        },
        text: clip(`${warn.reason}: ${warn.message}`, 300),
      });
    // The API server's refusal followed to its cause (quota, webhook backend, …): the workload's finding ends there too.
    const refused = missing ? undefined : createFailure(ctx, h.obj, h.ref.kind);
    const rootCause = missing
      ? refCause(missing, evidence[evidence.length - 1])
      : (refused?.rootCause ??
        cause(
          h.ref,
          'NoPods',
          {
            reason: warn?.message ? warn.reason : undefined,
            message: warn?.message ? clip(warn.message, 280) : undefined,
          },
          evidence[evidence.length - 1],
        ));
    return {
      severity: 'critical',
      reason: 'ServiceNoEndpoints',
      blocking: true,
      message: `Service ${ns}/${name} has no endpoints: ${refText(h.ref)} matches its selector ${selText} but has no pods.`,
      rootCause,
      evidence,
      suggestion: missing
        ? `Create ${missing.target.kind} ${missing.target.name} or fix the reference in ${h.ref.kind} ${h.ref.name}.`
        : (refused?.suggestion ??
          `Find out why ${refText(h.ref)} has no pods (events of the workload and its ReplicaSets).`),
      commands: [
        `kubectl${nsFlag(ns)} describe ${h.ref.kind.toLowerCase()} ${h.ref.name}`,
        `kubectl${nsFlag(ns)} get events --field-selector type=Warning`,
      ],
    };
  }
  const near = nearMisses(nsPods, sel);
  if (near.length) {
    const best = near[0];
    const owners = [...new Set(best.pods.map((p) => refText(ctx.topOwner(p) ?? ref('Pod', p))))];
    const differing = best.diff.map((d) => d.key).join(', ');
    const diffText = mismatchText(best.diff);
    const podNames =
      best.pods
        .slice(0, 3)
        .map((p) => p.metadata?.name)
        .join(', ') + (best.pods.length > 3 ? ` and ${best.pods.length - 3} more` : '');
    const actualSel = { ...sel };
    for (const d of best.diff) if (d.actual !== undefined) actualSel[d.key] = d.actual;
    const canPatch = best.diff.every((d) => d.actual !== undefined);
    return {
      severity: 'critical',
      reason: 'ServiceSelectorMismatch',
      blocking: true,
      message: `Service ${ns}/${name} selects ${selText} but no pod matches; the closest pods (${owners.join(', ')}) differ in label ${differing}: ${diffText}.`,
      rootCause: cause(svcRef, 'SelectorLabelMismatch', { selector: selText, label: differing, diff: diffText }),
      evidence: [
        { source: 'field', object: svcRef, text: `spec.selector: ${selText}` },
        {
          source: 'field',
          object: ref('Pod', best.pods[0]),
          text: `pods ${podNames} have labels ${selectorText(best.pods[0].metadata?.labels)}`,
        },
        ...epEv,
      ],
      suggestion: `Make the Service selector and the pod template labels agree on ${differing} (fix whichever side is wrong).`,
      commands: [
        `kubectl${nsFlag(ns)} get pods --show-labels`,
        ...(canPatch
          ? [`kubectl${nsFlag(ns)} patch service ${name} -p '${JSON.stringify({ spec: { selector: actualSel } })}'`]
          : []),
      ],
    };
  }
  return {
    severity: 'warning',
    reason: 'ServiceNoEndpoints',
    blocking: true,
    message: `Service ${ns}/${name} selects ${selText} but no pod or workload in ${ns} has those labels.`,
    rootCause: cause(svcRef, 'SelectorMatchesNoPods', { selector: selText }, epEv[0]),
    evidence: epEv,
    suggestion: 'Deploy the backend, fix the selector, or delete the Service if it is unused.',
    commands: [`kubectl${nsFlag(ns)} get pods -l ${selText}`, `kubectl${nsFlag(ns)} get pods --show-labels`],
  };
}

function portProblems(svc: V1Service, svcRef: ObjectRef, pods: V1Pod[]): ServiceProblem[] {
  const ns = svc.metadata?.namespace;
  const name = svc.metadata?.name ?? '';
  const out: ServiceProblem[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const target = sp.targetPort ?? sp.port;
    const protocol = sp.protocol ?? 'TCP';
    let unknown = 0;
    let undeclared = 0;
    for (const p of pods) {
      const r = resolvePort(podPorts(p.spec), target, protocol);
      if (r && !r.ok) {
        if (r.why === 'unknown-name') unknown++;
        else undeclared++;
      }
    }
    const declared = portsText(podPorts(pods[0].spec));
    const portLabel = portName(sp);
    const ev: Evidence[] = [
      { source: 'field', object: svcRef, text: `port ${portLabel} → targetPort ${target}/${protocol}` },
      { source: 'field', object: ref('Pod', pods[0]), text: `pod ${pods[0].metadata?.name} declares ${declared}` },
    ];
    if (unknown > 0) {
      const all = unknown === pods.length;
      out.push({
        severity: all ? 'critical' : 'warning',
        reason: 'ServiceTargetPortUnresolved',
        blocking: all,
        message: `Service ${ns}/${name} port ${portLabel} targets the named port "${target}", which ${all ? 'none' : `${unknown} of ${pods.length}`} of the selected pods declare${all ? '' : 's'}; those pods get no endpoint for it.`,
        rootCause: cause(svcRef, 'TargetPortNameUnknown', { targetPort: String(target), declared }, ev[0]),
        evidence: ev,
        suggestion: `Set targetPort to a port the pods declare (${declared}) or name the container port "${target}".`,
        commands: [
          `kubectl${nsFlag(ns)} get endpoints ${name} -o wide`,
          `kubectl${nsFlag(ns)} get pod ${pods[0].metadata?.name} -o jsonpath='{.spec.containers[*].ports}'`,
        ],
      });
    } else if (undeclared === pods.length) {
      // Apps often listen on ports they never declare; a Service port named like a declared container port but
      // aimed at another number ("metrics" → 9091 while the container's metrics port is 9090) is a likely typo.
      const sameName = sp.name ? podPorts(pods[0].spec).find((d) => d.name === sp.name) : undefined;
      out.push({
        severity: sameName ? 'warning' : 'info',
        reason: 'ServiceTargetPortNotExposed',
        blocking: false,
        message: `Service ${ns}/${name} port ${portLabel} sends traffic to port ${target}, which no selected pod declares (they declare ${declared}); connections are likely refused.`,
        rootCause: cause(svcRef, 'TargetPortNotExposed', { targetPort: String(target), declared }, ev[0]),
        evidence: ev,
        suggestion: sameName
          ? `Set targetPort to ${sameName.name} (${sameName.port}), the container port of that name.`
          : `Point targetPort at the port the application listens on (${declared}), or declare ${target} in the pod template if it does listen there.`,
        commands: [
          `kubectl${nsFlag(ns)} get service ${name} -o jsonpath='{.spec.ports}'`,
          `kubectl${nsFlag(ns)} get pod ${pods[0].metadata?.name} -o jsonpath='{.spec.containers[*].ports}'`,
        ],
      });
    }
  }
  return out;
}

function portName(sp: V1ServicePort): string {
  return sp.name ? `${sp.name} (${sp.port})` : String(sp.port);
}

function readinessProblem(
  ctx: AnalyzerContext,
  svc: V1Service,
  svcRef: ObjectRef,
  pods: V1Pod[],
): ServiceProblem | undefined {
  if (svc.spec?.publishNotReadyAddresses) return undefined;
  const notReady = pods.filter((p) => !isReady(p));
  if (notReady.length === 0) return undefined;
  const ns = svc.metadata?.namespace;
  const name = svc.metadata?.name ?? '';
  // Group by cause so three replicas failing the same probe read as one fact.
  const byFact = new Map<string, { cause: ReturnType<typeof podCause>; pods: V1Pod[] }>();
  for (const p of notReady) {
    const c = podCause(ctx, p);
    const k = causeKey(c.rootCause);
    const g = byFact.get(k);
    if (g) g.pods.push(p);
    else byFact.set(k, { cause: c, pods: [p] });
  }
  const main = [...byFact.values()].sort((a, b) => b.pods.length - a.pods.length)[0];
  const all = notReady.length === pods.length;
  const podNames =
    notReady
      .slice(0, 3)
      .map((p) => p.metadata?.name)
      .join(', ') + (notReady.length > 3 ? ` and ${notReady.length - 3} more` : '');
  const evidence: Evidence[] = [...main.cause.evidence.slice(0, 2), ...endpointsEvidence(ctx, svc)];
  return {
    severity: all ? 'critical' : 'warning',
    reason: all ? 'ServiceNoReadyEndpoints' : 'ServiceEndpointsNotReady',
    blocking: all,
    message: `Service ${ns}/${name} has ${pods.length - notReady.length} ready of ${pods.length} selected pods; not ready: ${podNames} — ${clip(main.cause.rootCause.fact, 200)}.`,
    rootCause: main.cause.rootCause,
    evidence,
    suggestion:
      main.cause.rootCause.object.kind === 'Pod'
        ? `Fix what keeps the pods from becoming ready (${clip(main.cause.rootCause.fact, 120)}).`
        : `Fix ${refText(main.cause.rootCause.object)}: ${clip(main.cause.rootCause.fact, 160)}.`,
    commands: [
      `kubectl${nsFlag(ns)} describe pod ${notReady[0].metadata?.name}`,
      `kubectl${nsFlag(ns)} get endpoints ${name} -o wide`,
    ],
  };
}

/**
 * Every reason the Service under-serves, most blocking first; empty for a healthy or selector-less Service.
 * Callers ask `ctx.ask.serviceProblems(svc)`, which keeps the answer for the run.
 */
export function computeServiceProblems(ctx: AnalyzerContext, svc: V1Service): ServiceProblem[] {
  const sel = svc.spec?.selector;
  if (!sel || Object.keys(sel).length === 0 || svc.spec?.type === 'ExternalName') return [];
  const ns = svc.metadata?.namespace;
  const svcRef = ref('Service', svc);
  const nsPods = podsInNamespace(ctx.snapshot, ns);
  const selected = nsPods.filter((p) => isServing(p) && matchesMap(p.metadata?.labels, sel));
  if (selected.length === 0) return [noPodsProblem(ctx, svc, svcRef, sel, nsPods.filter(isServing))];
  const out = portProblems(svc, svcRef, selected);
  const r = readinessProblem(ctx, svc, svcRef, selected);
  if (r) out.push(r);
  return out.sort((a, b) => Number(b.blocking) - Number(a.blocking));
}

/** The Service named by a reference, when the snapshot has it. */
export function findService(ctx: AnalyzerContext, r: ObjectRef): V1Service | undefined {
  return lookup<V1Service>(ctx.snapshot, 'Service', r.namespace, r.name);
}
