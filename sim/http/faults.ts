/**
 * Fault injection, managed over HTTP at /_sim/faults: matching requests get a status, extra latency or a dropped
 * connection, for a number of requests or until cleared.
 */
import { badRequest, StatusError } from '../errors';
import { isJsonObject, type Json } from '../model';

export interface FaultSpec {
  /** regular expression matched against the URL path */
  path: string;
  method?: string;
  status?: number;
  retryAfter?: number;
  latencyMs?: number;
  drop?: boolean;
  /** how many matching requests it affects; unlimited when absent */
  count?: number;
}

export interface Fault extends FaultSpec {
  id: number;
  /** requests it has affected so far */
  hits: number;
}

export type FaultAction = { latencyMs: number; drop: boolean; error?: StatusError; retryAfter?: number };

const REASONS: Record<number, [string, string]> = {
  400: ['BadRequest', 'the server rejected our request for an unknown reason'],
  401: ['Unauthorized', 'Unauthorized'],
  403: ['Forbidden', 'forbidden: the simulator was told to refuse this request'],
  404: ['NotFound', 'the server could not find the requested resource'],
  409: ['Conflict', 'the server reported a conflict'],
  429: ['TooManyRequests', 'Too many requests, please try again later.'],
  500: ['InternalError', 'Internal error occurred: injected fault'],
  503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
  504: [
    'Timeout',
    'the server was unable to return a response in the time allotted, but may still be processing the request',
  ],
};

export class FaultInjector {
  private faults: Fault[] = [];
  private nextId = 1;

  add(body: Json): Fault {
    if (!isJsonObject(body) || typeof body.path !== 'string')
      throw badRequest('a fault needs at least "path" (a regular expression on the URL path)');
    try {
      new RegExp(body.path);
    } catch (err) {
      throw badRequest(
        `fault path is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
    const status = num(body.status);
    if (status !== undefined && (status < 100 || status > 599))
      throw badRequest('fault status must be an HTTP status code');
    const fault: Fault = {
      id: this.nextId++,
      path: body.path,
      method: typeof body.method === 'string' ? body.method.toUpperCase() : undefined,
      status,
      retryAfter: num(body.retryAfter),
      latencyMs: num(body.latencyMs),
      drop: body.drop === true ? true : undefined,
      count: num(body.count),
      hits: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return [...this.faults];
  }

  clear(id?: number): void {
    this.faults = id === undefined ? [] : this.faults.filter((f) => f.id !== id);
  }

  /** What to do to this request; consumes one use of each matching fault. */
  match(method: string, path: string): FaultAction | undefined {
    let action: FaultAction | undefined;
    for (const f of this.faults) {
      if (f.method && f.method !== method) continue;
      if (!new RegExp(f.path).test(path)) continue;
      if (f.count !== undefined && f.hits >= f.count) continue;
      f.hits += 1;
      action ??= { latencyMs: 0, drop: false };
      action.latencyMs += f.latencyMs ?? 0;
      if (f.drop) action.drop = true;
      if (f.status !== undefined && !action.error) {
        const [reason, message] = REASONS[f.status] ?? ['InternalError', `injected fault ${f.status}`];
        const retryAfter = f.retryAfter ?? (f.status === 429 ? 1 : undefined);
        action.error = new StatusError(
          f.status,
          reason,
          message,
          retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : undefined,
        );
        action.retryAfter = retryAfter;
      }
    }
    // a fault that has affected `count` requests is spent and leaves the list
    this.faults = this.faults.filter((f) => f.count === undefined || f.hits < f.count);
    return action;
  }
}
