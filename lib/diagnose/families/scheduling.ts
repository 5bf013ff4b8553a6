/**
 * Scheduling failures the message names but does not explain: which pod (anti-)affinity term, on which topology
 * key, over how many domains; which volume pins the pod to which zone; which spread constraint; which host port.
 * Each reads the pod spec and the cluster the way the scheduler's plugin does and quotes the values.
 */
import type { V1Node, V1Pod, V1PodAffinityTerm, V1TopologySpreadConstraint } from '@kubernetes/client-node';
import { parseSchedulingMessage, type SchedulingReason } from '../messages/scheduler';
import { labelSelectorText, matchesSelector } from '../selectors';
import type { ObjectRef, Snapshot } from '../types';
import { type FamilyCause, family } from './cause-data';
import { distinct, eligibleNodes, termsMatch, termsText } from './node-fit';
import { podClaims } from './pod-claims';
import { volumeBindingCause } from './volume-binding';

const ZONE_KEYS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

function placed(s: Snapshot, self: V1Pod): V1Pod[] {
  return s.pods.filter(
    (p) =>
      p !== self &&
      !!p.spec?.nodeName &&
      p.status?.phase !== 'Succeeded' &&
      p.status?.phase !== 'Failed' &&
      !p.metadata?.deletionTimestamp,
  );
}

function termNamespaces(term: V1PodAffinityTerm, pod: V1Pod): string[] | undefined {
  if (term.namespaceSelector) return undefined; // any namespace the selector picks; labels of namespaces decide
  return term.namespaces?.length ? term.namespaces : [pod.metadata?.namespace ?? ''];
}

function podsMatching(s: Snapshot, pod: V1Pod, term: V1PodAffinityTerm): V1Pod[] {
  const nss = termNamespaces(term, pod);
  return placed(s, pod).filter(
    (p) =>
      (!nss || nss.includes(p.metadata?.namespace ?? '')) && matchesSelector(p.metadata?.labels, term.labelSelector),
  );
}

function nodeByName(s: Snapshot): Map<string, V1Node> {
  return new Map(s.nodes.map((n) => [n.metadata?.name ?? '', n]));
}

function antiAffinity(s: Snapshot, pod: V1Pod, specRef: ObjectRef): FamilyCause | undefined {
  const terms = pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  if (!terms.length) return undefined;
  const nodes = eligibleNodes(s.nodes, pod);
  const byName = nodeByName(s);
  const rated = terms.map((term) => {
    const key = term.topologyKey;
    const domains = distinct(nodes.map((n) => n.metadata?.labels?.[key]));
    const matching = podsMatching(s, pod, term);
    const taken = distinct(matching.map((p) => byName.get(p.spec?.nodeName ?? '')?.metadata?.labels?.[key]));
    const free = domains.filter((d) => !taken.includes(d));
    return { term, key, domains, matching, taken, free };
  });
  // The term that leaves no free domain is the one that blocks; else the tightest.
  const r = rated.find((x) => x.free.length === 0) ?? [...rated].sort((a, b) => a.free.length - b.free.length)[0];
  const selector = labelSelectorText(r.term.labelSelector);
  const facts = {
    topologyKey: r.key,
    selector,
    domains: r.domains.length,
    occupied: r.taken.length,
    eligibleNodes: nodes.length,
    matchingPods: r.matching.length,
    domainValues: r.domains,
  };
  return family({
    object: specRef,
    code: 'PodAntiAffinityUnsatisfiable',
    facts,
    evidence: [
      {
        source: 'field',
        object: specRef,
        text: `podAntiAffinity required: labelSelector ${selector}, topologyKey ${r.key}`,
      },
    ],
    suggestion: ZONE_KEYS.includes(r.key)
      ? `One replica per zone allows at most ${r.domains.length} replicas: lower the replicas, use topologyKey kubernetes.io/hostname, or make the rule preferred.`
      : `The rule allows one matching pod per ${r.key} value (${r.domains.length} here): lower the replicas, add nodes, or make the rule preferred.`,
    commands: [`kubectl get nodes -L ${r.key}`, `kubectl get pods -A -l '${selector}' -o wide`],
  });
}

function affinity(s: Snapshot, pod: V1Pod, specRef: ObjectRef): FamilyCause | undefined {
  const terms = pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  if (!terms.length) return undefined;
  const nodes = eligibleNodes(s.nodes, pod);
  const byName = nodeByName(s);
  const eligibleDomains = (key: string) => distinct(nodes.map((n) => n.metadata?.labels?.[key]));
  const rated = terms.map((term) => {
    const matching = podsMatching(s, pod, term);
    const domains = distinct(
      matching.map((p) => byName.get(p.spec?.nodeName ?? '')?.metadata?.labels?.[term.topologyKey]),
    );
    const usable = domains.filter((d) => eligibleDomains(term.topologyKey).includes(d));
    return { term, matching, domains, usable };
  });
  const r = rated.find((x) => x.usable.length === 0) ?? rated[0];
  const selector = labelSelectorText(r.term.labelSelector);
  return family({
    object: specRef,
    code: 'PodAffinityUnsatisfiable',
    facts: {
      topologyKey: r.term.topologyKey,
      selector,
      matchingPods: r.matching.length,
      eligibleNodes: nodes.length,
      domainValues: r.domains,
    },
    evidence: [
      {
        source: 'field',
        object: specRef,
        text: `podAffinity required: labelSelector ${selector}, topologyKey ${r.term.topologyKey}`,
      },
    ],
    suggestion: r.matching.length
      ? 'Let the pod run where its peers are (tolerations, node selector), or relax the affinity to preferred.'
      : 'Start the pods it must sit next to first, fix the labelSelector, or relax the affinity to preferred.',
    commands: [`kubectl get pods -A -l '${selector}' -o wide`],
  });
}

