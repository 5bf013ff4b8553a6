/** Turns `kube-aiops bridge` flags and KUBE_AIOPS_* variables into a BridgeConfig (flags win). */
import { LANGUAGES } from '../lib/diagnose/types';
import { type BridgeConfig, type Transport, defaultConfig } from './config';

export interface BridgeFlags {
  transport?: string;
  port?: string;
  host?: string;
  kubeconfig?: string;
  context?: string;
  inCluster?: boolean;
  authToken?: string;
  allowedOrigins?: string;
  allowedHosts?: string;
  enableCreate?: boolean;
  enableUpdate?: boolean;
  enableDelete?: boolean;
  namespaces?: string;
  protectedNamespaces?: string;
  denyKinds?: string;
  allowKinds?: string;
  allowEscalation?: string;
  maxSessions?: string;
  sessionIdleSeconds?: string;
  prometheusUrl?: string;
  maxOutputChars?: string;
  language?: string;
  auditLog?: string;
  logLevel?: string;
  stateless?: boolean;
  drainSeconds?: string;
  readCacheSeconds?: string;
}

const list = (v: string | undefined): string[] | undefined =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

const bool = (v: string | undefined): boolean | undefined =>
  v === undefined ? undefined : /^(1|true|yes|on)$/i.test(v);

/** The env twin of a flag: --enable-create → KUBE_AIOPS_ENABLE_CREATE. */
const envOf = (env: NodeJS.ProcessEnv, flag: string): string | undefined =>
  env[`KUBE_AIOPS_${flag.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`];

export function configFromFlags(flags: BridgeFlags, env: NodeJS.ProcessEnv = process.env): BridgeConfig {
  const d = defaultConfig();
  const str = (k: keyof BridgeFlags): string | undefined => {
    const v = flags[k];
    return typeof v === 'string' ? v : envOf(env, k);
  };
  const flag = (k: keyof BridgeFlags): boolean | undefined => (flags[k] === true ? true : bool(envOf(env, k)));
  const transport = (str('transport') ?? d.transport) as Transport;
  if (!['all', 'sse', 'http', 'stdio'].includes(transport))
    throw new Error(`--transport must be all, sse, http or stdio (got "${transport}")`);
  const logLevel = (str('logLevel') ?? d.logLevel) as BridgeConfig['logLevel'];
  if (!['error', 'warn', 'info', 'debug'].includes(logLevel))
    throw new Error(`--log-level must be error, warn, info or debug`);
  const num = (k: keyof BridgeFlags, dflt: number): number => {
    const v = str(k);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n))
      throw new Error(`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} must be an integer (got "${v}")`);
    return n;
  };
  const language = (str('language') ?? d.language) as BridgeConfig['language'];
  if (!LANGUAGES.includes(language))
    throw new Error(`--language must be ${LANGUAGES.join(' or ')} (got "${language}")`);
  return {
    ...d,
    language,
    transport,
    host: str('host') ?? d.host,
    port: num('port', d.port),
    kubeconfig: str('kubeconfig') ?? env.KUBECONFIG,
    context: str('context'),
    inCluster: flag('inCluster') ?? false,
    authToken: str('authToken') || undefined,
    allowedOrigins: list(str('allowedOrigins')) ?? d.allowedOrigins,
    allowedHosts: list(str('allowedHosts')) ?? d.allowedHosts,
    enable: {
      create: flag('enableCreate') ?? false,
      update: flag('enableUpdate') ?? false,
      delete: flag('enableDelete') ?? false,
    },
    namespaces: list(str('namespaces')) ?? d.namespaces,
    protectedNamespaces: list(str('protectedNamespaces')) ?? d.protectedNamespaces,
    denyKinds: list(str('denyKinds')) ?? d.denyKinds,
    allowKinds: list(str('allowKinds')) ?? d.allowKinds,
    allowEscalation: list(str('allowEscalation')) ?? d.allowEscalation,
    maxSessions: num('maxSessions', d.maxSessions),
    sessionIdleMs: str('sessionIdleSeconds') !== undefined ? num('sessionIdleSeconds', 0) * 1000 : d.sessionIdleMs,
    prometheusUrl: str('prometheusUrl'),
    maxOutputChars: num('maxOutputChars', d.maxOutputChars),
    auditLog: str('auditLog'),
    logLevel,
    stateless: flag('stateless') ?? false,
    drainMs: num('drainSeconds', d.drainMs / 1000) * 1000,
    readCacheMs: num('readCacheSeconds', d.readCacheMs / 1000) * 1000,
  };
}
