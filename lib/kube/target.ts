/** An object named the way callers name it, resolved against discovery and the connection's default namespace. */
import { KubeError, type KubeErrorContext } from './errors';
import { validateName, validateNamespace } from './names';
import { resolveKind, type KindInput } from './resolve';
import type { KubeConnection } from './connect';
import type { ResourceType } from './discovery';

export interface ObjectRef {
  kind: KindInput;
  name: string;
  /** ignored for cluster-scoped kinds; defaults to the connection's namespace */
  namespace?: string;
}

export interface ResolvedRef {
  type: ResourceType;
  name: string;
  /** undefined for cluster-scoped kinds */
  namespace?: string;
}

export async function resolveRef(conn: KubeConnection, ref: ObjectRef): Promise<ResolvedRef> {
  if (typeof ref.name !== 'string' || !ref.name.trim())
    throw new KubeError('no object name given', { reason: 'BadInput' });
  const type = await resolveKind(conn, ref.kind);
  const name = validateName(ref.name.trim(), type.kind);
  return { type, name, namespace: namespaceFor(conn, type, ref.namespace) };
}

/** The object as the cluster names it: the served kind (pods → Pod, deploy → Deployment), a namespace only if namespaced. */
export async function canonicalRef(
  conn: KubeConnection,
  ref: ObjectRef,
): Promise<{ kind: string; name: string; namespace?: string }> {
  const { type, name, namespace } = await resolveRef(conn, ref);
  return namespace ? { kind: type.kind, namespace, name } : { kind: type.kind, name };
}

export function namespaceFor(
  conn: KubeConnection,
  type: ResourceType,
  namespace: string | undefined,
): string | undefined {
  if (!type.namespaced) return undefined;
  const ns = typeof namespace === 'string' ? namespace.trim() : '';
  return validateNamespace(ns || conn.namespace);
}

export function contextOf(ref: ResolvedRef, verb: string): KubeErrorContext {
  return { verb, kind: ref.type.kind, resource: ref.type.plural, namespace: ref.namespace, name: ref.name };
}

/** "Deployment shop/web" */
export function refText(ref: { type: ResourceType; name: string; namespace?: string }): string {
  return `${ref.type.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