function existingAntiAffinity(s: Snapshot, pod: V1Pod, specRef: ObjectRef): FamilyCause | undefined {
  const labels = pod.metadata?.labels ?? {};
  const blockers = placed(s, pod).flatMap((p) =>
    (p.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [])
      .filter((t) => {
        const nss = termNamespaces(t, p);
        return (!nss || nss.includes(pod.metadata?.namespace ?? '')) && matchesSelector(labels, t.labelSelector);
      })
      .map((t) => ({ pod: p, key: t.topologyKey })),
  );
  if (!blockers.length) return undefined;
  const names = distinct(blockers.map((b) => `${b.pod.metadata?.namespace}/${b.pod.metadata?.name}`));
  const keys = distinct(blockers.map((b) => b.key));
  return family({
    object: specRef,
    code: 'ExistingPodAntiAffinity',
    facts: { pods: names, topologyKey: keys.join(', ') },
    evidence: [
      {
        source: 'field',
        object: {
          kind: 'Pod',
          namespace: blockers[0].pod.metadata?.namespace,
          name: blockers[0].pod.metadata?.name ?? '',
        },
        text: `podAntiAffinity of ${names[0]} selects this pod's labels on topologyKey ${blockers[0].key}`,
      },
    ],
    suggestion:
      'Change the labels of this pod, or the anti-affinity of the running pods, or add nodes in other domains.',
    commands: names.slice(0, 1).map((n) => `kubectl get pod ${n.split('/')[1]} -n ${n.split('/')[0]} -o yaml`),
  });
}

