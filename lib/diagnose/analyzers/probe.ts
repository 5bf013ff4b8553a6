/**
 * Probe: readiness/liveness/startup probes aimed at a port the container does not listen on. A named port the
 * container does not declare always fails; an undeclared number is reported once the kubelet's probe events show it
 * failing there. Either way it is the cause of the restarts or the missing endpoints.
 */
import { podSpecHolders, podSpecPath } from '../pod-specs';
import { probeProblems, probePortRootCause } from '../probe-check';
import type { Analyzer, Evidence, Finding } from '../types';
import { clip, nsFlag } from '../util';

export const probeAnalyzer: Analyzer = {
  name: 'Probe',
  default: true,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const h of podSpecHolders(ctx)) {
      const ns = h.ref.namespace;
      for (const p of probeProblems(ctx, h)) {
        const effect =
          p.probe === 'liveness'
            ? 'the kubelet keeps restarting the container'
            : p.probe === 'startup'
              ? 'the container never finishes starting and is restarted'
              : 'the pods never become ready, so Services send them no traffic';
        const evidence: Evidence[] = [
          { source: 'field', object: h.ref, text: `${p.probe}Probe port: ${p.port}; container ports: ${p.declared}` },
        ];
        for (const t of p.events.slice(0, 2))
          evidence.push({
            source: 'event',
            object: h.pods[0] ? { kind: 'Pod', namespace: ns, name: h.pods[0].metadata?.name ?? '' } : h.ref,
            text: clip(t, 300),
          });
        const kindLower = h.ref.kind.toLowerCase();
        out.push({
          severity: 'critical',
          analyzer: 'Probe',
          kind: h.ref.kind,
          namespace: ns,
          name: h.ref.name,
          reason: 'ProbePortMismatch',
          message: `${h.ref.kind} ${ns}/${h.ref.name}: the ${probePortRootCause(h.ref, p).fact}; ${effect}.`,
          evidence,
          rootCause: probePortRootCause(h.ref, p, evidence[0]),
          suggestion: `Point the ${p.probe} probe at the port the application listens on (${p.declared}).`,
          commands: [
            `kubectl${nsFlag(ns)} get ${kindLower} ${h.ref.name} -o jsonpath='{${podSpecPath(h.ref.kind)}.containers[?(@.name=="${p.container}")].${p.probe}Probe}'`,
            ...(h.pods[0] ? [`kubectl${nsFlag(ns)} describe pod ${h.pods[0].metadata?.name}`] : []),
          ],
          count: h.pods.length || undefined,
        });
      }
    }
    return out;
  },
};
