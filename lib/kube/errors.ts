/**
 * Every failure leaves lib/kube as a KubeError whose message is one sentence: what was attempted, on which object,
 * why it failed and what to check. Kubernetes Status bodies, client-node ApiExceptions, socket and TLS errors all
 * pass through toKubeError.
 */

import type { AuditRecord } from '../guard';

export interface KubeErrorContext {
  /** what was being done: get, list, create, apply, patch, delete, scale, logs, … */
  verb?: string;
  kind?: string;
  /** the plural resource name (pods), used in RBAC hints */
  resource?: string;
  namespace?: string;
  name?: string;
  /** the API server URL */
  server?: string;
  /** the request timed out after this many milliseconds */
  timeoutMs?: number;
  /** a write was in flight: the outcome is unknown */
  write?: boolean;
}

export interface StatusCause {
  field?: string;
  message?: string;
  reason?: string;
}

export class KubeError extends Error {
  /** HTTP status, when the API server answered */
  status?: number;
  /** Kubernetes Status reason (NotFound, Forbidden, AlreadyExists, Conflict, Invalid, TooManyRequests…) or ours
   * (PolicyDenied, UnknownKind, Unreachable, Timeout, TLS, MetricsUnavailable, BadInput) */
  reason?: string;
  /** socket or TLS error code (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT…) */
  code?: string;
  /** what the API server said, unedited */
  apiMessage?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
  context: KubeErrorContext;
  /** for writes: the audit record of the refused or failed attempt */
  audit?: AuditRecord;

  constructor(message: string, fields: Partial<Omit<KubeError, 'message' | 'name'>> = {}) {
    super(message);
    this.name = 'KubeError';
    this.context = fields.context ?? {};
    for (const key of ['status', 'reason', 'code', 'apiMessage', 'causes', 'retryAfterSeconds', 'audit'] as const) {
      if (fields[key] !== undefined) (this as Record<string, unknown>)[key] = fields[key];
    }
  }

  /** plain fields for JSON output (n8n items, MCP tool results) */
  toJSON(): Record<string, unknown> {
    return {
      message: this.message,
      status: this.status,
      reason: this.reason,
      code: this.code,
      causes: this.causes,
      retryAfterSeconds: this.retryAfterSeconds,
      audit: this.audit,
    };
  }
}

/** A Kubernetes `Status` body, loosely typed: it may be absent, a string or a proxy's HTML page. */
interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** Maps anything thrown while talking to the API server to a KubeError. KubeErrors pass through unchanged. */
export function toKubeError(err: unknown, context: KubeErrorContext = {}): KubeError {
  if (err instanceof KubeError) return err;
  const api = apiExceptionParts(err);
  if (api) {
    return fromStatus(api.status, parseStatusBody(api.body), context, retryAfterHeader(api.headers));
  }
  const code = errorCode(err);
  const text = err instanceof Error ? err.message : String(err);
  if (code) return fromSocketError(code, text, context);
  return new KubeError(`${action(context)} failed: ${text}`, { context });
}

