/** kubectl top for pods and nodes, read from metrics.k8s.io (metrics-server). */
import type { V1Node } from '@kubernetes/client-node';
import { servesGroup } from './discovery';
import { KubeError } from './errors';
import { cpuMillicores, formatMemory, formatMillicores, memoryBytes } from './quantity';
import { listResolved } from './read';
import { resolveKind } from './resolve';
import { read } from './retry';
import { validateNamespace, validateSelector } from './names';
import type { KubeConnection } from './connect';

interface Usage {
  cpu?: string;
  memory?: string;
}
interface PodMetricsWire {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  containers?: { name: string; usage?: Usage }[];
}
interface NodeMetricsWire {
  metadata?: { name?: string };
  usage?: Usage;
}

export interface ContainerTop {
  name: string;
  cpuMillicores: number;
  memoryBytes: number;
}

export interface PodTop {
  namespace: string;
  name: string;
  cpuMillicores: number;
  memoryBytes: number;
  /** "250m" */
  cpu: string;
  /** "128Mi" */
  memory: string;
  containers: ContainerTop[];
}

export interface NodeTop {
  name: string;
  cpuMillicores: number;
  memoryBytes: number;
  cpu: string;
  memory: string;
  /** usage as a share of allocatable, when the node is known */
  cpuPercent?: number;
  memoryPercent?: number;
}

export interface TopOptions {
  namespace?: string;
  allNamespaces?: boolean;
  labelSelector?: string;
  sortBy?: 'cpu' | 'memory';
}

const METRICS_PATH = '/apis/metrics.k8s.io/v1beta1';

export async function topPods(conn: KubeConnection, opts: TopOptions = {}): Promise<PodTop[]> {
  await requireMetrics(conn);
  const ns = opts.allNamespaces ? '' : `/namespaces/${validateNamespace(opts.namespace || conn.namespace)}`;
  validateSelector('label', opts.labelSelector);
  const body = await metricsRead<{ items?: PodMetricsWire[] }>(conn, `${METRICS_PATH}${ns}/pods`, opts.labelSelector);
  const rows = (body.items ?? []).map((m): PodTop => {
    const containers = (m.containers ?? []).map((c) => ({
      name: c.name,
      cpuMillicores: cpuMillicores(c.usage?.cpu),
      memoryBytes: memoryBytes(c.usage?.memory),
    }));
    const cpu = containers.reduce((s, c) => s + c.cpuMillicores, 0);
    const mem = containers.reduce((s, c) => s + c.memoryBytes, 0);
    return {
      namespace: m.metadata?.namespace ?? '',
      name: m.metadata?.name ?? '',
      cpuMillicores: cpu,
      memoryBytes: mem,
      cpu: formatMillicores(cpu),
      memory: formatMemory(mem),
      containers,
    };
  });
  return sortRows(rows, opts.sortBy);
}

export async function topNodes(
  conn: KubeConnection,
  opts: { labelSelector?: string; sortBy?: 'cpu' | 'memory' } = {},
): Promise<NodeTop[]> {
  await requireMetrics(conn);
  const body = await metricsRead<{ items?: NodeMetricsWire[] }>(conn, `${METRICS_PATH}/nodes`, opts.labelSelector);
  const nodeType = await resolveKind(conn, { apiVersion: 'v1', kind: 'Node' });
  const nodes = (await listResolved<V1Node>(conn, nodeType, { labelSelector: opts.labelSelector, allPages: true }))
    .items;
  const rows = (body.items ?? []).map((m): NodeTop => {
    const cpu = cpuMillicores(m.usage?.cpu);
    const mem = memoryBytes(m.usage?.memory);
    const node = nodes.find((n) => n.metadata?.name === m.metadata?.name);
    const allocCpu = cpuMillicores(node?.status?.allocatable?.cpu);
    const allocMem = memoryBytes(node?.status?.allocatable?.memory);
    return {
      name: m.metadata?.name ?? '',
      cpuMillicores: cpu,
      memoryBytes: mem,
      cpu: formatMillicores(cpu),
      memory: formatMemory(mem),
      cpuPercent: allocCpu ? Math.round((cpu / allocCpu) * 100) : undefined,
      memoryPercent: allocMem ? Math.round((mem / allocMem) * 100) : undefined,
    };
  });
  return sortRows(rows, opts.sortBy);
}

async function requireMetrics(conn: KubeConnection): Promise<void> {
  if (!(await servesGroup(conn, 'metrics.k8s.io'))) {
    throw new KubeError('metrics.k8s.io is not served by this cluster; install metrics-server', {
      reason: 'MetricsUnavailable',
    });
  }
}

async function metricsRead<T>(conn: KubeConnection, path: string, labelSelector: string | undefined): Promise<T> {
  try {
    return (
      await read<T>(conn, {
        path,
        query: { labelSelector },
        context: { verb: 'read metrics', resource: 'metrics.k8s.io' },
      })
    ).body;
  } catch (err) {
    if (err instanceof KubeError && (err.status === 404 || err.status === 503)) {
      throw new KubeError(
        err.status === 404
          ? 'metrics.k8s.io is not served by this cluster; install metrics-server'
          : `metrics.k8s.io is registered but not answering (503); check that the metrics-server pod is running: ${err.apiMessage ?? ''}`.trim(),
        { status: err.status, reason: 'MetricsUnavailable', context: err.context },
      );
    }
    throw err;
  }
}

function sortRows<T extends { cpuMillicores: number; memoryBytes: number; name: string }>(
  rows: T[],
  by: 'cpu' | 'memory' | undefined,
): T[] {
  if (!by) return rows.sort((a, b) => a.name.localeCompare(b.name));
  return rows.sort((a, b) => (by === 'cpu' ? b.cpuMillicores - a.cpuMillicores : b.memoryBytes - a.memoryBytes));
}
