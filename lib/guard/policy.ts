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
/**
 * Kinds no write touches unless the policy's `allowKinds` names them: each one reads or grants more than the
 * change itself (Secret values, RBAC grants, admission hooks that see or rewrite every request, API takeover,
 * certificates signed by the cluster CA). A policy's own `deniedKinds` adds to this list; nothing replaces it.
 */
export const DEFAULT_DENIED_KINDS: readonly string[] = [
  'Secret',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'APIService',
  'CustomResourceDefinition',
  'CertificateSigningRequest',
];

/** Kinds where only some verbs are denied by default: deleting a Namespace or PV loses data, a Node is only cordoned. */
const DEFAULT_DENIED_VERBS: Record<string, { allowed: readonly WriteVerb[]; why: string }> = {
  namespace: {
    allowed: WRITE_VERBS.filter((v) => v !== 'delete'),
    why: 'deleting a Namespace deletes everything in it',
  },
  persistentvolume: {
    allowed: WRITE_VERBS.filter((v) => v !== 'delete'),
    why: 'deleting a PersistentVolume can lose its data',
  },
  node: { allowed: ['cordon', 'uncordon'], why: 'Nodes are only cordoned and uncordoned' },
};

/** What can lift an escalation refusal by name (`allowEscalation`); `all` lifts every one. */
export const ESCALATIONS = [
  'privileged',
  'allowPrivilegeEscalation',
  'hostPID',
  'hostNetwork',
  'hostIPC',
  'hostPath',
  'capabilities',
  'hostPorts',
  'procMount',
  'seccomp',
  'appArmor',
  'seLinux',
  'hostProcess',
  'sysctls',
  'podSecurity',
  'secretRefs',
  'serviceAccount',
  'externalIPs',
  'ingressSnippets',
] as const;
export type Escalation = (typeof ESCALATIONS)[number];
/** Escalations that are not a way out of the container, for the refusal sentence. */
const NOT_ESCAPES: readonly Escalation[] = [
  'secretRefs',
  'serviceAccount',
  'podSecurity',
  'externalIPs',
  'ingressSnippets',
];

