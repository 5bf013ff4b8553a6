/** Query parameters and DeleteOptions bodies, validated the way the apiserver validates them. */
import { badRequest } from '../errors';
import { isJsonObject, type Json } from '../model';
import type { DeleteOptions, Propagation } from '../api/cluster';
import type { ListOptions } from '../api/list';
import { queryInt } from './context';

export function dryRunOf(q: URLSearchParams, body?: Json): boolean {
  const values = [...q.getAll('dryRun')];
  if (isJsonObject(body) && Array.isArray(body.dryRun)) values.push(...body.dryRun.map(String));
  for (const v of values)
    if (v !== 'All') throw badRequest(`Invalid dryRun value: "${v}", supported values are: [All]`);
  return values.length > 0;
}

const VALIDATION = new Set(['', 'Ignore', 'Warn', 'Strict']);

export function checkFieldValidation(q: URLSearchParams): void {
  const v = q.get('fieldValidation');
  if (v !== null && !VALIDATION.has(v)) {
    throw badRequest(`invalid fieldValidation directive "${v}": must be one of "Ignore", "Warn", or "Strict"`);
  }
}

/** fieldManager from the query, else the client name from the User-Agent, as the apiserver defaults it. */
export function fieldManagerOf(q: URLSearchParams, userAgent: string | undefined): string {
  const m = q.get('fieldManager');
  if (m !== null) {
    if (m.length > 128) throw badRequest('fieldManager: Too long: may not be longer than 128');
    return m;
  }
  return (userAgent ?? 'unknown').split('/')[0] || 'unknown';
}

export function listOptionsOf(q: URLSearchParams): ListOptions {
  return {
    labelSelector: q.get('labelSelector') ?? undefined,
    fieldSelector: q.get('fieldSelector') ?? undefined,
    limit: queryInt(q, 'limit'),
    continue: q.get('continue') || undefined,
  };
}

const PROPAGATIONS = new Set(['Background', 'Foreground', 'Orphan']);

export function deleteOptionsOf(q: URLSearchParams, body: Json | undefined): DeleteOptions {
  const b = isJsonObject(body) ? body : {};
  const policy =
    q.get('propagationPolicy') ?? (typeof b.propagationPolicy === 'string' ? b.propagationPolicy : undefined);
  if (policy !== undefined && !PROPAGATIONS.has(policy)) {
    throw badRequest(
      `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
    );
  }
  const orphan =
    q.get('orphanDependents') ?? (typeof b.orphanDependents === 'boolean' ? String(b.orphanDependents) : undefined);
  const pre = isJsonObject(b.preconditions) ? b.preconditions : {};
  return {
    dryRun: dryRunOf(q, b),
    propagationPolicy: policy as Propagation | undefined,
    orphanDependents: orphan === 'true',
    preconditions: {
      uid: typeof pre.uid === 'string' ? pre.uid : undefined,
      resourceVersion: typeof pre.resourceVersion === 'string' ? pre.resourceVersion : undefined,
    },
  };
}