function spread(s: Snapshot, pod: V1Pod, specRef: ObjectRef, missingLabel: boolean): FamilyCause | undefined {
  const cs = (pod.spec?.topologySpreadConstraints ?? []).filter(
    (c: V1TopologySpreadConstraint) => (c.whenUnsatisfiable ?? 'DoNotSchedule') === 'DoNotSchedule',
  );
  if (!cs.length) return undefined;
  const nodes = eligibleNodes(s.nodes, pod);
  const byName = nodeByName(s);
  const rated = cs.map((c) => {
    const lacking = nodes
      .filter((n) => n.metadata?.labels?.[c.topologyKey] === undefined)
      .map((n) => n.metadata?.name ?? '');
    const domains = distinct(nodes.map((n) => n.metadata?.labels?.[c.topologyKey]));
    const counts = new Map(domains.map((d) => [d, 0]));
    for (const p of placed(s, pod)) {
      if (p.metadata?.namespace !== pod.metadata?.namespace || !matchesSelector(p.metadata?.labels, c.labelSelector))
        continue;
      const d = byName.get(p.spec?.nodeName ?? '')?.metadata?.labels?.[c.topologyKey];
      if (d !== undefined && counts.has(d)) counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    return { c, lacking, domains, counts };
  });
  const r = (missingLabel ? rated.find((x) => x.lacking.length) : undefined) ?? rated[0];
  const selector = labelSelectorText(r.c.labelSelector);
  const spreadText = [...r.counts].map(([d, n]) => `${d}=${n}`).join(', ');
  return family({
    object: specRef,
    code: 'TopologySpreadUnsatisfiable',
    facts: {
      topologyKey: r.c.topologyKey,
      maxSkew: r.c.maxSkew,
      domains: r.domains.length,
      selector,
      ...(spreadText ? { spread: spreadText } : {}),
      ...(missingLabel && r.lacking.length ? { nodesWithoutLabel: r.lacking } : {}),
    },
    evidence: [
      {
        source: 'field',
        object: specRef,
        text: `topologySpreadConstraints: maxSkew ${r.c.maxSkew}, topologyKey ${r.c.topologyKey}, whenUnsatisfiable DoNotSchedule`,
      },
    ],
    suggestion:
      'Use whenUnsatisfiable: ScheduleAnyway, raise maxSkew, or add nodes in the domains that have fewer pods.',
    commands: [`kubectl get nodes -L ${r.c.topologyKey}`],
  });
}

/** The pod's claims → their bound PVs → the first PV whose required node affinity no eligible node satisfies. */
function volumeAffinity(s: Snapshot, pod: V1Pod, specRef: ObjectRef, byZoneLabel: boolean): FamilyCause | undefined {
  const nodes = eligibleNodes(s.nodes, pod);
  for (const { name: claim, pvc } of podClaims(s, pod)) {
    const pvName = pvc?.spec?.volumeName;
    const pv = pvName ? s.pvs.find((v) => v.metadata?.name === pvName) : undefined;
    if (!pv) continue;
    const pvRef: ObjectRef = { kind: 'PersistentVolume', name: pvName ?? '' };
    const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
    const zoneLabel = ZONE_KEYS.map((k) => pv.metadata?.labels?.[k]).find(Boolean);
    let requirement: string | undefined;
    let zones: string[] = [];
    if (terms?.length && !nodes.some((n) => termsMatch(n, terms))) {
      requirement = termsText(terms);
      zones = distinct(
        terms.flatMap((t) =>
          (t.matchExpressions ?? []).filter((e) => ZONE_KEYS.includes(e.key)).flatMap((e) => e.values ?? []),
        ),
      );
    } else if (byZoneLabel && zoneLabel) {
      const wanted = zoneLabel.split('__');
      if (!nodes.some((n) => ZONE_KEYS.some((k) => wanted.includes(n.metadata?.labels?.[k] ?? '')))) {
        requirement = `zone ${wanted.join(' or ')}`;
        zones = wanted;
      }
    }
    if (!requirement) continue;
    const nodeZones = distinct(nodes.map((n) => ZONE_KEYS.map((k) => n.metadata?.labels?.[k]).find(Boolean)));
    return family({
      object: pvRef,
      code: 'VolumeZoneConflict',
      facts: {
        pv: pvName ?? '',
        claim,
        requirement,
        ...(zones.length ? { zone: zones.join(', ') } : {}),
        nodeZones,
        eligibleNodes: nodes.length,
      },
      evidence: [{ source: 'field', object: pvRef, text: `spec.nodeAffinity.required: ${requirement}` }],
      suggestion: zones.length
        ? `Add nodes in zone ${zones.join(', ')} (or let the autoscaler do so), or restore the data into a volume in a zone the pod can use; use volumeBindingMode WaitForFirstConsumer for new claims.`
        : 'Run the pod on a node that satisfies the volume node affinity, or move the data to a volume the nodes can reach.',
      commands: [
        `kubectl get pv ${pvName} -o jsonpath='{.spec.nodeAffinity}'`,
        'kubectl get nodes -L topology.kubernetes.io/zone',
      ],
    });
  }
  return undefined;
}

function hostPorts(s: Snapshot, pod: V1Pod, specRef: ObjectRef): FamilyCause | undefined {
  const wanted = (pod.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).filter((p) => p.hostPort).map((p) => p));
  if (!wanted.length) return undefined;
  const users = placed(s, pod).filter((p) =>
    (p.spec?.containers ?? []).some((c) =>
      (c.ports ?? []).some((x) =>
        wanted.some((w) => w.hostPort === x.hostPort && (w.protocol ?? 'TCP') === (x.protocol ?? 'TCP')),
      ),
    ),
  );
  const ports = wanted.map((w) => `${w.hostPort}/${w.protocol ?? 'TCP'}`);
  const nodes = distinct(users.map((p) => p.spec?.nodeName));
  return family({
    object: specRef,
    code: 'HostPortInUse',
    facts: { hostPort: ports, nodes },
    evidence: [{ source: 'field', object: specRef, text: `hostPort ${ports.join(', ')}` }],
    suggestion: 'Drop hostPort (use a Service), or run at most one such pod per node (a DaemonSet).',
    commands: ['kubectl get pods -A -o wide'],
  });
}

/** A family cause for one parsed scheduler reason, when the spec and the cluster say more than the message. */
export function schedulingFamilyCause(
  s: Snapshot,
  pod: V1Pod,
  specRef: ObjectRef,
  reason: SchedulingReason,
): FamilyCause | undefined {
  switch (reason.code) {
    case 'PodAntiAffinityMismatch':
      return antiAffinity(s, pod, specRef) ?? existingAntiAffinity(s, pod, specRef);
    case 'ExistingPodAntiAffinity':
      return existingAntiAffinity(s, pod, specRef) ?? antiAffinity(s, pod, specRef);
    case 'PodAffinityMismatch':
      return affinity(s, pod, specRef);
    case 'TopologySpreadMismatch':
      return spread(s, pod, specRef, !!reason.missingLabel);
    case 'VolumeNodeAffinityConflict':
      return volumeAffinity(s, pod, specRef, false);
    case 'VolumeZoneConflict':
      return volumeAffinity(s, pod, specRef, true);
    case 'NoFreePorts':
      return hostPorts(s, pod, specRef);
    case 'NoPersistentVolumeToBind':
      return volumeBindingCause(s, pod, specRef);
    default:
      return undefined;
  }
}

/** The family cause for the reason `topText` picked out of a scheduler message (the first reason when absent). */
export function schedulingFamilyForMessage(
  s: Snapshot,
  pod: V1Pod,
  specRef: ObjectRef,
  message: string,
  topText?: string,
): FamilyCause | undefined {
  const reasons = parseSchedulingMessage(message).reasons;
  const r = reasons.find((x) => x.text === topText) ?? reasons[0];
  return r ? schedulingFamilyCause(s, pod, specRef, r) : undefined;
}
