/**
 * The write policy: which changes a face (n8n node, MCP bridge, CLI) may send to a cluster.
 * Pure and dependency-free so it can be checked before any request is built.
 */

export type PolicyMode = 'read-only' | 'dry-run' | 'read-write';

/**
 * Everything lib/kube can change. High-level verbs are listed on their own (allowing `patch` does not allow
 * `set-image`), so an on-call policy can allow `scale` and `restart` without allowing arbitrary patches.
 */
export const WRITE_VERBS = [
  'create',
  'apply',
  'update',
  'patch',
  'delete',
  'scale',
  'restart',
  'rollback',
  'set-image',
  'set-resources',
  'cordon',
  'uncordon',
  'evict',
] as const;
export type WriteVerb = (typeof WRITE_VERBS)[number];

export const DEFAULT_PROTECTED_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];
export const DEFAULT_DENIED_KINDS: readonly string[] = ['Secret', 'ClusterRoleBinding'];

export interface WritePolicy {
  mode: PolicyMode;
  /** verbs allowed; absent or empty = every verb */
  verbs?: WriteVerb[];
  /** namespaces writes may touch; absent or empty = every namespace that is not protected */
  namespaces?: string[];
  /** namespaces no write may touch, whatever `namespaces` says; absent = DEFAULT_PROTECTED_NAMESPACES, [] = none */
  protectedNamespaces?: string[];
  /** kinds no write may touch (kind, plural or `kind.group`, any case); absent = DEFAULT_DENIED_KINDS, [] = none */
  deniedKinds?: string[];
  /**
   * whether cluster-scoped objects (Node, Namespace, ClusterRole…) may be written while `namespaces` restricts
   * writes; without a namespace restriction they are always allowed. Default false.
   */
  allowClusterScoped?: boolean;
}

/** What a write is about to do; `namespace` is absent for cluster-scoped objects. */
export interface WriteRequest {
  verb: WriteVerb;
  kind: string;
  namespace?: string;
  name?: string;
  dryRun?: boolean;
}

export type WriteDecision =
  { allowed: true; dryRun: boolean; note?: string } | { allowed: false; dryRun: boolean; reason: string };

/** Settings as faces hold them: lists may be comma-separated strings (n8n fields, env vars, CLI flags). */
export interface PolicySettings {
  mode?: string;
  verbs?: string | string[];
  namespaces?: string | string[];
  protectedNamespaces?: string | string[];
  deniedKinds?: string | string[];
  allowClusterScoped?: boolean;
}

/** Builds a policy from loose settings; unknown modes or verbs throw a sentence naming the valid ones. */
export function parsePolicy(settings: PolicySettings = {}): WritePolicy {
  const mode = (settings.mode ?? 'read-write').trim() as PolicyMode;
  if (!['read-only', 'dry-run', 'read-write'].includes(mode)) {
    throw new Error(`unknown write policy mode "${settings.mode}"; use read-only, dry-run or read-write`);
  }
  const policy: WritePolicy = { mode };
  if (settings.verbs !== undefined) {
    const verbs = splitList(settings.verbs);
    const unknown = verbs.filter((v) => !(WRITE_VERBS as readonly string[]).includes(v));
    if (unknown.length > 0) {
      throw new Error(
        `unknown write verb ${unknown.map((v) => `"${v}"`).join(', ')}; valid verbs: ${WRITE_VERBS.join(', ')}`,
      );
    }
    policy.verbs = verbs as WriteVerb[];
  }
  if (settings.namespaces !== undefined) policy.namespaces = splitList(settings.namespaces);
  if (settings.protectedNamespaces !== undefined) policy.protectedNamespaces = splitList(settings.protectedNamespaces);
  if (settings.deniedKinds !== undefined) policy.deniedKinds = splitList(settings.deniedKinds);
  if (settings.allowClusterScoped !== undefined) policy.allowClusterScoped = settings.allowClusterScoped;
  return policy;
}

function splitList(value: string | string[]): string[] {
  const items = Array.isArray(value) ? value : value.split(/[,\s]+/);
  return items.map((v) => v.trim()).filter((v) => v.length > 0);
}

/** Checks one write against the policy. In `dry-run` mode an allowed write comes back with `dryRun: true`. */
export function checkWrite(policy: WritePolicy, req: WriteRequest): WriteDecision {
  const dryRun = req.dryRun === true;
  const what = describeRequest(req);
  const refuse = (why: string): WriteDecision => ({ allowed: false, dryRun, reason: `refused: ${what} — ${why}` });

  if (policy.mode === 'read-only') {
    return refuse(
      'the write policy is read-only, so no change (not even a dry run) is sent to the cluster; set the mode to dry-run or read-write to allow it',
    );
  }
  const verbs = policy.verbs ?? [];
  if (verbs.length > 0 && !verbs.includes(req.verb)) {
    return refuse(`the write policy allows only these actions: ${verbs.join(', ')}`);
  }
  const denied = policy.deniedKinds ?? DEFAULT_DENIED_KINDS;
  if (denied.some((k) => sameKind(k, req.kind))) {
    return refuse(`writes to ${req.kind} are denied by the write policy (denied kinds: ${denied.join(', ')})`);
  }
  const touched = touchedNamespace(req);
  const protectedNs = policy.protectedNamespaces ?? DEFAULT_PROTECTED_NAMESPACES;
  if (touched !== undefined && protectedNs.includes(touched)) {
    return refuse(`namespace ${touched} is protected by the write policy (protected: ${protectedNs.join(', ')})`);
  }
  const allowedNs = policy.namespaces ?? [];
  if (allowedNs.length > 0) {
    if (touched === undefined) {
      if (policy.allowClusterScoped !== true) {
        return refuse(
          `the write policy limits writes to namespaces ${allowedNs.join(', ')} and does not allow cluster-scoped objects`,
        );
      }
    } else if (!allowedNs.includes(touched)) {
      return refuse(`the write policy allows writes only in namespaces: ${allowedNs.join(', ')}`);
    }
  }
  if (policy.mode === 'dry-run') {
    return {
      allowed: true,
      dryRun: true,
      note: dryRun
        ? undefined
        : 'the write policy is in dry-run mode: the change was validated by the API server but not saved',
    };
  }
  return { allowed: true, dryRun };
}

/** A Namespace object guards itself: deleting namespace kube-system touches kube-system. */
function touchedNamespace(req: WriteRequest): string | undefined {
  if (req.kind.toLowerCase() === 'namespace' && req.name) return req.name;
  return req.namespace || undefined;
}

function describeRequest(req: WriteRequest): string {
  const target = req.name
    ? req.namespace
      ? `${req.namespace}/${req.name}`
      : req.name
    : req.namespace
      ? `in ${req.namespace}`
      : '';
  return `${req.verb}${req.dryRun ? ' (dry run)' : ''} ${req.kind}${target ? ` ${target}` : ''}`;
}

/** Compares a policy entry (Kind, plural, `kind.group`) with a kind; the group part of an entry is ignored. */
function sameKind(entry: string, kind: string): boolean {
  const base = entry.split('.')[0];
  return singular(base) === singular(kind);
}

function singular(word: string): string {
  const w = word.trim().toLowerCase();
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses') || w.endsWith('ches') || w.endsWith('shes') || w.endsWith('xes')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}
