/**
 * A process that rejects a configuration file mounted from a ConfigMap or Secret: CoreDNS's
 * "/etc/coredns/Corefile:7 - Error during parsing: Unknown directive 'forwrd'", nginx's
 * "[emerg] unknown directive "servr" in /etc/nginx/conf.d/default.conf:3", Prometheus's
 * "parsing YAML file /etc/prometheus/prometheus.yml: yaml: line 12: …". The log line names a path; the path lies
 * under one of the container's volumeMounts; that volume's ConfigMap (and the key the file comes from) is what to fix.
 */
import type { KubernetesObject, V1Pod, V1Volume, V1VolumeMount } from '@kubernetes/client-node';
import { lookup } from '../context';
import type { ObjectRef, Snapshot } from '../types';
import { clip, containerSpec } from '../util';
import { type FamilyCause, family } from './cause-data';

/** Lines that report a rejected configuration, not any line that mentions a file. */
const REJECTED =
  /error during parsing|parse error|parsing (?:yaml|json|toml)?\s*file|syntax error|unknown directive|invalid (?:config|configuration|directive|value)|unexpected|cannot unmarshal|did not find expected|\[emerg\]|line \d+/i;
const PATH = /(?<![\w.-])(\/[\w.@+-]+(?:\/[\w.@+-]+)*)(?::(\d+)(?!\d))?/g;

interface Source {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  key: string;
}

/** The ConfigMap or Secret key a file at `path` inside the container comes from, if a mount puts it there. */
function sourceOf(path: string, mounts: V1VolumeMount[], volumes: V1Volume[]): Source | undefined {
  for (const m of mounts) {
    const root = m.mountPath.replace(/\/+$/, '');
    const inside = path === root || path.startsWith(`${root}/`);
    if (!inside) continue;
    const rel = m.subPath ?? path.slice(root.length + 1);
    if (!rel) continue;
    const vol = volumes.find((v) => v.name === m.name);
    const fromItems = (items: { key: string; path: string }[] | undefined) =>
      items?.length ? items.find((i) => i.path === rel)?.key : rel.split('/')[0];
    if (vol?.configMap?.name) {
      const key = fromItems(vol.configMap.items);
      if (key) return { kind: 'ConfigMap', name: vol.configMap.name, key };
    }
    if (vol?.secret?.secretName) {
      const key = fromItems(vol.secret.items);
      if (key) return { kind: 'Secret', name: vol.secret.secretName, key };
    }
    for (const p of vol?.projected?.sources ?? []) {
      const cm = p.configMap;
      const key = cm?.name ? fromItems(cm.items) : undefined;
      if (cm?.name && key && (!cm.items?.length || cm.items.some((i) => i.path === rel)))
        return { kind: 'ConfigMap', name: cm.name, key };
    }
  }
  return undefined;
}

function hasKey(s: Snapshot, ns: string | undefined, src: Source): boolean {
  const obj = lookup<KubernetesObject & { data?: Record<string, string>; binaryData?: Record<string, string> }>(
    s,
    src.kind,
    ns,
    src.name,
  );
  // a source we cannot see (not listed, forbidden) is trusted; one we see must hold the key
  if (!obj) return !s[src.kind === 'ConfigMap' ? 'configMaps' : 'secrets'].length;
  return src.key in (obj.data ?? {}) || src.key in (obj.binaryData ?? {});
}

export function configFileCause(
  s: Snapshot,
  pod: V1Pod,
  specRef: ObjectRef,
  container: string,
): FamilyCause | undefined {
  const spec = containerSpec(pod, container);
  const mounts = spec?.volumeMounts ?? [];
  if (!mounts.length) return undefined;
  const ns = pod.metadata?.namespace;
  const l = s.logs[`${ns}/${pod.metadata?.name}/${container}`];
  for (const log of [l?.previous, l?.current]) {
    for (const raw of (log ?? '').split(/\r?\n/)) {
      const line = raw.trim();
      if (!line || !REJECTED.test(line)) continue;
      for (const m of line.matchAll(PATH)) {
        const src = sourceOf(m[1], mounts, pod.spec?.volumes ?? []);
        if (!src || !hasKey(s, ns, src)) continue;
        const lineNo = m[2] ?? /\bline (\d+)/i.exec(line)?.[1];
        const after = line
          .slice((m.index ?? 0) + m[0].length)
          .replace(/^[\s:,-]+/, '')
          .trim();
        const error = clip(after.length >= 8 ? after : line, 240);
        const object: ObjectRef = { kind: src.kind, namespace: ns, name: src.name };
        return family({
          object,
          code: 'ConfigFileRejected',
          facts: {
            container,
            file: m[1],
            source: src.kind,
            name: src.name,
            key: src.key,
            ...(lineNo ? { line: Number(lineNo) } : {}),
            error,
          },
          evidence: [
            {
              source: 'log',
              object: { kind: 'Pod', namespace: ns, name: pod.metadata?.name ?? '' },
              text: `[${container}] ${clip(line, 300)}`,
            },
          ],
          suggestion: `Fix key ${src.key} of ${src.kind} ${ns}/${src.name}${lineNo ? ` (line ${lineNo})` : ''}: ${specRef.kind} ${specRef.name} reads it as ${m[1]} and exits on it; the next restart picks up the corrected file.`,
          commands: [`kubectl get ${src.kind.toLowerCase()} ${src.name} -n ${ns} -o yaml`],
        });
      }
    }
  }
  return undefined;
}
