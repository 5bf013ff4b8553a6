/**
 * Port resolution the way kube-proxy, the endpoints controller and the kubelet do it: a number is taken as is, a
 * name is looked up among the container ports. Declared containerPorts are informational for numbers (a process may
 * listen on a port it never declared) but authoritative for names (an unknown name can never resolve).
 */
import type { V1Container, V1PodSpec } from '@kubernetes/client-node';

export type PortRef = number | string;

export interface DeclaredPort {
  container: string;
  name?: string;
  port: number;
  protocol: string;
}

/** A port given as "8080" in loosely typed input is still a number. */
export function normalizePort(p: PortRef | undefined): PortRef | undefined {
  if (typeof p === 'string' && /^\d+$/.test(p)) return Number(p);
  return p;
}

export function containerPorts(c: V1Container): DeclaredPort[] {
  return (c.ports ?? []).map((p) => ({
    container: c.name,
    name: p.name,
    port: p.containerPort,
    protocol: p.protocol ?? 'TCP',
  }));
}

export function podPorts(spec: V1PodSpec | undefined): DeclaredPort[] {
  // Native sidecars are init containers with restartPolicy Always; they serve traffic too.
  const sidecars = (spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  return [...(spec?.containers ?? []), ...sidecars].flatMap(containerPorts);
}

export type Resolution =
  | { ok: true; port: number; declared?: DeclaredPort }
  /** a named port no container declares: it can never resolve */
  | { ok: false; why: 'unknown-name'; name: string }
  /** a number no container declares while some ports are declared: likely nothing listens there */
  | { ok: false; why: 'undeclared-number'; port: number };

/**
 * Resolves a target (Service targetPort, NetworkPolicy port) against declared ports.
 * A number with no declared ports at all resolves (we cannot tell), matching the endpoints controller's behaviour.
 */
export function resolvePort(
  declared: DeclaredPort[],
  target: PortRef | undefined,
  protocol = 'TCP',
): Resolution | undefined {
  const t = normalizePort(target);
  if (t === undefined) return undefined;
  const sameProto = declared.filter((d) => d.protocol === protocol);
  if (typeof t === 'string') {
    const hit = sameProto.find((d) => d.name === t);
    return hit ? { ok: true, port: hit.port, declared: hit } : { ok: false, why: 'unknown-name', name: t };
  }
  const hit = sameProto.find((d) => d.port === t);
  if (hit) return { ok: true, port: t, declared: hit };
  if (sameProto.length === 0) return { ok: true, port: t };
  return { ok: false, why: 'undeclared-number', port: t };
}

export function portsText(declared: DeclaredPort[]): string {
  if (declared.length === 0) return 'none declared';
  return declared
    .map((d) => `${d.name ? `${d.name}:` : ''}${d.port}${d.protocol !== 'TCP' ? `/${d.protocol}` : ''}`)
    .join(', ');
}
