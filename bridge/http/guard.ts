/**
 * Front door checks for every HTTP request except probes: bearer token, then Origin and Host
 * (DNS rebinding: a web page must not be able to drive a loopback bridge from the user's browser).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type BridgeConfig, isLoopbackHost } from '../config';
import { rpcErrorBody, sendJson } from './reply';

const hostname = (hostHeader: string): string => {
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader);
  return (m ? m[1] : hostHeader).toLowerCase();
};

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1].trim());
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

function hostAllowed(cfg: BridgeConfig, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const name = hostname(hostHeader);
  if (cfg.allowedHosts.length > 0) return cfg.allowedHosts.map((h) => h.toLowerCase()).includes(name);
  // bound to loopback: only loopback names can be legitimate
  return isLoopbackHost(cfg.host) ? isLoopbackHost(name) : true;
}

function originAllowed(cfg: BridgeConfig, origin: string | undefined): boolean {
  if (!origin) return true; // not a browser: MCP clients and n8n send no Origin
  if (cfg.allowedOrigins.includes('*') || cfg.allowedOrigins.includes(origin)) return true;
  try {
    return cfg.allowedOrigins.length === 0 && isLoopbackHost(new URL(origin).hostname) && isLoopbackHost(cfg.host);
  } catch {
    return false;
  }
}

const deny = (res: ServerResponse, status: number, message: string, headers?: Record<string, string>) => {
  sendJson(res, status, rpcErrorBody(-32001, message), headers);
  return false;
};

/** True when the request may go on; otherwise the refusal has been written. */
export function requestGuard(cfg: BridgeConfig) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (cfg.authToken && !tokenMatches(req.headers.authorization, cfg.authToken))
      return deny(res, 401, 'missing or wrong bearer token', { 'www-authenticate': 'Bearer' });
    if (!hostAllowed(cfg, req.headers.host))
      return deny(res, 403, `host ${req.headers.host ?? '(none)'} is not allowed`);
    if (!originAllowed(cfg, req.headers.origin))
      return deny(res, 403, `origin ${req.headers.origin} is not allowed (see --allowed-origins)`);
    return true;
  };
}
