/**
 * lib/kube failures as n8n errors. The KubeError sentence is kept word for word: n8n would otherwise swap
 * messages that mention a socket code (ECONNRESET…) for its generic texts. Answers from the API server and
 * dead connections become NodeApiError; refusals by the write policy and bad input become NodeOperationError.
 */
import { NodeApiError, NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';
import { KubeError, PartialWriteError } from '../../lib/kube';
import { DEFAULT_DENIED_KINDS, DEFAULT_PROTECTED_NAMESPACES, type WritePolicy } from '../../lib/guard';
import type { ItemErrors } from './items';
import { toJson } from './json';

const CONNECTION_REASONS = new Set(['Unreachable', 'Timeout', 'TLS', 'Unauthorized']);

export function toNodeError(
  node: INode,
  err: unknown,
  itemIndex: number,
  policy?: WritePolicy,
): NodeApiError | NodeOperationError {
  if (err instanceof NodeApiError || err instanceof NodeOperationError) return err;
  if (err instanceof KubeError && (err.status !== undefined || CONNECTION_REASONS.has(err.reason ?? ''))) {
    const e = new NodeApiError(
      node,
      { message: err.message, reason: err.reason ?? null },
      {
        message: err.message,
        description:
          err.status !== undefined
            ? `The Kubernetes API answered ${err.status}${err.reason ? ` ${err.reason}` : ''}`
            : undefined,
        httpCode: err.status !== undefined ? String(err.status) : undefined,
        itemIndex,
      },
    );
    e.message = err.message;
    return e;
  }
  const message = err instanceof Error ? err.message : String(err);
  const description =
    err instanceof KubeError && err.reason === 'PolicyDenied' && policy ? describePolicy(policy) : undefined;
  const e = new NodeOperationError(node, message, { itemIndex, description });
  e.message = message;
  return e;
}

/** The error item an "On Error: Continue" run emits: the sentence, and for writes the audit record. */
export function errorJson(err: unknown, policy?: WritePolicy): IDataObject {
  const kube = err instanceof KubeError ? err : undefined;
  const out: IDataObject = { error: err instanceof Error ? err.message : String(err) };
  if (kube?.reason) out.reason = kube.reason;
  if (kube?.status !== undefined) out.status = kube.status;
  if (kube?.reason === 'PolicyDenied' && policy) out.allowed = describePolicy(policy);
  if (kube?.audit) out.audit = toJson(kube.audit);
  if (err instanceof PartialWriteError && err.results.length)
    out.written = err.results.map((r) => toJson({ message: r.message, audit: r.audit }));
  return out;
}

/** What the credential lets workflows change, in one sentence, for refusals. */
export function describePolicy(policy: WritePolicy): string {
  if (policy.mode === 'read-only') {
    return 'The Kubernetes API credential is read-only: it allows no changes, not even dry runs. Only its owner can change "Allowed Actions" to Dry-Run Only or Read-Write.';
  }
  const what = policy.mode === 'dry-run' ? 'dry runs only (changes are validated, never saved)' : 'changes';
  const verbs = policy.verbs?.length ? `actions ${policy.verbs.join(', ')}` : 'every action';
  const namespaces = policy.namespaces?.length ? `namespaces ${policy.namespaces.join(', ')}` : 'every namespace';
  const protectedNs = policy.protectedNamespaces ?? DEFAULT_PROTECTED_NAMESPACES;
  const lifted = (policy.allowKinds ?? []).map((k) => k.toLowerCase());
  const deniedKinds = [
    ...DEFAULT_DENIED_KINDS.filter((k) => !lifted.includes(k.toLowerCase())),
    ...(policy.deniedKinds ?? []),
  ];
  const except = [
    protectedNs.length ? `never in ${protectedNs.join(', ')}` : '',
    deniedKinds.length ? `never to ${deniedKinds.join(', ')}` : '',
    policy.allowEscalation?.length ? '' : 'no privileged or host-access pods',
    policy.namespaces?.length && !policy.allowClusterScoped ? 'no cluster-scoped objects' : '',
  ].filter(Boolean);
  return `The Kubernetes API credential allows ${what}: ${verbs} in ${namespaces}${except.length ? `; ${except.join('; ')}` : ''}. Only the credential's owner can change this.`;
}

/** How the Kubernetes nodes fail an item; `policy` is read when the error happens (the credential loads lazily). */
export function kubeItemErrors(node: INode, policy: () => WritePolicy | undefined = () => undefined): ItemErrors {
  return {
    json: (error) => errorJson(error, policy()),
    fail: (error, itemIndex) => toNodeError(node, error, itemIndex, policy()),
  };
}

/** An n8n error as is; anything else (a lib/ error) as a NodeOperationError naming the item. */
export function asNodeError(node: INode, err: unknown, itemIndex: number): NodeApiError | NodeOperationError {
  return err instanceof NodeApiError || err instanceof NodeOperationError
    ? err
    : new NodeOperationError(node, err instanceof Error ? err : String(err), { itemIndex });
}

/** How the nodes that do not talk to the cluster fail an item: `json` builds the "On Error: Continue" item. */
export function itemErrors(node: INode, json: (error: unknown) => IDataObject): ItemErrors {
  return { json, fail: (error, itemIndex) => asNodeError(node, error, itemIndex) };
}