/** Builds the error for a non-2xx answer. `retryAfter` is the Retry-After header in seconds, if any. */
export function fromStatus(
  status: number,
  body: StatusBody | undefined,
  context: KubeErrorContext,
  retryAfter?: number,
): KubeError {
  const reason = body?.reason || reasonForStatus(status);
  const apiMessage = body?.message;
  const causes = body?.details?.causes;
  const retryAfterSeconds = retryAfter ?? body?.details?.retryAfterSeconds;
  const fields = { status, reason, apiMessage, causes, retryAfterSeconds, context };
  const obj = objectName(context, body);
  const said = apiMessage ? `: ${apiMessage}` : '';

  switch (status) {
    case 400:
      return new KubeError(`${action(context)} was rejected as a bad request${said}`, fields);
    case 401:
      return new KubeError(
        `unauthorized: the Kubernetes API${at(context)} rejected the credentials; the token or client certificate is missing, invalid or expired — refresh the kubeconfig or token`,
        fields,
      );
    case 403:
      return new KubeError(forbiddenSentence(context, apiMessage), fields);
    case 404:
      if (context.name) {
        return new KubeError(
          `${obj} not found${inNamespace(context)}; check the name and namespace (list ${context.resource ?? 'them'} to see what exists)`,
          fields,
        );
      }
      return new KubeError(
        `${action(context)} failed: the API server does not serve this path (404)${said}; the kind may not be installed on this cluster`,
        fields,
      );
    case 405:
      return new KubeError(
        `${context.verb ?? 'this request'} is not supported for ${context.resource ?? context.kind ?? 'this resource'}${said}`,
        fields,
      );
    case 409:
      if (reason === 'AlreadyExists') {
        return new KubeError(`${obj} already exists${inNamespace(context)}; use apply or patch to change it`, fields);
      }
      if (context.verb === 'apply' && apiMessage && /apply failed|conflicts? with/i.test(apiMessage)) {
        return new KubeError(
          `apply conflict on ${obj}: fields are owned by another manager${said}; re-run with force to take ownership`,
          fields,
        );
      }
      return new KubeError(
        `conflict writing ${obj}${said}; the object changed since it was read — read it again and retry`,
        fields,
      );
    case 410:
      return new KubeError(
        `${action(context)} failed: the list continue token or resource version expired (410 Gone); list again from the start`,
        fields,
      );
    case 413:
      return new KubeError(`${action(context)} was rejected: the request is too large${said}`, fields);
    case 415:
      return new KubeError(
        `${action(context)} was rejected: unsupported patch type for ${context.kind ?? 'this kind'}${said}; custom resources accept merge or json patches, not strategic`,
        fields,
      );
    case 422:
      return new KubeError(`${obj} is invalid${causesText(causes) || said}`, fields);
    case 429:
      if (context.verb === 'evict') {
        return new KubeError(
          `evicting ${obj} is blocked by a PodDisruptionBudget${said}; wait for other pods to become ready or relax the budget`,
          fields,
        );
      }
      return new KubeError(
        `the Kubernetes API is throttling requests (429 Too Many Requests) while trying to ${action(context)}${retryAfterSeconds !== undefined ? `; retry after ${retryAfterSeconds}s` : ''}`,
        fields,
      );
    default:
      if (status >= 500) {
        const unknownOutcome = context.write
          ? '; the write was not repeated — check the object before trying again'
          : '';
        return new KubeError(
          `the Kubernetes API${at(context)} answered ${status} ${reasonPhrase(status)} to ${action(context)}${said}; the control plane may be overloaded or restarting${unknownOutcome}`,
          fields,
        );
      }
      return new KubeError(`${action(context)} failed with HTTP ${status}${said}`, fields);
  }
}

function fromSocketError(code: string, text: string, context: KubeErrorContext): KubeError {
  const server = context.server ?? 'the configured server';
  const fields = { code, context };
  const maybeWritten = context.write
    ? '; the write may or may not have been applied — check the object before trying again'
    : '';
  if (code === 'ECONNREFUSED') {
    return new KubeError(
      `cannot reach the Kubernetes API at ${server}: connection refused; check the server address and that the API server is running`,
      { ...fields, reason: 'Unreachable' },
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new KubeError(
      `cannot reach the Kubernetes API at ${server}: the host name does not resolve (${code}); check the server address and DNS`,
      { ...fields, reason: 'Unreachable' },
    );
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new KubeError(
      `cannot reach the Kubernetes API at ${server}: no route to host (${code}); check the network path and firewall`,
      { ...fields, reason: 'Unreachable' },
    );
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || code === 'TIMEOUT') {
    const after = context.timeoutMs ? ` after ${context.timeoutMs} ms` : '';
    return new KubeError(`the Kubernetes API at ${server} did not answer ${action(context)}${after}${maybeWritten}`, {
      ...fields,
      reason: 'Timeout',
    });
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'UND_ERR_SOCKET') {
    return new KubeError(
      `the connection to the Kubernetes API at ${server} was dropped during ${action(context)} (${code})${maybeWritten}`,
      { ...fields, reason: 'Unreachable' },
    );
  }
  if (TLS_CODES.has(code) || /certificate|ssl|tls/i.test(text)) {
    const hint =
      code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER'
        ? 'the TLS handshake failed; is the server speaking plain HTTP, or is the port right?'
        : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
          ? 'the certificate does not name this host; use the host name the certificate was issued for or set tls-server-name'
          : 'provide the cluster CA (certificate-authority-data / caData), or for a throwaway test cluster only, skip TLS verification';
    return new KubeError(`TLS verification failed for the Kubernetes API at ${server}: ${text}; ${hint}`, {
      ...fields,
      reason: 'TLS',
    });
  }
  return new KubeError(
    `${action(context)} failed talking to the Kubernetes API at ${server}: ${text} (${code})${maybeWritten}`,
    fields,
  );
}

function forbiddenSentence(context: KubeErrorContext, apiMessage: string | undefined): string {
  const user = apiMessage?.match(/User "([^"]+)"/)?.[1];
  const verb = apiMessage?.match(/cannot (\w+) resource/)?.[1] ?? context.verb ?? 'access';
  const resource =
    apiMessage?.match(/resource "([^"]+)"/)?.[1] ?? context.resource ?? context.kind?.toLowerCase() ?? 'this resource';
  const nsFromApi = apiMessage?.match(/in the namespace "([^"]+)"/)?.[1];
  const ns = nsFromApi ?? context.namespace;
  const where = ns ? ` in namespace "${ns}"` : ' at cluster scope';
  const who = user ? `user "${user}"` : 'the current user';
  const grant = ns ? 'a Role and RoleBinding' : 'a ClusterRole and ClusterRoleBinding';
  return `forbidden: ${who} cannot ${verb} ${resource}${where}; grant the permission with ${grant} (RBAC), or use credentials that have it`;
}

