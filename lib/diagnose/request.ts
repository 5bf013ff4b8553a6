/**
 * The one request contract every face uses (CLI, n8n node, bridge tool, triage): what to diagnose — the cluster,
 * a namespace, one object by kind and name — and with which analyzers, validated and checked against the cluster
 * before the diagnosis runs. A name that does not exist is an error naming it, with close matches: a typo must
 * never read as "no findings, all healthy".
 */
import { ANALYZERS, selectAnalyzers } from './analyzers';
import { closeMatches, didYouMean } from './close-names';
import type { ObjectRef } from './types';
import type { KubeConnection } from '../kube/connect';
import { KubeError } from '../kube/errors';
import { get, list } from '../kube/read';
import { canonicalRef } from '../kube/target';

export interface DiagnoseRequest {
  namespace?: string;
  /** with name: one object (any spelling discovery knows: deploy, pods, pvc…) */
  kind?: string;
  name?: string;
  /** analyzer names, case-insensitive; ["all"] = every analyzer */
  analyzers?: string[];
}

export interface ResolvedScope {
  namespace?: string;
  resource?: ObjectRef;
  analyzers?: string[];
}

/** A request that names something wrong: which argument, and the close matches when there are any. */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly field: 'namespace' | 'kind' | 'name' | 'analyzers',
    readonly suggestions: string[] = [],
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

const ANALYZER_NAMES = ANALYZERS.map((a) => a.name);

/** Checks analyzer names without the cluster; undefined when none were given. */
export function checkAnalyzers(names: string[] | undefined): string[] | undefined {
  const given = (names ?? []).map((n) => n.trim()).filter(Boolean);
  if (!given.length) return undefined;
  const { unknown } = selectAnalyzers(given);
  if (unknown.length) {
    const hints = unknown.flatMap((u) => closeMatches(u, ANALYZER_NAMES, 2));
    throw new RequestError(
      `unknown analyzer ${unknown.map((n) => `"${n}"`).join(', ')}${didYouMean([...new Set(hints)])} (known: ${ANALYZER_NAMES.join(', ')}, all)`,
      'analyzers',
      hints,
    );
  }
  return given;
}

/** Names of `kind` in `namespace` for a hint; none when listing is not allowed or fails. */
async function namesOf(conn: KubeConnection, kind: string, namespace: string | undefined): Promise<string[]> {
  try {
    const r = await list(conn, { kind, ...(namespace ? { namespace } : {}), limit: 500 });
    return r.items.map((o) => o.metadata?.name ?? '').filter(Boolean);
  } catch {
    return [];
  }
}

function notFound(err: unknown): boolean {
  return err instanceof KubeError && err.status === 404;
}

async function checkNamespace(conn: KubeConnection, namespace: string): Promise<void> {
  try {
    await get(conn, { kind: 'Namespace', name: namespace });
  } catch (err) {
    // A user allowed into one namespace may not read Namespace objects; the collector finds out soon enough.
    if (!notFound(err)) return;
    const hints = closeMatches(namespace, await namesOf(conn, 'Namespace', undefined));
    throw new RequestError(`namespace "${namespace}" does not exist${didYouMean(hints)}`, 'namespace', hints);
  }
}

/** Validates and resolves a request against the cluster; throws RequestError (or KubeError for bad kinds). */
export async function resolveScope(conn: KubeConnection, req: DiagnoseRequest): Promise<ResolvedScope> {
  const analyzers = checkAnalyzers(req.analyzers);
  const kind = req.kind?.trim();
  const name = req.name?.trim();
  if (Boolean(kind) !== Boolean(name))
    throw new RequestError('kind and name: give both to diagnose one object, or neither', kind ? 'name' : 'kind');
  const namespace = req.namespace?.trim() || undefined;
  const out: ResolvedScope = analyzers ? { analyzers } : {};
  if (!kind || !name) {
    if (namespace) await checkNamespace(conn, namespace);
    return namespace ? { ...out, namespace } : out;
  }
  const resource = await canonicalRef(conn, { kind, name, namespace });
  try {
    await get(conn, resource);
  } catch (err) {
    if (!notFound(err)) throw err;
    if (resource.namespace && resource.namespace === namespace) await checkNamespace(conn, resource.namespace);
    const hints = closeMatches(resource.name, await namesOf(conn, resource.kind, resource.namespace));
    const where = resource.namespace ? ` in namespace ${resource.namespace}` : '';
    throw new RequestError(`${resource.kind} "${resource.name}" not found${where}${didYouMean(hints)}`, 'name', hints);
  }
  return { ...out, resource, ...(resource.namespace ? { namespace: resource.namespace } : {}) };
}
