/**
 * What an alert webhook endpoint answers, independent of any HTTP framework.
 *
 * Alertmanager's webhook notifier treats 2xx as delivered, retries 5xx (and transport errors) with exponential
 * backoff until about group_interval runs out, and gives up at once on every other status — 4xx and 429 included.
 * So:
 *   - a body that is not an alert payload gets 400 (not JSON) or 422 (JSON, not alerts): re-sending would not help;
 *   - a payload with at least one good alert gets 200 (202 when some alerts in it were rejected);
 *   - a downstream failure that may pass (IM rate limit, model timeout) must answer 5xx so Alertmanager re-sends:
 *     throw TemporaryFailure from onAlerts → 503; any other error from onAlerts → 500, also retried, since we cannot
 *     tell whether it will pass. Receivers must therefore be idempotent — use NormalizedAlert.dedupeKey.
 */
import { redactText } from '../kube/redact';
import { parseAlertPayload, withoutBom } from './parse';
import { errorText } from './read';
import type {
  AlertParseError,
  AlertParseOptions,
  AlertParseResult,
  AlertPayloadFormat,
  NormalizedAlert,
} from './types';

/** Throw from an onAlerts callback when a retry may succeed; the webhook answers 503 and Alertmanager re-sends. */
export class TemporaryFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemporaryFailure';
  }
}

export interface WebhookReplyBody {
  status: 'ok' | 'partial' | 'rejected' | 'retry' | 'error';
  message: string;
  format: AlertPayloadFormat;
  received: number;
  firing: number;
  resolved: number;
  /** At most 20, so a huge bad batch does not produce a huge reply. */
  errors: AlertParseError[];
}

export interface WebhookResponse {
  status: number;
  body: WebhookReplyBody;
  alerts: NormalizedAlert[];
  errors: AlertParseError[];
  format: AlertPayloadFormat;
  result?: AlertParseResult;
}

const JSON_TYPES = /^(application\/(?:[\w.+-]*\+)?json|text\/plain|text\/json)$/i;

/**
 * Whether a Content-Type may carry an alert payload. A framework that parses forms (n8n does) turns a JSON body sent
 * as `curl -d` (application/x-www-form-urlencoded) into an object keyed by the JSON text; a receiver that sees such a
 * type should hand over the raw body instead, so the sender learns the type is wrong (415).
 */
export function isAlertContentType(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type === undefined || JSON_TYPES.test(type);
}

function mediaType(contentType: string | undefined): string | undefined {
  if (typeof contentType !== 'string') return undefined;
  const t = contentType.split(';')[0].trim().toLowerCase();
  return t === '' ? undefined : t;
}

function reply(
  status: number,
  body: Omit<WebhookReplyBody, 'errors'> & { errors?: AlertParseError[] },
  result?: AlertParseResult,
): WebhookResponse {
  const errors = body.errors ?? result?.errors ?? [];
  return {
    status,
    body: { ...body, errors: errors.slice(0, 20) },
    alerts: result?.alerts ?? [],
    errors,
    format: body.format,
    ...(result ? { result } : {}),
  };
}

function rejected(
  status: number,
  message: string,
  format: AlertPayloadFormat = 'unknown',
  result?: AlertParseResult,
): WebhookResponse {
  return reply(
    status,
    {
      status: 'rejected',
      message,
      format,
      received: 0,
      firing: 0,
      resolved: 0,
      errors: result?.errors ?? [{ message }],
    },
    result,
  );
}

/**
 * Parse a webhook body (already-parsed JSON, raw text or bytes) and decide the HTTP answer. Pure: no I/O.
 * `contentType` matters only for raw bodies: a form post or other non-JSON type is refused with 415.
 */
export function handleAlertWebhook(body: unknown, contentType?: string, opts?: AlertParseOptions): WebhookResponse {
  let value = body;
  if (typeof value === 'string' || value instanceof Uint8Array) {
    const type = mediaType(contentType);
    if (type && !JSON_TYPES.test(type))
      return rejected(415, `unsupported content type ${type.slice(0, 80)}: send the alert payload as application/json`);
    const text = withoutBom(typeof value === 'string' ? value : new TextDecoder().decode(value));
    if (text.trim() === '') return rejected(400, 'empty body: expected an alert payload (JSON)');
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      // V8's message quotes the start of the body, which may be a credential
      return rejected(400, `body is not valid JSON: ${redactText(errorText(error, 'parse error'))}`);
    }
  }
  if (value === undefined || value === null) return rejected(400, 'empty body: expected an alert payload (JSON)');

  const result = parseAlertPayload(value, opts);
  const counts = {
    format: result.format,
    received: result.alerts.length,
    firing: result.alerts.filter((a) => a.status === 'firing').length,
    resolved: result.alerts.filter((a) => a.status === 'resolved').length,
  };
  if (result.alerts.length === 0) {
    if (result.errors.length === 0)
      return reply(200, { status: 'ok', message: 'payload holds no alerts', ...counts }, result);
    const first = result.errors[0].message;
    const message = result.format === 'unknown' ? first : `no alert could be read: ${first}`;
    return rejected(422, message, result.format, result);
  }
  if (result.errors.length > 0) {
    return reply(
      202,
      {
        status: 'partial',
        message: `accepted ${result.alerts.length} alerts, rejected ${result.errors.length}${truncated(result)}`,
        ...counts,
      },
      result,
    );
  }
  return reply(
    200,
    { status: 'ok', message: `accepted ${result.alerts.length} alerts${truncated(result)}`, ...counts },
    result,
  );
}

/** Alerts Alertmanager left out (max_alerts) are not in the payload: the answer says so, since nothing else will. */
function truncated(result: AlertParseResult): string {
  const n = result.group?.truncatedAlerts ?? 0;
  return n > 0 ? `; ${n} more left out by the sender (Alertmanager max_alerts), not received` : '';
}

export type AlertsCallback = (alerts: NormalizedAlert[], result: AlertParseResult) => unknown;

/**
 * handleAlertWebhook, then hand accepted alerts to `onAlerts`. TemporaryFailure → 503, any other error → 500; both
 * make Alertmanager retry. Rejected payloads never reach onAlerts.
 */
export async function receiveAlertWebhook(
  body: unknown,
  contentType: string | undefined,
  onAlerts: AlertsCallback,
  opts?: AlertParseOptions,
): Promise<WebhookResponse> {
  const handled = handleAlertWebhook(body, contentType, opts);
  if (handled.status >= 300 || handled.alerts.length === 0 || !handled.result) return handled;
  try {
    await onAlerts(handled.alerts, handled.result);
    return handled;
  } catch (error) {
    const temporary = error instanceof TemporaryFailure;
    const message = errorText(error, 'downstream failure');
    return {
      ...handled,
      status: temporary ? 503 : 500,
      body: {
        ...handled.body,
        status: temporary ? 'retry' : 'error',
        message: `${temporary ? 'temporary failure, retry later' : 'processing failed'}: ${message}`,
      },
    };
  }
}