export interface WritePolicy {
  mode: PolicyMode;
  /** verbs allowed; absent or empty = every verb */
  verbs?: WriteVerb[];
  /** namespaces writes may touch; absent or empty = every namespace that is not protected */
  namespaces?: string[];
  /** namespaces no write may touch, whatever `namespaces` says; absent = DEFAULT_PROTECTED_NAMESPACES, [] = none */
  protectedNamespaces?: string[];
  /** kinds no write may touch (kind, plural or `kind.group`, any case), in addition to DEFAULT_DENIED_KINDS */
  deniedKinds?: string[];
  /**
   * kinds lifted from the defaults on purpose (DEFAULT_DENIED_KINDS, and Namespace / PersistentVolume deletion and
   * Node changes): a kind in `deniedKinds` stays denied whatever this says
   */
  allowKinds?: string[];
  /** pod-spec escalations lifted on purpose (see ESCALATIONS), or `all` */
  allowEscalation?: string[];
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
  | { allowed: true; dryRun: boolean; note?: string; allowedBy?: string[] }
  | { allowed: false; dryRun: boolean; reason: string };

/** Settings as faces hold them: lists may be comma-separated strings (n8n fields, env vars, CLI flags). */
export interface PolicySettings {
  mode?: string;
  verbs?: string | string[];
  namespaces?: string | string[];
  protectedNamespaces?: string | string[];
  deniedKinds?: string | string[];
  allowKinds?: string | string[];
  allowEscalation?: string | string[];
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
  if (settings.allowKinds !== undefined) policy.allowKinds = splitList(settings.allowKinds);
  if (settings.allowEscalation !== undefined) {
    const lifted = splitList(settings.allowEscalation);
    const valid = [...ESCALATIONS, 'all'].map((e) => e.toLowerCase());
    const unknown = lifted.filter((e) => !valid.includes(e.toLowerCase()));
    if (unknown.length > 0)
      throw new Error(
        `unknown escalation ${unknown.map((e) => `"${e}"`).join(', ')}; valid: ${ESCALATIONS.join(', ')}, all`,
      );
    policy.allowEscalation = lifted;
  }
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
  const denied = policy.deniedKinds ?? [];
  if (denied.some((k) => sameKind(k, req.kind))) {
    return refuse(`writes to ${req.kind} are denied by the write policy (denied kinds: ${denied.join(', ')})`);
  }
  const lifted = (policy.allowKinds ?? []).some((k) => sameKind(k, req.kind));
  const allowedBy: string[] = [];
  if (DEFAULT_DENIED_KINDS.some((k) => sameKind(k, req.kind))) {
    if (!lifted)
      return refuse(
        `writes to ${req.kind} are denied by default (they can read secrets, grant permissions or take over the API); allow the kind by name to permit it`,
      );
    allowedBy.push(`kind ${req.kind}`);
  }
  const partial = DEFAULT_DENIED_VERBS[singular(req.kind)];
  if (partial && !partial.allowed.includes(req.verb)) {
    if (!lifted)
      return refuse(
        `${req.verb} of a ${req.kind} is denied by default: ${partial.why}; allow the kind by name to permit it`,
      );
    allowedBy.push(`${req.verb} of kind ${req.kind}`);
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
  const by = allowedBy.length > 0 ? { allowedBy } : {};
  if (policy.mode === 'dry-run') {
    return {
      allowed: true,
      dryRun: true,
      note: dryRun
        ? undefined
        : 'the write policy is in dry-run mode: the change was validated by the API server but not saved',
      ...by,
    };
  }
  return { allowed: true, dryRun, ...by };
}

/**
 * Checks the pod-spec escalations a write would add (found by lib/guard/escalation on the result) against the
 * policy's allow list. Returns the refusal sentence, or the escalations lifted on purpose.
 */
export function checkEscalations(
  policy: WritePolicy,
  req: WriteRequest,
  added: { escalation: Escalation; where: string }[],
): { refused?: string; allowedBy: string[] } {
  const lifted = (policy.allowEscalation ?? []).map((e) => e.toLowerCase());
  const refused = added.filter((a) => !lifted.includes('all') && !lifted.includes(a.escalation.toLowerCase()));
  if (refused.length > 0) {
    const list = (items: typeof refused) =>
      items
        .slice(0, 5)
        .map((a) => `${a.where} (${a.escalation})`)
        .join(', ');
    const groups = [
      ['it would let pods escape their container', refused.filter((a) => !NOT_ESCAPES.includes(a.escalation))],
      [
        'it would give pods a Secret or a ServiceAccount token they did not have (whoever picks their image or command can read it)',
        refused.filter((a) => a.escalation === 'secretRefs' || a.escalation === 'serviceAccount'),
      ],
      [
        'it would capture traffic the cluster sends to addresses it does not own',
        refused.filter((a) => a.escalation === 'externalIPs'),
      ],
      [
        'it would have the ingress controller run configuration it was given, with a token that reads every Secret',
        refused.filter((a) => a.escalation === 'ingressSnippets'),
      ],
      [
        'it would lower the Pod Security level the namespace enforces',
        refused.filter((a) => a.escalation === 'podSecurity'),
      ],
    ] as const;
    const why = groups
      .filter(([, items]) => items.length > 0)
      .map(([sentence, items]) => `${sentence}: ${list(items)}`)
      .join('; ');
    return {
      refused: `refused: ${describeRequest(req)} — ${why}; escalations are denied unless the write policy allows them by name`,
      allowedBy: [],
    };
  }
  return { allowedBy: added.map((a) => `escalation ${a.escalation} at ${a.where}`) };
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

/** The policy as one line for a start-up log: what is denied on top of the defaults and what is lifted on purpose. */
export function describePolicy(policy: WritePolicy): Record<string, unknown> {
  return {
    mode: policy.mode,
    verbs: policy.verbs?.length ? policy.verbs : 'all',
    deniedKinds: [
      ...DEFAULT_DENIED_KINDS.filter((k) => !(policy.allowKinds ?? []).some((a) => sameKind(a, k))),
      ...(policy.deniedKinds ?? []),
    ],
    allowKinds: policy.allowKinds ?? [],
    allowEscalation: policy.allowEscalation ?? [],
    protectedNamespaces: policy.protectedNamespaces ?? DEFAULT_PROTECTED_NAMESPACES,
    namespaces: policy.namespaces?.length ? policy.namespaces : 'all not protected',
  };
}
