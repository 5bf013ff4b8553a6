/**
 * The kubelet's and runc's words when a container cannot be set up before its process runs:
 * - kuberuntime verifyRunAsNonRoot: "container has runAsNonRoot and image will run as root (pod: …, container: web)",
 *   "… image has non-numeric user (nginx), cannot verify user is non-root …", "container's runAsUser breaks non-root
 *   policy …";
 * - kubelet_pods.go makeMounts: "failed to prepare subPath for volumeMount \"logs\" of container \"app\"";
 * - runc mounting a subPath directory onto a file of the image: "error mounting \"…/volume-subpaths/conf/nginx/0\" to
 *   rootfs at \"/etc/nginx/nginx.conf\": … not a directory … Are you trying to mount a directory onto a file";
 * - containerd's CRI when an earlier CreateContainer for the same attempt is still in flight (a slow runtime or disk):
 *   "failed to reserve container name \"app_web-0_ns_<uid>_0\": name \"…\" is reserved for \"<id>\"".
 */
export type ContainerSetupFacts =
  | { code: 'RunAsNonRoot'; why: 'root' | 'non-numeric' | 'runAsUser'; user?: string }
  | { code: 'SubPathPrepare'; volume: string; container: string }
  | { code: 'MountTypeMismatch'; mountPath: string; volume?: string }
  | { code: 'NameReserved'; reservedFor: string };

export function parseContainerSetup(message: string): ContainerSetupFacts | undefined {
  const msg = message ?? '';
  if (/runAsNonRoot and image will run as root/i.test(msg)) return { code: 'RunAsNonRoot', why: 'root' };
  const nonNumeric = /runAsNonRoot and image has non-numeric user \(([^)]*)\)/i.exec(msg);
  if (nonNumeric) return { code: 'RunAsNonRoot', why: 'non-numeric', user: nonNumeric[1] };
  if (/runAsUser breaks non-root policy/i.test(msg)) return { code: 'RunAsNonRoot', why: 'runAsUser' };
  const reserved = /failed to reserve (?:container|sandbox) name "[^"]*": name "[^"]*" is reserved for "([^"]+)"/i.exec(
    msg,
  );
  if (reserved) return { code: 'NameReserved', reservedFor: reserved[1] };
  const sub = /failed to prepare subPath for volumeMount "([^"]+)" of container "([^"]+)"/i.exec(msg);
  if (sub) return { code: 'SubPathPrepare', volume: sub[1], container: sub[2] };
  if (/mount a directory onto a file|not a directory/i.test(msg)) {
    const at = /to rootfs at "([^"]+)"/i.exec(msg);
    // kubelet's subpath bind source: /var/lib/kubelet/pods/<uid>/volume-subpaths/<volume>/<container>/<index>
    const volume = /volume-subpaths\/([^/"\s]+)\//.exec(msg)?.[1];
    if (at) return { code: 'MountTypeMismatch', mountPath: at[1], ...(volume ? { volume } : {}) };
  }
  return undefined;
}
