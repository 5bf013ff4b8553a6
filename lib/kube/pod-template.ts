/** Where a kind keeps its pod spec: Pods directly, workloads under spec.template, CronJobs one level deeper. */
import type { KubernetesObject, V1PodSpec } from '@kubernetes/client-node';
import { KubeError } from './errors';

export function podSpecPath(obj: KubernetesObject): string[] {
  const o = obj as {
    kind?: string;
    spec?: { template?: { spec?: unknown }; jobTemplate?: { spec?: { template?: { spec?: unknown } } } };
  };
  if (o.kind === 'Pod') return ['spec'];
  if (o.spec?.template?.spec) return ['spec', 'template', 'spec'];
  if (o.spec?.jobTemplate?.spec?.template?.spec) return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  throw new KubeError(
    `${o.kind ?? 'this object'} has no pod template; this works on pods and workloads (deployments, statefulsets, daemonsets, replicasets, jobs, cronjobs)`,
    {
      reason: 'BadInput',
    },
  );
}

export function podSpecOf(obj: KubernetesObject): V1PodSpec {
  let node: unknown = obj;
  for (const key of podSpecPath(obj)) node = (node as Record<string, unknown>)[key];
  return node as V1PodSpec;
}

/** `{ a: { b: value } }` for path [a, b]: the body of a merge patch that sets one nested field. */
export function nest(path: string[], value: unknown): Record<string, unknown> {
  return path.reduceRight<Record<string, unknown>>(
    (inner, key) => ({ [key]: inner }),
    value as Record<string, unknown>,
  );
}
