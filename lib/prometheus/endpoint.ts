/**
 * Where Prometheus (or anything serving its HTTP API: VictoriaMetrics, Thanos, ACK/ARMS managed Prometheus) lives and
 * how to authenticate: one value every Prometheus-backed face builds from its own settings (CLI flags, the n8n
 * credential, the bridge config).
 */
export interface PrometheusEndpoint {
  /** base URL, e.g. http://prometheus.monitoring:9090 or a managed service's query endpoint with a path prefix */
  url: string;
  bearerToken?: string;
  basicAuth?: { username: string; password: string };
  /** PEM of the CA that signed the server certificate */
  caCert?: string;
  /** accept any certificate: throwaway set-ups only */
  skipTlsVerify?: boolean;
  /** per-request timeout in ms (default 30000) */
  timeoutMs?: number;
}

const MAX_URL = 2048;

/** A URL or an endpoint → a validated endpoint; the URL must be http(s) and carry no credentials in it. */
export function toEndpoint(target: string | PrometheusEndpoint): PrometheusEndpoint {
  const ep = typeof target === 'string' ? { url: target } : target;
  const text = typeof ep.url === 'string' ? ep.url.trim() : '';
  if (!text || text.length > MAX_URL) throw new Error('the Prometheus URL is empty or longer than 2048 characters');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`the Prometheus URL "${text.slice(0, 200)}" is not a URL (expected http(s)://host:port)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`the Prometheus URL must be http:// or https://, got ${url.protocol}`);
  if (url.username || url.password)
    throw new Error('put Prometheus credentials in the basic-auth or token settings, not in the URL');
  if (ep.timeoutMs !== undefined && !(Number.isFinite(ep.timeoutMs) && ep.timeoutMs > 0 && ep.timeoutMs <= 600_000))
    throw new Error('the Prometheus timeout must be between 1 ms and 10 minutes');
  return { ...ep, url: text.replace(/\/+$/, '') };
}

/** The URL as safe to print: no query string (some proxies take tokens there). */
export function describeEndpoint(ep: PrometheusEndpoint): string {
  try {
    const u = new URL(ep.url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '<invalid URL>';
  }
}
