/**
 * Connection failures a pod logs, followed to what causes them: a NetworkPolicy that drops its DNS lookups or its
 * calls to a Service (net-blocks.ts), or a Service it calls that has no ready endpoint, and on to that Service's own
 * root cause. The fact is the one the NetworkPolicy or Service finding names, so the pod's finding, its workload's
 * and that finding merge into one.
 */
import type { V1Pod, V1Service } from '@kubernetes/client-node';
import { CONNECT_FAILURE, DNS_FAILURE, servicesInLine } from '../callers';
import { policyBlocks } from '../net-blocks';
import { holderOf, type PodSpecHolder } from '../pod-specs';
import { matchesMap } from '../selectors';
import type { AnalyzerContext, Evidence, Finding, ObjectRef, RootCause } from '../types';
import { clip, ref, refText } from '../util';

export interface ConnectCause {
  rootCause: RootCause;
  /** "its calls to Service db/postgres are dropped by NetworkPolicy db/postgres-ingress" */
  why: string;
  /** the objects between the pod and the root cause: "Service db/postgres → NetworkPolicy db/postgres-ingress" */
  via: string;
  evidence: Evidence[];
  suggestion: string;
  commands: string[];
}

/** Lines read per log: the end of a log is where a retry loop's failures are. */
const TAIL = 200;

function logLines(ctx: AnalyzerContext, pod: V1Pod, container: string | undefined): string[] {
  const base = `${pod.metadata?.namespace}/${pod.metadata?.name}/`;
  const names = container ? [container] : (pod.spec?.containers ?? []).map((c) => c.name);
  const out: string[] = [];
  for (const c of names) {
    const l = ctx.snapshot.logs[`${base}${c}`];
    for (const text of [l?.previous, l?.current]) if (text) out.push(...text.split(/\r?\n/).slice(-TAIL));
  }
  return out;
}

/** A Service in front of the pod's own workload: its failures are this pod's symptom, not its cause. */
function ownService(h: PodSpecHolder | undefined, pod: V1Pod, svc: V1Service): boolean {
  const sel = svc.spec?.selector;
  if (svc.metadata?.namespace !== pod.metadata?.namespace || !sel || !Object.keys(sel).length) return false;
  return matchesMap(h?.labels ?? pod.metadata?.labels, sel);
}

function viaPolicy(
  f: Finding,
  what: string,
  target: string,
  line: string,
  podRef: ObjectRef,
): ConnectCause | undefined {
  if (!f.rootCause) return undefined;
  return {
    rootCause: f.rootCause,
    why: `${what} are dropped by NetworkPolicy ${f.namespace}/${f.name}`,
    via: `${target} → NetworkPolicy ${f.namespace}/${f.name}`,
    evidence: [{ source: 'log', object: podRef, text: clip(line.trim(), 300) }, ...f.evidence.slice(0, 1)],
    suggestion: f.suggestion ?? `Fix NetworkPolicy ${f.namespace}/${f.name}.`,
    commands: (f.commands ?? []).slice(0, 2),
  };
}

/** A Service being judged further up the stack answers nothing (ctx.ask), so two workloads calling each other end. */
function viaService(ctx: AnalyzerContext, svc: V1Service, line: string, podRef: ObjectRef): ConnectCause | undefined {
  const p = ctx.ask.serviceProblems(svc).find((x) => x.blocking && x.severity !== 'info');
  if (!p) return undefined;
  const svcRef = ref('Service', svc);
  return {
    rootCause: p.rootCause,
    why: `it cannot reach ${refText(svcRef)}, which has no ready endpoint: ${clip(p.rootCause.fact, 160)}`,
    via: refText(svcRef),
    evidence: [{ source: 'log', object: podRef, text: clip(line.trim(), 300) }, ...p.evidence.slice(0, 1)],
    suggestion: p.suggestion,
    commands: p.commands.slice(0, 2),
  };
}

/**
 * Why the pod's connections fail, when its logs say they do and we can tell: DNS lookups a policy drops, calls to a
 * Service a policy drops (the line names the Service, or names none while a policy drops a call the workload is
 * configured to make), then a named Service that cannot serve. Undefined when nothing explains the failures.
 */
export function connectionCause(ctx: AnalyzerContext, pod: V1Pod, container?: string): ConnectCause | undefined {
  const lines = logLines(ctx, pod, container);
  if (lines.length === 0) return undefined;
  const h = holderOf(ctx, pod);
  const podRef = ref('Pod', pod);
  const blocks = policyBlocks(ctx);
  // A lookup that times out never reaches the Service it names, so DNS comes first.
  const dnsLine = lines.find((l) => DNS_FAILURE.test(l));
  const dnsBlock = dnsLine && h ? blocks.dns.get(h) : undefined;
  if (dnsLine && dnsBlock) return viaPolicy(dnsBlock, 'its DNS lookups', 'DNS', dnsLine, podRef);

  const failing = lines.filter((l) => CONNECT_FAILURE.test(l));
  if (failing.length === 0) return undefined;
  const named: { line: string; service: V1Service }[] = [];
  for (const line of failing) {
    for (const m of servicesInLine(ctx, line, pod.metadata?.namespace))
      if (!ownService(h, pod, m.service)) named.push({ line, service: m.service });
  }
  const calls = h ? (blocks.calls.get(h) ?? []) : [];
  for (const n of named) {
    const b = calls.find((c) => c.service === n.service);
    const target = refText(ref('Service', n.service));
    if (b) return viaPolicy(b.finding, `its calls to ${target}`, target, n.line, podRef);
  }
  if (named.length === 0 && calls.length) {
    const target = refText(ref('Service', calls[0].service));
    return viaPolicy(calls[0].finding, `its calls to ${target}`, target, failing[failing.length - 1], podRef);
  }
  for (const n of named) {
    const c = viaService(ctx, n.service, n.line, podRef);
    if (c) return c;
  }
  return undefined;
}

/** What an init container loops on while it waits: "waiting for postgres:5432", "db not ready", a failed connect. */
const WAIT_LINE = /\bwaiting for\b|\bnot (?:yet )?(?:ready|available|up)\b|\bunavailable\b/i;

/**
 * An init container still running (the pod stuck in Init) because a Service it waits for has no ready endpoint:
 * the Service named in its wait loop's log lines, or else in its command, followed to that Service's root cause.
 */
export function initWaitCause(ctx: AnalyzerContext, pod: V1Pod, container: string): ConnectCause | undefined {
  const podRef = ref('Pod', pod);
  const h = holderOf(ctx, pod);
  const spec = pod.spec?.initContainers?.find((c) => c.name === container);
  const command = [...(spec?.command ?? []), ...(spec?.args ?? [])].join(' ');
  const lines = [
    ...logLines(ctx, pod, container)
      .filter((l) => WAIT_LINE.test(l) || CONNECT_FAILURE.test(l) || DNS_FAILURE.test(l))
      .reverse(),
    ...(command ? [command] : []),
  ];
  for (const line of lines) {
    for (const m of servicesInLine(ctx, line, pod.metadata?.namespace)) {
      if (ownService(h, pod, m.service)) continue;
      const c = viaService(ctx, m.service, line, podRef);
      if (c) return c;
    }
  }
  return undefined;
}
