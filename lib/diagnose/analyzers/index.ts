/**
 * The analyzer registry. One analyzer per file in this folder, each exporting an `Analyzer`.
 * To add one: import it below and append it to ANALYZERS (keep one line per analyzer so parallel edits merge cleanly).
 * `default: true` analyzers run when no filter is given (k8sgpt's core set); optional ones run when named or in "all" mode.
 */
import type { Analyzer } from '../types';
import { cronJobAnalyzer } from './cronjob';
import { daemonSetAnalyzer } from './daemonset';
import { deploymentAnalyzer } from './deployment';
import { hpaAnalyzer } from './hpa';
import { jobAnalyzer } from './job';
import { logsAnalyzer } from './logs';
import { nodeAnalyzer } from './node';
import { pdbAnalyzer } from './pdb';
import { podAnalyzer } from './pod';
import { pvcAnalyzer } from './pvc';
import { replicaSetAnalyzer } from './replicaset';
import { statefulSetAnalyzer } from './statefulset';
import { storageAnalyzer } from './storage';
import { serviceAnalyzer } from './service';
import { ingressAnalyzer } from './ingress';
import { networkPolicyAnalyzer } from './network-policy';
import { validatingWebhookAnalyzer } from './validating-webhook';
import { mutatingWebhookAnalyzer } from './mutating-webhook';
import { configMapAnalyzer } from './configmap';
import { securityAnalyzer } from './security';
import { referencesAnalyzer } from './references';
import { probeAnalyzer } from './probe';
import { namespaceAnalyzer } from './namespace';
import { apiServiceAnalyzer } from './apiservice';
import { goneHookAnalyzer } from './gone-pod-hooks';

export const ANALYZERS: Analyzer[] = [
  // workloads, storage, nodes, autoscaling
  podAnalyzer,
  deploymentAnalyzer,
  replicaSetAnalyzer,
  statefulSetAnalyzer,
  daemonSetAnalyzer,
  jobAnalyzer,
  cronJobAnalyzer,
  pvcAnalyzer,
  nodeAnalyzer,
  hpaAnalyzer,
  pdbAnalyzer,
  storageAnalyzer,
  logsAnalyzer,
  // networking, admission, config, security
  serviceAnalyzer,
  ingressAnalyzer,
  networkPolicyAnalyzer,
  validatingWebhookAnalyzer,
  mutatingWebhookAnalyzer,
  configMapAnalyzer,
  securityAnalyzer,
  referencesAnalyzer,
  probeAnalyzer,
  namespaceAnalyzer,
  apiServiceAnalyzer,
  goneHookAnalyzer,
];

export const ANALYZERS_BY_NAME: ReadonlyMap<string, Analyzer> = new Map(ANALYZERS.map((a) => [a.name, a]));

/**
 * Resolves a filter to analyzers. No filter → the default set; ["all"] → every analyzer.
 * Names match case-insensitively; unknown names are returned separately so callers can warn about them.
 */
export function selectAnalyzers(names?: string[]): { analyzers: Analyzer[]; unknown: string[] } {
  if (!names || names.length === 0) return { analyzers: ANALYZERS.filter((a) => a.default), unknown: [] };
  if (names.some((n) => n.toLowerCase() === 'all')) return { analyzers: [...ANALYZERS], unknown: [] };
  const byLower = new Map(ANALYZERS.map((a) => [a.name.toLowerCase(), a]));
  const picked: Analyzer[] = [];
  const unknown: string[] = [];
  for (const n of names) {
    const a = byLower.get(n.toLowerCase());
    if (!a) unknown.push(n);
    else if (!picked.includes(a)) picked.push(a);
  }
  return { analyzers: picked, unknown };
}
