/**
 * The kubelet's own admission of a pod bound to its node (pkg/kubelet/lifecycle/predicate.go, the device and
 * topology managers, the node shutdown manager). A rejected pod is Failed with status.reason set to the predicate
 * and status.message "Pod was rejected: <message>"; the Warning event carries the same reason and message.
 *   OutOfcpu / OutOfmemory / OutOfpods / OutOf<extended>: "Node didn't have enough resource: cpu, requested: 2000,
 *     used: 3100, capacity: 4000"
 *   UnexpectedAdmissionError: "Allocate failed due to requested number of devices unavailable for nvidia.com/gpu.
 *     Requested: 1, Available: 0, which is unexpected"
 *   NodeAffinity / TaintToleration…: "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector"
 *   NodeShutdown (reason Terminated): "Pod was terminated in response to imminent node shutdown."
 */

export type AdmissionRejectCode =
  'NodeOutOfResource' | 'DeviceAllocationFailed' | 'NodePredicateFailed' | 'NodeShutdown' | 'KubeletRejected';

export interface AdmissionReject {
  code: AdmissionRejectCode;
  /** the resource the node ran out of: cpu, memory, pods, ephemeral-storage, nvidia.com/gpu */
  resource?: string;
  /** as the kubelet counts them: millicores for cpu, bytes for memory, devices or units otherwise */
  requested?: number;
  used?: number;
  capacity?: number;
  available?: number;
  /** the scheduler predicate the kubelet re-ran: NodeAffinity, TaintToleration, NodePorts… */
  predicate?: string;
  /** the message without the "Pod was rejected: " prefix */
  detail: string;
}

export function parseAdmissionReject(reason: string, message: string): AdmissionReject {
  // a longer message than the kubelet writes is cut so the patterns below stay linear in practice
  const detail = (message ?? '')
    .slice(0, 8192)
    .replace(/^\s*Pod was rejected:\s*/i, '')
    .trim();
  let m = /Node didn't have enough resource: ([\w./-]+), requested: (\d+), used: (\d+), capacity: (\d+)/i.exec(detail);
  if (m)
    return {
      code: 'NodeOutOfResource',
      resource: m[1],
      requested: Number(m[2]),
      used: Number(m[3]),
      capacity: Number(m[4]),
      detail,
    };
  m = /devices unavailable for ([\w./-]+)\. Requested: (\d+), Available: (\d+)/i.exec(detail);
  if (m)
    return {
      code: 'DeviceAllocationFailed',
      resource: m[1],
      requested: Number(m[2]),
      available: Number(m[3]),
      detail,
    };
  // another device-manager failure ("no healthy devices present", "cannot allocate unregistered device")
  m = /(?:Allocate failed|failed to allocate)[^]*?(?:for|resource) ([a-z0-9.-]+\/[\w.-]+)/i.exec(detail);
  if (m) return { code: 'DeviceAllocationFailed', resource: m[1], detail };
  if (/^OutOf/.test(reason)) return { code: 'NodeOutOfResource', resource: reason.slice(5), detail };
  m = /^Predicate (\w+) failed/i.exec(detail);
  if (m) return { code: 'NodePredicateFailed', predicate: m[1], detail };
  if (/imminent node shutdown|NodeShutdown/i.test(`${reason} ${detail}`)) return { code: 'NodeShutdown', detail };
  return { code: 'KubeletRejected', detail };
}

/** The kubelet's count of a resource in the units people write: 2000 (cpu) → "2000m", bytes → "6Gi". */
export function kubeletAmount(resource: string, n: number | undefined): string | undefined {
  if (n === undefined || !Number.isFinite(n)) return undefined;
  if (resource === 'cpu') return `${n}m`;
  if (resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-')) {
    for (const [unit, size] of [
      ['Gi', 2 ** 30],
      ['Mi', 2 ** 20],
      ['Ki', 2 ** 10],
    ] as const)
      if (n >= size) return `${Math.round((n / size) * 10) / 10}${unit}`;
  }
  return String(n);
}
