/** One HTTP POST of a rendered request, and the vendor-neutral reading of HTTP status codes. */
import type { VendorAnswer, VendorCode, Verdict } from './channel';
import type { RenderedRequest } from './types';

export async function postOnce(
  request: RenderedRequest,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<VendorAnswer> {
  const timeout = AbortSignal.timeout(Math.max(1, timeoutMs));
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    redirect: 'error',
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, retryAfter: response.headers.get('retry-after'), text, json };
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/**
 * Reading of the HTTP status alone, for answers that carry no vendor code:
 * 429, 408 and 5xx are worth another try, other non-2xx are not.
 */
export function judgeHttp(answer: VendorAnswer, vendor: string): Verdict {
  const { status } = answer;
  const said = answer.text ? `: ${snippet(answer.text)}` : '';
  if (status === 429) {
    return {
      outcome: 'retry',
      detail: `HTTP 429 rate limited by ${vendor}${said}`,
      hint: `${vendor} throttles this webhook; send less often or group alerts`,
      retryAfterMs: parseRetryAfter(answer.retryAfter),
      vendorCode: 429,
    };
  }
  if (status === 408 || status >= 500) {
    return {
      outcome: 'retry',
      detail: `HTTP ${status} from ${vendor}${said}`,
      hint: `${vendor} or a proxy on the way had a temporary failure`,
    };
  }
  if (status >= 200 && status < 300) return { outcome: 'ok', detail: `HTTP ${status}` };
  const hint =
    status === 404
      ? 'check the webhook URL (the bot may have been removed)'
      : status === 401 || status === 403
        ? 'check the webhook URL token / credentials'
        : 'check the message and the webhook URL';
  return { outcome: 'fail', detail: `HTTP ${status} from ${vendor}${said}`, hint };
}

/** Verdict for a vendor business code out of that vendor's table; unknown codes fail with the vendor's own words. */
export function codeVerdict(
  vendor: string,
  codeName: string,
  code: number,
  message: string,
  table: Record<number, VendorCode>,
): Verdict {
  const known = table[code];
  const said = message ? ` "${snippet(message)}"` : '';
  if (!known) {
    return {
      outcome: 'fail',
      vendorCode: code,
      detail: `${vendor} rejected the message: ${codeName} ${code}${said}`,
      hint: `look up ${codeName} ${code} in the ${vendor} bot documentation`,
    };
  }
  return {
    outcome: known.retry ? 'retry' : 'fail',
    vendorCode: code,
    detail: `${vendor} ${codeName} ${code} (${known.meaning})${said}`,
    hint: known.hint,
  };
}
