/**
 * Who calls which Service, read from what a workload says about itself: literal env values that name a host
 * (DB_HOST=postgres, API_URL=http://api.backend.svc:8080) and log lines that name a Service host. This is how a
 * NetworkPolicy finding can say "it blocks the web pods, which talk to postgres", not just "it restricts ingress".
 */
import type { V1Service } from '@kubernetes/client-node';
import { lookup } from './context';
import type { PodSpecHolder } from './pod-specs';
import type { AnalyzerContext } from './types';
import { clip } from './util';

export interface ServiceCall {
  service: V1Service;
  /** the Service port named alongside the host, when one was */
  port?: number;
  /** where we read it: `env DB_HOST=postgres (container api)` or a log line */
  source: string;
  fromLog: boolean;
}

/** Env names that carry a host (a value "postgres" in DB_NAME is a database, not a host). */
const HOSTISH_NAME = /(HOST|ADDR|URL|URI|ENDPOINT|SERVER|SERVICE|DSN|BROKER|UPSTREAM|BACKEND|REMOTE|TARGET)/i;
const URL_RE = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?([^/:?#\s,]+)(?::(\d+))?/i;
const HOSTPORT_RE = /^([a-z0-9][a-z0-9.-]*):(\d{1,5})$/i;
const HOST_RE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
/** svc.ns.svc[.cluster.local][:port] in free text */
const FQDN_IN_TEXT =
  /\b([a-z0-9]([a-z0-9-]*[a-z0-9])?)\.([a-z0-9]([a-z0-9-]*[a-z0-9])?)\.svc(?:\.[a-z0-9.-]*[a-z0-9])?(?::(\d{1,5}))?/gi;
/** svc:port or svc.ns:port in free text; only kept when it names an existing Service */
const HOSTPORT_IN_TEXT = /(?<![\w.-])([a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)?):(\d{2,5})\b/gi;

/** host → Service: `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local`; bare names resolve in the caller's namespace. */
export function serviceForHost(
  ctx: AnalyzerContext,
  host: string,
  callerNs: string | undefined,
): V1Service | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  const parts = h.split('.');
  let name: string;
  let ns: string | undefined;
  if (parts.length === 1) {
    name = parts[0];
    ns = callerNs;
  } else if (parts.length === 2 || parts[2] === 'svc') {
    name = parts[0];
    ns = parts[1];
  } else {
    return undefined;
  }
  return lookup<V1Service>(ctx.snapshot, 'Service', ns, name);
}

function fromValue(value: string): { host: string; port?: number }[] {
  const out: { host: string; port?: number }[] = [];
  for (const piece of value.split(/[,\s;]+/).filter(Boolean)) {
    const u = URL_RE.exec(piece);
    if (u) {
      out.push({ host: u[1], port: u[2] ? Number(u[2]) : undefined });
      continue;
    }
    const hp = HOSTPORT_RE.exec(piece);
    if (hp) {
      out.push({ host: hp[1], port: Number(hp[2]) });
      continue;
    }
    if (HOST_RE.test(piece) && !/^\d+$/.test(piece)) out.push({ host: piece });
  }
  return out;
}

function logsOf(ctx: AnalyzerContext, h: PodSpecHolder): string[] {
  const lines: string[] = [];
  for (const pod of h.pods.slice(0, 3)) {
    const prefix = `${pod.metadata?.namespace}/${pod.metadata?.name}/`;
    for (const [k, v] of Object.entries(ctx.snapshot.logs ?? {})) {
      if (!k.startsWith(prefix)) continue;
      for (const text of [v.current, v.previous]) if (text) lines.push(...text.split(/\r?\n/).slice(-200));
    }
  }
  return lines;
}

/** The Services a workload calls, one entry per Service (env first, then logs). Calls to its own pods are left out. */
export function serviceCalls(ctx: AnalyzerContext, h: PodSpecHolder): ServiceCall[] {
  const ns = h.ref.namespace;
  const found = new Map<string, ServiceCall>();
  const add = (svc: V1Service | undefined, port: number | undefined, source: string, fromLog: boolean): void => {
    if (!svc?.metadata?.name) return;
    const sel = svc.spec?.selector;
    if (
      svc.metadata.namespace === ns &&
      sel &&
      Object.keys(sel).length &&
      Object.entries(sel).every(([k, v]) => h.labels[k] === v)
    )
      return;
    const k = `${svc.metadata.namespace}/${svc.metadata.name}`;
    if (!found.has(k)) found.set(k, { service: svc, port, source, fromLog });
  };
  for (const c of [...(h.spec.initContainers ?? []), ...(h.spec.containers ?? [])]) {
    for (const e of c.env ?? []) {
      if (!e.value) continue;
      const hostish = HOSTISH_NAME.test(e.name) || /\.svc\b/.test(e.value) || URL_RE.test(e.value);
      if (!hostish) continue;
      for (const { host, port } of fromValue(e.value))
        add(serviceForHost(ctx, host, ns), port, clip(`env ${e.name}=${e.value} (container ${c.name})`, 200), false);
    }
  }
  for (const line of logsOf(ctx, h))
    for (const m of servicesInLine(ctx, line, ns)) add(m.service, m.port, clip(line.trim(), 240), true);
  return [...found.values()];
}

const IP_PORT_IN_TEXT = /(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?(?!\d|\.\d)/g;

/** The Service whose ClusterIP this is: kube-proxy's address is what a client prints when the connection fails. */
export function serviceForIp(ctx: AnalyzerContext, ip: string): V1Service | undefined {
  const m = ctx.memo('callers.byClusterIp', () => {
    const out = new Map<string, V1Service>();
    for (const svc of ctx.snapshot.services)
      for (const a of [svc.spec?.clusterIP, ...(svc.spec?.clusterIPs ?? [])]) if (a && a !== 'None') out.set(a, svc);
    return out;
  });
  return m.get(ip);
}

/**
 * Services a log line names: `svc.ns.svc[:port]`, `svc:port` / `svc.ns:port` when such a Service exists, and a
 * ClusterIP (`connect ETIMEDOUT 10.96.61.5:5432`). Bare names resolve in the caller's namespace.
 */
export function servicesInLine(
  ctx: AnalyzerContext,
  line: string,
  callerNs: string | undefined,
): { service: V1Service; port?: number }[] {
  const out: { service: V1Service; port?: number }[] = [];
  const add = (service: V1Service | undefined, port: number | undefined): void => {
    if (service && !out.some((x) => x.service === service)) out.push({ service, port });
  };
  for (const m of line.matchAll(FQDN_IN_TEXT))
    add(serviceForHost(ctx, `${m[1]}.${m[3]}`, callerNs), m[5] ? Number(m[5]) : undefined);
  for (const m of line.matchAll(HOSTPORT_IN_TEXT)) {
    if (/^[\d.]+$/.test(m[1])) continue;
    add(serviceForHost(ctx, m[1], callerNs), Number(m[2]));
  }
  for (const m of line.matchAll(IP_PORT_IN_TEXT)) add(serviceForIp(ctx, m[1]), m[2] ? Number(m[2]) : undefined);
  return out;
}

/** DNS failures as applications print them. */
export const DNS_FAILURE =
  /EAI_AGAIN|Temporary failure in name resolution|no such host|dial udp [\d.]+:53|lookup [^\s]+ on [\d.]+:53|could not resolve host|Name or service not known|UnknownHostException|getaddrinfo/i;

/** Connection failures that a dropped packet (timeout) or a reject produces. */
export const CONNECT_FAILURE =
  /timed? ?out|ETIMEDOUT|i\/o timeout|connection refused|ECONNREFUSED|No route to host|could not connect|connect failed|Connection reset/i;

export function logLinesMatching(ctx: AnalyzerContext, h: PodSpecHolder, re: RegExp, max = 2): string[] {
  const out: string[] = [];
  for (const line of logsOf(ctx, h)) {
    if (!re.test(line)) continue;
    const t = clip(line.trim(), 240);
    if (!out.includes(t)) out.push(t);
    if (out.length >= max) break;
  }
  return out;
}
