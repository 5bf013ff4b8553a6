/**
 * Pod (k8sgpt core parity, plus the chain): waiting reasons, terminations with exit codes and log lines, OOMKilled
 * with the memory limit and usage, Pending with the scheduler message followed to PVC/StorageClass/node facts,
 * readiness probe failures, evictions. One finding per failing container or pod-level problem.
 */
import { explainPod } from '../explain/pod';
import { findingFor } from '../finding';
import type { Analyzer, Finding } from '../types';

export const podAnalyzer: Analyzer = {
  name: 'Pod',
  default: true,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const pod of ctx.snapshot.pods) {
      for (const p of explainPod(ctx, pod)) out.push(findingFor(ctx, 'Pod', 'Pod', pod, p));
    }
    return out;
  },
};
