/**
 * The kubelet's volume and sandbox failures on a pod stuck in ContainerCreating:
 *   FailedMount        "MountVolume.SetUp failed for volume \"nfs-data\" : mount failed: exit status 32\nMounting
 *                      command: mount\nMounting arguments: -t nfs 10.0.0.50:/exports/data /var/lib/kubelet/…\nOutput:
 *                      mount.nfs: Connection timed out" (pkg/volume/util/operationexecutor, mount-utils)
 *                      "MountVolume.MountDevice failed for volume \"pvc-1\" : rpc error: code = Internal desc = …"
 *   FailedAttachVolume "AttachVolume.Attach failed for volume \"pvc-1\" : rpc error: code = Internal desc = Could not
 *                      attach volume \"vol-0abc\" to node \"i-0123\": …"
 *   FailedCreatePodSandBox "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for
 *                      sandbox \"4f2a…\": plugin type=\"calico\" failed (add): <the plugin's error>"
 * The generic "Unable to attach or mount volumes: unmounted volumes=[data] …: timed out waiting for the condition"
 * only says which volumes wait.
 */

export interface MountFailure {
  stage: 'mount' | 'attach' | 'timeout' | 'other';
  /** the pod volume or PV name the kubelet quotes */
  volume?: string;
  /** "nfs", "cifs", "ceph"… from "Mounting arguments: -t nfs" */
  fsType?: string;
  /** "10.0.0.50:/exports/data": the remote source of a network filesystem */
  source?: string;
  server?: string;
  /** the mount command's or the CSI driver's own words: "mount.nfs: Connection timed out" */
  error?: string;
  /** unmounted volumes of the timeout message */
  waiting?: string[];
}

/** Unescaped quotes; event messages are short, a longer one is cut so the patterns stay linear in practice. */
function unquote(s: string): string {
  return s.slice(0, 8192).replace(/\\"/g, '"');
}

/** Drivers wrap their own error in the same words twice ("Could not attach X: could not attach X: Limit…"). */
function dedupe(text: string): string {
  const pieces = text.split(': ');
  return pieces.filter((p, i) => !pieces.slice(i + 1).some((q) => q.toLowerCase() === p.toLowerCase())).join(': ');
}

export function parseMountFailure(message: string): MountFailure {
  const msg = unquote((message ?? '').trim());
  const timeout = /unmounted volumes=\[([^\]]*)\]/.exec(msg);
  if (timeout && /timed out waiting for the condition|context deadline exceeded/i.test(msg))
    return { stage: 'timeout', waiting: timeout[1].split(/\s+/).filter(Boolean) };
  const head =
    /^(MountVolume\.\w+|AttachVolume\.Attach|MapVolume\.\w+|UnmountVolume\.\w+) failed for volume "([^"]+)"/.exec(msg);
  const stage: MountFailure['stage'] = !head ? 'other' : head[1].startsWith('AttachVolume') ? 'attach' : 'mount';
  const out: MountFailure = { stage, ...(head ? { volume: head[2] } : {}) };
  const args = /Mounting arguments: (.*)/.exec(msg)?.[1];
  if (args) {
    const t = /-t (\S+)/.exec(args)?.[1];
    if (t) out.fsType = t;
    const src = /(?:^|\s)((?:\/\/)?[\w.-]+(?::\d+)?:?\/[^\s]*)\s+\/var\/lib\/kubelet/.exec(args)?.[1];
    if (src) {
      out.source = src;
      out.server = /^(?:\/\/)?([\w.-]+)/.exec(src)?.[1];
    }
  }
  const output = /Output: ([\s\S]*)$/.exec(msg)?.[1]?.trim();
  const desc = msg.lastIndexOf('desc = ');
  const error = output || (desc >= 0 ? msg.slice(desc + 7) : head ? msg.slice(msg.indexOf(' : ') + 3) : msg);
  out.error = dedupe(error.split('\n')[0].trim()).slice(0, 240);
  return out;
}

export interface SandboxFailure {
  /** the CNI plugin that failed: "calico", "aws-cni", "flannel" */
  plugin?: string;
  /** its own words, after "failed (add): " */
  error: string;
  /** the node's pod CIDR is used up ("no IP addresses available in range set") */
  ipExhausted?: boolean;
  /** the plugin binary is missing ("failed to find plugin \"flannel\" in path [/opt/cni/bin]") */
  missingPlugin?: boolean;
}

export function parseSandboxFailure(message: string): SandboxFailure {
  const msg = unquote((message ?? '').trim());
  const plugin =
    /plugin type="([\w.-]+)"/.exec(msg)?.[1] ??
    /failed to find plugin "([\w.-]+)"/.exec(msg)?.[1] ??
    /networkPlugin (\w+) failed/.exec(msg)?.[1];
  const added = /failed \((?:add|delete|check)\): ([\s\S]*)$/.exec(msg)?.[1];
  const desc = msg.lastIndexOf('desc = ');
  const error = (added ?? (desc >= 0 ? msg.slice(desc + 7) : msg)).trim().slice(0, 240);
  return {
    ...(plugin ? { plugin } : {}),
    error,
    ...(/no IP addresses available in range set|failed to allocate for range|ipam.*exhausted/i.test(msg)
      ? { ipExhausted: true }
      : {}),
    ...(/failed to find plugin "[^"]+" in path/.test(msg) ? { missingPlugin: true } : {}),
  };
}
