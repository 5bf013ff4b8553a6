/**
 * ConfigMap (k8sgpt parity, info only): unused, empty, oversized. Usage counts every pod template and live pod
 * (volumes, projected volumes, env, envFrom, init and sidecar containers) and a name passed on a command line.
 * System ConfigMaps (kube-root-ca.crt, leader-election locks, dashboards loaded by label) are never flagged.
 */
import { cause } from '../cause';
import type { V1ConfigMap, V1PodSpec } from '@kubernetes/client-node';
import { podSpecHolders } from '../pod-specs';
import { listRead } from '../ref-check';
import type { Analyzer, Finding } from '../types';
import { bytesText, nsFlag, ref } from '../util';

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);
/** Published into every namespace by controllers; consumed through projected service-account volumes. */
const SYSTEM_NAMES = new Set([
  'kube-root-ca.crt',
  'openshift-service-ca.crt',
  'istio-ca-root-cert',
  'linkerd-identity-trust-roots',
]);
/** Loaded by a sidecar or operator that watches labels, not by a pod reference. */
const LOADED_BY_LABEL = [
  'grafana_dashboard',
  'grafana_datasource',
  'grafana_alert',
  'prometheus_rule',
  'fluentd_config',
];
const SKIP_ANNOTATIONS = ['k8sgpt.ai/skip-usage-check', 'kube-aiops.io/skip-usage-check'];
const LIMIT = 1024 * 1024;

function isSystem(cm: V1ConfigMap): boolean {
  const md = cm.metadata ?? {};
  const labels = md.labels ?? {};
  const ann = md.annotations ?? {};
  return (
    SYSTEM_NAMES.has(md.name ?? '') ||
    (md.ownerReferences ?? []).length > 0 ||
    'control-plane.alpha.kubernetes.io/leader' in ann ||
    LOADED_BY_LABEL.some((l) => l in labels) ||
    labels['k8sgpt.ai/dynamically-loaded'] === 'true' ||
    labels.OWNER === 'TILLER'
  );
}

function refsIn(spec: V1PodSpec | undefined, out: Set<string>, args: string[]): void {
  if (!spec) return;
  for (const v of spec.volumes ?? []) {
    if (v.configMap?.name) out.add(v.configMap.name);
    for (const s of v.projected?.sources ?? []) if (s.configMap?.name) out.add(s.configMap.name);
  }
  // loops rather than spreads: this runs for every pod of the cluster
  for (const list of [spec.initContainers, spec.containers, spec.ephemeralContainers]) {
    if (!list) continue;
    for (const c of list) {
      if (c.env)
        for (const e of c.env) if (e.valueFrom?.configMapKeyRef?.name) out.add(e.valueFrom.configMapKeyRef.name);
      if (c.envFrom) for (const e of c.envFrom) if (e.configMapRef?.name) out.add(e.configMapRef.name);
      if (c.args) for (const a of c.args) args.push(a);
      if (c.command) for (const a of c.command) args.push(a);
    }
  }
}

export const configMapAnalyzer: Analyzer = {
  name: 'ConfigMap',
  default: true,
  analyze(ctx) {
    const s = ctx.snapshot;
    // every finding is about a ConfigMap: without any, the usage of templates and pods need not be gathered
    if (s.configMaps.length === 0) return [];
    const usageKnown = listRead(s, 'pods') && listRead(s, 'deployments');
    const used = new Map<string, Set<string>>();
    const args = new Map<string, string[]>();
    const bucket = (ns: string | undefined): [Set<string>, string[]] => {
      const k = ns ?? '';
      if (!used.has(k)) used.set(k, new Set());
      if (!args.has(k)) args.set(k, []);
      return [used.get(k) as Set<string>, args.get(k) as string[]];
    };
    for (const h of podSpecHolders(ctx)) refsIn(h.spec, ...bucket(h.ref.namespace));
    for (const p of s.pods) refsIn(p.spec, ...bucket(p.metadata?.namespace));
    const out: Finding[] = [];
    for (const cm of s.configMaps) {
      const ns = cm.metadata?.namespace;
      const name = cm.metadata?.name ?? '';
      if (SYSTEM_NAMESPACES.has(ns ?? '') || isSystem(cm)) continue;
      const cmRef = ref('ConfigMap', cm);
      const base = { analyzer: 'ConfigMap', kind: 'ConfigMap', namespace: ns, name };
      const keys = [...Object.keys(cm.data ?? {}), ...Object.keys(cm.binaryData ?? {})];
      const size =
        Object.values(cm.data ?? {}).reduce((n, v) => n + Buffer.byteLength(v), 0) +
        Object.values(cm.binaryData ?? {}).reduce((n, v) => n + Math.floor((v.length * 3) / 4), 0);
      if (keys.length === 0) {
        out.push({
          ...base,
          severity: 'info',
          reason: 'ConfigMapEmpty',
          message: `ConfigMap ${ns}/${name} has no data.`,
          evidence: [{ source: 'field', object: cmRef, text: 'data and binaryData are empty' }],
          rootCause: cause(cmRef, 'ConfigMapEmpty', {}),
          suggestion: 'Fill it or delete it.',
          commands: [`kubectl${nsFlag(ns)} get configmap ${name} -o yaml`],
        });
      }
      if (size > LIMIT) {
        out.push({
          ...base,
          severity: 'info',
          reason: 'ConfigMapTooLarge',
          message: `ConfigMap ${ns}/${name} holds ${bytesText(size)}, above the 1Mi a ConfigMap may hold; updates will be rejected.`,
          evidence: [{ source: 'field', object: cmRef, text: `${keys.length} keys, ${size} bytes` }],
          rootCause: cause(cmRef, 'ConfigMapTooLarge', { size: bytesText(size) }),
          suggestion: 'Split it or move the payload to a volume or object storage.',
          commands: [`kubectl${nsFlag(ns)} get configmap ${name} -o yaml | wc -c`],
        });
      }
      if (
        !usageKnown ||
        (cm.metadata?.annotations && SKIP_ANNOTATIONS.some((a) => cm.metadata?.annotations?.[a] === 'true'))
      )
        continue;
      const [refs, argv] = bucket(ns);
      if (refs.has(name) || argv.some((a) => a.includes(name))) continue;
      out.push({
        ...base,
        severity: 'info',
        reason: 'ConfigMapUnused',
        message: `ConfigMap ${ns}/${name} is not used by any pod or workload template in ${ns}.`,
        evidence: [{ source: 'field', object: cmRef, text: `keys: ${keys.slice(0, 5).join(', ') || 'none'}` }],
        rootCause: cause(cmRef, 'ConfigMapUnused', {}),
        suggestion:
          'Delete it if it is left over, or annotate it kube-aiops.io/skip-usage-check=true if something reads it through the API.',
        commands: [`kubectl${nsFlag(ns)} delete configmap ${name}`],
      });
    }
    return out;
  },
};