function causesText(causes: StatusCause[] | undefined): string {
  if (!causes || causes.length === 0) return '';
  return `: ${causes.map((c) => (c.field ? `${c.field}: ${c.message ?? c.reason ?? 'invalid'}` : (c.message ?? c.reason ?? 'invalid'))).join('; ')}`;
}

function action(context: KubeErrorContext): string {
  const verb = context.verb ?? 'request';
  if (!context.kind && !context.resource) return verb;
  return `${verb} ${objectName(context, undefined)}`;
}

function objectName(context: KubeErrorContext, body: StatusBody | undefined): string {
  const kind = context.kind ?? body?.details?.kind ?? context.resource ?? 'object';
  const name = context.name ?? body?.details?.name;
  return name ? `${kind} "${name}"` : kind;
}

function inNamespace(context: KubeErrorContext): string {
  return context.namespace ? ` in namespace "${context.namespace}"` : '';
}

function at(context: KubeErrorContext): string {
  return context.server ? ` at ${context.server}` : '';
}

function reasonForStatus(status: number): string | undefined {
  const map: Record<number, string> = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    405: 'MethodNotAllowed',
    409: 'Conflict',
    410: 'Expired',
    413: 'RequestEntityTooLarge',
    415: 'UnsupportedMediaType',
    422: 'Invalid',
    429: 'TooManyRequests',
    500: 'InternalError',
    503: 'ServiceUnavailable',
    504: 'Timeout',
  };
  return map[status];
}

function reasonPhrase(status: number): string {
  const map: Record<number, string> = {
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return map[status] ?? '';
}

/** Reads a Kubernetes Status from a body that may be JSON text, an object or something else entirely. */
export function parseStatusBody(body: unknown): StatusBody | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  if (typeof body === 'string') {
    try {
      return parseStatusBody(JSON.parse(body));
    } catch {
      const text = body.trim().slice(0, 300);
      return text ? { message: text } : undefined;
    }
  }
  if (typeof body === 'object') return body;
  return undefined;
}

/** client-node's ApiException carries code, body and headers; read them structurally to avoid an ESM import. */
function apiExceptionParts(
  err: unknown,
): { status: number; body: unknown; headers: Record<string, string> } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const candidate = err as { code?: unknown; body?: unknown; headers?: unknown };
  if (typeof candidate.code !== 'number' || candidate.code < 100) return undefined;
  return { status: candidate.code, body: candidate.body, headers: (candidate.headers as Record<string, string>) ?? {} };
}

function retryAfterHeader(headers: Record<string, string | string[] | undefined>): number | undefined {
  const raw = headers['retry-after'] ?? headers['Retry-After'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return parseRetryAfter(value);
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
