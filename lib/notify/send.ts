/**
 * render(): the exact request a channel would send. send(): render, post, judge, and retry what is worth
 * retrying (rate limits, 5xx, network) within a time budget. A final failure is a NotifyError carrying
 * every attempt; nothing is dropped quietly.
 */
import type { Verdict } from './channel';
import { NotifyError } from './errors';
import { postOnce } from './http';
import { driverFor } from './registry';
import type {
  AttemptRecord,
  ChannelName,
  NotifyConfig,
  NotifyMessage,
  RenderOptions,
  RenderedRequest,
  SendOptions,
  SendResult,
} from './types';
import { checkConfig, checkMessage } from './validate';

const DEFAULTS = { budgetMs: 30_000, attemptTimeoutMs: 10_000, baseDelayMs: 1_000, maxDelayMs: 8_000, maxAttempts: 10 };

export function render(
  channel: ChannelName,
  config: NotifyConfig,
  message: NotifyMessage,
  opts: RenderOptions = {},
): RenderedRequest {
  const driver = driverFor(channel);
  const format = config.format ?? driver.defaultFormat;
  checkConfig(driver.name, config, driver.formats, format);
  checkMessage(driver.name, message);
  const payload = driver.render(config, message, { nowMs: (opts.now ?? Date.now)(), format });
  return {
    channel: driver.name,
    format,
    method: 'POST',
    url: payload.url,
    headers: payload.headers ?? {},
    body: payload.body,
    bytes: Buffer.byteLength(payload.body, 'utf8'),
    truncated: payload.truncated,
    notes: payload.notes,
  };
}

/** The caller's abort reason as an Error (AbortSignal's default reason is a DOMException, which is one). */
function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error(typeof reason === 'string' ? reason : 'aborted');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Errors from fetch may come from another realm (jest, vm), so they are read by shape, not instanceof. */
function errorShape(err: unknown): { name: string; message: string; cause: string } {
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    name?: unknown;
    message?: unknown;
    cause?: unknown;
  };
  const c = (typeof e.cause === 'object' && e.cause !== null ? e.cause : {}) as { code?: unknown; message?: unknown };
  const cause = typeof c.code === 'string' ? c.code : typeof c.message === 'string' ? c.message : '';
  return {
    name: typeof e.name === 'string' ? e.name : '',
    message: typeof e.message === 'string' ? e.message : String(err),
    cause,
  };
}

function networkVerdict(err: unknown, channel: string, timeoutMs: number): Verdict {
  const { name, message, cause } = errorShape(err);
  if (name === 'TimeoutError') {
    return {
      outcome: 'retry',
      detail: `no answer from ${channel} within ${timeoutMs} ms (attempt timeout)`,
      hint: 'the vendor or the network is slow',
    };
  }
  return {
    outcome: 'retry',
    detail: `network error: ${message}${cause ? ` (${cause})` : ''}`,
    hint: 'check DNS, proxy and firewall from this machine to the webhook host',
  };
}

function describe(history: AttemptRecord[]): string {
  return history.map((a) => `#${a.attempt} ${a.detail}`).join('; ');
}

/** Backoff doubles per attempt with ±20% jitter so that several senders do not retry in step. */
function backoff(attempt: number, base: number, cap: number): number {
  const plain = Math.min(cap, base * 2 ** (attempt - 1));
  return Math.round(plain * (0.8 + Math.random() * 0.4));
}

export async function send(
  channel: ChannelName,
  config: NotifyConfig,
  message: NotifyMessage,
  opts: SendOptions = {},
): Promise<SendResult> {
  const o = {
    budgetMs: opts.budgetMs ?? DEFAULTS.budgetMs,
    attemptTimeoutMs: opts.attemptTimeoutMs ?? DEFAULTS.attemptTimeoutMs,
    baseDelayMs: opts.baseDelayMs ?? DEFAULTS.baseDelayMs,
    maxDelayMs: opts.maxDelayMs ?? DEFAULTS.maxDelayMs,
    maxAttempts: opts.maxAttempts ?? DEFAULTS.maxAttempts,
    now: opts.now,
    signal: opts.signal,
  };
  const driver = driverFor(channel);
  // rendered once up front so config errors come before any request and the budget counts delivery only
  let request = render(channel, config, message, { now: o.now });
  const started = Date.now();
  const deadline = started + o.budgetMs;
  const history: AttemptRecord[] = [];

  for (let attempt = 1; ; attempt += 1) {
    // fresh timestamp and signature on every retry
    if (attempt > 1) request = render(channel, config, message, { now: o.now });
    const at = Date.now();
    let verdict: Verdict;
    let status: number | undefined;
    let response: unknown;
    // The budget decides whether to start (or wait for) another attempt; an attempt once sent gets its full timeout,
    // so a slow answer is read rather than cut off and counted as a failure the vendor never saw.
    try {
      const answer = await postOnce(request, o.attemptTimeoutMs, o.signal);
      status = answer.status;
      response = answer.json ?? answer.text;
      verdict = driver.judge(answer);
    } catch (err) {
      if (o.signal?.aborted) throw err;
      verdict = networkVerdict(err, driver.name, o.attemptTimeoutMs);
    }
    const record: AttemptRecord = {
      attempt,
      startedAt: new Date(at).toISOString(),
      durationMs: Date.now() - at,
      outcome: verdict.outcome,
      ...(status !== undefined ? { httpStatus: status } : {}),
      ...(verdict.vendorCode !== undefined ? { vendorCode: verdict.vendorCode } : {}),
      detail: verdict.detail,
    };
    history.push(record);

    if (verdict.outcome === 'ok') {
      return {
        ok: true,
        channel: driver.name,
        format: request.format,
        attempts: attempt,
        history,
        ...(verdict.vendorCode !== undefined ? { vendorCode: verdict.vendorCode } : {}),
        response,
        bytes: request.bytes,
        truncated: request.truncated,
        notes: request.notes,
      };
    }

    const details = {
      channel: driver.name,
      vendorCode: verdict.vendorCode,
      httpStatus: status,
      hint: verdict.hint,
      history,
    };
    if (verdict.outcome === 'fail') {
      const hint = verdict.hint ? ` — ${verdict.hint}` : '';
      const tries = attempt > 1 ? ` (attempt ${attempt}; before: ${describe(history.slice(0, -1))})` : '';
      throw new NotifyError(`${driver.name}: ${verdict.detail}${hint}${tries}`, {
        ...details,
        kind: verdict.vendorCode !== undefined ? 'vendor' : 'http',
      });
    }

    const wait = verdict.retryAfterMs ?? backoff(attempt, o.baseDelayMs, o.maxDelayMs);
    const left = deadline - Date.now();
    if (attempt >= o.maxAttempts || wait >= left) {
      const why =
        attempt >= o.maxAttempts
          ? `after ${attempt} attempts (the cap)`
          : `after ${attempt} attempt${attempt === 1 ? '' : 's'} in ${Date.now() - started} ms: the next wait of ${wait} ms would pass the ${o.budgetMs} ms budget`;
      const hint = verdict.hint ? ` — ${verdict.hint}` : '';
      throw new NotifyError(`${driver.name}: gave up ${why}${hint}; attempts: ${describe(history)}`, {
        ...details,
        kind: 'exhausted',
      });
    }
    record.waitMs = wait;
    await sleep(wait, o.signal);
  }
}
