/**
 * Bridge settings: every flag has a KUBE_AIOPS_* environment twin (flag wins).
 * Writes are off until a verb's enable flag is given.
 */
import type { Language } from '../lib/diagnose/types';

export type Transport = 'all' | 'sse' | 'http' | 'stdio';
export type EnableFlag = 'create' | 'update' | 'delete';

export interface BridgeConfig {
  transport: Transport;
  host: string;
  port: number;
  kubeconfig?: string;
  context?: string;
  inCluster: boolean;
  authToken?: string;
  allowedOrigins: string[];
  allowedHosts: string[];
  enable: Record<EnableFlag, boolean>;
  namespaces: string[];
  protectedNamespaces: string[];
  /** added to lib/guard's always-denied kinds */
  denyKinds: string[];
  /** lifted, on purpose, from lib/guard's always-denied kinds */
  allowKinds: string[];
  /** pod-spec escalations allowed on purpose (lib/guard ESCALATIONS, or all) */
  allowEscalation: string[];
  prometheusUrl?: string;
  maxOutputChars: number;
  /** language of diagnosis text when a call does not ask for one */
  language: Language;
  auditLog?: string;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  /** request body cap for POST /messages and /mcp */
  maxBodyBytes: number;
  /** tool calls in flight, over all sessions and per session */
  maxConcurrentCalls: number;
  maxCallsPerSession: number;
  /** sessions nobody used for this long are closed (clients that vanish never send DELETE) */
  sessionIdleMs: number;
  /** open SSE + Streamable HTTP sessions at most; at the cap the longest-idle one is closed for a new one */
  maxSessions: number;
  /** one tool call answers within this long, or with an error saying so */
  callTimeoutMs: number;
  /** Streamable HTTP without sessions: any replica answers any request (SSE keeps its session, needs affinity) */
  stateless: boolean;
  /** on SIGTERM, how long in-flight tool calls may take to finish before their connections are cut */
  drainMs: number;
  /**
   * identical API server reads within this long share one answer (lib/kube/read-share): in an alert storm many
   * agents ask the bridge about the same namespace at once; 0 = only reads in flight are shared
   */
  readCacheMs: number;
}

export const DEFAULT_PROTECTED_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

export const defaultConfig = (): BridgeConfig => ({
  transport: 'all',
  host: '127.0.0.1',
  port: 8080,
  inCluster: false,
  allowedOrigins: [],
  allowedHosts: [],
  enable: { create: false, update: false, delete: false },
  namespaces: [],
  protectedNamespaces: [...DEFAULT_PROTECTED_NAMESPACES],
  denyKinds: [],
  allowKinds: [],
  allowEscalation: [],
  maxOutputChars: 20000,
  language: 'en',
  logLevel: 'info',
  maxBodyBytes: 1024 * 1024,
  maxConcurrentCalls: 32,
  maxCallsPerSession: 4,
  sessionIdleMs: 5 * 60 * 1000,
  maxSessions: 200,
  callTimeoutMs: 120_000,
  stateless: false,
  drainMs: 30_000,
  readCacheMs: 2000,
});

export const isLoopbackHost = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Refuse settings that would expose the cluster: a non-loopback bind needs a token. */
export function validateConfig(cfg: BridgeConfig): string | undefined {
  if (cfg.transport !== 'stdio' && !isLoopbackHost(cfg.host) && !cfg.authToken) {
    return `refusing to listen on ${cfg.host} without --auth-token (KUBE_AIOPS_AUTH_TOKEN): anyone who can reach it could read the cluster`;
  }
  if (!Number.isInteger(cfg.port) || cfg.port < 0 || cfg.port > 65535) return `invalid --port ${cfg.port}`;
  if (!Number.isInteger(cfg.maxSessions) || cfg.maxSessions < 1) return `--max-sessions must be an integer ≥ 1`;
  if (!Number.isFinite(cfg.sessionIdleMs) || cfg.sessionIdleMs < 50) return `--session-idle-seconds must be positive`;
  if (!(cfg.readCacheMs >= 0)) return `--read-cache-seconds must be 0 or more`;
  if (!Number.isInteger(cfg.maxOutputChars) || cfg.maxOutputChars < 500)
    return `--max-output-chars must be an integer ≥ 500`;
  return undefined;
}
