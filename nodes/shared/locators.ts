/**
 * Resource locators for a kind, a namespace and a node: pick from what the cluster serves (search) or type a
 * name. Shared by the Kubernetes and Kubernetes Action nodes, whose `methods.listSearch` expose the searches.
 */
import {
  NodeOperationError,
  type IExecuteFunctions,
  type ILoadOptionsFunctions,
  type INodeListSearchItems,
  type INodeListSearchResult,
  type INodeProperties,
} from 'n8n-workflow';
import { discover, KubeError, list, nodeStatus, type ResourceType } from '../../lib/kube';
import type { V1Node } from '@kubernetes/client-node';
import { searchAccess } from './access';
import { textOf, type Show } from './operation';

/** kubectl's spelling of a type, which lib/kube resolves back: `pods`, `deployments.apps`. */
export function kindValue(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

export function kindLocator(
  show: Show,
  opts: { displayName?: string; defaultKind?: string; description?: string } = {},
): INodeProperties {
  return {
    displayName: opts.displayName ?? 'Kind',
    name: 'kind',
    type: 'resourceLocator',
    default: { mode: 'list', value: opts.defaultKind ?? '' },
    required: true,
    description:
      opts.description ??
      'Resource kind: pick one the cluster serves, or type a kind, plural or short name (Deployment, deployments, deploy, apps/v1/Deployment, a CRD)',
    displayOptions: { show },
    modes: [
      {
        displayName: 'From List',
        name: 'list',
        type: 'list',
        typeOptions: { searchListMethod: 'searchKinds', searchable: true },
      },
      {
        displayName: 'By Name',
        name: 'name',
        type: 'string',
        placeholder: 'e.g. deployments, deploy, Pod, apps/v1/Deployment',
      },
    ],
  };
}

export function namespaceLocator(show: Show, description?: string): INodeProperties {
  return {
    displayName: 'Namespace',
    name: 'namespace',
    type: 'resourceLocator',
    default: { mode: 'list', value: '' },
    description:
      description ??
      "Namespace of the object; empty means the credential's default namespace. Ignored for cluster-scoped kinds.",
    displayOptions: { show },
    modes: [
      {
        displayName: 'From List',
        name: 'list',
        type: 'list',
        typeOptions: { searchListMethod: 'searchNamespaces', searchable: true },
      },
      {
        displayName: 'By Name',
        name: 'name',
        type: 'string',
        placeholder: 'e.g. default',
      },
    ],
  };
}

export function nodeLocator(show: Show): INodeProperties {
  return {
    displayName: 'Node',
    name: 'node',
    type: 'resourceLocator',
    default: { mode: 'list', value: '' },
    required: true,
    description: 'The cluster node (machine) to change',
    displayOptions: { show },
    modes: [
      {
        displayName: 'From List',
        name: 'list',
        type: 'list',
        typeOptions: { searchListMethod: 'searchNodes', searchable: true },
      },
      {
        displayName: 'By Name',
        name: 'name',
        type: 'string',
        placeholder: 'e.g. node-1',
      },
    ],
  };
}

/** The value of a locator (or of a plain string, for parameters set by expressions), trimmed; '' when unset. */
export function locatorValue(ctx: IExecuteFunctions, name: string, i: number): string {
  const value = ctx.getNodeParameter(name, i, '', { extractValue: true }) as unknown;
  return textOf(value).trim();
}

function matches(filter: string | undefined, ...texts: string[]): boolean {
  const f = filter?.trim().toLowerCase();
  return !f || texts.some((t) => t.toLowerCase().includes(f));
}

export async function searchKinds(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
  const { conn } = await searchAccess(this);
  const types = await searchCall(this, () => discover(conn));
  const results: INodeListSearchItems[] = types
    .filter(
      (t) => t.preferred && t.verbs.includes('get') && matches(filter, t.kind, t.plural, t.group, ...t.shortNames),
    )
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.group.localeCompare(b.group))
    .map((t) => ({
      name: `${t.kind} (${t.apiVersion})`,
      value: kindValue(t),
      description: [t.namespaced ? 'namespaced' : 'cluster-scoped', ...t.shortNames].join(', '),
    }));
  return { results };
}

export async function searchNamespaces(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
  const { conn } = await searchAccess(this);
  try {
    const res = await list(conn, { kind: { apiVersion: 'v1', kind: 'Namespace' }, allPages: true, maxItems: 2000 });
    const names = res.items.map((n) => n.metadata?.name ?? '').filter((n) => n && matches(filter, n));
    return { results: names.sort().map((n) => ({ name: n, value: n })) };
  } catch (err) {
    // a namespaced service account may not list namespaces: offer the one it works in
    if (err instanceof KubeError && err.status === 403) {
      return {
        results: [
          { name: `${conn.namespace} (credential default; listing namespaces is not allowed)`, value: conn.namespace },
        ],
      };
    }
    throw new NodeOperationError(this.getNode(), err instanceof Error ? err.message : String(err));
  }
}

export async function searchNodes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
  const { conn } = await searchAccess(this);
  const res = await searchCall(this, () =>
    list<V1Node>(conn, { kind: { apiVersion: 'v1', kind: 'Node' }, allPages: true, maxItems: 5000 }),
  );
  const results = res.items
    .filter((n) => matches(filter, n.metadata?.name ?? ''))
    .map((n) => ({ name: `${n.metadata?.name ?? ''} (${nodeStatus(n)})`, value: n.metadata?.name ?? '' }))
    .sort((a, b) => a.value.localeCompare(b.value));
  return { results };
}

async function searchCall<T>(ctx: ILoadOptionsFunctions, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new NodeOperationError(ctx.getNode(), err instanceof Error ? err.message : String(err));
  }
}
