/**
 * Probes aimed at a port the container does not listen on. The kubelet resolves a named probe port among the
 * container's own ports, so an unknown name always fails; an undeclared number counts only once the kubelet reports
 * the probe failing on it ("connection refused"), since health ports are often not declared.
 */
import type { CoreV1Event, V1Container, V1Probe } from '@kubernetes/client-node';
import { holderEvents, type PodSpecHolder } from './pod-specs';
import { containerPorts, type DeclaredPort, normalizePort, portsText, type PortRef } from './ports';
import { cause } from './cause';
import type { AnalyzerContext, Evidence, ObjectRef, RootCause } from './types';

export type ProbeKind = 'readiness' | 'liveness' | 'startup';

export interface ProbePortProblem {
  container: string;
  probe: ProbeKind;
  port: PortRef;
  /** unknown-name: never resolves; undeclared-number: no declared port has this number */
  why: 'unknown-name' | 'undeclared-number';
  declared: string;
  /** kubelet Unhealthy/probe-error event texts about this probe, newest first */
  events: string[];
}

function probePort(p: V1Probe | undefined): PortRef | undefined {
  if (!p) return undefined;
  return normalizePort(p.httpGet?.port ?? p.tcpSocket?.port ?? p.grpc?.port);
}

/** The kubelet's Unhealthy texts, and its Killing text once a liveness/startup probe gives up. */
const PROBE_EVENT: Record<ProbeKind, RegExp> = {
  readiness: /^Readiness probe (failed|errored)/i,
  liveness: /^Liveness probe (failed|errored)|failed liveness probe/i,
  startup: /^Startup probe (failed|errored)|failed startup probe/i,
};

function probeEvents(events: CoreV1Event[], probe: ProbeKind, port: PortRef, container: string): string[] {
  const out: string[] = [];
  for (const e of events) {
    const msg = e.message ?? '';
    if (!PROBE_EVENT[probe].test(msg)) continue;
    // A numeric port shows up in the dial error; a named one cannot, so take the container's probe events.
    const aboutPort = typeof port === 'number' ? msg.includes(`:${port}`) : true;
    const fieldPath = e.involvedObject?.fieldPath ?? '';
    const aboutContainer = !fieldPath || fieldPath.includes(`{${container}}`);
    if (aboutPort && aboutContainer && !out.includes(msg)) out.push(msg);
  }
  return out;
}

const PROBES: readonly (readonly [ProbeKind, 'readinessProbe' | 'livenessProbe' | 'startupProbe'])[] = [
  ['readiness', 'readinessProbe'],
  ['liveness', 'livenessProbe'],
  ['startup', 'startupProbe'],
];

/**
 * Adds the container's probe problems to `out`. `eventsOf` is asked only when a probe's port needs the kubelet's
 * word, and the declared ports are gathered only for a probe with a port: asked of every template of a big
 * cluster, a template with nothing wrong allocates nothing here.
 */
function containerProbeProblems(c: V1Container, eventsOf: () => CoreV1Event[], out: ProbePortProblem[]): void {
  let declared: DeclaredPort[] | undefined;
  for (const [probe, field] of PROBES) {
    const port = probePort(c[field]);
    if (port === undefined) continue;
    declared ??= containerPorts(c);
    if (typeof port === 'string') {
      if (!declared.some((d) => d.name === port))
        out.push({
          container: c.name,
          probe,
          port,
          why: 'unknown-name',
          declared: portsText(declared),
          events: probeEvents(eventsOf(), probe, port, c.name),
        });
      continue;
    }
    if (declared.length === 0 || declared.some((d) => d.port === port)) continue;
    // Health ports are often left undeclared (coredns 8181, ingress-nginx 10254): only the kubelet's failures on
    // that port make an undeclared number a finding.
    const failures = probeEvents(eventsOf(), probe, port, c.name);
    if (failures.length)
      out.push({
        container: c.name,
        probe,
        port,
        why: 'undeclared-number',
        declared: portsText(declared),
        events: failures,
      });
  }
}

/** Probe problems of a template's containers and sidecars (init containers with restartPolicy Always). */
export function probeProblems(ctx: AnalyzerContext, h: PodSpecHolder): ProbePortProblem[] {
  const out: ProbePortProblem[] = [];
  const events = () => holderEvents(ctx, h);
  for (const c of h.spec.initContainers ?? []) if (c.restartPolicy === 'Always') containerProbeProblems(c, events, out);
  for (const c of h.spec.containers ?? []) containerProbeProblems(c, events, out);
  return out;
}

/** "readiness probe of container api checks port 8081, which it does not declare (declares http:8080)", as data */
export function probePortRootCause(object: ObjectRef, p: ProbePortProblem, evidence?: Evidence): RootCause {
  return cause(
    object,
    p.why === 'unknown-name' ? 'ProbePortNameUnknown' : 'ProbePortNotDeclared',
    { probe: p.probe, container: p.container, port: p.port, declared: p.declared },
    evidence,
  );
}

/** The same cause said about "the probe", for a message that has already named the container. */
export function probePortClause(p: ProbePortProblem): string {
  return p.why === 'unknown-name'
    ? `the probe uses port name "${p.port}", which the container does not declare (declares ${p.declared})`
    : `the probe checks port ${p.port}, which the container does not declare (declares ${p.declared})`;
}
