/**
 * The kubelet's eviction messages for a pod over its own local-storage limit (pkg/kubelet/eviction/helpers.go):
 * "Pod ephemeral local storage usage exceeds the total limit of containers 1Gi. ",
 * "Container app exceeded its local ephemeral storage limit \"500Mi\". ",
 * "Usage of EmptyDir volume \"cache\" exceeds the limit \"2Gi\". ".
 * These evictions happen on a healthy node: the pod's own limit is the cause, not node pressure.
 */
export interface StorageLimitEviction {
  scope: 'pod' | 'container' | 'emptyDir';
  /** the container (scope container) or the emptyDir volume (scope emptyDir) the kubelet named */
  container?: string;
  volume?: string;
  /** the limit as the kubelet quoted it */
  limit: string;
}

const POD = /ephemeral local storage usage exceeds the total limit of containers "?(\d+(?:\.\d+)?[A-Za-z]*)"?/i;
const CONTAINER = /Container ([\w.-]+) exceeded its local ephemeral storage limit "?(\d+(?:\.\d+)?[A-Za-z]*)"?/i;
const EMPTY_DIR = /Usage of EmptyDir volume "?([\w.-]+)"? exceeds the limit "?(\d+(?:\.\d+)?[A-Za-z]*)"?/i;

export function parseStorageLimitEviction(message: string): StorageLimitEviction | undefined {
  const c = CONTAINER.exec(message);
  if (c) return { scope: 'container', container: c[1], limit: c[2] };
  const e = EMPTY_DIR.exec(message);
  if (e) return { scope: 'emptyDir', volume: e[1], limit: e[2] };
  const p = POD.exec(message);
  if (p) return { scope: 'pod', limit: p[1] };
  return undefined;
}
