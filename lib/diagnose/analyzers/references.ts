/**
 * References: names that point at nothing, found statically — before any pod fails and any event is written.
 * Pod templates (ConfigMaps and Secrets in volumes, env and envFrom, keys, PVCs, imagePullSecrets, ServiceAccounts),
 * StatefulSet serviceName and HPA scaleTargetRef. Ingress and webhook references are checked by their own analyzers
 * through the same module (ref-check.ts), so one missing object never yields two findings.
 */
import type { V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { lookup } from '../context';
import { containerStateTexts, holderEvents, podSpecHolders } from '../pod-specs';
import { mentioning, missingRefFinding } from '../ref-finding';
import { closestName, listRead, podSpecMissingRefs, type MissingRef } from '../ref-check';
import type { Analyzer, AnalyzerContext, Evidence, Finding, Snapshot } from '../types';
import { clip, ref } from '../util';

function podSpecFindings(ctx: AnalyzerContext): Finding[] {
  const out: Finding[] = [];
  for (const h of podSpecHolders(ctx)) {
    const missing = podSpecMissingRefs(ctx, h);
    if (!missing.length) continue;
    const events = holderEvents(ctx, h);
    const states = h.pods.flatMap((p) => containerStateTexts(p).map((t) => ({ pod: p, t })));
    for (const m of missing) {
      const ev: Evidence[] = mentioning(events, m.key ?? m.target.name);
      const st = states.find((x) => x.t.includes(m.target.name));
      if (st && ev.length < 2) ev.push({ source: 'field', object: ref('Pod', st.pod), text: clip(st.t, 300) });
      out.push(missingRefFinding('References', m, ev));
    }
  }
  return out;
}

const SCALABLE: Record<string, keyof Snapshot> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulSets',
  ReplicaSet: 'replicaSets',
};

function statefulSetFindings(ctx: AnalyzerContext): Finding[] {
  const s = ctx.snapshot;
  if (!listRead(s, 'services')) return [];
  const out: Finding[] = [];
  for (const sts of s.statefulSets) {
    const svcName = sts.spec?.serviceName;
    const ns = sts.metadata?.namespace;
    // An empty serviceName is allowed (k8sgpt reported "service ns/ which does not exist" for it).
    if (!svcName || lookup(s, 'Service', ns, svcName)) continue;
    const m: MissingRef = {
      from: ref('StatefulSet', sts),
      target: { kind: 'Service', namespace: ns, name: svcName },
      where: ['spec.serviceName'],
      severity: 'warning',
      reason: 'StatefulSetServiceMissing',
      effect: `its pods get no stable DNS names (${sts.metadata?.name}-0.${svcName} does not resolve), which peers and clients of a StatefulSet usually rely on`,
      didYouMean: closestName(
        svcName,
        s.services.filter((x) => x.metadata?.namespace === ns).map((x) => x.metadata?.name ?? ''),
      ),
    };
    out.push(
      missingRefFinding(
        'References',
        m,
        mentioning(ctx.eventsFor('StatefulSet', ns, sts.metadata?.name ?? ''), svcName),
      ),
    );
  }
  return out;
}

function hpaFindings(ctx: AnalyzerContext): Finding[] {
  const s = ctx.snapshot;
  const out: Finding[] = [];
  for (const hpa of s.hpas) {
    const t = hpa.spec?.scaleTargetRef;
    const list = t ? SCALABLE[t.kind] : undefined;
    // Custom scalable kinds (Argo Rollouts, …) are not listed, so we cannot call them missing.
    if (!t || !list || !listRead(s, list)) continue;
    const ns = hpa.metadata?.namespace;
    if (lookup(s, t.kind, ns, t.name)) continue;
    const events = ctx.eventsFor('HorizontalPodAutoscaler', ns, hpa.metadata?.name ?? '');
    const ev = mentioning(events, t.name);
    const cond = ((hpa as V2HorizontalPodAutoscaler).status?.conditions ?? []).find(
      (c) => c.type === 'AbleToScale' && c.status === 'False',
    );
    if (cond?.message && ev.length < 2)
      ev.push({
        source: 'condition',
        object: ref('HorizontalPodAutoscaler', hpa),
        text: clip(`AbleToScale=False ${cond.reason ?? ''}: ${cond.message}`, 300),
      });
    const m: MissingRef = {
      from: ref('HorizontalPodAutoscaler', hpa),
      target: { kind: t.kind, namespace: ns, name: t.name },
      where: ['spec.scaleTargetRef'],
      severity: 'warning',
      reason: 'HPAScaleTargetMissing',
      effect: 'the autoscaler cannot read or set a scale, so nothing is autoscaled (FailedGetScale)',
      didYouMean: closestName(
        t.name,
        (s[list] as { metadata?: { name?: string; namespace?: string } }[])
          .filter((x) => x.metadata?.namespace === ns)
          .map((x) => x.metadata?.name ?? ''),
      ),
    };
    out.push(missingRefFinding('References', m, ev));
  }
  return out;
}

export const referencesAnalyzer: Analyzer = {
  name: 'References',
  default: true,
  analyze: (ctx) => [...podSpecFindings(ctx), ...statefulSetFindings(ctx), ...hpaFindings(ctx)],
};
