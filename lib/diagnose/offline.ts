/**
 * A Snapshot from objects already at hand (a `kubectl get -o yaml` dump, test fixtures), for diagnosing without a
 * cluster. Objects are sorted into lists by `kind`; List objects are unpacked; unknown kinds are ignored.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { emptySnapshot, SNAPSHOT_KINDS, type ObjectListKey } from './context';
import type { PodUsage, Snapshot } from './types';
import { cpuMillicores, quantity } from './util';

const LIST_OF_KIND = new Map<string, ObjectListKey>(
  Object.entries(SNAPSHOT_KINDS).map(([list, kind]) => [kind, list as ObjectListKey]),
);

interface MetricsObject extends KubernetesObject {
  containers?: { name: string; usage?: Record<string, string> }[];
  usage?: Record<string, string>;
}

export function snapshotFromObjects(objects: KubernetesObject[]): Snapshot {
  const s = emptySnapshot();
  const add = (o: KubernetesObject | null | undefined) => {
    if (!o || typeof o !== 'object') return;
    const kind = o.kind ?? '';
    if (kind.endsWith('List') && Array.isArray((o as { items?: unknown }).items)) {
      for (const item of (o as { items: KubernetesObject[] }).items) add(item);
      return;
    }
    if (kind === 'PodMetrics') {
      const m = o as MetricsObject;
      const u: PodUsage = {
        namespace: m.metadata?.namespace ?? '',
        name: m.metadata?.name ?? '',
        containers: (m.containers ?? []).map((c) => ({
          name: c.name,
          cpuMillicores: cpuMillicores(c.usage?.cpu) || 0,
          memoryBytes: quantity(c.usage?.memory) || 0,
        })),
      };
      s.podMetrics.push(u);
      return;
    }
    if (kind === 'NodeMetrics') {
      const m = o as MetricsObject;
      s.nodeMetrics.push({
        name: m.metadata?.name ?? '',
        cpuMillicores: cpuMillicores(m.usage?.cpu) || 0,
        memoryBytes: quantity(m.usage?.memory) || 0,
      });
      return;
    }
    const list = LIST_OF_KIND.get(kind);
    if (list) (s[list] as KubernetesObject[]).push(o);
  };
  for (const o of objects) add(o);
  return s;
}
