/**
 * A container the kubelet or runc cannot set up: runAsNonRoot against an image that runs as root, a subPath the
 * kubelet cannot prepare, a subPath of a ConfigMap/Secret volume naming a key that is not there (the kubelet then
 * mounts an empty directory where the image has a file), a container name the slow runtime still holds. Read from the message, the pod's mounts and the cluster.
 */
import type { V1Pod, V1VolumeMount } from '@kubernetes/client-node';
import { missingCause } from '../cause';
import { lookup } from '../context';
import { parseContainerSetup } from '../messages/container-setup';
import type { Evidence, ObjectRef, Snapshot } from '../types';
import { family, type FamilyCause } from './cause-data';
import { containerSpec } from '../util';

/** The key a subPath names in a ConfigMap/Secret volume without items, when that object lacks it. */
function missingKeyCause(s: Snapshot, pod: V1Pod, m: V1VolumeMount, evidence: Evidence): FamilyCause | undefined {
  const ns = pod.metadata?.namespace ?? '';
  const vol = pod.spec?.volumes?.find((v) => v.name === m.name);
  const key = m.subPath?.split('/')[0];
  if (!vol || !key) return undefined;
  const src = vol.configMap
    ? { kind: 'ConfigMap', name: vol.configMap.name ?? '', items: vol.configMap.items }
    : vol.secret
      ? { kind: 'Secret', name: vol.secret.secretName ?? '', items: vol.secret.items }
      : undefined;
  if (!src || src.items?.length) return undefined;
  const obj = lookup(s, src.kind, ns, src.name) as
    { data?: object; binaryData?: object; stringData?: object } | undefined;
  if (!obj) return undefined;
  const keys = [...Object.keys(obj.data ?? {}), ...Object.keys(obj.binaryData ?? {})];
  if (keys.includes(key)) return undefined;
  const target: ObjectRef = { kind: src.kind, name: src.name, namespace: ns };
  return {
    rootCause: missingCause(target, key, evidence),
    evidence: [
      evidence,
      {
        source: 'field',
        object: target,
        text: `${src.kind} ${src.name} has keys [${keys.join(', ')}]; volumeMount ${m.name} subPath=${m.subPath} at ${m.mountPath}`,
      },
    ],
    suggestion: `Add key "${key}" to ${src.kind} ${src.name}, or fix subPath of volumeMount ${m.name} (without the key the kubelet mounts an empty directory at ${m.mountPath}).`,
    commands: [`kubectl get ${src.kind.toLowerCase()} ${src.name} -n ${ns} -o yaml`],
  };
}

export function containerSetupCause(
  s: Snapshot,
  pod: V1Pod,
  specRef: ObjectRef,
  container: string,
  texts: (string | undefined)[],
): FamilyCause | undefined {
  const me: ObjectRef = { kind: 'Pod', name: pod.metadata?.name ?? '', namespace: pod.metadata?.namespace };
  const spec = containerSpec(pod, container);
  for (const text of texts) {
    if (!text) continue;
    const f = parseContainerSetup(text);
    if (!f) continue;
    const evidence: Evidence = { source: 'field', object: me, text: `[${container}] ${text.slice(0, 400)}` };
    if (f.code === 'RunAsNonRoot') {
      const sc = spec?.securityContext;
      const runAsUser = sc?.runAsUser ?? pod.spec?.securityContext?.runAsUser;
      return family({
        object: specRef,
        code: 'RunAsNonRootViolation',
        facts: { container, image: spec?.image ?? '', why: f.why, user: f.user, runAsUser },
        evidence: [evidence],
        suggestion:
          f.why === 'non-numeric'
            ? `The image's USER "${f.user}" is a name the kubelet cannot check: set securityContext.runAsUser to its numeric uid.`
            : 'Set securityContext.runAsUser to a non-zero uid the image supports, or use an image built with a non-root USER.',
        commands: [`docker inspect --format '{{.Config.User}}' ${spec?.image ?? ''}`],
      });
    }
    if (f.code === 'NameReserved') {
      // not the pod's fault: the runtime on its node has not finished the previous CreateContainer call
      const node = pod.spec?.nodeName;
      return family({
        object: node ? { kind: 'Node', name: node } : specRef,
        code: 'RuntimeNameReserved',
        facts: { container, node, reservedFor: f.reservedFor },
        evidence: [evidence],
        suggestion: `The container runtime on ${node ?? 'the node'} is too slow to create containers (disk I/O, overload, a stuck shim): check containerd's logs and the node's disk latency; the kubelet retries by itself once it catches up.`,
        commands: [...(node ? [`kubectl describe node ${node}`] : []), 'journalctl -u containerd --since -30m'],
      });
    }
    if (f.code === 'SubPathPrepare') {
      const m = spec?.volumeMounts?.find((v) => v.name === f.volume);
      const vol = pod.spec?.volumes?.find((v) => v.name === f.volume);
      const hostPath = vol?.hostPath?.path;
      return family({
        object: specRef,
        code: 'SubPathPrepareFailed',
        facts: {
          container,
          volume: f.volume,
          subPath: m?.subPath ?? m?.subPathExpr,
          mountPath: m?.mountPath,
          ...(hostPath ? { hostPath } : {}),
        },
        evidence: [evidence],
        suggestion: hostPath
          ? `Check ${hostPath}/${m?.subPath ?? ''} on the node: the kubelet refuses a subPath that is a symlink leaving the volume or that it cannot create (read-only, wrong type).`
          : `Check subPath "${m?.subPath ?? m?.subPathExpr ?? ''}" of volumeMount ${f.volume}: it must be a relative path inside the volume the kubelet can create (not a symlink out of it).`,
        commands: [`kubectl get pod ${me.name} -n ${me.namespace} -o jsonpath='{.spec.containers[*].volumeMounts}'`],
      });
    }
    const m =
      spec?.volumeMounts?.find((v) => v.mountPath === f.mountPath) ??
      spec?.volumeMounts?.find((v) => v.name === f.volume);
    if (m?.subPath) {
      const missing = missingKeyCause(s, pod, m, evidence);
      if (missing) return missing;
    }
    return family({
      object: specRef,
      code: 'MountTypeMismatch',
      facts: { container, mountPath: f.mountPath, volume: m?.name ?? f.volume, subPath: m?.subPath },
      evidence: [evidence],
      suggestion: `The image has a file at ${f.mountPath} and the mount brings a directory (or the reverse): point subPath at a file of the volume, or mount elsewhere.`,
      commands: [`kubectl get pod ${me.name} -n ${me.namespace} -o jsonpath='{.spec.containers[*].volumeMounts}'`],
    });
  }
  return undefined;
}
